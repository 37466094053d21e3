// JQL search: GET/POST /search/jql (token paging) and POST /search/approximate-count.
import { createHash } from 'node:crypto';
import { route, ok, type Route, type Call } from './router';
import { badRequest } from './errors';
import { runJql } from './jql';
import { issueJson, selectFields } from './issue-render';
import { MAX_RECONCILE_ISSUES } from './search-index';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const DEFAULT_MAX_RESULTS = 50;
export const MAX_IDS_PER_PAGE = 5000;
export const MAX_FIELDS_PER_PAGE = 100;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields: string[];
  properties: string[];
  expand: string[];
  /** Issue ids whose latest state the results must reflect (read-after-write), at most 50. */
  reconcileIssues: unknown[];
}

const fingerprint = (jql: string): string => createHash('sha1').update(jql).digest('hex').slice(0, 12);

function encodeToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint(jql) })).toString('base64url');
}

function decodeToken(jql: string, token: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && t.q === fingerprint(jql)) return t.o;
  } catch {
    // fall through
  }
  throw badRequest('The provided next page token is invalid or does not belong to this query.');
}

function search(call: Call, input: SearchInput) {
  const { site, actor } = call;
  if (input.properties.length > 5) throw badRequest('A maximum of 5 issue properties can be requested.');
  const fields = selectFields(site, input.fields, 'none');
  const cap = fields.size === 0 ? MAX_IDS_PER_PAGE : MAX_FIELDS_PER_PAGE;
  const requested = input.maxResults ?? DEFAULT_MAX_RESULTS;
  if (requested < 0) throw badRequest("The 'maxResults' parameter must not be negative.");
  const pageSize = Math.min(requested, cap);
  const reconcile = reconcileSet(input.reconcileIssues);
  const all = runJql(site, actor, input.jql, reconcile);
  // Parent, sub-tasks and linked issues as search sees them too, not as they are now.
  const related = site.searchIndex.view(site.state.issues, reconcile);
  const offset = input.nextPageToken ? decodeToken(input.jql, input.nextPageToken) : 0;
  const page = all.slice(offset, offset + pageSize);
  const isLast = offset + page.length >= all.length || pageSize === 0;
  const names = input.expand.includes('names');
  const out: Obj = {
    issues: page.map((i) => {
      const json = issueJson(site, actor, i, { fields, properties: input.properties, related });
      return json;
    }),
    isLast,
  };
  if (names) out.names = Object.fromEntries([...fields].map((id) => [id, site.fields.get(id)?.name ?? id]));
  if (!isLast) out.nextPageToken = encodeToken(input.jql, offset + page.length);
  return ok(out);
}

function reconcileSet(ids: unknown[]): Set<string> {
  if (ids.length > MAX_RECONCILE_ISSUES) {
    throw badRequest(
      `The 'reconcileIssues' parameter accepts at most ${MAX_RECONCILE_ISSUES} issue IDs; ${ids.length} were given.`,
    );
  }
  const bad = ids.find((id) => !Number.isInteger(typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id));
  if (bad !== undefined)
    throw badRequest(`The 'reconcileIssues' parameter takes issue IDs (integers); '${String(bad)}' is not one.`);
  return new Set(ids.map(String));
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

export const searchRoutes: Route[] = [
  route('GET', '/rest/api/3/search/jql', (call) => {
    const { query } = call;
    const max = query.get('maxResults');
    return search(call, {
      jql: query.get('jql') ?? '',
      nextPageToken: query.get('nextPageToken'),
      maxResults: max === undefined ? undefined : query.int('maxResults', DEFAULT_MAX_RESULTS),
      fields: query.all('fields'),
      properties: query.list('properties'),
      expand: query.list('expand'),
      reconcileIssues: query.list('reconcileIssues'),
    });
  }),

  route('POST', '/rest/api/3/search/jql', (call) => {
    const b = isObj(call.body) ? call.body : {};
    return search(call, {
      jql: typeof b.jql === 'string' ? b.jql : '',
      nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
      maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
      fields: stringList(b.fields),
      properties: stringList(b.properties)
        .flatMap((p) => p.split(','))
        .map((p) => p.trim())
        .filter(Boolean),
      expand: typeof b.expand === 'string' ? b.expand.split(',').map((e) => e.trim()) : [],
      reconcileIssues: Array.isArray(b.reconcileIssues) ? b.reconcileIssues : [],
    });
  }),

  route('POST', '/rest/api/3/search/approximate-count', ({ site, actor, body }) => {
    const jql = isObj(body) && typeof body.jql === 'string' ? body.jql : '';
    return ok({ count: runJql(site, actor, jql).length });
  }),
];
