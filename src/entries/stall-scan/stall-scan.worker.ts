// Consumer of the stall-scan queue: picks the scan up where the previous invocation stopped.
import Resolver from '@forge/resolver';
import { scanStateSchema } from '../../use-cases/stall-scan.use-case';
import { continueScan } from './stall-scan.trigger';

const worker = new Resolver();
worker.define('scan-page', async ({ payload }) => {
  const state = scanStateSchema.safeParse(payload);
  if (!state.success) {
    console.error('Dropping a malformed stall-scan continuation', state.error.issues[0]);
    return;
  }
  await continueScan(state.data);
});
export const stallScanWorker = worker.getDefinitions();
