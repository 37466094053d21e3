// One OpenAPI 3.0 document made checkable: operations indexed by method and path template, and ajv validators
// (compiled lazily, cached per operation) that $ref straight into the document, so nothing is dereferenced up front.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { tightenVacuousOneOfs } from './vacuous-one-of';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Obj;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  segments: string[];
  parameters: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  /** JSON pointer (without '#') of the request body object, following a components/requestBodies $ref. */
  requestBodyPointer: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  /**
   * The OAuth 2.0 scope sets of the operation (`x-atlassian-oauth2-scopes`: the classic set and the granular set;
   * without it, the OAuth2 entries of `security`). A caller needs every scope of at least one set; an empty set
   * means no scope is needed; no set at all means the operation is not open to OAuth 2.0 (so not to Forge apps).
   */
  scopeSets: string[][];
}

interface Compiled {
  path: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | null;
  responses: Map<string, ValidateFunction | null>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function formatAjvError(e: ErrorObject, prefix: string): string {
  const where = [prefix, ...e.instancePath.split('/').filter(Boolean)].join('.');
  const params = e.params as { additionalProperty?: string; allowedValues?: unknown; missingProperty?: string };
  const extra =
    e.keyword === 'additionalProperties'
      ? ` '${params.additionalProperty}'`
      : e.keyword === 'enum'
        ? ` ${JSON.stringify(params.allowedValues)}`
        : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

export class SpecIndex {
  private readonly operations: Operation[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly compiled = new Map<string, Compiled>();
  private readonly strictAjv: Ajv;
  private readonly coercingAjv: Ajv;

  constructor(
    private readonly doc: Obj,
    private readonly docId: string,
  ) {
    const options = { strict: false, allErrors: true, validateSchema: false, discriminator: false } as const;
    this.strictAjv = addFormats(new Ajv(options));
    this.coercingAjv = addFormats(new Ajv({ ...options, coerceTypes: 'array' }));
    tightenVacuousOneOfs(doc);
    this.strictAjv.addSchema(doc, docId);
    this.coercingAjv.addSchema(doc, docId);
    const paths = isObj(doc.paths) ? doc.paths : {};
    for (const [template, item] of Object.entries(paths)) {
      if (!isObj(item)) continue;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const method of METHODS) {
        const op = item[method];
        if (!isObj(op) || typeof op.operationId !== 'string') continue;
        const own = Array.isArray(op.parameters) ? op.parameters : [];
        const parameters = [...shared, ...own].map((p) => this.deref(p) as unknown as Parameter);
        const rawBody = op.requestBody;
        const requestBodyPointer =
          isObj(rawBody) && typeof rawBody.$ref === 'string'
            ? rawBody.$ref.replace(/^#\//, '')
            : `${pointer('paths', template, method)}/requestBody`;
        const entry: Operation = {
          operationId: op.operationId,
          method,
          template,
          segments: template.split('/'),
          parameters,
          requestBody: this.deref(op.requestBody) as Operation['requestBody'],
          requestBodyPointer,
          responses: (isObj(op.responses) ? op.responses : {}) as Operation['responses'],
          scopeSets: scopeSets(op),
        };
        this.operations.push(entry);
        this.byId.set(entry.operationId, entry);
      }
    }
    // Literal segments beat templated ones ('/issue/bulk' before '/issue/{issueIdOrKey}').
    this.operations.sort((a, b) => literalCount(b) - literalCount(a));
  }

  operation(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  /** The operation for method + path (path relative to the document's server root), with its path parameters. */
  match(method: string, path: string): { op: Operation; params: Record<string, string> } | null {
    const actual = path.split('/');
    for (const op of this.operations) {
      if (op.method !== method || op.segments.length !== actual.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < actual.length && ok; i++) {
        const seg = op.segments[i] as string;
        const got = actual[i] as string;
        if (seg.startsWith('{') && seg.endsWith('}')) {
          if (got === '') ok = false;
          else params[seg.slice(1, -1)] = safeDecode(got);
        } else ok = seg === got;
      }
      if (ok) return { op, params };
    }
    return null;
  }

  checkRequest(
    op: Operation,
    pathParams: Record<string, string>,
    query: Record<string, string | string[]>,
    body: unknown,
  ): string[] {
    const c = this.compile(op);
    const violations: string[] = [];
    const pathData: Obj = { ...pathParams };
    if (!c.path(pathData)) violations.push(...(c.path.errors ?? []).map((e) => formatAjvError(e, 'path')));
    const queryData: Obj = {};
    const known = new Set(op.parameters.filter((x) => x.in === 'query').map((x) => x.name));
    for (const name of Object.keys(query))
      if (!known.has(name)) violations.push(`query has unknown parameter '${name}'`);
    for (const p of op.parameters.filter((x) => x.in === 'query')) {
      const raw = query[p.name];
      if (raw === undefined) continue;
      const values = Array.isArray(raw) ? raw : [raw];
      queryData[p.name] = p.schema?.type === 'array' ? values.flatMap((v) => v.split(',')) : values[0];
    }
    if (!c.query(queryData)) violations.push(...(c.query.errors ?? []).map((e) => formatAjvError(e, 'query')));
    const content = op.requestBody?.content;
    if (body === undefined) {
      if (op.requestBody?.required) violations.push('body is required');
    } else if (!content) {
      violations.push('body given, but the operation takes none');
    } else if (c.body && !c.body(body)) {
      violations.push(...(c.body.errors ?? []).map((e) => formatAjvError(e, 'body')));
    }
    return violations;
  }

  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const code = String(status);
    const key = [code, `${code[0]}XX`, 'default'].find((k) => k in op.responses);
    if (key === undefined) {
      return status >= 200 && status < 300
        ? [`status ${code} is not documented (documented: ${Object.keys(op.responses).join(', ')})`]
        : [];
    }
    if (body === undefined) return [];
    const c = this.compile(op);
    if (!c.responses.has(key)) {
      const media = jsonMedia(op.responses[key]?.content);
      c.responses.set(
        key,
        media
          ? this.strictAjv.compile({
              $ref: `${this.docId}#/${pointer('paths', op.template, op.method, 'responses', key, 'content', media, 'schema')}`,
            })
          : null,
      );
    }
    const validate = c.responses.get(key);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map((e) => formatAjvError(e, 'body'));
  }

  private compile(op: Operation): Compiled {
    const cached = this.compiled.get(op.operationId);
    if (cached) return cached;
    const group = (where: 'path' | 'query') => {
      const ps = op.parameters.filter((p) => p.in === where);
      return this.coercingAjv.compile({
        type: 'object',
        properties: Object.fromEntries(ps.map((p) => [p.name, this.inline(p.schema ?? {})])),
        required: ps.filter((p) => p.required).map((p) => p.name),
      });
    };
    const media = jsonMedia(op.requestBody?.content);
    const compiled: Compiled = {
      path: group('path'),
      query: group('query'),
      body: media
        ? this.strictAjv.compile({ $ref: `${this.docId}#/${op.requestBodyPointer}/content/${pointer(media)}/schema` })
        : null,
      responses: new Map(),
    };
    this.compiled.set(op.operationId, compiled);
    return compiled;
  }

  /** Parameter schemas are copied into a wrapper schema, so their local $refs must point into the document. */
  private inline(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((s) => this.inline(s));
    if (!isObj(schema)) return schema;
    const out: Obj = {};
    for (const [k, v] of Object.entries(schema))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${this.docId}${v}` : this.inline(v);
    return out;
  }

  private deref(value: unknown): unknown {
    let v = value;
    for (let depth = 0; isObj(v) && typeof v.$ref === 'string' && depth < 10; depth++) {
      const ref = v.$ref as string;
      v = ref
        .replace(/^#\//, '')
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (isObj(node) ? node[key] : undefined), this.doc);
    }
    return v;
  }
}

function jsonMedia(content: Record<string, { schema?: unknown }> | undefined): string | undefined {
  if (!content) return undefined;
  return Object.keys(content).find(
    (m) => /^application\/([\w.+-]*\+)?json/.test(m) && content[m]?.schema !== undefined,
  );
}

/** The scope sets an operation documents: each `x-atlassian-oauth2-scopes` entry, else each OAuth2 `security` entry. */
function scopeSets(op: Obj): string[][] {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  const documented = op['x-atlassian-oauth2-scopes'];
  if (Array.isArray(documented)) return documented.filter(isObj).map((entry) => strings(entry.scopes));
  const security = Array.isArray(op.security) ? op.security.filter(isObj) : [];
  return security.flatMap((entry) =>
    ['OAuth2', 'oAuthDefinitions'].filter((k) => k in entry).map((k) => strings(entry[k])),
  );
}

const literalCount = (op: Operation): number => op.segments.filter((s) => s && !s.startsWith('{')).length;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
