// Consumer of the stall-scan queue: picks the scan up where the previous invocation stopped.
import Resolver from '@forge/resolver';
import { scanStateSchema } from '../../use-cases/stall-scan.use-case';
import { templateRolloutSchema } from '../../use-cases/seed-workstreams.use-case';
import { continueTemplateRollout } from '../settings/template-rollout';
import { continueScan } from './stall-scan.trigger';

const worker = new Resolver();
worker.define('scan-page', async ({ payload }) => {
  const rollout = templateRolloutSchema.safeParse(payload);
  if (rollout.success) return continueTemplateRollout(rollout.data);
  const state = scanStateSchema.safeParse(payload);
  if (!state.success) {
    console.error('Dropping a malformed stall-scan continuation', state.error.issues[0]);
    return;
  }
  await continueScan(state.data);
});
export const stallScanWorker = worker.getDefinitions();
