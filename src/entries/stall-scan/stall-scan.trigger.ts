// The daily scheduled trigger: run the stall scan; if it cannot finish within this invocation, continue through
// the stall-scan queue (Forge async events).
import { getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import { enqueue } from '../../adapters/work-queue';
import { pushPortfolioJob } from '../../adapters/portfolio-queue';
import { today } from '../../adapters/clock';
import { finishPendingSeeding, unfinishedTemplateRollouts } from '../../use-cases/seed-workstreams.use-case';
import { newScan, runScan, type ScanState } from '../../use-cases/stall-scan.use-case';

export const SCAN_QUEUE = 'stall-scan-pages';

export async function continueScan(state: ScanState): Promise<void> {
  const remaining = await runScan(state, { remainingMs: () => getAppContext().invocationRemainingTimeInMillis() });
  if (remaining) await new Queue({ key: SCAN_QUEUE }).push([{ body: remaining }]);
}

/** Pilots whose workstreams are still missing after this long are seeded again by the daily run. */
const PENDING_SEED_MINUTES = 30;

export async function stallScan(): Promise<void> {
  // The portfolio store's daily repair: every pilot's row rewritten from the truth, stale rows swept, projects folded.
  await pushPortfolioJob({ kind: 'portfolio-rebuild', day: today() });
  const { seeded } = await finishPendingSeeding(new Date(Date.now() - PENDING_SEED_MINUTES * 60_000), 50);
  if (seeded) console.log(`Created the missing workstreams of ${seeded} pilot(s)`);
  for (const rollout of await unfinishedTemplateRollouts(new Date(), 20)) await enqueue(rollout);
  await continueScan(newScan());
}
