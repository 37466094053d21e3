// jira:workflowValidator (function variant) on the graduation transition. Forge passes the issue and the
// transition's from/to status ids; a pass is recorded against the status the pilot is about to enter.
import { z } from 'zod';
import { checkGraduation, type TransitionMove } from '../../use-cases/graduation-gate.use-case';

const statusRef = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String) });
const argsSchema = z.looseObject({
  issue: z.looseObject({ key: z.string().optional(), id: z.union([z.string(), z.number()]).optional() }),
  transition: z.looseObject({ from: statusRef.optional(), to: statusRef.optional() }).optional(),
});

export async function validateGate(args: unknown): Promise<{ result: boolean; errorMessage?: string }> {
  const parsed = argsSchema.safeParse(args);
  const issue = parsed.success
    ? (parsed.data.issue.key ?? (parsed.data.issue.id !== undefined ? String(parsed.data.issue.id) : undefined))
    : undefined;
  if (!issue)
    return {
      result: false,
      errorMessage: 'The graduation gate could not tell which issue is moving; nothing was changed.',
    };
  const to = parsed.success ? parsed.data.transition?.to?.id : undefined;
  const move: TransitionMove | null = to
    ? { toStatusId: to, fromStatusId: (parsed.success ? parsed.data.transition?.from?.id : undefined) ?? null }
    : null;
  try {
    return await checkGraduation(issue, move);
  } catch (error) {
    console.error('Graduation gate check failed', error);
    // Fail closed: a gate that cannot be checked (or whose pass cannot be recorded) must not wave a pilot through.
    return {
      result: false,
      errorMessage:
        'The graduation gate could not be checked just now (Jira or app storage did not answer). Nothing was changed; try the transition again in a minute.',
    };
  }
}
