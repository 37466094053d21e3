// Template changes reach pilots in flight: one page of the project's pilots per queue event, continued on the
// queue until every pilot has been brought up to date.
import { getAppContext } from '@forge/api';
import { enqueue } from '../../adapters/work-queue';
import { runTemplateRollout, type TemplateRollout } from '../../use-cases/seed-workstreams.use-case';

export async function continueTemplateRollout(state: TemplateRollout): Promise<void> {
  const rest = await runTemplateRollout(state, {
    remainingMs: () => getAppContext().invocationRemainingTimeInMillis(),
  });
  if (rest) await enqueue(rest);
}
