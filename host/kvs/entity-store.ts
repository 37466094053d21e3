// The Forge Custom Entity Store of the local host: what @forge/kvs's `kvs.entity(name)` sends (POST
// /api/v1/entity/get|set|delete|query, and entity items inside /api/v1/transaction and /api/v1/batch/*), answered
// from the entities declared in manifest.yml (app.storage.entities), refusing what Forge documents it refuses.
// Sources (Forge docs, mirror/storage-reference/…): entities-manifest (types, names, indexes, limits), entities-api
// (value types), entities-api-query (partition, where, filters in memory, sort, limit 1-100, any => 422),
// entities-transactions (25 operations, unique keys, conditions), entities-batch (25 keys, duplicates fail all),
// handling-errors-customentities (error codes; "Each 400 Bad Request response will be accompanied by an error
// code"), limits-kvs-ce (key, 240 KiB, depth 31, 900/1700-byte index values, 100 conditions), entities (cursors:
// "You will have to use the same parameters as the initial query"). Where a document names no code, the code
// below says so where it is chosen.
import { createHmac, randomBytes } from 'node:crypto';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
export type EntityIndexDecl = string | { name: string; partition?: string[]; range?: string[] };
export interface EntityDecl {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: EntityIndexDecl[];
}
export interface EntityEntry {
  value: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}
/** Entity name => key => entry. Persisted with the rest of the host's KVS state. */
export type EntityState = Record<string, Record<string, EntityEntry>>;

export interface WireResponse {
  status: number;
  body: unknown;
}
interface Condition {
  property?: string;
  condition: string;
  values: unknown[];
}
interface Filters {
  and?: Condition[];
  or?: Condition[];
}
interface IndexRow {
  key: string;
  /** The index's range value (the key for by-key). */
  r: unknown;
  entry: EntityEntry;
  value: Record<string, unknown>;
}
interface ResolvedIndex {
  name: string;
  partition: string[];
  /** The range attribute; null for by-key, whose range is the key itself. */
  range: string | null;
}
interface SetOptions {
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  ttl?: { value: number; unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' };
  returnValue?: 'PREVIOUS' | 'LATEST';
}
type Refusal = WireResponse;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
/** handling-errors-customentities: INVALID_ENTITY_TYPE's regex. */
const ENTITY_NAME_PATTERN = /^(?![.\-_])(?!.*\.{2})[a-z0-9:\-._]*(?<![.])$/;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 31;
const MAX_RANGE_BYTES = 900;
const MAX_PARTITION_BYTES = 1700;
const MAX_CONDITIONS = 100;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const FLOAT_MIN = 1e-130;
/**
 * The documented maximum, 9.9999999999999999999999999999999999999E+125 (38 digits), rounds to 1e126 as a double;
 * every double below 1e126 is within it, and 1e126 itself is not.
 */
const FLOAT_LIMIT = 1e126;
const TTL_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 } as const;
/** entities-api: "The maximum supported TTL is 1 year from the time the expiry is set." */
const MAX_TTL_SECONDS = 365 * 86400;

const WHERE_CONDITIONS = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);
/** entities-api-query's tables: which attribute types each condition supports (where and filters alike). */
const CONDITION_TYPES: Record<string, ReadonlyArray<Exclude<AttributeType, 'any'>>> = {
  BEGINS_WITH: ['string'],
  BETWEEN: ['string', 'integer', 'float'],
  EQUAL_TO: ['string', 'integer', 'float', 'boolean'],
  NOT_EQUAL_TO: ['string', 'integer', 'float', 'boolean'],
  GREATER_THAN: ['string', 'integer', 'float'],
  GREATER_THAN_EQUAL_TO: ['string', 'integer', 'float'],
  LESS_THAN: ['string', 'integer', 'float'],
  LESS_THAN_EQUAL_TO: ['string', 'integer', 'float'],
  EXISTS: ['string', 'integer', 'float', 'boolean'],
  NOT_EXISTS: ['string', 'integer', 'float', 'boolean'],
  CONTAINS: ['string'],
  NOT_CONTAINS: ['string'],
};

