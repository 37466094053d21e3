// avi:forge:upgraded:app: a new version may store what an older one kept in issue properties. Read every pilot
// now (which moves its record into app storage) rather than on each pilot's first read; continue through the
// work queue when the invocation runs short. Triggers can arrive twice: reading an already moved pilot is a no-op.
import { getAppContext } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { ProductError } from '../../adapters/errors';
import { enqueue } from '../../adapters/work-queue';
import { pushPortfolioJob } from '../../adapters/portfolio-queue';
import { today } from '../../adapters/clock';
import { migrateRecords, newMigration, type MigrationState } from '../../use-cases/record-migration.use-case';

export async function continueMigration(state: MigrationState): Promise<void> {
  const remaining = await migrateRecords(state, {
    remainingMs: () => getAppContext().invocationRemainingTimeInMillis(),
  });
  if (remaining) await enqueue(remaining);
}

export async function onUpgraded(): Promise<InvocationError | void> {
  try {
    await continueMigration(newMigration());
    // A version that brings the portfolio store fills it now rather than at the next daily scan.
    await pushPortfolioJob({ kind: 'portfolio-rebuild', day: today() });
  } catch (error) {
    if (error instanceof ProductError && (error.status === 401 || error.status === 403 || error.retryable)) {
      return new InvocationError({
        retryAfter: error.retryAfterSeconds ?? 60,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    throw error;
  }
}
