// avi:forge:installed:app: find the app's custom fields as this site numbers them, so the first panel save and
// the first seeding need no field lookup. The app user's grants arrive with eventual consistency, so a 401/403
// right after install is retried by Forge rather than treated as final.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { ProductError } from '../../adapters/errors';
import { fieldIds } from '../../adapters/jira/fields.api';
import { pushPortfolioJob } from '../../adapters/portfolio-queue';
import { today } from '../../adapters/clock';

export async function onInstalled(): Promise<InvocationError | void> {
  try {
    const ids = await fieldIds();
    console.log(`Pilot-to-Production installed: ${Object.keys(ids.app).length} custom fields found`);
    // Fill the portfolio store now (pilots may exist already on a reinstall) rather than at the first daily scan.
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