export const refuse = (status: number, code: string, message: string): Refusal => ({ status, body: { code, message } });

/** One secret per process: cursors are opaque and not stable across restarts (Forge: "should not be persisted"). */
const CURSOR_SECRET = randomBytes(32);

export class EntityStore {
  private readonly decls = new Map<string, EntityDecl>();
  /** Each index's rows in ascending order, rebuilt when the entity changes (a cache: the query reads it in order). */
  private readonly orderCache = new Map<
    string,
    {
      entityName: string;
      index: ResolvedIndex;
      partition: unknown[];
      version: number;
      rows: Record<string, EntityEntry>;
      items: IndexRow[];
    }
  >();
  private readonly versions = new Map<string, number>();

  constructor(
    decls: readonly EntityDecl[],
    readonly state: EntityState = {},
    private readonly clock: () => number = () => Date.now(),
    private readonly expiryLagMs: number = 48 * 3600 * 1000,
  ) {
    for (const decl of decls) this.decls.set(decl.name, decl);
  }

  handle(path: string, req: Record<string, unknown>): WireResponse {
    switch (path) {
      case '/api/v1/entity/get':
        return this.get(req.entityName, req.key);
      case '/api/v1/entity/set':
        return this.set(req.entityName, req.key, req.value, req.options as SetOptions | undefined);
      case '/api/v1/entity/delete':
        return this.delete(req.entityName, req.key);
      case '/api/v1/entity/query':
        return this.query(req);
      default:
        return refuse(404, 'NOT_FOUND', `The local KVS does not implement ${path}`);
    }
  }

  purgeExpired(): number {
    const now = this.clock();
    let purged = 0;
    for (const [entityName, rows] of Object.entries(this.state)) {
      for (const [key, entry] of Object.entries(rows)) {
        if (entry.expiresAt !== null && entry.expiresAt <= now) {
          delete rows[key];
          this.changed(entityName);
          purged += 1;
        }
      }
    }
    return purged;
  }

  // ---- single-key operations ----

  get(entityName: unknown, key: unknown): WireResponse {
    const bad = this.checkEntity(entityName) ?? checkKey(key);
    if (bad) return bad;
    const entry = this.live(entityName as string, key as string);
    if (!entry) return refuse(404, 'KEY_NOT_FOUND', `Key ${String(key)} not found in entity ${String(entityName)}`);
    // Every metadata field is returned; @forge/kvs keeps only those the caller asked for (options.metadataFields).
    return { status: 200, body: this.result(key as string, entry, undefined, true) };
  }

  /** Validates a write without applying it: the refusal, or null. */
  checkWrite(entityName: unknown, key: unknown, value: unknown, options?: SetOptions): Refusal | null {
    const bad = this.checkEntity(entityName) ?? checkKey(key);
    if (bad) return bad;
    const ttlBad = checkTtl(options);
    if (ttlBad) return ttlBad;
    return this.checkValue(this.decls.get(entityName as string)!, value);
  }

