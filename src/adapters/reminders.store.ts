// Reminders the daily scan sent, remembered in app storage under `reminder:{issueId}:{reason}:{cycle}`. Sending
// one is claim, send, record: the claim (an atomic FAIL_IF_EXISTS write) lets exactly one of two overlapping runs
// send; a failed send releases it so the next run tries again; a sent reminder is recorded on the same key,
// without expiry, with its audit line in the same transaction. A recorded reminder is never read as a claim (its
// shape differs), so it is never taken over.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { claim } from './claims.store';
import { batchRead } from './kvs-batch';
import { auditRecord, type AuditEntry } from './settings.store';

/**
 * Longer than any invocation (Forge's longest is 15 minutes) and shorter than a day: a run that died between
 * claiming and recording leaves a claim the next daily run can take over.
 */
const CLAIM_SECONDS = 20 * 60 * 60;

/** Recipients are kept as `{ accountId }` so the personal data report and erasure find them (personal-data.json.ts). */
export const sentReminderSchema = z.object({
  sentAt: z.string(),
  reason: z.string(),
  cycle: z.string(),
  recipients: z.array(z.object({ accountId: z.string() })),
});
export type SentReminder = z.infer<typeof sentReminderSchema>;

const claimSchema = z.object({ at: z.string(), until: z.string().optional() });

/**
 * Of these keys, the ones stored (sent, or claimed by a run in flight): one batch read per 25 keys. A claim past
 * its own deadline (a run that died, a release that failed) is not counted: Forge deletes expired keys up to 48
 * hours late, and the reminder is owed until a run takes the claim over (claimReminder).
 */
export async function storedReminderKeys(keys: string[], now = Date.now()): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = await batchRead(keys);
  return new Set([...found].filter(([, value]) => !staleClaim(value, now)).map(([key]) => key));
}

function staleClaim(value: unknown, now: number): boolean {
  const held = claimSchema.safeParse(value);
  if (!held.success) return false;
  const until = Date.parse(held.data.until ?? '') || Date.parse(held.data.at) + CLAIM_SECONDS * 1000;
  return Number.isFinite(until) && until <= now;
}

export function claimReminder(key: string): Promise<boolean> {
  return claim(key, CLAIM_SECONDS);
}

/** The reminder as sent and its audit line, both or neither. */
export async function recordReminder(
  key: string,
  sent: SentReminder,
  audit: { projectId: string; entry: AuditEntry },
): Promise<void> {
  const line = auditRecord(audit.projectId, audit.entry);
  await kvs.transact().set(key, sentReminderSchema.parse(sent)).set(line.key, line.value).execute();
}

/**
 * When the record and its audit line could not be written together: the reminder alone (best effort), so its claim
 * lapsing does not make it look unsent. False when that failed too.
 */
export async function recordReminderAlone(key: string, sent: SentReminder): Promise<boolean> {
  try {
    await kvs.set(key, sentReminderSchema.parse(sent));
    return true;
  } catch (error) {
    console.warn(`Reminder ${key} could not be recorded either: ${String(error)}`);
    return false;
  }
}

/** A reminder not sent after all: its claim goes back (best effort; otherwise it frees at its deadline, the next daily run). */
export { releaseClaim as releaseReminder } from './claims.store';
