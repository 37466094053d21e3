// An in-process Forge KVS speaking the wire protocol of @forge/kvs (POST /api/v1/<op> with JSON), so the app's
// unmodified `kvs` client runs against it. Values are kept as JSON; TTLs follow the injected clock. As on Forge,
// expiry is not instant: an expired key can still be read, queried and block FAIL_IF_EXISTS for up to 48 hours
// (the expiry lag, configurable) until the store deletes it; purgeExpired() is that deletion happening now.
// Custom entities (kvs.entity(...)) are answered by ./entity-store, kept beside the plain keys.
import { EntityStore, type EntityDecl, type EntityState } from './entity-store';

export interface KvsEntry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}
export type KvsState = Record<string, KvsEntry>;

interface WireResponse {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;
/** Forge: transactions and batchSet carry at most 4 MB. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
const TTL_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 } as const;
/** Forge documents that data past its TTL may still be returned for up to 48 hours. */
export const MAX_EXPIRY_LAG_MS = 48 * 3600 * 1000;

const error = (status: number, code: string, message: string): WireResponse => ({ status, body: { code, message } });

export class KvsStore {
  /** The Custom Entity Store: the entities manifest.yml declares (app.storage.entities), kept beside the plain keys. */
  readonly entities: EntityStore;

  /**
   * The keys as the app's writes leave them. `state` is the same object behind a proxy: a test (or the host) editing
   * it directly invalidates the sorted key index; the store's own writes keep the index current in place, so a
   * prefix query is a binary search, not a scan of every key (as a real, indexed store answers it).
   */
  private readonly raw: KvsState;
  readonly state: KvsState;
  private sortedKeys: string[] | null = null;

  constructor(
    state: KvsState = {},
    private readonly clock: () => number = () => Date.now(),
    /** How long past its TTL a key is still there; the documented worst case unless told otherwise. */
    private readonly expiryLagMs: number = MAX_EXPIRY_LAG_MS,
    entityDecls: readonly EntityDecl[] = [],
    entityState: EntityState = {},
  ) {
    this.entities = new EntityStore(entityDecls, entityState, clock, expiryLagMs);
    this.raw = state;
    const invalidate = () => {
      this.sortedKeys = null;
    };
    this.state = new Proxy(state, {
      set(target, key, value) {
        invalidate();
        return Reflect.set(target, key, value);
      },
      deleteProperty(target, key) {
        invalidate();
        return Reflect.deleteProperty(target, key);
      },
      defineProperty(target, key, descriptor) {
        invalidate();
        return Reflect.defineProperty(target, key, descriptor);
      },
    });
  }

  private keysInOrder(): string[] {
    this.sortedKeys ??= Object.keys(this.raw).sort();
    return this.sortedKeys;
  }