  set(entityName: unknown, key: unknown, value: unknown, options?: SetOptions): WireResponse {
    const bad = this.checkWrite(entityName, key, value, options);
    if (bad) return bad;
    const name = entityName as string;
    const k = key as string;
    const existing = this.live(name, k);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && existing)
      return refuse(409, 'KEY_ALREADY_EXISTS', `Key ${k} already exists in entity ${name}`);
    const entry = this.write(name, k, value as Record<string, unknown>, options);
    if (options?.returnValue) {
      const returned = options.returnValue === 'PREVIOUS' ? existing : entry;
      return { status: 200, body: returned ? this.result(k, returned, undefined, true) : {} };
    }
    return { status: 204, body: undefined };
  }

  write(entityName: string, key: string, value: Record<string, unknown>, options?: SetOptions): EntityEntry {
    const existing = this.live(entityName, key);
    const now = this.clock();
    const ttl = options?.ttl ? options.ttl.value * TTL_SECONDS[options.ttl.unit] * 1000 : null;
    const entry: EntityEntry = {
      value: structuredClone(value),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttl === null ? null : now + ttl,
    };
    const before = this.state[entityName]?.[key];
    (this.state[entityName] ??= {})[key] = entry;
    this.reindex(entityName, key, before, entry);
    return entry;
  }

  delete(entityName: unknown, key: unknown): WireResponse {
    const bad = this.checkEntity(entityName) ?? checkKey(key);
    if (bad) return bad;
    // entities-api: "This succeeds whether the key exists or not."
    const before = this.state[entityName as string]?.[key as string];
    if (before) {
      delete this.state[entityName as string]![key as string];
      this.reindex(entityName as string, key as string, before, undefined);
    }
    return { status: 204, body: undefined };
  }

  // ---- transactions (entity items; the plain-key items are the KvsStore's) ----

  /** Whether the stored entity (or its absence) meets a transaction's conditions; the refusal if malformed. */
  checkConditions(
    entityName: unknown,
    key: unknown,
    conditions: unknown,
    required: boolean,
  ): Refusal | 'met' | 'unmet' {
    const bad = this.checkEntity(entityName) ?? checkKey(key);
    if (bad) return bad;
    if (conditions === undefined || conditions === null) {
      return required ? refuse(400, 'EMPTY_FILTER_OPERATOR', 'A transaction check needs conditions') : 'met';
    }
    const decl = this.decls.get(entityName as string)!;
    const parsed = this.checkFilters(decl, conditions);
    if ('status' in parsed) return parsed;
    const entry = this.live(entityName as string, key as string);
    // A missing entity has no attributes: EXISTS fails and NOT_EXISTS holds on it.
    return matchesFilters(entry?.value ?? {}, parsed) ? 'met' : 'unmet';
  }

  // ---- query ----

  private query(req: Record<string, unknown>): WireResponse {
    const bad = this.checkEntity(req.entityName);
    if (bad) return bad;
    const decl = this.decls.get(req.entityName as string)!;
    const index = resolveIndex(decl, req.indexName);
    if (!index) {
      return refuse(
        400,
        'INVALID_ENTITY_INDEX',
        `Entity ${decl.name} has no index "${String(req.indexName)}" (declared: by-key, ${indexNames(decl).join(', ')})`,
      );
    }
    const limit = req.limit === undefined ? DEFAULT_LIMIT : req.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return refuse(
        400,
        'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
        `The page limit must be set between 1 and 100, not ${String(limit)}`,
      );
    }
    const sort = req.sort === undefined ? 'ASC' : req.sort;
    // The code is the host's own: no document names one for a sort other than ASC or DESC.
    if (sort !== 'ASC' && sort !== 'DESC')
      return refuse(400, 'INVALID_SORT', `Sort must be ASC or DESC, not ${String(sort)}`);

    const partition = this.checkPartition(decl, index, req.partition);
    if (partition && 'status' in partition) return partition;
    const range = req.range === undefined || req.range === null ? null : this.checkWhere(decl, index, req.range);
    if (range && 'status' in range) return range;
    const filters = req.filters === undefined || req.filters === null ? null : this.checkFilters(decl, req.filters);
    if (filters && 'status' in filters) return filters;
    const conditionCount = (range ? 1 : 0) + (filters ? (filters.and ?? filters.or ?? []).length : 0);
    if (conditionCount > MAX_CONDITIONS) {
      return refuse(
        400,
        'TOO_MANY_CONDITIONS',
        `A complex query can have at most ${MAX_CONDITIONS} conditions, not ${conditionCount}`,
      );
    }

    const identity = queryIdentity(decl.name, index.name, partition ?? [], range, filters, sort);
    let after: { r: unknown; k: string } | null = null;
    if (req.cursor !== undefined && req.cursor !== null) {
      const decoded = decodeCursor(req.cursor, identity);
      if (!decoded) {
        // The code is the host's own: Forge documents that a cursor only works with the initial query's parameters.
        return refuse(
          400,
          'INVALID_CURSOR',
          'The cursor is not one this query returned (tampered, or from a query with other parameters)',
        );
      }
      after = decoded;
    }

    // The index in the query's order, read from just past the cursor: rows of the partition meeting the where
    // condition, until the page is full; one more such row means there is a next page.
    const direction = sort === 'DESC' ? -1 : 1;
    const after_ = after;
    const read = (): { scanned: IndexRow[]; more: boolean } | null => {
      const ordered = this.ordered(decl.name, index, partition ?? []);
      const current = this.state[decl.name] ?? {};
      // The first row past the cursor: rows are ascending, so ascending starts after it and descending before it.
      const first =
        after_ === null
          ? direction > 0
            ? 0
            : ordered.length - 1
          : direction > 0
            ? upperBound(ordered, after_)
            : upperBound(ordered, after_, true) - 1;
      const scanned: IndexRow[] = [];
      for (let i = first; i >= 0 && i < ordered.length; i += direction) {
        const row = ordered[i]!;
        // A row changed behind the store's back (a test editing `state`): the cached order is stale.
        if (current[row.key] !== row.entry || row.entry.value !== row.value) return null;
        if (range && !matches(row.r, range)) continue;
        if (!this.live(decl.name, row.key)) continue;
        if (scanned.length === limit) return { scanned, more: true };
        scanned.push(row);
      }
      return { scanned, more: false };
    };
    let found = read();
    if (!found) {
      this.invalidate();
      found = read()!;
    }
    const { scanned, more } = found;
    // entities-api-query: filters "are in-memory filters. Using them can sometimes produce pages with no results,
    // with cursor pointing to the next page where actual results exist": they apply to the page the index read.
    const page = filters ? scanned.filter((row) => matchesFilters(row.entry.value, filters)) : scanned;
    const last = scanned[scanned.length - 1];
    const metadata = (req.options as { metadataFields?: unknown } | undefined)?.metadataFields;
    return {
      status: 200,
      body: {
        data: page.map((row) =>
          this.result(row.key, row.entry, Array.isArray(metadata) ? (metadata as string[]) : [], false),
        ),
        ...(more && last ? { cursor: encodeCursor(identity, { r: last.r, k: last.key }) } : {}),
      },
    };
  }

  private checkPartition(decl: EntityDecl, index: ResolvedIndex, partition: unknown): unknown[] | null | Refusal {
    // The codes are the host's own: entities-api-query says partition values are required, one per attribute, "in
    // the order they are declared", but names no error code.
    if (index.partition.length === 0) {
      if (partition === undefined || partition === null || (Array.isArray(partition) && partition.length === 0))
        return null;
      return refuse(400, 'INVALID_PARTITION', `Index ${index.name} of ${decl.name} has no partition`);
    }
    if (!Array.isArray(partition) || partition.length !== index.partition.length) {
      return refuse(
        400,
        'INVALID_PARTITION',
        `Index ${index.name} of ${decl.name} needs a partition value for each of ${index.partition.join(', ')}, in that order`,
      );
    }
    for (const [i, attribute] of index.partition.entries()) {
      const problem = typeProblem(decl.attributes[attribute]!.type, partition[i]);
      if (problem)
        return refuse(
          400,
          'INVALID_PARTITION',
          `Partition value ${i + 1} of index ${index.name} is for ${attribute}: ${problem}`,
        );
    }
    return partition;
  }

  private checkWhere(decl: EntityDecl, index: ResolvedIndex, range: unknown): Condition | Refusal {
    const c = range as Condition;
    if (typeof c !== 'object' || !WHERE_CONDITIONS.has(c.condition)) {
      return refuse(
        400,
        'INVALID_WHERE_CONDITION',
        `where takes ${[...WHERE_CONDITIONS].join(', ')}, not ${String(c?.condition)}`,
      );
    }
    const type: AttributeType = index.range === null ? 'string' : decl.attributes[index.range]!.type;
    return checkCondition(index.range ?? 'key', type, c, true);
  }

  private checkFilters(decl: EntityDecl, raw: unknown): Filters | Refusal {
    const filters = raw as Filters;
    if (typeof filters !== 'object' || filters === null)
      return refuse(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
    if (filters.and !== undefined && filters.or !== undefined) {
      return refuse(
        400,
        'INVALID_FILTER_OPERATORS_COMBINATION',
        'Filter operators "and" and "or" cannot be present at the same level.',
      );
    }
    const list = filters.and ?? filters.or;
    if (!Array.isArray(list) || list.length === 0)
      return refuse(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
    for (const c of list) {
      const property = String(c?.property);
      const attribute = decl.attributes[property];
      if (!attribute)
        return refuse(400, 'INVALID_ENTITY_ATTRIBUTE', `Entity ${decl.name} has no attribute "${property}"`);
      if (!(c.condition in CONDITION_TYPES))
        return refuse(400, 'INVALID_FILTER_CONDITION', `Unknown filter condition ${String(c.condition)}`);
      const bad = checkCondition(property, attribute.type, c, false);
      if ('status' in bad) return bad;
    }
    return filters;
  }

  // ---- validation ----

  checkEntity(entityName: unknown): Refusal | null {
    if (typeof entityName !== 'string') return refuse(400, 'INVALID_ENTITY_TYPE', 'An entity name is required');
    if (entityName.length < 3)
      return refuse(400, 'ENTITY_TYPE_TOO_SHORT', `Entity name "${entityName}" is shorter than 3 characters`);
    if (entityName.length > 60)
      return refuse(400, 'ENTITY_TYPE_TOO_LARGE', `Entity name "${entityName}" is longer than 60 characters`);
    if (!ENTITY_NAME_PATTERN.test(entityName))
      return refuse(400, 'INVALID_ENTITY_TYPE', `Entity name "${entityName}" is not valid`);
    // Undeclared: no document names the code; INVALID_ENTITY_TYPE is the closest documented one.
    if (!this.decls.has(entityName))
      return refuse(
        400,
        'INVALID_ENTITY_TYPE',
        `Entity "${entityName}" is not declared in manifest.yml (app.storage.entities)`,
      );
    return null;
  }

  private checkValue(decl: EntityDecl, value: unknown): Refusal | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse(400, 'INVALID_ENTITY_VALUE', `A ${decl.name} value is an object of its attributes`);
    }
    if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES)
      return refuse(400, 'MAX_SIZE', `The ${decl.name} value is larger than 240 KiB`);
    if (depth(value) > MAX_DEPTH) return refuse(400, 'MAX_DEPTH', `The ${decl.name} value is deeper than ${MAX_DEPTH}`);
    for (const [name, v] of Object.entries(value)) {
      const attribute = decl.attributes[name];
      // An attribute the manifest does not declare: Forge documents strict typing per declared attribute; storing an
      // undeclared one is refused here (the stricter reading), with the documented attribute code.
      if (!attribute) return refuse(400, 'INVALID_ENTITY_ATTRIBUTE', `Entity ${decl.name} has no attribute "${name}"`);
      if (v === undefined) continue;
      const problem = typeProblem(attribute.type, v);
      if (problem) return refuse(400, 'INVALID_ENTITY_VALUE', `${decl.name}.${name}: ${problem}`);
    }
    for (const index of resolvedIndexes(decl)) {
      const v = value as Record<string, unknown>;
      const rangeBytes = index.range === null ? 0 : indexBytes(v[index.range]);
      if (rangeBytes > MAX_RANGE_BYTES)
        return refuse(
          400,
          'INVALID_ENTITY_VALUE',
          `The range value of index ${index.name} is larger than ${MAX_RANGE_BYTES} bytes`,
        );
      const partitionBytes = index.partition.reduce((sum, p) => sum + indexBytes(v[p]), 0);
      if (partitionBytes > MAX_PARTITION_BYTES) {
        return refuse(
          400,
          'INVALID_ENTITY_VALUE',
          `The partition values of index ${index.name} are larger than ${MAX_PARTITION_BYTES} bytes together`,
        );
      }
    }
    return null;
  }

  private changed(entityName: string): void {
    this.versions.set(entityName, (this.versions.get(entityName) ?? 0) + 1);
  }

  /** One row written or deleted through the store: the cached indexes that were current take the change in place. */
  private reindex(
    entityName: string,
    key: string,
    before: EntityEntry | undefined,
    after: EntityEntry | undefined,
  ): void {
    const version = this.versions.get(entityName) ?? 0;
    this.changed(entityName);
    const rows = this.state[entityName];
    for (const cached of this.orderCache.values()) {
      if (cached.entityName !== entityName || cached.version !== version || cached.rows !== rows) continue;
      const row = (entry: EntityEntry | undefined): IndexRow | null => {
        if (!entry) return null;
        const v = entry.value;
        const { index, partition } = cached;
        if (index.partition.some((p) => v[p] === undefined) || (index.range !== null && v[index.range] === undefined))
          return null;
        if (index.partition.some((p, j) => v[p] !== partition[j])) return null;
        return { key, r: index.range === null ? key : v[index.range], entry, value: v };
      };
      const old = row(before);
      if (old) {
        const at = upperBound(cached.items, { r: old.r, k: key }, true);
        if (cached.items[at]?.entry !== before) continue; // not where it should be: left stale, rebuilt on read
        cached.items.splice(at, 1);
      }
      const added = row(after);
      if (added) cached.items.splice(upperBound(cached.items, { r: added.r, k: key }, true), 0, added);
      cached.version = version + 1;
    }
  }

  /** Drops the index cache: for code that changed `state` directly (a test planting a row, say). */
  invalidate(): void {
    this.orderCache.clear();
  }

  /**
   * The rows of an index (of one partition), ascending by range value then key (ties ordered by key, so paging is
   * deterministic). An entity lacking one of the index's attributes is not in the index: Forge does not document
   * this case; this is the stricter reading (a row written without its index attributes is never found by that
   * index). Cached, and rebuilt on any write through the store; a direct change to `state` needs invalidate()
   * (the query notices a visited row deleted or replaced behind its back, and rebuilds).
   */
  private ordered(entityName: string, index: ResolvedIndex, partition: unknown[]): IndexRow[] {
    const rows = this.state[entityName] ?? {};
    const id = JSON.stringify([entityName, index.name, partition]);
    const version = this.versions.get(entityName) ?? 0;
    const cached = this.orderCache.get(id);
    if (cached && cached.version === version && cached.rows === rows) return cached.items;
    const items: IndexRow[] = [];
    for (const [key, entry] of Object.entries(rows)) {
      const v = entry.value;
      if (index.partition.some((p) => v[p] === undefined) || (index.range !== null && v[index.range] === undefined))
        continue;
      if (index.partition.some((p, j) => v[p] !== partition[j])) continue;
      items.push({ key, r: index.range === null ? key : v[index.range], entry, value: v });
    }
    items.sort((a, b) => compare(a.r, b.r) || compare(a.key, b.key));
    this.orderCache.set(id, { entityName, index, partition, version, rows, items });
    return items;
  }

  /** The entry as the store sees it: expired entries linger until the expiry lag has passed too (as plain keys). */
  private live(entityName: string, key: string): EntityEntry | undefined {
    const rows = this.state[entityName];
    const entry = rows?.[key];
    if (rows && entry && entry.expiresAt !== null && entry.expiresAt + this.expiryLagMs <= this.clock()) {
      delete rows[key];
      this.changed(entityName);
      return undefined;
    }
    return entry;
  }

  private result(
    key: string,
    entry: EntityEntry,
    metadata: string[] | undefined,
    all: boolean,
  ): Record<string, unknown> {
    const want = (field: string) => all || (metadata ?? []).includes(field);
    return {
      key,
      value: structuredClone(entry.value),
      ...(want('CREATED_AT') ? { createdAt: entry.createdAt } : {}),
      ...(want('UPDATED_AT') ? { updatedAt: entry.updatedAt } : {}),
      ...(want('EXPIRE_TIME') && entry.expiresAt !== null
        ? { expireTime: new Date(entry.expiresAt).toISOString() }
        : {}),
    };
  }
}

