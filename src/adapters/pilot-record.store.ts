// A pilot's record lives in app storage (@forge/kvs) under `pilot:{issueId}`, which only the app can write: no
// person can forge a waiver, a decision or a version by editing the issue. Jira holds read-only mirrors (the app's
// custom fields) for search. Records written by earlier versions of the app as the `ai-pilot` issue property move
// over on first read, once, with an audit line; the property is never read as truth afterwards. Writes are
// versioned: a KVS claim on (issue, next version) lets exactly one of two concurrent saves win.
import { kvs } from '@forge/kvs';
import { dayOf, type IsoDate } from '../core/dates';
import { emptyPilot } from '../core/pilot';
import {
  boundHistories,
  checkSize,
  decodeRecord,
  fitHistories,
  STORED_SCHEMA_VERSION,
  type PilotRecord,
} from './pilot-record.codec';
import { AppError } from './errors';
import { claim, isAlreadyExists } from './claims.store';
import { batchRead } from './kvs-batch';
import type { JiraIssue } from './jira/issues.api';
import { appendAudit, auditRecord, type AuditEntry } from './settings.store';
import { refreshPortfolioRows } from './portfolio-queue';

export type { PilotRecord } from './pilot-record.codec';

/** The issue property earlier versions kept the record in; read only to move a pilot over, never as truth. */
export const PILOT_PROPERTY = 'ai-pilot';
export const WORKSTREAM_PROPERTY = 'ai-pilot-workstream';

export const pilotKey = (issueId: string) => `pilot:${issueId}`;
/** When this version of the app first read a pilot: only pilots created before it can have a legacy record. */
const STORE_SINCE_KEY = 'pilot-store:since';

/** A pilot nobody has saved yet: it started the day its issue was created. */
export function newRecord(createdDay: IsoDate | null): PilotRecord {
  return {
    schemaVersion: STORED_SCHEMA_VERSION,
    version: 0,
    pilot: { ...emptyPilot(), pilotStart: createdDay },
    waivers: [],
    productionSpecUrl: null,
    productionCriteria: null,
    pathwayPage: null,
    updatedAt: null,
    updatedBy: null,
    older: { decisions: 0, productionDateChanges: 0 },
  };
}

export function createdDay(issue: JiraIssue): IsoDate | null {
  const created = issue.fields.created;
  if (!created) return null;
  const instant = new Date(created);
  return Number.isNaN(instant.getTime()) ? null : dayOf(instant);
}

/** A stored record, or why it cannot be read (one flagged row, never a failed page). */
export type RecordRead = { ok: true; record: PilotRecord } | { ok: false; issueKey: string; message: string };

export function unreadableMessage(issueKey: string, reason: string): string {
  return `Stored data for ${issueKey} could not be read: ${reason}.`;
}

/**
 * The records of a page of issues: batch reads only (25 keys each), nothing per issue. A pilot with no stored
 * record is new (version 0), unless it carries a record from before app storage, which is moved over here.
 */
export async function readRecords(issues: JiraIssue[]): Promise<Map<string, RecordRead>> {
  const out = new Map<string, RecordRead>();
  const found = await batchRead(issues.map((issue) => pilotKey(issue.id)));
  const missing: JiraIssue[] = [];
  for (const issue of issues) {
    const key = pilotKey(issue.id);
    if (!found.has(key)) {
      missing.push(issue);
      continue;
    }
    const decoded = decodeRecord(found.get(key));
    out.set(
      issue.id,
      decoded.ok
        ? { ok: true, record: decoded.record }
        : { ok: false, issueKey: issue.key, message: unreadableMessage(issue.key, decoded.reason) },
    );
  }
  if (missing.length) {
    const since = await storeSince();
    for (const issue of missing) out.set(issue.id, await fromLegacy(issue, since));
  }
  return out;
}

export async function readRecord(issue: JiraIssue): Promise<RecordRead> {
  return (await readRecords([issue])).get(issue.id)!;
}

/** The record, or the flagged reason as an error (for the panel and the validator, which handle one pilot). */
export async function requireRecord(issue: JiraIssue): Promise<PilotRecord> {
  return requireRead(await readRecord(issue));
}

/** A read record, or its flagged reason as an error. */
export function requireRead(read: RecordRead): PilotRecord {
  if (!read.ok)
    throw new AppError(
      'INTERNAL',
      `${read.message} Nothing was changed; ask a Jira admin to look at the app's stored data.`,
    );
  return read.record;
}

/**
 * One pilot's stored record read by issue id alone, so it can be read while Jira is asked for the issue (the panel
 * does both at once): the stored value, if any, and when the store began, in one batch read.
 */
export interface RecordPrefetch {
  issueId: string;
  found: boolean;
  stored: unknown;
  since: unknown;
}

export async function prefetchRecord(issueId: string): Promise<RecordPrefetch> {
  const found = await batchRead([pilotKey(issueId), STORE_SINCE_KEY]);
  return {
    issueId,
    found: found.has(pilotKey(issueId)),
    stored: found.get(pilotKey(issueId)),
    since: found.get(STORE_SINCE_KEY),
  };
}

/** The stored record of a prefetch, when there is one and it reads (null otherwise). */
export function prefetchedRecord(prefetch: RecordPrefetch): PilotRecord | null {
  if (!prefetch.found) return null;
  const decoded = decodeRecord(prefetch.stored);
  return decoded.ok ? decoded.record : null;
}

/**
 * What readRecord(issue) gives, from a prefetch of the same issue: no further call, unless a record from before app
 * storage moves over or the store's start is not recorded yet. A prefetch of another issue is not used.
 */
