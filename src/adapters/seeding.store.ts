// What the app knows about each pilot's workstream sub-tasks, in app storage (which no user can write):
//   workstreams:{issueId}    template row id → sub-task id, and whether every row of the template has one
//   seeded:{issueId}         done marker: the template (by fingerprint) the pilot's sub-tasks were last made to match
//   seed-pending:{issueId}   seeding started or the template changed, and the pilot is not caught up yet
//   seed-lock:{issueId}      one seeding run per pilot at a time
//   template-rollout:{projectId}:{settingsVersion}   a template change still on its way to the project's pilots
// The mapping used to live in the issue property `ai-pilot-workstreams`, which anyone who may edit the issue can
// rewrite; it moves here on first read, once, keeping only ids that are sub-tasks of that pilot.
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { auditRecord, type AuditEntry } from './settings.store';
import type { JiraIssue } from './jira/issues.api';
import { claim, isAlreadyExists } from './claims.store';
import { batchRead } from './kvs-batch';
import { storeSince } from './pilot-record.store';
import { refreshPortfolioRows } from './portfolio-queue';

/** The legacy issue property the mapping is migrated from (read only, never written again). */
export const LEGACY_WORKSTREAMS_PROPERTY = 'ai-pilot-workstreams';

const workstreamsSchema = z.object({
  /** template row id → sub-task issue id */
  rows: z.record(z.string(), z.string()),
  complete: z.boolean(),
  migratedFrom: z.literal('issue-property').optional(),
});
export type WorkstreamMapping = z.infer<typeof workstreamsSchema>;

const markerSchema = z.object({
  at: z.string(),
  rows: z.number().int().min(0),
  /** The template the sub-tasks were made to match, and each row's schedule then (week/milestone). */
  fingerprint: z.string().optional(),
  schedule: z.record(z.string(), z.string()).optional(),
  /** The settings version whose template the sub-tasks were made to match (the pilot's template version). */
  templateVersion: z.number().int().min(0).optional(),
});
export type SeedMarker = z.infer<typeof markerSchema>;

const mappingKey = (issueId: string) => `workstreams:${issueId}`;
const doneKey = (issueId: string) => `seeded:${issueId}`;
const pendingKey = (issueId: string) => `seed-pending:${issueId}`;
const lockKey = (issueId: string) => `seed-lock:${issueId}`;

const EMPTY: WorkstreamMapping = { rows: {}, complete: false };

// ---- the mapping ----

/** The stored mapping of one pilot; migrates the legacy property on first read. `issue` needs its sub-tasks and that property. */
export async function loadWorkstreams(issue: JiraIssue): Promise<WorkstreamMapping> {
  return (await loadWorkstreamsOf([issue])).get(issue.id) ?? EMPTY;
}

/** The stored mappings of a page of pilots (one batch read), migrating those still kept in the property. Has an entry for every issue given (an empty mapping when none is stored). */
export async function loadWorkstreamsOf(issues: JiraIssue[]): Promise<Map<string, WorkstreamMapping>> {
  const found = new Map<string, WorkstreamMapping>();
  const stored = await batchRead(issues.map((issue) => mappingKey(issue.id)));
  for (const issue of issues) {
    const parsed = workstreamsSchema.safeParse(stored.get(mappingKey(issue.id)));
    // An unreadable mapping reads as empty: seeding then finds the sub-tasks by the row id each carries.
    if (parsed.success) found.set(issue.id, parsed.data);
  }
  for (const issue of issues) {
    if (!found.has(issue.id)) found.set(issue.id, await mappingFromLegacy(issue));
  }
  return found;
}

/** The mapping of a pilot with none stored: the legacy property's, moved over once, or an empty one. */
async function mappingFromLegacy(issue: JiraIssue): Promise<WorkstreamMapping> {
  const migrated = legacyMapping(issue);
  if (!migrated) return EMPTY;
  // Only a pilot from before app storage can have its mapping in the property; on a newer pilot (say, between its
  // creation and seeding's first write) the property is what a member wrote by hand, and is ignored.
  const created = issue.fields.created ? Date.parse(issue.fields.created) : NaN;
  if (!(created < (await storeSince()))) return EMPTY;
  // Two readers may migrate at once; the first write wins and the other reads it back.
  if (await claimMapping(issue.id, migrated)) return migrated;
  return workstreamsSchema.safeParse(await kvs.get(mappingKey(issue.id))).data ?? migrated;
}

/** One pilot's stored mapping read by issue id alone, so it can be read while Jira is asked for the issue. */
export interface WorkstreamsPrefetch {
  issueId: string;
  stored: unknown;
}

export async function prefetchWorkstreams(issueId: string): Promise<WorkstreamsPrefetch> {
  const stored = await batchRead([mappingKey(issueId)]);
  return { issueId, stored: stored.get(mappingKey(issueId)) };
}

