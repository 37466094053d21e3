// Background work the app hands to itself through the one Forge queue it has (the stall-scan queue's consumer
// tells the kinds of message apart), so long jobs run a page per invocation inside the platform's limits.
import { Queue } from '@forge/events';

export const WORK_QUEUE = 'stall-scan-pages';

export async function enqueue(body: Record<string, unknown>): Promise<void> {
  await new Queue({ key: WORK_QUEUE }).push([{ body }]);
}

/** Forge: "A maximum of 50 events can be pushed per request, up to a maximum combined payload of 200 KB." */
export const MAX_EVENTS_PER_PUSH = 50;

/**
 * Pushes many messages, 50 a request, each delivered to its own consumer invocation; with `concurrency`, at most
 * `limit` of the events sharing its key run at once (counted per installation, across queues).
 */
export async function enqueueAll(
  bodies: Array<Record<string, unknown>>,
  concurrency?: { key: string; limit: number },
): Promise<void> {
  const queue = new Queue({ key: WORK_QUEUE });
  for (let i = 0; i < bodies.length; i += MAX_EVENTS_PER_PUSH) {
    await queue.push(
      bodies.slice(i, i + MAX_EVENTS_PER_PUSH).map((body) => ({ body, ...(concurrency ? { concurrency } : {}) })),
    );
  }
}