// ---- helpers ----

export function checkKey(key: unknown): Refusal | null {
  if (typeof key !== 'string' || key === '') return refuse(400, 'EMPTY_KEY', 'Key cannot be empty.');
  if (key.length > 500) return refuse(400, 'KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters.');
  if (!KEY_PATTERN.test(key))
    return refuse(400, 'INVALID_KEY', `Key "${key}" does not match /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/`);
  return null;
}

function checkTtl(options?: SetOptions): Refusal | null {
  if (!options?.ttl) return null;
  const { value, unit } = options.ttl;
  const seconds = typeof value === 'number' && unit in TTL_SECONDS ? value * TTL_SECONDS[unit] : NaN;
  if (!(seconds > 0) || seconds > MAX_TTL_SECONDS)
    return refuse(400, 'INVALID_TTL', 'A TTL is positive and at most 1 year');
  return null;
}

function typeProblem(type: AttributeType, v: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof v === 'string' && v.trim() !== ''
        ? null
        : 'a string attribute needs at least one non-whitespace character';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
        ? null
        : 'an integer attribute is a 32-bit signed integer';
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'a float attribute is a number';
      const a = Math.abs(v);
      return v === 0 || (a >= FLOAT_MIN && a < FLOAT_LIMIT)
        ? null
        : 'a float attribute is 0 or within ±1E-130 to ±9.99…E+125';
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : 'a boolean attribute is true or false';
    case 'any':
      // entities-manifest: any is a string, integer, float, boolean, object or array (null is none of them).
      return v !== null && ['string', 'number', 'boolean', 'object'].includes(typeof v)
        ? null
        : 'an any attribute is a string, number, boolean, object or array';
  }
}

