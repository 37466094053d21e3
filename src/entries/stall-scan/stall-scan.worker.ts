// Consumer of the stall-scan queue: a page of the daily scan, the scan's listing continued, or a template rollout
// or record migration picked up where the previous invocation stopped.
// @forge/events 3 sends the v2 event: the consumer is a plain function receiving an AsyncEvent ({ body, jobId, … }).
import { getAppContext } from '@forge/api';
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { ProductError } from '../../adapters/errors';
import { legacyScanStateSchema, scanPage, scanPageSchema, scanRunSchema } from '../../use-cases/stall-scan.use-case';
import { templateRolloutSchema } from '../../use-cases/seed-workstreams.use-case';
import { continueTemplateRollout } from '../settings/template-rollout';
import { continueScan, freshRun } from './stall-scan.trigger';
import { migrationStateSchema } from '../../use-cases/record-migration.use-case';
import { continueMigration } from '../installed/upgraded.trigger';

/** A page that failed as a whole (Jira or storage unavailable) is delivered again after this long. */
const PAGE_RETRY_SECONDS = 60;

export async function stallScanWorker(event: AsyncEvent): Promise<InvocationError | void> {
  const rollout = templateRolloutSchema.safeParse(event?.body);
  if (rollout.success) return continueTemplateRollout(rollout.data);
  const migration = migrationStateSchema.safeParse(event?.body);
  if (migration.success) return continueMigration(migration.data);
  const page = scanPageSchema.safeParse(event?.body);
  if (page.success) return scanOnePage(page.data);
  const run = scanRunSchema.safeParse(event?.body);
  if (run.success) return retrying(`The stall scan's listing (run ${run.data.runId})`, () => continueScan(run.data));
  const legacy = legacyScanStateSchema.safeParse(event?.body);
  if (legacy.success)
    return retrying(`The stall scan of ${legacy.data.day}`, () =>
      continueScan(freshRun(legacy.data.day, legacy.data.reminders ?? false)),
    );
  console.error(`Dropping a malformed stall-scan message (job ${String(event?.jobId)})`, page.error.issues[0]);
}

/**
 * One page. Out of time, or failed as a whole, it asks Forge to deliver it again: what it did is done and is not
 * done twice (mirror writes read back, reminders claimed), so the next delivery goes on from there.
 */
async function scanOnePage(page: Parameters<typeof scanPage>[0]): Promise<InvocationError | void> {
  return retrying(`Stall scan page ${page.index} of run ${page.runId}`, async () => {
    const outcome = await scanPage(page, { remainingMs: () => getAppContext().invocationRemainingTimeInMillis() });
    if (!outcome.done)
      return new InvocationError({ retryAfter: 1, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  });
}

/**
 * Runs a piece of the scan; if it fails as a whole, asks Forge to deliver the message again (the listing pushes the
 * same pages again, which changes nothing: a page's partial is written under its index).
 */
async function retrying(what: string, work: () => Promise<InvocationError | void>): Promise<InvocationError | void> {
  try {
    return await work();
  } catch (error) {
    console.error(`${what} failed; Forge delivers it again:`, error);
    const after = error instanceof ProductError ? (error.retryAfterSeconds ?? PAGE_RETRY_SECONDS) : PAGE_RETRY_SECONDS;
    return new InvocationError({
      retryAfter: after,
      retryReason:
        error instanceof ProductError && error.status === 429
          ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
          : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}
