// avi:jira:created:issue / avi:jira:updated:issue for AI Pilots and sub-tasks (the manifest's filter). For a pilot:
// seed its workstream sub-tasks. For a sub-task someone moved: refresh its pilot's searchable fields (evidence
// score, stall); the event carries only Forge's documented issue fields (no `parent`), so the trigger asks Jira
// which pilot that is. Anything retryable goes back to Forge as an InvocationError so the platform retries later.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { isRetryableStorageError, ProductError } from '../../adapters/errors';
import { getIssue } from '../../adapters/jira/issues.api';
import { refreshPortfolioRows } from '../../adapters/portfolio-queue';
import { syncClosure } from '../../use-cases/pilot-closure.use-case';
import { refreshPilotFields } from '../../use-cases/refresh-pilot-fields.use-case';
import { markSeedingPending, seedWorkstreams } from '../../use-cases/seed-workstreams.use-case';

const issueTypeSchema = z.looseObject({ name: z.string().optional(), subtask: z.boolean().optional() });
const eventSchema = z.looseObject({
  eventType: z.string(),
  retryContext: z.looseObject({ retryCount: z.number() }).optional(),
  atlassianId: z.string().optional(),
  changelog: z
    .looseObject({
      items: z.array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional() })).optional(),
    })
    .optional(),
  issue: z.looseObject({
    id: z.string(),
    key: z.string().optional(),
    fields: z
      .looseObject({
        issueType: issueTypeSchema.optional(),
        issuetype: issueTypeSchema.optional(), // Forge's event docs spell it both ways
        status: z.looseObject({ statusCategory: z.looseObject({ key: z.string().optional() }).optional() }).optional(),
      })
      .optional(),
  }),
});

const BUSY_RETRY_SECONDS = 15;

/** The parent of a sub-task, read as the app (the event does not carry it); null when the issue is gone. */
async function parentOf(issueId: string): Promise<string | null> {
  try {
    const subtask = await getIssue('app', issueId, ['parent', 'issuetype']);
    return subtask.fields.issuetype?.subtask ? (subtask.fields.parent?.id ?? null) : null;
  } catch (error) {
    if (error instanceof ProductError && error.status === 404) return null;
    throw error;
  }
}

export async function onPilotIssue(event: unknown): Promise<InvocationError | void> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    console.error('Ignoring an issue event without an issue id');
    return;
  }
  const { issue } = parsed.data;
  try {
    if ((issue.fields?.issueType ?? issue.fields?.issuetype)?.subtask) {
      const parentId = await parentOf(issue.id);
      if (parentId) {
        await refreshPilotFields(parentId);
        await refreshPortfolioRows([parentId]);
      }
      return;
    }
    // Its summary, status or project may have changed: the portfolio row follows (idempotent, so a retry is harmless).
    await refreshPortfolioRows([issue.id]);
    if (movedIntoOrOutOfDone(parsed.data)) await syncClosure(issue.id, parsed.data.atlassianId ?? null);
    if (parsed.data.eventType === 'avi:jira:created:issue' && !parsed.data.retryContext)
      await markSeedingPending(issue.id);
    const outcome = await seedWorkstreams(issue.id);
    if (outcome.status === 'busy') {
      return new InvocationError({
        retryAfter: BUSY_RETRY_SECONDS,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    if (outcome.status === 'partial') {
      console.warn(
        `Workstreams of ${issue.key ?? issue.id}: ${outcome.failed} not created (${outcome.messages.join('; ')}); retrying`,
      );
      return new InvocationError({
        retryAfter: BUSY_RETRY_SECONDS,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    if (outcome.status === 'not-set-up') console.warn(outcome.message);
  } catch (error) {
    if (error instanceof ProductError && error.retryable) {
      return new InvocationError({
        retryAfter: Math.max(1, error.retryAfterSeconds ?? 30),
        retryReason:
          error.status === 429
            ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
            : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    if (isRetryableStorageError(error)) {
      // e.g. the write recording a bulk create failed: the retry finds those sub-tasks by their row ids.
      return new InvocationError({
        retryAfter: BUSY_RETRY_SECONDS,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    throw error;
  }
}

/**
 * A status change, or an issue event showing a done status: the closure record may need writing or clearing.
 * (syncClosure reads the issue's current status itself, so a late or repeated event cannot mislead it.)
 */
function movedIntoOrOutOfDone(event: z.infer<typeof eventSchema>): boolean {
  if (event.eventType !== 'avi:jira:updated:issue') return false;
  // The changelog says whether the status moved; only an event without one falls back to "is it done now".
  if (event.changelog) return (event.changelog.items ?? []).some((i) => i.fieldId === 'status' || i.field === 'status');
  return event.issue.fields?.status?.statusCategory?.key === 'done';
}
