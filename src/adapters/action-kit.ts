// The one wrapper every `action` function goes through (Rovo agent actions and Jira Automation actions). Forge
// calls an action function as `(payload, context)`: the payload holds the inputs (and, for Rovo, a `context`
// object with the Atlassian app identifiers), the invocation context names the person (`principal.accountId`).
// Inputs are parsed with the schema built from the manifest's own declaration (contract/actions.ts); the caller
// is read from the invocation context only, never from an input (the docs warn that inputs come from a model).
import { ACTION_INPUTS, actionInputSchema, MAX_ANSWER_BYTES, type ActionKey } from '../contract/actions';
import type { z } from 'zod';
import { fail, type FieldIssue, type Result } from '../contract/envelope';
import { AppError } from './errors';
import { toFailure } from './resolver-kit';

export interface ActionCaller {
  accountId: string;
  /** The Atlassian app context Rovo adds to the payload (issue or page being viewed), when there is one. */
  productContext: Record<string, unknown> | null;
}

type Inputs<K extends ActionKey> = { [N in keyof (typeof ACTION_INPUTS)[K]]?: unknown };
type Handler<K extends ActionKey, T> = (inputs: Inputs<K>, caller: ActionCaller) => Promise<T>;

type Parsed<K extends ActionKey> =
  { ok: true; inputs: Inputs<K>; caller: ActionCaller } | { ok: false; failure: Result<never> };

function parse<K extends ActionKey>(key: K, payload: unknown, context: unknown): Parsed<K> {
  const record =
    typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : {};
  const { context: productContext, ...inputs } = record;
  const schema = actionInputSchema(ACTION_INPUTS[key]);
  const parsed = schema.safeParse(inputs);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeInputIssue);
    return {
      ok: false,
      failure: fail('VALIDATION_FAILED', `Nothing was done. ${issues.map((i) => i.message).join('; ')}.`, { issues }),
    };
  }
  const principal =
    typeof context === 'object' && context !== null
      ? (context as { principal?: { accountId?: unknown } }).principal
      : undefined;
  const accountId = typeof principal?.accountId === 'string' && principal.accountId ? principal.accountId : null;
  if (!accountId)
    return { ok: false, failure: fail('FORBIDDEN', 'This action runs only for a signed-in Atlassian user.') };
  const product =
    typeof productContext === 'object' && productContext !== null ? (productContext as Record<string, unknown>) : null;
  return { ok: true, inputs: parsed.data as Inputs<K>, caller: { accountId, productContext: product } };
}

/** Names the input as the manifest does, so the person (or the model) knows which one to fix. */
function describeInputIssue(issue: z.core.$ZodIssue): FieldIssue {
  if (issue.code === 'unrecognized_keys') {
    return {
      field: issue.keys.join(','),
      message: `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not inputs' : 'is not an input'} of this action`,
    };
  }
  const field = issue.path.map(String).join('.');
  return { field, message: issue.message };
}

async function run<T>(handler: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await handler() };
  } catch (error) {
    return toFailure(error);
  }
}

/**
 * A Rovo agent action: answers the envelope as JSON (Forge: "any string or JSON object"). An answer larger than
 * MAX_ANSWER_BYTES is refused as a whole rather than cut mid-record; the use cases cap their lists first and say so.
 */
export function defineAgentAction<K extends ActionKey, T>(key: K, handler: Handler<K, T>) {
  return async (payload: unknown, context: unknown): Promise<Result<T>> => {
    const parsed = parse(key, payload, context);
    if (!parsed.ok) return parsed.failure;
    const result = await run(() => handler(parsed.inputs, parsed.caller));
    const bytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
    if (bytes > MAX_ANSWER_BYTES) {
      return toFailure(
        new AppError(
          'VALIDATION_FAILED',
          `The answer would be ${Math.ceil(bytes / 1024)} KB, over the app's ${MAX_ANSWER_BYTES / 1024} KB cap; ask about fewer projects.`,
        ),
      );
    }
    return result;
  };
}

/**
 * A Jira Automation action: its outputs as a flat object (the manifest's `outputs`, read by Automation as smart
 * values), or `{ errors: [{ message }] }`, which Automation shows in the rule's audit log and stops the rule.
 */
export function defineAutomationAction<K extends ActionKey, T extends Record<string, string | number | boolean | null>>(
  key: K,
  handler: Handler<K, T>,
) {
  return async (payload: unknown, context: unknown): Promise<T | { errors: Array<{ message: string }> }> => {
    const parsed = parse(key, payload, context);
    const result = parsed.ok ? await run(() => handler(parsed.inputs, parsed.caller)) : parsed.failure;
    if (result.ok) return result.data;
    return { errors: [{ message: result.error.message }] };
  };
}

/** Reads a declared input more closely (project keys, an issue key); a bad value is refused naming the input. */
export function inputAs<T>(schema: z.ZodType<T>, name: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = `${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
  throw new AppError('VALIDATION_FAILED', `Nothing was done. ${message}.`, [{ field: name, message }]);
}
