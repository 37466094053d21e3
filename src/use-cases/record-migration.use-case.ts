// Moves every pilot still kept in the legacy `ai-pilot` issue property into app storage right after an upgrade,
// instead of waiting for each pilot's first read. A pilot's first read trusts the property (it is all an older
// version left), so the sooner every pilot is read, the shorter the window in which a member who edits that
// property could decide what moves over. Reading is the migration (readRecords moves each legacy record once);
// the sweep pages through every AI Pilot as the app and hands the rest on when its invocation runs short.
import { z } from 'zod';
import { searchJql } from '../adapters/jira/search.api';
import { readRecords } from '../adapters/pilot-record.store';
import { PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

export const migrationStateSchema = z.object({
  kind: z.literal('migrate-records'),
  pageToken: z.string().optional(),
  read: z.number().int().min(0),
  unreadable: z.number().int().min(0),
});
export type MigrationState = z.infer<typeof migrationStateSchema>;

const PAGE = 100;
const RESERVE_MS = 10_000;

export function newMigration(): MigrationState {
  return { kind: 'migrate-records', read: 0, unreadable: 0 };
}

/** Reads pages of pilots until done (null) or until the invocation runs short (the state to continue from). */
export async function migrateRecords(
  state: MigrationState,
  budget: { remainingMs: () => number },
): Promise<MigrationState | null> {
  let current = state;
  for (;;) {
    const page = await searchJql('app', {
      jql: 'issuetype = "AI Pilot" ORDER BY key ASC',
      fields: PILOT_FIELDS,
      properties: PILOT_PROPERTIES,
      maxResults: PAGE,
      ...(current.pageToken ? { nextPageToken: current.pageToken } : {}),
    });
    const records = await readRecords(page.issues);
    const unreadable = [...records.values()].filter((r) => !r.ok).length;
    const next = page.nextPageToken ?? undefined;
    current = {
      kind: 'migrate-records',
      read: current.read + page.issues.length,
      unreadable: current.unreadable + unreadable,
      ...(next ? { pageToken: next } : {}),
    };
    if (!next) {
      console.log(`Pilot records in app storage: ${current.read} pilots read, ${current.unreadable} unreadable`);
      return null;
    }
    if (budget.remainingMs() < RESERVE_MS) return current;
  }
}