  /** The first position in the sorted keys whose key is >= `key` (or > `key` when `after`). */
  private position(key: string, after = false): number {
    const keys = this.keysInOrder();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key || (after && keys[mid] === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private putRaw(key: string, entry: KvsEntry): void {
    const fresh = !Object.prototype.hasOwnProperty.call(this.raw, key);
    this.raw[key] = entry;
    if (fresh && this.sortedKeys) this.sortedKeys.splice(this.position(key), 0, key);
  }

  private dropRaw(key: string): void {
    if (!Object.prototype.hasOwnProperty.call(this.raw, key)) return;
    delete this.raw[key];
    if (this.sortedKeys) {
      const at = this.position(key);
      if (this.sortedKeys[at] === key) this.sortedKeys.splice(at, 1);
    }
  }

  /** Deletes every key whose TTL has passed, as the platform eventually does. */
  purgeExpired(): number {
    const now = this.clock();
    const expired = Object.keys(this.raw).filter((k) => {
      const at = this.raw[k]!.expiresAt;
      return at !== null && at <= now;
    });
    for (const k of expired) this.dropRaw(k);
    return expired.length + this.entities.purgeExpired();
  }

  /** Handles one @forge/kvs request; `path` is e.g. '/api/v1/set'. */
  handle(path: string, body: unknown): WireResponse {
    const req = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    switch (path) {
      case '/api/v1/get':
      case '/api/v1/secret/get':
        return this.get(String(req.key));
      case '/api/v1/set':
      case '/api/v1/secret/set':
        return this.set(String(req.key), req.value, req.options as SetOptions | undefined);
      case '/api/v1/delete':
      case '/api/v1/secret/delete':
        return this.delete(String(req.key));
      case '/api/v1/query':
        return this.query(req);
      case '/api/v1/batch/get':
        return this.batchGet(req);
      case '/api/v1/batch/set':
        return this.batchSet(req);
      case '/api/v1/batch/delete':
        return this.batchDelete(req);
      case '/api/v1/transaction':
        return this.transaction(req);
      case '/api/v1/entity/get':
      case '/api/v1/entity/set':
      case '/api/v1/entity/delete':
      case '/api/v1/entity/query':
        return this.entities.handle(path, req);
      default:
        return error(404, 'NOT_FOUND', `The local KVS does not implement ${path}`);
    }
  }

  /** The entry as the store sees it: expired entries linger until the expiry lag has passed too. */
  private live(key: string): KvsEntry | undefined {
    const entry = this.raw[key];
    if (entry && entry.expiresAt !== null && entry.expiresAt + this.expiryLagMs <= this.clock()) {
      this.dropRaw(key);
      return undefined;
    }
    return entry;
  }

  private get(key: string): WireResponse {
    const entry = this.live(key);
    if (!entry) return error(404, 'KEY_NOT_FOUND', `Key ${key} not found`);
    return { status: 200, body: { key, value: entry.value, createdAt: entry.createdAt, updatedAt: entry.updatedAt } };
  }

  private check(key: string, value: unknown): WireResponse | null {
    if (!KEY_PATTERN.test(key) || key.length > 500) return error(400, 'INVALID_KEY', `Invalid key "${key}"`);
    if (value === undefined) return error(400, 'INVALID_VALUE', 'A value is required');
    if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) {
      return error(413, 'VALUE_TOO_LARGE', `The value of ${key} is larger than 240 KiB`);
    }
    return null;
  }

  private set(key: string, value: unknown, options?: SetOptions): WireResponse {
    const invalid = this.check(key, value);
    if (invalid) return invalid;
    const existing = this.live(key);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && existing) {
      return error(409, 'KEY_ALREADY_EXISTS', `Key ${key} already exists`);
    }
    const now = this.clock();
    const ttl = options?.ttl ? options.ttl.value * TTL_SECONDS[options.ttl.unit] * 1000 : null;
    const entry: KvsEntry = {
      value: structuredClone(value),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttl === null ? null : now + ttl,
    };
    this.putRaw(key, entry);
    if (options?.returnValue) {
      const returned = options.returnValue === 'PREVIOUS' ? existing : entry;
      return { status: 200, body: returned ? { key, value: returned.value } : {} };
    }
    return { status: 204, body: undefined };
  }

  private delete(key: string): WireResponse {
    this.dropRaw(key);
    return { status: 204, body: undefined };
  }

