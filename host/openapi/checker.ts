// Checks REST traffic against Atlassian's published OpenAPI documents (Jira platform v3 and Confluence v2) with
// ajv + ajv-formats over the documents' own schemas. Loading parses the JSON and indexes the operations; each
// operation's validators are compiled on first use and cached.
//
// (openapi-backend was measured too: it loads in ~0.15 s in quick mode, but its entry module requires the ESM-only
// @apidevtools/json-schema-ref-parser, which jest's CommonJS runtime cannot load on Node 20, so tests could not use it.)
import { readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { RestRequest, RestResponse } from '../jira/types';
import { SpecIndex } from './spec-index';

export interface RequestCheck {
  /** Operation id ('confluence:' prefix for Confluence operations), or null when no operation matches. */
  operationId: string | null;
  violations: string[];
}

export interface OpenApiChecker {
  checkRequest(req: Pick<RestRequest, 'method' | 'path' | 'headers' | 'body'>): RequestCheck;
  checkResponse(operationId: string, res: RestResponse): string[];
  /** The operation a request calls and the OAuth 2.0 scope sets it documents; null when no operation matches. */
  scopeSets(
    req: Pick<RestRequest, 'method' | 'path'>,
  ): { operationId: string; template: string; scopeSets: string[][] } | null;
  /** Milliseconds spent reading and indexing both documents. */
  readonly loadMs: number;
}

export interface SpecPaths {
  jira: string;
  confluence?: string;
}

const CONFLUENCE_ROOT = '/wiki/api/v2';
const CONFLUENCE_PREFIX = 'confluence:';

export const DEFAULT_SPEC_DIR = join(__dirname, '..', '..', 'tests', 'fixtures', 'specs');

function resolvePaths(spec: string | SpecPaths | undefined): SpecPaths {
  if (spec === undefined) return resolvePaths(DEFAULT_SPEC_DIR);
  if (typeof spec !== 'string') return spec;
  const isDir = statSync(spec).isDirectory();
  const dir = isDir ? spec : dirname(spec);
  return {
    jira: isDir ? join(dir, 'jira-platform-v3.openapi.json') : spec,
    confluence: join(dir, 'confluence-v2.openapi.json'),
  };
}

const load = (file: string, id: string): SpecIndex =>
  new SpecIndex(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, id);

/** '/a?x=1&x=2&y=3' → path and a query object (repeated parameters become arrays). */
export function splitRequestPath(raw: string): { path: string; query: Record<string, string | string[]> } {
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(q === -1 ? '' : raw.slice(q + 1))) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { path, query };
}

export function createOpenApiChecker(spec?: string | SpecPaths): OpenApiChecker {
  const started = Date.now();
  const paths = resolvePaths(spec);
  const jira = load(paths.jira, 'https://openapi.local/jira-platform-v3.json');
  const confluence = paths.confluence ? load(paths.confluence, 'https://openapi.local/confluence-v2.json') : undefined;
  const loadMs = Date.now() - started;

  function lookup(method: string, path: string) {
    const isConfluence = path === CONFLUENCE_ROOT || path.startsWith(`${CONFLUENCE_ROOT}/`);
    const index = isConfluence ? confluence : jira;
    const product = isConfluence ? 'Confluence v2' : 'Jira platform v3';
    const relative = isConfluence ? path.slice(CONFLUENCE_ROOT.length) || '/' : path;
    const found = index?.match(method.toLowerCase(), relative.replace(/(.)\/$/, '$1')) ?? null;
    const operationId = found ? `${isConfluence ? CONFLUENCE_PREFIX : ''}${found.op.operationId}` : null;
    return { index, product, found, operationId };
  }

  return {
    loadMs,

    checkRequest(req) {
      const { path, query } = splitRequestPath(req.path);
      const { index, product, found, operationId } = lookup(req.method, path);
      if (!index) return { operationId: null, violations: [`no ${product} OpenAPI document is loaded`] };
      if (!found || !operationId)
        return {
          operationId: null,
          violations: [`${req.method.toUpperCase()} ${path} is not an operation of the ${product} OpenAPI document`],
        };
      return { operationId, violations: index.checkRequest(found.op, found.params, query, req.body) };
    },

    scopeSets(req) {
      const { found, operationId } = lookup(req.method, splitRequestPath(req.path).path);
      return found && operationId ? { operationId, template: found.op.template, scopeSets: found.op.scopeSets } : null;
    },

    checkResponse(operationId, res) {
      const isConfluence = operationId.startsWith(CONFLUENCE_PREFIX);
      const index = isConfluence ? confluence : jira;
      const op = index?.operation(isConfluence ? operationId.slice(CONFLUENCE_PREFIX.length) : operationId);
      if (!index || !op) return [`unknown operation ${operationId}`];
      return index.checkResponse(op, res.status, res.body);
    },
  };
}
