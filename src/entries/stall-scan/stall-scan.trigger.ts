// The daily scheduled trigger: lists the pilots and pushes them to the stall-scan queue in pages, which Forge
// hands to several consumer invocations at once (stall-scan.worker.ts). If the listing itself cannot finish within
// this invocation, its continuation goes through the same queue.
import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { enqueue, enqueueAll } from '../../adapters/work-queue';
import { finishPendingSeeding, unfinishedTemplateRollouts } from '../../use-cases/seed-workstreams.use-case';
import { newScanRun, runScan, SCAN_CONCURRENCY, type ScanRun } from '../../use-cases/stall-scan.use-case';

export const SCAN_QUEUE = 'stall-scan-pages';

const budget = { remainingMs: () => getAppContext().invocationRemainingTimeInMillis() };

/** Every page shares one concurrency key, so at most SCAN_CONCURRENCY.limit of them run at once. */
const queue = { pushPages: (pages: Array<Record<string, unknown>>) => enqueueAll(pages, SCAN_CONCURRENCY) };

export async function continueScan(run: ScanRun): Promise<void> {
  const remaining = await runScan(run, budget, queue);
  if (remaining) await enqueue(remaining);
}

/** Pilots whose workstreams are still missing after this long are seeded again by the daily run. */
const PENDING_SEED_MINUTES = 30;

export async function stallScan(): Promise<void> {
  const { seeded } = await finishPendingSeeding(new Date(Date.now() - PENDING_SEED_MINUTES * 60_000), 50);
  if (seeded) console.log(`Created the missing workstreams of ${seeded} pilot(s)`);
  for (const rollout of await unfinishedTemplateRollouts(new Date(), 20)) await enqueue(rollout);
  await continueScan(newScanRun(randomUUID()));
}

/** A new run for a message that asks for one (a backfill of a past day, or a continuation of the older scan). */
export function freshRun(day: string, reminders: boolean, pageSize?: number): ScanRun {
  return newScanRun(randomUUID(), day, { reminders, ...(pageSize ? { pageSize } : {}) });
}