  private query(req: Record<string, unknown>): WireResponse {
    const where = Array.isArray(req.where)
      ? (req.where as Array<{ property: string; condition: string; values: unknown[] }>)
      : [];
    const limit = typeof req.limit === 'number' ? Math.min(req.limit, 100) : 10;
    const after = typeof req.after === 'string' ? req.after : null;
    const matches = (k: string) =>
      where.every((w) => {
        const v = String(w.values[0] ?? '');
        if (w.property !== 'key') return false;
        if (w.condition === 'BEGINS_WITH') return k.startsWith(v);
        if (w.condition === 'EQUAL_TO') return k === v;
        return false;
      });
    // Where the matching keys can start in key order: at a prefix or an exact key, and past the cursor.
    const keys = this.keysInOrder();
    const anchor = where.find(
      (w) => w.property === 'key' && (w.condition === 'BEGINS_WITH' || w.condition === 'EQUAL_TO'),
    );
    const prefix = anchor ? String(anchor.values[0] ?? '') : '';
    let at = Math.max(anchor ? this.position(prefix) : 0, after !== null ? this.position(after, true) : 0);
    const page: string[] = [];
    let more = false;
    for (; at < keys.length; at += 1) {
      const key = keys[at]!;
      if (anchor && !key.startsWith(prefix)) break;
      // Past its TTL and its expiry lag: gone (left for live() or purgeExpired() to delete, so the order holds here).
      const entry = this.raw[key];
      if (!entry || (entry.expiresAt !== null && entry.expiresAt + this.expiryLagMs <= this.clock()) || !matches(key))
        continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(key);
    }
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((key) => ({ key, value: this.raw[key]?.value })),
        ...(more && last ? { cursor: last } : {}),
      },
    };
  }

  private batchGet(req: Record<string, unknown>): WireResponse {
    // @forge/kvs sends the items themselves as the body (kvs.batchGet(items)), as it does for batch/set.
    const keys = (Array.isArray(req) ? req : Array.isArray(req.keys) ? req.keys : []) as Array<{ key: string }>;
    // Forge: "Each batch operation can contain a maximum of 25 keys"; an empty batch fails entirely.
    if (keys.length === 0 || keys.length > 25)
      return error(400, 'INVALID_BATCH', `A batch operation takes 1 to 25 keys, not ${keys.length}`);
    const duplicate = duplicateIn(keys);
    if (duplicate) return duplicate;
    const successfulKeys = [];
    const failedKeys = [];
    for (const { key, entityName } of keys as Array<{ key: string; entityName?: string }>) {
      if (entityName !== undefined) {
        // entities-batch: entity and plain items mix in one batch; each entity item answers as entity().get would.
        const got = this.entities.get(entityName, key);
        if (got.status === 200) successfulKeys.push({ ...(got.body as object), entityName });
        else failedKeys.push({ key, entityName, error: got.body });
        continue;
      }
      const entry = this.live(key);
      if (entry) successfulKeys.push({ key, value: entry.value });
      else failedKeys.push({ key, error: { code: 'KEY_NOT_FOUND', message: `Key ${key} not found` } });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchSet(req: Record<string, unknown>): WireResponse {
    const items = Array.isArray(req) ? req : Array.isArray(req.items) ? (req.items as unknown[]) : [];
    if (items.length === 0 || items.length > 25)
      return error(400, 'INVALID_BATCH', `A batch operation takes 1 to 25 keys, not ${items.length}`);
    // entities-batch: "A single kvs.batchSet operation can be a payload of 4MB, similar to transactions."
    if (Buffer.byteLength(JSON.stringify(items)) > MAX_REQUEST_BYTES)
      return error(400, 'MAX_SIZE', 'A batchSet payload is at most 4 MB');
    const duplicate = duplicateIn(items as Array<{ key: string; entityName?: string }>);
    if (duplicate) return duplicate;
    const successfulKeys = [];
    const failedKeys = [];
    for (const item of items as Array<{ key: string; value: unknown; options?: SetOptions; entityName?: string }>) {
      const entity = item.entityName !== undefined ? { entityName: item.entityName } : {};
      const result =
        item.entityName !== undefined
          ? this.entities.set(item.entityName, item.key, item.value, item.options)
          : this.set(item.key, item.value, item.options);
      if (result.status < 300) successfulKeys.push({ key: item.key, ...entity });
      else failedKeys.push({ key: item.key, ...entity, error: result.body });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  /** entities-batch: kvs.batchDelete, plain keys and entity keys mixed; 1 to 25 keys, no key twice. */
  private batchDelete(req: Record<string, unknown>): WireResponse {
    const items = (Array.isArray(req) ? req : Array.isArray(req.items) ? req.items : []) as Array<{
      key: string;
      entityName?: string;
    }>;
    if (items.length === 0 || items.length > 25)
      return error(400, 'INVALID_BATCH', `A batch operation takes 1 to 25 keys, not ${items.length}`);
    const duplicate = duplicateIn(items);
    if (duplicate) return duplicate;
    const successfulKeys = [];
    const failedKeys = [];
    for (const item of items) {
      const entity = item.entityName !== undefined ? { entityName: item.entityName } : {};
      const result =
        item.entityName !== undefined ? this.entities.delete(item.entityName, item.key) : this.delete(String(item.key));
      if (result.status < 300) successfulKeys.push({ key: item.key, ...entity });
      else failedKeys.push({ key: item.key, ...entity, error: result.body });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  /**
   * All-or-nothing: every operation and condition is checked before any write is applied. Entity items (with
   * entityName) follow entities-transactions: at most 25 operations (sets, deletes and checks), each key once,
   * conditions that must all hold; a check needs conditions.
   */
  private transaction(req: Record<string, unknown>): WireResponse {
    type Op = { key: string; value?: unknown; options?: SetOptions; entityName?: string; conditions?: unknown };
    const sets = (Array.isArray(req.set) ? req.set : []) as Op[];
    const deletes = (Array.isArray(req.delete) ? req.delete : []) as Op[];
    const checks = (Array.isArray(req.check) ? req.check : []) as Op[];
    const all = [...sets, ...deletes, ...checks];
    if (all.length > 25) return error(400, 'TOO_MANY_OPERATIONS', 'A transaction takes at most 25 operations');
    // entities-transactions / kvs-transactions: "Each transaction is limited to a payload size of 4MB."
    if (Buffer.byteLength(JSON.stringify(req)) > MAX_REQUEST_BYTES)
      return error(400, 'MAX_SIZE', 'A transaction payload is at most 4 MB');
    // entities-transactions: "Each key can only be used once in a transaction." (The code is the host's own.)
    const seen = new Set<string>();
    for (const op of all) {
      const id = JSON.stringify([op.entityName ?? null, op.key]);
      if (seen.has(id)) return error(400, 'DUPLICATE_KEY', `Key ${op.key} is used more than once in the transaction`);
      seen.add(id);
    }
    for (const s of sets) {
      if (s.entityName !== undefined) {
        const invalid = this.entities.checkWrite(s.entityName, s.key, s.value, s.options);
        if (invalid) return invalid;
        continue;
      }
      const invalid = this.check(s.key, s.value);
      if (invalid) return invalid;
      if (s.options?.keyPolicy === 'FAIL_IF_EXISTS' && this.live(s.key)) {
        return error(409, 'KEY_ALREADY_EXISTS', `Key ${s.key} already exists`);
      }
    }
    for (const op of [...sets, ...deletes, ...checks]) {
      const isCheck = checks.includes(op);
      if (op.entityName === undefined) {
        if (isCheck || op.conditions !== undefined)
          return error(400, 'INVALID_ENTITY_TYPE', `Conditions on key ${op.key} need an entityName`);
        continue;
      }
      const outcome = this.entities.checkConditions(op.entityName, op.key, op.conditions, isCheck);
      if (outcome === 'unmet') {
        // Forge: "if any condition is not met, the entire transaction will fail". No document names the code.
        return error(
          409,
          'CONDITIONS_NOT_MET',
          `The conditions on ${op.entityName} ${op.key} are not met; nothing was written`,
        );
      }
      if (outcome !== 'met') return outcome;
    }
    for (const s of sets) {
      if (s.entityName !== undefined)
        this.entities.write(s.entityName, s.key, s.value as Record<string, unknown>, s.options);
      else this.set(s.key, s.value, { ...s.options, keyPolicy: 'OVERRIDE' });
    }
    for (const d of deletes) {
      if (d.entityName !== undefined) this.entities.delete(d.entityName, d.key);
      else this.delete(d.key);
    }
    return { status: 204, body: undefined };
  }
}

/** entities-batch: "A batch operation will return an error and fail entirely if … multiple requests to … the same key or key plus entity." */
function duplicateIn(items: Array<{ key: string; entityName?: string }>): WireResponse | null {
  const seen = new Set<string>();
  for (const item of items) {
    const id = JSON.stringify([item.entityName ?? null, item.key]);
    if (seen.has(id))
      return error(
        400,
        'INVALID_BATCH',
        `Key ${item.key}${item.entityName ? ` of ${item.entityName}` : ''} appears twice in the batch`,
      );
    seen.add(id);
  }
  return null;
}

interface SetOptions {
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  ttl?: { value: number; unit: keyof typeof TTL_SECONDS };
  returnValue?: 'PREVIOUS' | 'LATEST';
}