function checkCondition(property: string, type: AttributeType, c: Condition, where: boolean): Condition | Refusal {
  if (type === 'any') {
    // entities-api-query: "Attributes declared as type any are not supported in filter conditions … Using them
    // results in a 422 Unprocessable Entity error." (The code is the host's own.)
    return refuse(
      422,
      'UNSUPPORTED_ATTRIBUTE_TYPE',
      `${property} is of type any, which ${where ? 'where' : 'filters'} do not support`,
    );
  }
  if (!CONDITION_TYPES[c.condition]!.includes(type)) {
    return refuse(400, 'INVALID_FILTER_CONDITION', `${c.condition} does not apply to ${property}, a ${type} attribute`);
  }
  const values = Array.isArray(c.values) ? c.values : [];
  if (c.condition === 'BETWEEN' && values.length < 2)
    return refuse(400, 'INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.');
  if (values.length === 0) return refuse(400, 'INSUFFICIENT_FILTER_VALUES', `${c.condition} needs a value`);
  if (c.condition !== 'EXISTS' && c.condition !== 'NOT_EXISTS') {
    for (const v of c.condition === 'BETWEEN' ? values.slice(0, 2) : values.slice(0, 1)) {
      const problem = typeProblem(type, v);
      // A key (by-key's range) may be compared with any string value, including prefixes.
      if (problem && !(type === 'string' && typeof v === 'string'))
        return refuse(400, 'INVALID_FILTER_VALUE', `${c.condition} on ${property}: ${problem}`);
    }
  }
  return { ...c, property, values };
}

