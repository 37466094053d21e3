// avi:jira:created:issue / avi:jira:updated:issue for AI Pilots (the manifest's filter): seed the workstream
// sub-tasks. Anything retryable goes back to Forge as an InvocationError so the platform retries later.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { ProductError } from '../../adapters/errors';
import { seedWorkstreams } from '../../use-cases/seed-workstreams.use-case';

const eventSchema = z.looseObject({
  eventType: z.string(),
  issue: z.looseObject({ id: z.string(), key: z.string().optional() }),
});

const BUSY_RETRY_SECONDS = 15;

export async function onPilotIssue(event: unknown): Promise<InvocationError | void> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    console.error('Ignoring an issue event without an issue id');
    return;
  }
  try {
    const outcome = await seedWorkstreams(parsed.data.issue.id);
    if (outcome.status === 'busy') {
      return new InvocationError({ retryAfter: BUSY_RETRY_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    if (outcome.status === 'partial') {
      console.warn(`Workstreams of ${parsed.data.issue.key ?? parsed.data.issue.id}: ${outcome.failed} not created (${outcome.messages.join('; ')}); retrying`);
      return new InvocationError({ retryAfter: BUSY_RETRY_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    if (outcome.status === 'not-set-up') console.warn(outcome.message);
  } catch (error) {
    if (error instanceof ProductError && error.retryable) {
      return new InvocationError({
        retryAfter: Math.max(1, error.retryAfterSeconds ?? 30),
        retryReason: error.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    throw error;
  }
}
