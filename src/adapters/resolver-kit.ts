// The one wrapper every resolver goes through: parse the payload with the contract, build the call context,
// run the use case, and answer with the envelope. Each Custom UI surface gets its own resolver function, so a
// surface can only reach the keys of its own map.
import Resolver from '@forge/resolver';
import { NeedsAuthenticationError } from '@forge/api';
import type { z } from 'zod';
import { describeIssues, fail, type Result } from '../contract/envelope';
import { AppError, ProductError } from './errors';

export interface CallContext {
  accountId: string;
  /** The raw Forge extension context: issue, project, macro config, depending on the module. */
  extension: Record<string, unknown>;
  localId: string | null;
}

type Handler<S extends z.ZodType> = (payload: z.infer<S>, context: CallContext) => Promise<unknown>;

export function defineSurface<M extends Record<string, z.ZodType>>(
  inputs: M,
  handlers: { [K in keyof M]: Handler<M[K]> },
): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const key of Object.keys(inputs) as (keyof M & string)[]) {
    register(resolver, key, inputs[key], handlers[key]);
  }
  return resolver.getDefinitions();
}

function register<S extends z.ZodType>(resolver: Resolver, key: string, schema: S, handler: Handler<S>): void {
  resolver.define(key, async ({ payload, context }) => {
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      return fail('VALIDATION_FAILED', issues.map((i) => i.message).join('; '), { issues });
    }
    const call = toCallContext(context);
    if (!call) return fail('FORBIDDEN', 'This action needs a signed-in Atlassian user.');
    try {
      return { ok: true, data: await handler(parsed.data, call) } satisfies Result<unknown>;
    } catch (error) {
      return toFailure(error);
    }
  });
}

function toCallContext(context: unknown): CallContext | null {
  if (typeof context !== 'object' || context === null) return null;
  const record = context as Record<string, unknown>;
  const accountId = typeof record.accountId === 'string' ? record.accountId : null;
  if (!accountId) return null;
  const extension =
    typeof record.extension === 'object' && record.extension !== null
      ? (record.extension as Record<string, unknown>)
      : {};
  return { accountId, extension, localId: typeof record.localId === 'string' ? record.localId : null };
}

export function toFailure(error: unknown): Result<never> {
  if (error instanceof AppError) {
    return fail(error.code, error.message, {
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.current !== undefined ? { current: error.current } : {}),
    });
  }
  // Forge itself answers this one: it shows the person an "Allow access" prompt and retries after consent.
  if (error instanceof NeedsAuthenticationError) throw error;
  if (error instanceof ProductError) {
    if (error.status === 429) {
      return fail('RATE_LIMITED', `Jira is busy; try again in ${error.retryAfterSeconds ?? 10} seconds.`);
    }
    if (error.status >= 500) return fail('UPSTREAM_UNAVAILABLE', 'Jira is not answering right now; try again shortly.');
    if (error.status === 401 || error.status === 403) {
      return fail('FORBIDDEN', error.messages[0] ?? 'Jira refused this for your account.');
    }
    if (error.status === 404) return fail('NOT_FOUND', error.messages[0] ?? 'Jira could not find it.');
    return fail('JIRA_REJECTED', error.messages.join(' ') || `Jira refused the request (${error.status}).`);
  }
  console.error('Unexpected resolver failure', error);
  return fail('INTERNAL', 'Something went wrong on our side; the change was not saved. Try again.');
}