function matches(v: unknown, c: Condition): boolean {
  const [a, b] = c.values;
  switch (c.condition) {
    case 'EXISTS':
      return v !== undefined;
    case 'NOT_EXISTS':
      return v === undefined;
  }
  if (v === undefined) return c.condition === 'NOT_EQUAL_TO' || c.condition === 'NOT_CONTAINS';
  switch (c.condition) {
    case 'EQUAL_TO':
      return v === a;
    case 'NOT_EQUAL_TO':
      return v !== a;
    case 'BEGINS_WITH':
      return typeof v === 'string' && v.startsWith(String(a));
    case 'CONTAINS':
      return typeof v === 'string' && v.includes(String(a));
    case 'NOT_CONTAINS':
      return typeof v === 'string' && !v.includes(String(a));
    case 'GREATER_THAN':
      return compare(v, a) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compare(v, a) >= 0;
    case 'LESS_THAN':
      return compare(v, a) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compare(v, a) <= 0;
    case 'BETWEEN':
      return compare(v, a) >= 0 && compare(v, b) <= 0;
    default:
      return false;
  }
}

function matchesFilters(value: Record<string, unknown>, filters: Filters): boolean {
  if (filters.and) return filters.and.every((c) => matches(value[c.property!], c));
  return (filters.or ?? []).some((c) => matches(value[c.property!], c));
}

