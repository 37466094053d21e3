// The one way the app talks to Jira: requestJira as the user or as the app, every response parsed with a zod
// schema named after its endpoint, statuses turned into typed errors. 429 and 503 are retried in-process after
// Retry-After while the invocation has time left; beyond that the caller gets a ProductError to hand to Forge's
// retry mechanism.
import api, { getAppContext, type Route } from '@forge/api';
import type { z } from 'zod';
import { ProductError } from '../errors';

export type Actor = 'user' | 'app';

const MAX_ATTEMPTS = 4;
const MAX_WAIT_SECONDS = 10;
/** Time kept back for the work after the call, so a wait never runs an invocation into its limit. */
const SAFETY_MS = 5_000;

function remainingMs(): number {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export interface JiraRequest {
  as: Actor;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: Route;
  body?: unknown;
  /** Names the endpoint in errors, e.g. 'POST /rest/api/3/issue/bulk'. */
  endpoint: string;
}

/** For endpoints that answer with JSON: the body parsed with the endpoint's schema. */
export async function jiraJson<S extends z.ZodType>(req: JiraRequest, schema: S): Promise<z.infer<S>> {
  const text = await send(req);
  const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
  if (!parsed.success) {
    throw new ProductError(
      502,
      req.endpoint,
      [`unexpected response shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`],
      null,
    );
  }
  return parsed.data;
}

/** For endpoints that answer 204 No Content (or whose body the app does not need). */
export async function jiraVoid(req: JiraRequest): Promise<void> {
  await send(req);
}

async function send(req: JiraRequest): Promise<string> {
  const client = req.as === 'user' ? api.asUser() : api.asApp();
  for (let attempt = 1; ; attempt += 1) {
    const response = await client.requestJira(req.route, {
      method: req.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    });
    if (response.ok) return response.text();
    const error = new ProductError(response.status, req.endpoint, await errorMessages(response), retryAfter(response));
    const waitMs = (error.retryAfterSeconds ?? attempt) * 1000;
    // Wait in-process only when the invocation can afford it; otherwise Forge's own retry takes over.
    if (
      error.retryable &&
      attempt < MAX_ATTEMPTS &&
      waitMs <= MAX_WAIT_SECONDS * 1000 &&
      waitMs < remainingMs() - SAFETY_MS
    ) {
      await sleep(waitMs);
      continue;
    }
    throw error;
  }
}

function retryAfter(response: { headers: { get(name: string): string | null } }): number | null {
  const value = response.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

async function errorMessages(response: { text(): Promise<string> }): Promise<string[]> {
  const text = await response.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { errorMessages: list, errors } = body as { errorMessages?: unknown; errors?: unknown };
      const messages = Array.isArray(list) ? list.map(String) : [];
      if (errors && typeof errors === 'object')
        messages.push(...Object.entries(errors).map(([field, msg]) => `${field}: ${String(msg)}`));
      return messages;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text ? [text.slice(0, 300)] : [];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
