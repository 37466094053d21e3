// Consumer of the stall-scan queue: picks the scan (or a template rollout) up where the previous invocation stopped.
// @forge/events 3 sends the v2 event: the consumer is a plain function receiving an AsyncEvent ({ body, jobId, … }).
import type { AsyncEvent } from '@forge/events';
import { scanStateSchema } from '../../use-cases/stall-scan.use-case';
import { templateRolloutSchema } from '../../use-cases/seed-workstreams.use-case';
import { continueTemplateRollout } from '../settings/template-rollout';
import { continueScan } from './stall-scan.trigger';
import { migrationStateSchema } from '../../use-cases/record-migration.use-case';
import { continueMigration } from '../installed/upgraded.trigger';

export async function stallScanWorker(event: AsyncEvent): Promise<void> {
  const rollout = templateRolloutSchema.safeParse(event?.body);
  if (rollout.success) return continueTemplateRollout(rollout.data);
  const migration = migrationStateSchema.safeParse(event?.body);
  if (migration.success) return continueMigration(migration.data);
  const state = scanStateSchema.safeParse(event?.body);
  if (!state.success) {
    console.error(`Dropping a malformed stall-scan continuation (job ${String(event?.jobId)})`, state.error.issues[0]);
    return;
  }
  await continueScan(state.data);
}