/**
 * Strings by UTF-16 code unit (the same as UTF-8 byte order except for characters beyond U+FFFF against
 * U+E000-U+FFFF); numbers numerically; false before true.
 */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The index of the first row after `after` in ascending order (strictly greater), or with `atOrAfter`, the first
 * row not before it (greater or equal): binary search over the ascending rows.
 */
function upperBound(rows: IndexRow[], after: { r: unknown; k: string }, atOrAfter = false): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(rows[mid]!.r, after.r) || compare(rows[mid]!.key, after.k);
    if (c < 0 || (c === 0 && !atOrAfter)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolvedIndexes(decl: EntityDecl): ResolvedIndex[] {
  return (decl.indexes ?? []).map((index) =>
    typeof index === 'string'
      ? { name: index, partition: [], range: index }
      : { name: index.name, partition: index.partition ?? [], range: index.range?.[0] ?? null },
  );
}

function indexNames(decl: EntityDecl): string[] {
  return resolvedIndexes(decl).map((i) => i.name);
}

function resolveIndex(decl: EntityDecl, name: unknown): ResolvedIndex | null {
  // entities-manifest: "The key index's name is by-key."
  if (name === 'by-key') return { name: 'by-key', partition: [], range: null };
  return resolvedIndexes(decl).find((i) => i.name === name) ?? null;
}

function indexBytes(v: unknown): number {
  return v === undefined ? 0 : Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v));
}

function depth(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  const children = Object.values(v as Record<string, unknown>);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(depth)));
}

function queryIdentity(
  entity: string,
  index: string,
  partition: unknown[],
  range: Condition | null,
  filters: Filters | null,
  sort: string,
): string {
  return JSON.stringify([entity, index, partition, range && [range.condition, range.values], filters, sort]);
}

function sign(payload: string): string {
  return createHmac('sha256', CURSOR_SECRET).update(payload).digest('base64url');
}

function encodeCursor(identity: string, after: { r: unknown; k: string }): string {
  const payload = Buffer.from(JSON.stringify({ a: after, q: sign(identity) })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

function decodeCursor(cursor: unknown, identity: string): { r: unknown; k: string } | null {
  if (typeof cursor !== 'string') return null;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || sign(payload) !== signature) return null;
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      a: { r: unknown; k: string };
      q: string;
    };
    return decoded.q === sign(identity) ? decoded.a : null;
  } catch {
    return null;
  }
}