export async function recordFromPrefetch(issue: JiraIssue, prefetch: RecordPrefetch): Promise<RecordRead> {
  if (prefetch.issueId !== issue.id) return readRecord(issue);
  if (prefetch.found) {
    const decoded = decodeRecord(prefetch.stored);
    return decoded.ok
      ? { ok: true, record: decoded.record }
      : { ok: false, issueKey: issue.key, message: unreadableMessage(issue.key, decoded.reason) };
  }
  const since = typeof prefetch.since === 'string' ? Date.parse(prefetch.since) : await storeSince();
  return fromLegacy(issue, since);
}

/** The record currently stored for `issueId`, read straight from app storage (null when none or unreadable). */
export async function latestRecord(issueId: string): Promise<PilotRecord | null> {
  const raw = await kvs.get(pilotKey(issueId));
  if (raw === undefined) return null;
  const decoded = decodeRecord(raw);
  return decoded.ok ? decoded.record : null;
}

/** The version currently stored for `issueId` (0 when none). */
export async function storedVersion(issueId: string): Promise<number> {
  return (await latestRecord(issueId))?.version ?? 0;
}

/** The stored versions of several pilots (0 when none or unreadable), in batch reads. */
export async function storedVersions(issueIds: string[]): Promise<Map<string, number>> {
  const found = await batchRead(issueIds.map(pilotKey));
  return new Map(
    issueIds.map((id) => {
      const decoded = decodeRecord(found.get(pilotKey(id)));
      return [id, decoded.ok ? decoded.record.version : 0];
    }),
  );
}

/** When app storage began (set once, on first use): pilots created since never read an issue property as a record. */
export async function storeSince(): Promise<number> {
  const known = await kvs.get<string>(STORE_SINCE_KEY);
  if (typeof known === 'string') return Date.parse(known);
  const now = new Date().toISOString();
  try {
    await kvs.set(STORE_SINCE_KEY, now, { keyPolicy: 'FAIL_IF_EXISTS' });
    return Date.parse(now);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    const stored = await kvs.get<string>(STORE_SINCE_KEY);
    return typeof stored === 'string' ? Date.parse(stored) : Date.parse(now);
  }
}

/**
 * A pilot created before app storage existed may carry its record in the `ai-pilot` property: it moves over once
 * (the first writer wins; the loser reads the winner's copy). A property on a pilot created since is something a
 * person wrote by hand, and is ignored.
 */
async function fromLegacy(issue: JiraIssue, since: number): Promise<RecordRead> {
  const fresh: RecordRead = { ok: true, record: newRecord(createdDay(issue)) };
  const raw = issue.properties?.[PILOT_PROPERTY];
  const created = issue.fields.created ? Date.parse(issue.fields.created) : NaN;
  if (raw === undefined || raw === null || !(created < since)) return fresh;
  const decoded = decodeRecord(raw);
  if (!decoded.ok) return { ok: false, issueKey: issue.key, message: unreadableMessage(issue.key, decoded.reason) };
  // The property's era had no production criteria and no pathway page: any found there were written by hand.
  const record = { ...boundHistories(decoded.record), productionCriteria: null, pathwayPage: null };
  try {
    await kvs.set(pilotKey(issue.id), record, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    const winner = decodeRecord(await kvs.get(pilotKey(issue.id)));
    return winner.ok
      ? { ok: true, record: winner.record }
      : { ok: false, issueKey: issue.key, message: unreadableMessage(issue.key, winner.reason) };
  }
  const projectId = issue.fields.project?.id;
  if (projectId) {
    await appendAudit(projectId, {
      at: new Date().toISOString(),
      byAccountId: 'app',
      subject: `${issue.key} pilot record`,
      changes: [`moved to app storage (version ${record.version}); the ai-pilot issue property is no longer read`],
    });
  }
  return { ok: true, record };
}

/**
 * How long a revision claim holds: longer than any invocation that writes (Forge's longest is 15 minutes), short
 * enough that a claim a storage outage kept from being released (the write and the release both failed) does not
 * lock the pilot for long. Versions stored earlier are refused by the check after the claim, not by the claim.
 */
const REVISION_CLAIM_SECONDS = 15 * 60;

/**
 * Checks `next` fits the store, then stores it as expectedVersion + 1, or raises CONFLICT when someone else saved
 * in between. The KVS claim is atomic (FAIL_IF_EXISTS), so of two concurrent writers of the same version exactly
 * one proceeds; the record and its audit line are written in one transaction (both or neither), and a failed
 * write releases its claim.
 */
export async function writeRecord(
  issueId: string,
  expectedVersion: number,
  next: PilotRecord,
  audit?: { projectId: string; entry: AuditEntry },
): Promise<PilotRecord> {
  const version = expectedVersion + 1;
  const stored: PilotRecord = fitHistories({ ...next, schemaVersion: STORED_SCHEMA_VERSION, version });
  checkSize(stored);
  const claimed = await claim(`pilot-rev:${issueId}:${version}`, REVISION_CLAIM_SECONDS);
  const conflict = () =>
    new AppError('CONFLICT', 'Someone else saved this pilot a moment ago. Review their changes and save again.');
  if (!claimed) throw conflict();
  // The claim only guards the write in flight; a version stored earlier is caught here, so the claim can be short.
  if ((await storedVersion(issueId)) !== expectedVersion) throw conflict();
  try {
    if (audit) {
      const line = auditRecord(audit.projectId, audit.entry);
      await kvs.transact().set(pilotKey(issueId), stored).set(line.key, line.value).execute();
    } else {
      await kvs.set(pilotKey(issueId), stored);
    }
  } catch (error) {
    await kvs.delete(`pilot-rev:${issueId}:${version}`);
    throw error;
  }
  await refreshPortfolioRows([issueId]);
  return stored;
}

/** Claims (KVS keys one caller takes atomically) check their own deadline: expired keys linger on Forge. */
export { claim };
