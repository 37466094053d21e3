// The account ids the app keeps in app storage, found by key prefix: pilot records (`pilot:{issueId}`), project
// settings (`settings:{projectId}`, who saved last), the audit trail (`audit:{projectId}:…`) and sent reminders
// (`reminder:{issueId}:…`, whom they reached) and template origins (`template-origin:{projectId}:…`, who adopted). Values are read
// and erased as raw JSON (personal-data.json.ts), not through the stores' schemas, so this keeps working when a
// store changes its record shape. Each entry is handled on its own: one unreadable or unwritable entry is
// reported, never a reason to stop.
import { kvs, WhereConditions } from '@forge/kvs';
import { accountIdsIn, eraseAccounts, oldestTime } from './personal-data.json';

/** Every KVS prefix whose values can hold account ids (records, closures, settings, audit lines, template rollouts, reminders, template origins, approval chains, pathway pages being linked). */
export const PERSONAL_DATA_PREFIXES = [
  'pilot:',
  'pilot-closure:',
  'settings:',
  'audit:',
  'template-rollout:',
  'reminder:',
  'template-origin:',
  'approvals:',
  'pathway-created:',
] as const;

async function* entries(prefix: string): AsyncGenerator<{ key: string; value: unknown }> {
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    for (const r of page.results) yield r;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Every stored account id, with the oldest time the app recorded next to it (`now` when none is recorded). */
export async function storedAccounts(now: Date): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  for (const prefix of PERSONAL_DATA_PREFIXES) {
    for await (const entry of entries(prefix)) {
      const at = oldestTime(entry.value) ?? now.toISOString();
      for (const id of accountIdsIn(entry.value)) {
        const seen = accounts.get(id);
        if (seen === undefined || at < seen) accounts.set(id, at);
      }
    }
  }
  return accounts;
}

/** Removes every trace of the closed accounts from the stored entries; returns the keys changed and failed. */
export async function eraseStoredAccounts(
  closed: ReadonlySet<string>,
): Promise<{ erased: string[]; failed: string[] }> {
  const erased: string[] = [];
  const failed: string[] = [];
  if (closed.size === 0) return { erased, failed };
  for (const prefix of PERSONAL_DATA_PREFIXES) {
    for await (const entry of entries(prefix)) {
      try {
        const result = eraseAccounts(entry.value, closed);
        if (!result.changed) continue;
        await kvs.set(entry.key, result.value);
        erased.push(entry.key);
      } catch (error) {
        console.error(`Personal data: could not erase closed accounts from ${entry.key}`, error);
        failed.push(entry.key);
      }
    }
  }
  return { erased, failed };
}
