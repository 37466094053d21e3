// Consumer of the portfolio-rows queue: refreshes the rows of changed pilots, of a whole project (after its
// settings changed), or of every pilot (the first fill and the daily repair), continuing through the queue when an
// invocation's time runs low. Events can arrive twice or together: every job rewrites rows from the truth, so a
// repeat changes nothing more.
import { getAppContext } from '@forge/api';
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { isRetryableStorageError, ProductError } from '../../adapters/errors';
import { pushPortfolioJob } from '../../adapters/portfolio-queue';
import { drainPendingRefreshes, portfolioJobSchema, rebuildRows } from '../../use-cases/portfolio-store.use-case';

const RETRY_SECONDS = 30;

export async function portfolioRowsWorker(event: AsyncEvent): Promise<InvocationError | void> {
  const job = portfolioJobSchema.safeParse(event?.body);
  if (!job.success) {
    console.error(`Dropping a malformed portfolio job (job ${String(event?.jobId)})`, job.error.issues[0]);
    return;
  }
  try {
    if (job.data.kind === 'portfolio-pending') {
      const drained = await drainPendingRefreshes(() => getAppContext().invocationRemainingTimeInMillis());
      if (drained.retry)
        return new InvocationError({
          retryAfter: RETRY_SECONDS,
          retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        });
      if (drained.more) await pushPortfolioJob({ kind: 'portfolio-pending' });
      return;
    }
    const next = await rebuildRows(job.data, () => getAppContext().invocationRemainingTimeInMillis());
    if (next) await pushPortfolioJob(next);
  } catch (error) {
    // Jira 429/5xx or a storage 5xx: a job that throws is not retried, so ask Forge to deliver it again.
    if (error instanceof ProductError && error.retryable) {
      return new InvocationError({
        retryAfter: Math.min(900, Math.max(1, error.retryAfterSeconds ?? RETRY_SECONDS)),
        retryReason:
          error.status === 429
            ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
            : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    if (isRetryableStorageError(error))
      return new InvocationError({
        retryAfter: RETRY_SECONDS,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    throw error;
  }
}
