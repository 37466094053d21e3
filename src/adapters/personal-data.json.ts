// Where stored values hold account ids, read from the raw JSON rather than through the stores' schemas, so the
// personal data report and the erasure keep working whatever shape a record takes next: any property named
// `accountId` or ending in `AccountId`, `updatedBy`, every value of a `people` object and every key of a
// `displayNames` map. Erasing a closed account: person slots (`people.*`, `updatedBy`) become null, other id
// properties become `unknown` (Jira's own id for an account it cannot name), map entries are dropped, and the id
// is cut out of free text (audit lines such as "accelerate: owner <id>").

/** The id Jira uses for an account it cannot name; never reported (Atlassian's user privacy guide). */
export const UNKNOWN_ACCOUNT = 'unknown';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdProperty = (key: string) => key === 'accountId' || key.endsWith('AccountId') || key === 'updatedBy';
const isAccountId = (v: Json): v is string =>
  typeof v === 'string' && v !== '' && v !== UNKNOWN_ACCOUNT && v.length <= 128;

/** Every account id a stored value holds. */
export function accountIdsIn(value: Json): Set<string> {
  const ids = new Set<string>();
  const visit = (v: Json, key: string | null) => {
    if (Array.isArray(v)) return v.forEach((item) => visit(item, null));
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if ((isIdProperty(k) || key === 'people') && isAccountId(child)) ids.add(child);
      if (k === 'displayNames' && isObject(child))
        Object.keys(child)
          .filter(isAccountId)
          .forEach((id) => ids.add(id));
      visit(child, k);
    }
  };
  visit(value, null);
  return ids;
}

/** The oldest time a stored value records (`at`, `updatedAt`): when the app first held what it holds; null if none. */
export function oldestTime(value: Json): string | null {
  let oldest: number | null = null;
  const visit = (v: Json) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if ((k === 'at' || k === 'updatedAt') && typeof child === 'string') {
        const t = Date.parse(child);
        if (!Number.isNaN(t) && (oldest === null || t < oldest)) oldest = t;
      }
      visit(child);
    }
  };
  visit(value);
  return oldest === null ? null : new Date(oldest).toISOString();
}

/** The value with every trace of the closed accounts removed, and whether anything changed. */
export function eraseAccounts(value: Json, closed: ReadonlySet<string>): { value: Json; changed: boolean } {
  let changed = false;
  const scrubText = (s: string): string => {
    let out = s;
    for (const id of closed) if (out.includes(id)) out = out.split(id).join(UNKNOWN_ACCOUNT);
    if (out !== s) changed = true;
    return out;
  };
  const visit = (v: Json, key: string | null): Json => {
    if (typeof v === 'string') {
      if (!closed.has(v)) return scrubText(v);
      changed = true;
      return key === 'people' || key === 'updatedBy' ? null : UNKNOWN_ACCOUNT;
    }
    if (Array.isArray(v)) {
      const kept = v.filter((item) => !(typeof item === 'string' && closed.has(item)));
      if (kept.length !== v.length) changed = true;
      return kept.map((item) => visit(item, null));
    }
    if (!isObject(v)) return v;
    const out: Record<string, Json> = {};
    for (const [k, child] of Object.entries(v)) {
      if (key === 'displayNames' && closed.has(k)) {
        changed = true;
        continue;
      }
      // A person slot under `people` is erased to null; the property's own name decides everywhere else.
      out[k] = visit(child, key === 'people' ? 'people' : k);
    }
    return out;
  };
  const result = visit(value, null);
  return { value: result, changed };
}
