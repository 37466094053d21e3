// How a pilot's approval chain is stored (app storage `approvals:{issueId}`), apart from what the panel accepts:
// read with a lenient, versioned schema (unknown keys dropped, older shapes upgraded one step at a time); what
// still cannot be read is reported with its reason, never thrown across a page of pilots.
import { z } from 'zod';
import { MAX_BLOCKERS, MAX_REVIEWER_HISTORY, REVIEWER_STATES, type ReviewerEntry } from '../core/approvals';
import { isSaneDay } from '../core/dates';

export const APPROVALS_SCHEMA_VERSION = 1;

export interface ApprovalsRecord {
  schemaVersion: typeof APPROVALS_SCHEMA_VERSION;
  version: number;
  /** By reviewer key (lower-case name); entries of reviewers no longer expected are kept, not shown. */
  reviewers: Record<string, ReviewerEntry>;
  updatedAt: string | null;
  updatedBy: string | null;
}

const day = z.string().refine(isSaneDay, 'is not a calendar day between 1970 and 2199');
const state = z.enum(REVIEWER_STATES);

const entry = z.object({
  state,
  conversationDate: day.nullable().default(null),
  notes: z.string().default(''),
  blockers: z
    .array(
      z.object({
        id: z.string().min(1),
        text: z.string(),
        done: z.boolean().default(false),
        subtaskId: z.string().nullable().default(null),
      }),
    )
    .max(MAX_BLOCKERS * 2)
    .default([]),
  history: z
    .array(
      z.object({
        from: state,
        to: state,
        reason: z.string().nullable().default(null),
        byAccountId: z.string(),
        at: z.string(),
      }),
    )
    .default([])
    .transform((h) => h.slice(-MAX_REVIEWER_HISTORY)),
});

const storedV1 = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int().min(0),
  reviewers: z.record(z.string(), entry).default({}),
  updatedAt: z.string().nullable().default(null),
  updatedBy: z.string().nullable().default(null),
});

/** One step per schema version (N → N + 1); none yet. */
const UPGRADERS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

export type DecodedApprovals = { ok: true; record: ApprovalsRecord } | { ok: false; reason: string };

export function emptyApprovals(): ApprovalsRecord {
  return { schemaVersion: APPROVALS_SCHEMA_VERSION, version: 0, reviewers: {}, updatedAt: null, updatedBy: null };
}

/** `undefined` (nothing stored) is a chain nobody has touched: every reviewer not contacted. */
export function decodeApprovals(raw: unknown): DecodedApprovals {
  if (raw === undefined) return { ok: true, record: emptyApprovals() };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'the stored approval chain is not a record' };
  let value = raw as Record<string, unknown>;
  const from = value.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { ok: false, reason: 'the approval chain has no schema version' };
  if (from > APPROVALS_SCHEMA_VERSION)
    return { ok: false, reason: `the approval chain was written by a newer version of the app (schema ${from})` };
  for (let v = from; v < APPROVALS_SCHEMA_VERSION; v += 1) {
    const upgrade = UPGRADERS[v];
    if (!upgrade) return { ok: false, reason: `approval chain schema ${v} has no upgrade` };
    value = upgrade(value);
  }
  const parsed = storedV1.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'record';
    return { ok: false, reason: `approval chain ${where} ${issue?.message ?? 'is malformed'}` };
  }
  return { ok: true, record: parsed.data as ApprovalsRecord };
}

/**
 * The chain within `maxBytes` of JSON: when it is over, the oldest state changes (across reviewers) are dropped
 * first until it fits. They are a convenience copy; the audit log keeps every change. Null when even a chain
 * without history does not fit (then notes or blockers must be shortened).
 */
export function fitApprovals(record: ApprovalsRecord, maxBytes: number): ApprovalsRecord | null {
  const size = (r: ApprovalsRecord) => Buffer.byteLength(JSON.stringify(r));
  if (size(record) <= maxBytes) return record;
  const all = Object.entries(record.reviewers)
    .flatMap(([key, entry]) => entry.history.map((change, index) => ({ key, index, at: change.at })))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const dropped = new Set<string>();
  let next = record;
  for (const oldest of all) {
    dropped.add(`${oldest.key}\u0000${oldest.index}`);
    if (dropped.size % 8 !== 0 && dropped.size !== all.length) continue;
    next = {
      ...record,
      reviewers: Object.fromEntries(
        Object.entries(record.reviewers).map(([key, entry]) => [
          key,
          { ...entry, history: entry.history.filter((_, index) => !dropped.has(`${key}\u0000${index}`)) },
        ]),
      ),
    };
    if (size(next) <= maxBytes) return next;
  }
  return null;
}
