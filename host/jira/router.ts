// Route table: method + path template ('/rest/api/3/issue/{issueIdOrKey}') → handler, with parsed query and body.
import type { Actor, Site } from './site';
import type { RestResponse } from './types';
import { badRequest } from './errors';

export class Query {
  constructor(private readonly params: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  /** Every value of a repeated parameter, each also split on commas. */
  list(name: string): string[] {
    return this.params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }

  /** Raw repeated values (no comma splitting). */
  all(name: string): string[] {
    return this.params.getAll(name);
  }

  int(name: string, fallback: number): number {
    const raw = this.get(name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw badRequest(`The '${name}' parameter must be an integer.`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.get(name);
    return raw === undefined ? fallback : raw === 'true';
  }
}

export interface Call {
  site: Site;
  actor: Actor;
  method: string;
  params: Record<string, string>;
  query: Query;
  body: unknown;
}

export type Handler = (call: Call) => Promise<RestResponse> | RestResponse;

export interface Route {
  method: string;
  template: string;
  handler: Handler;
}

export const route = (method: string, template: string, handler: Handler): Route => ({ method, template, handler });

export const json = (status: number, body: unknown): RestResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body,
});

export const ok = (body: unknown): RestResponse => json(200, body);

export const noContent = (): RestResponse => ({ status: 204, headers: {}, body: undefined });

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export type MatchResult = { kind: 'found'; match: Match } | { kind: 'wrong-method' } | { kind: 'none' };

function matchTemplate(template: string, path: string): Record<string, string> | null {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    const actual = p[i] as string;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (actual === '') return null;
      params[seg.slice(1, -1)] = decodeURIComponent(actual);
    } else if (seg !== actual) return null;
  }
  return params;
}

const literalCount = (template: string): number => template.split('/').filter((s) => s && !s.startsWith('{')).length;

export class Router {
  private readonly routes: Route[];

  constructor(routes: Route[]) {
    this.routes = [...routes].sort((a, b) => literalCount(b.template) - literalCount(a.template));
  }

  match(method: string, path: string): MatchResult {
    let pathMatched = false;
    for (const r of this.routes) {
      const params = matchTemplate(r.template, path);
      if (!params) continue;
      if (r.method === method) return { kind: 'found', match: { route: r, params } };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}

/** Splits '/a/b?x=1' into its path (trailing slash dropped) and query. */
export function splitPath(raw: string): { path: string; search: URLSearchParams } {
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).replace(/(.)\/+$/, '$1');
  return { path, search: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
}
