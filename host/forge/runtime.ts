// Installs the two globals the real Forge Node runtime provides (`__forge_runtime__`, `__forge_fetch__`), so
// unmodified @forge/api, @forge/kvs and @forge/events reach the in-process Jira, Confluence, KVS and queues.
import type { KvsStore } from '../kvs/kvs-store';
import type { Faults } from './faults';
import type { Latency, LatencyTarget } from './latency';
import type { Principal, RestRequest, RestResponse } from '../jira/types';
import { currentInvocation } from './invocation';

export type { Principal, RestRequest, RestResponse } from '../jira/types';

export interface ProductBackend {
  handle(req: RestRequest): Promise<RestResponse>;
}

export interface RuntimeDeps {
  jira: ProductBackend;
  confluence: ProductBackend;
  kvs: KvsStore;
  faults: Faults;
  /** The network delay every call through __forge_fetch__ waits (none when absent). */
  latency?: Latency;
  appId: string;
  environmentId: string;
  installationId: string;
  /** The manifest's permissions.scopes as they are now (tests change them between calls). */
  scopes: () => readonly string[];
  /** Whether this user has granted the app access to act as them (asUser). */
  hasConsent(accountId: string): boolean;
  /** Takes a push, or answers the refusal the platform would give (a limit exceeded). */
  onQueuePush(
    queueName: string,
    events: unknown[],
    push: { jobId?: string; schema?: string },
  ): { status: number; body: unknown } | null | void;
  /** POST /app/report-accounts (privacy.reportPersonalData), answered with the app's current scopes. */
  reportAccounts(body: unknown): { status: number; body: unknown };
  onKvsChange(): void;
}

