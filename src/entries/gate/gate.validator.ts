// jira:workflowValidator (function variant) on the graduation transition.
import { z } from 'zod';
import { checkGraduation } from '../../use-cases/graduation-gate.use-case';

const argsSchema = z.looseObject({ issue: z.looseObject({ key: z.string().optional(), id: z.union([z.string(), z.number()]).optional() }) });

export async function validateGate(args: unknown): Promise<{ result: boolean; errorMessage?: string }> {
  const parsed = argsSchema.safeParse(args);
  const issue = parsed.success ? (parsed.data.issue.key ?? (parsed.data.issue.id !== undefined ? String(parsed.data.issue.id) : undefined)) : undefined;
  if (!issue) return { result: false, errorMessage: 'The graduation gate could not tell which issue is moving; nothing was changed.' };
  try {
    return await checkGraduation(issue);
  } catch (error) {
    console.error('Graduation gate check failed', error);
    // Fail closed: a gate that cannot be checked must not wave a pilot through.
    return { result: false, errorMessage: 'The graduation gate could not be checked just now (Jira did not answer). Try the transition again in a minute.' };
  }
}
