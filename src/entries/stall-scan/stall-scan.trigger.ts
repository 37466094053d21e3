// The daily scheduled trigger: run the stall scan; if it cannot finish within this invocation, continue through
// the stall-scan queue (Forge async events).
import { getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import { newScan, runScan, type ScanState } from '../../use-cases/stall-scan.use-case';

export const SCAN_QUEUE = 'stall-scan-pages';

export async function continueScan(state: ScanState): Promise<void> {
  const remaining = await runScan(state, { remainingMs: () => getAppContext().invocationRemainingTimeInMillis() });
  if (remaining) await new Queue({ key: SCAN_QUEUE }).push([{ body: remaining }]);
}

export async function stallScan(): Promise<void> {
  await continueScan(newScan());
}