/** What loadWorkstreams(issue) gives, from a prefetch of the same issue (one of another issue is not used). */
export async function workstreamsFromPrefetch(
  issue: JiraIssue,
  prefetch: WorkstreamsPrefetch,
): Promise<WorkstreamMapping> {
  if (prefetch.issueId !== issue.id) return loadWorkstreams(issue);
  const parsed = workstreamsSchema.safeParse(prefetch.stored);
  return parsed.success ? parsed.data : mappingFromLegacy(issue);
}

/** The property's mapping, keeping only rows that point at sub-tasks of this very pilot, each at most once. */
function legacyMapping(issue: JiraIssue): WorkstreamMapping | null {
  const raw = z
    .object({ rows: z.record(z.string(), z.string()) })
    .safeParse(issue.properties?.[LEGACY_WORKSTREAMS_PROPERTY]);
  if (!raw.success) return null;
  const subtasks = new Set((issue.fields.subtasks ?? []).map((s) => s.id));
  const used = new Set<string>();
  const rows: Record<string, string> = {};
  for (const [rowId, subtaskId] of Object.entries(raw.data.rows)) {
    if (!subtasks.has(subtaskId) || used.has(subtaskId)) continue;
    used.add(subtaskId);
    rows[rowId] = subtaskId;
  }
  // Completeness is recomputed against the template by the next seeding run, never taken from the property.
  return { rows, complete: false, migratedFrom: 'issue-property' };
}

async function claimMapping(issueId: string, mapping: WorkstreamMapping): Promise<boolean> {
  try {
    await kvs.set(mappingKey(issueId), mapping, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/**
 * Records a seeding run in one KVS transaction: the mapping, and when the pilot is caught up the done marker
 * (and the pending marker cleared), plus the audit line of what changed. All or nothing, so a run that fails here
 * is simply run again: the sub-tasks it created are found by their row ids and recorded then.
 */
export async function recordSeeding(
  issueId: string,
  mapping: WorkstreamMapping,
  options: { done?: SeedMarker; audit?: { projectId: string; entry: AuditEntry } } = {},
): Promise<void> {
  let tx = kvs.transact().set(mappingKey(issueId), workstreamsSchema.parse(mapping));
  if (options.done) tx = tx.set(doneKey(issueId), markerSchema.parse(options.done)).delete(pendingKey(issueId));
  if (options.audit) {
    const audit = auditRecord(options.audit.projectId, options.audit.entry);
    tx = tx.set(audit.key, audit.value);
  }
  await tx.execute();
  await refreshPortfolioRows([issueId]);
}

// ---- template rollouts ----

const rolloutKey = (projectId: string, settingsVersion: number) =>
  `template-rollout:${projectId}:${String(settingsVersion).padStart(8, '0')}`;

/** The record of a rollout, for saving in the same transaction as the settings change it comes from. */
export function rolloutRecord(
  projectId: string,
  settingsVersion: number,
  rollout: Record<string, unknown>,
): { key: string; value: unknown } {
  return { key: rolloutKey(projectId, settingsVersion), value: { ...rollout, recordedAt: new Date().toISOString() } };
}

export async function finishRollout(projectId: string, settingsVersion: number): Promise<void> {
  await kvs.delete(rolloutKey(projectId, settingsVersion));
}

/** Rollouts not finished yet (their values, as recorded), at most `limit`. */
export async function unfinishedRollouts(limit: number): Promise<Array<{ value: unknown; recordedAt: number | null }>> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith('template-rollout:')).limit(limit).getMany();
  return page.results.map((entry) => {
    const at = Date.parse(String((entry.value as { recordedAt?: unknown } | undefined)?.recordedAt ?? ''));
    return { value: entry.value, recordedAt: Number.isFinite(at) ? at : null };
  });
}

// ---- markers and the lock ----

export async function seedMarker(issueId: string): Promise<SeedMarker | null> {
  const parsed = markerSchema.safeParse(await kvs.get(doneKey(issueId)));
  return parsed.success ? parsed.data : null;
}

export async function markPending(issueId: string, reason: string): Promise<void> {
  await kvs.set(pendingKey(issueId), { since: new Date().toISOString(), reason });
}

export async function clearPending(issueId: string): Promise<void> {
  await kvs.delete(pendingKey(issueId));
}

/** Pilots marked pending, oldest keys first, with when they were marked (null when unreadable). */
export async function pendingSeeding(limit: number): Promise<Array<{ issueId: string; since: number | null }>> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith('seed-pending:')).limit(limit).getMany();
  return page.results.map((entry) => {
    const since = Date.parse(String((entry.value as { since?: unknown } | undefined)?.since ?? ''));
    return { issueId: entry.key.slice('seed-pending:'.length), since: Number.isFinite(since) ? since : null };
  });
}

export function lockSeeding(issueId: string, seconds: number): Promise<boolean> {
  return claim(lockKey(issueId), seconds);
}

export async function unlockSeeding(issueId: string): Promise<void> {
  await kvs.delete(lockKey(issueId));
}
