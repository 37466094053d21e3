// Background work the app hands to itself through the one Forge queue it has (the stall-scan queue's consumer
// tells the kinds of message apart), so long jobs run a page per invocation inside the platform's limits.
import { Queue } from '@forge/events';

export const WORK_QUEUE = 'stall-scan-pages';

export async function enqueue(body: Record<string, unknown>): Promise<void> {
  await new Queue({ key: WORK_QUEUE }).push([{ body }]);
}
