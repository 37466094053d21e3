// Consumer of the portfolio-rows queue: refreshes the rows of changed pilots, of a whole project (after its
// settings changed), or of every pilot (the first fill and the daily repair), continuing through the queue when an
// invocation's time runs low. Events can arrive twice or together: every job rewrites rows from the truth, so a
// repeat changes nothing more.
import { getAppContext } from '@forge/api';
import type { AsyncEvent } from '@forge/events';
import { pushPortfolioJob } from '../../adapters/portfolio-queue';
import { portfolioJobSchema, rebuildRows, refreshPilots } from '../../use-cases/portfolio-store.use-case';

export async function portfolioRowsWorker(event: AsyncEvent): Promise<void> {
  const job = portfolioJobSchema.safeParse(event?.body);
  if (!job.success) {
    console.error(`Dropping a malformed portfolio job (job ${String(event?.jobId)})`, job.error.issues[0]);
    return;
  }
  if (job.data.kind === 'portfolio-pilots') {
    const outcome = await refreshPilots(job.data.issueIds);
    // The daily scan rewrites a row that could not be written now.
    if (outcome.failures.length) console.warn(`Portfolio rows not written: ${outcome.failures.join('; ')}`);
    return;
  }
  const next = await rebuildRows(job.data, () => getAppContext().invocationRemainingTimeInMillis());
  if (next) await pushPortfolioJob(next);
}