export interface Target {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export const totals = { rest: 0, kvs: 0 };

export function installForgeGlobals(deps: RuntimeDeps): void {
  const g = globalThis as Record<string, unknown>;
  g.__forge_runtime__ = {
    get appContext() {
      const invocation = currentInvocation();
      return {
        appId: deps.appId,
        appVersion: '1.0.0',
        environmentId: deps.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: invocation?.id ?? 'host',
        installationId: deps.installationId,
        moduleKey: invocation?.moduleKey ?? 'host',
        license: { isActive: true },
        installation: { ari: `ari:cloud:ecosystem::installation/${deps.installationId}` },
        permissions: { scopes: [...deps.scopes()], external: {} },
      };
    },
    lambdaContext: {
      getRemainingTimeInMillis: () => {
        const invocation = currentInvocation();
        return invocation ? Math.max(0, invocation.startedAt + invocation.timeoutMs - invocation.now()) : 25_000;
      },
    },
    metrics: {
      counter: () => ({ incr: () => undefined }),
      timing: () => ({ measure: () => ({ stop: () => undefined }) }),
    },
    proxy: { token: 'local-host-token', url: 'http://localhost' },
    tracing: { traceId: 'local', spanId: 'local' },
  };
  g.__forge_fetch__ = (target: Target, path: string, init?: { method?: string; body?: unknown; headers?: unknown }) =>
    forgeFetch(deps, target, path, init);
}

async function forgeFetch(
  deps: RuntimeDeps,
  target: Target,
  path: string,
  init: { method?: string; body?: unknown; headers?: unknown } = {},
): Promise<Response> {
  const body = parseBody(init.body);
  const invocation = currentInvocation();
  // Every call leaves the function over the network, refusals and faults included: it waits the host's latency first.
  await deps.latency?.wait(latencyTarget(target, path));
  if (target.type === 'kvs') {
    totals.kvs += 1;
    if (invocation) invocation.stats.kvs += 1;
    // "Using the @forge/kvs package requires the storage:app scope" (Forge storage docs). The refusal's exact body is
    // not documented; this one is in the KVS error shape ({code, message}) so @forge/kvs raises it as an API error.
    if (!deps.scopes().includes('storage:app')) {
      return toResponse(
        403,
        {},
        {
          code: 'FORBIDDEN',
          message: 'The app does not have the storage:app scope required to use the Key-Value Store.',
        },
      );
    }
    const targeted = deps.faults.maybeFailTargeted('kvs', path, kvsKeys(body));
    if (targeted) return toResponse(targeted.status, targeted.headers, targeted.body);
    const result = deps.kvs.handle(path, body);
    if (result.status < 300 && /\/(set|delete|transaction|batch\/set|batch\/delete)$/.test(path)) deps.onKvsChange();
    return toResponse(result.status, {}, result.body);
  }
  if (target.remote === 'stargate' && path.startsWith('/webhook/queue/publish/')) {
    const request = body as { queueName: string; payload: unknown[]; jobId?: string; schema?: string };
    const refused = deps.faults.maybeFailTargeted('queue', request.queueName, []);
    if (refused) return toResponse(refused.status, refused.headers, refused.body);
    const limited = deps.onQueuePush(request.queueName, request.payload, {
      jobId: request.jobId,
      schema: request.schema,
    });
    if (limited) return toResponse(limited.status, {}, limited.body);
    return toResponse(201, {}, {});
  }
  if (
    target.remote === 'stargate' &&
    target.provider === 'app' &&
    path.replace(/\/$/, '') === '/app/report-accounts' &&
    (init.method ?? 'GET').toUpperCase() === 'POST'
  ) {
    const result = deps.reportAccounts(body);
    return toResponse(result.status, {}, result.body);
  }
  if (target.type === 'fpp' && (target.remote === 'jira' || target.remote === 'confluence')) {
    totals.rest += 1;
    if (invocation) {
      invocation.stats.rest += 1;
      invocation.stats.restByPath.push(`${init.method ?? 'GET'} ${path.split('?')[0]}`);
    }
    const userId = target.accountId ?? invocation?.accountId;
    if ((target.provider === 'user' || target.provider === 'none') && !userId) {
      return toResponse(
        401,
        { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
        { message: 'No user for asUser() in this invocation' },
      );
    }
    const principal: Principal =
      target.provider === 'app' ? { kind: 'app' } : { kind: 'user', accountId: userId ?? '', viaApp: true };
    if (principal.kind === 'user' && !deps.hasConsent(principal.accountId)) {
      return toResponse(
        401,
        { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
        { message: 'Authentication required' },
      );
    }
    const method = (init.method ?? 'GET').toUpperCase();
    await deps.faults.pass(method, path);
    const targeted = deps.faults.maybeFailTargeted('jira', `${method} ${path.split('?')[0]}`, [path]);
    if (targeted) return toResponse(targeted.status, targeted.headers, targeted.body);
    const fault = deps.faults.maybeFail();
    if (fault) return toResponse(fault.status, fault.headers, fault.body);
    const backend = target.remote === 'jira' ? deps.jira : deps.confluence;
    const result = await backend.handle({
      method: (init.method ?? 'GET').toUpperCase(),
      path,
      headers: headerRecord(init.headers),
      body,
      principal,
    });
    return toResponse(result.status, result.headers, result.body);
  }
  return toResponse(
    403,
    { 'forge-proxy-error': 'EGRESS_NOT_ALLOWED' },
    { message: `The local host does not reach ${target.type}/${target.remote}` },
  );
}

function latencyTarget(target: Target, path: string): LatencyTarget {
  if (target.type === 'kvs') return 'kvs';
  if (target.remote === 'stargate' && path.startsWith('/webhook/queue/publish/')) return 'queue';
  if (target.remote === 'jira' || target.remote === 'confluence') return target.remote;
  return 'other';
}

/** The keys a KVS request touches (get/set/delete, entities' too, batches and transactions with their checks). */
function kvsKeys(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const req = body as Record<string, unknown>;
  const keys: string[] = [];
  if (typeof req.key === 'string') keys.push(req.key);
  for (const list of [req.set, req.delete, req.check, req.keys, req.items, Array.isArray(body) ? body : undefined]) {
    if (Array.isArray(list))
      for (const item of list)
        if (item && typeof (item as { key?: unknown }).key === 'string') keys.push((item as { key: string }).key);
  }
  return keys;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return body === '' ? undefined : body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers as Array<[string, string]>);
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
}

export function toResponse(status: number, headers: Record<string, string>, body: unknown): Response {
  const noBody = status === 204 || status === 304 || body === undefined;
  return new Response(noBody ? null : JSON.stringify(body), {
    status,
    headers: { ...(noBody ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}
