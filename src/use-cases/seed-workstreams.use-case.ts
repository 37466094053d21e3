// Creates a pilot's workstream sub-tasks from its project's template, exactly once whatever the platform does:
// events delivered several times at once (a KVS lock lets one delivery work, the others come back later),
// delivered late (a done marker ends them cheaply), interrupted by 429/503 or a half-successful bulk call
// (each sub-task carries its template row id, so a retry creates only the rows that are still missing), or a
// failed write after a successful bulk create (the next run finds those sub-tasks by their row ids).
//
// Template changes reach pilots in flight: when an admin adds a row or moves one to another milestone or week,
// a rollout (one page of pilots per queue event) runs the same seeding again for each pilot. An added row gets
// its sub-task once; a moved row's sub-task takes the dates the pilot's own stored plan gives it (its pilot start
// and milestones), and each pilot's changes are one audit line on the project's trail, written with the mapping.
import { z } from 'zod';
import type { IsoDate } from '../core/dates';
import type { Milestones } from '../core/pilot';
import { MILESTONES } from '../core/pilot';
import { planWorkstreams, type PlannedWorkstream, type WorkstreamTemplateRow } from '../core/workstreams';
import type { Settings } from '../contract/schemas';
import { fieldIds } from '../adapters/jira/fields.api';
import { bulkCreateIssues, editIssue, getIssue, MAX_BULK_CREATE, type JiraIssue } from '../adapters/jira/issues.api';
import { projectTypes } from '../adapters/jira/project-config.api';
import { searchJql } from '../adapters/jira/search.api';
import { createdDay, newRecord, PILOT_PROPERTY, readRecord, WORKSTREAM_PROPERTY } from '../adapters/pilot-record.store';
import {
  clearPending,
  finishRollout,
  LEGACY_WORKSTREAMS_PROPERTY,
  loadWorkstreams,
  lockSeeding,
  markPending,
  pendingSeeding,
  recordSeeding,
  seedMarker,
  unfinishedRollouts,
  unlockSeeding,
} from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { isDone, isPilot } from './pilot-facts';

export type SeedOutcome =
  | { status: 'seeded'; created: number; moved: number }
  | { status: 'already-seeded' }
  | { status: 'not-a-pilot' }
  | { status: 'not-set-up'; message: string }
  | { status: 'busy' }
  | { status: 'partial'; created: number; failed: number; messages: string[] };

const LOCK_SECONDS = 120;

/** What scheduling depends on, per row: a row whose signature changed has moved. */
const signatureOf = (row: WorkstreamTemplateRow) => `${row.startWeek}/${row.mustCompleteBefore}`;

/** Identifies a template's rows and their schedule (names and owners do not change any sub-task). */
export function templateFingerprint(template: readonly WorkstreamTemplateRow[]): string {
  const text = template.map((r) => `${r.id}=${signatureOf(r)}`).join(';');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${template.length}:${(hash >>> 0).toString(16)}`;
}

/** Records that `issueId` needs its workstreams, before the first attempt, so nothing depends on retries alone. */
export async function markSeedingPending(issueId: string): Promise<void> {
  if (await seedMarker(issueId)) return;
  await markPending(issueId, 'created');
}

/**
 * Pilots whose seeding started before `olderThan` and never finished (Jira down for longer than the platform
 * retries), or that a template change could not reach at the time. Each is seeded again under the same lock and
 * markers, so this can never duplicate. One pilot's failure is that pilot's alone.
 */
export async function finishPendingSeeding(
  olderThan: Date,
  limit: number,
): Promise<{ examined: number; seeded: number }> {
  const pending = await pendingSeeding(limit);
  let seeded = 0;
  for (const entry of pending) {
    if (entry.since !== null && entry.since > olderThan.getTime()) continue;
    try {
      const outcome = await seedWorkstreams(entry.issueId, { reconcile: true });
      if (outcome.status === 'seeded') seeded += 1;
      if (outcome.status === 'not-a-pilot') await clearPending(entry.issueId);
    } catch (error) {
      console.warn(`Workstreams of issue ${entry.issueId} still not created: ${String(error)}`);
    }
  }
  return { examined: pending.length, seeded };
}

export interface SeedOptions {
  /** Compare with the current template even when the pilot was seeded before (template changes, the daily run). */
  reconcile?: boolean;
  /** Rows the admin moved (another milestone or week): their sub-tasks take the dates of the pilot's plan. */
  movedRows?: string[];
  /** Who changed the template, for the audit line. */
  byAccountId?: string;
}

export async function seedWorkstreams(issueId: string, options: SeedOptions = {}): Promise<SeedOutcome> {
  if (!options.reconcile && (await seedMarker(issueId))) return { status: 'already-seeded' };
  if (!(await lockSeeding(issueId, LOCK_SECONDS))) return { status: 'busy' };
  try {
    return await seedLocked(issueId, options);
  } finally {
    await unlockSeeding(issueId);
  }
}

interface StoredPlan {
  pilotStart: IsoDate | null;
  milestones: Milestones;
  /** Neither done in Jira nor killed: template changes still reach it. */
  inFlight: boolean;
}

/**
 * The pilot's own schedule as stored in its record: its pilot start and milestones, never the template's defaults.
 * The one place seeding reads the pilot record.
 */
async function storedPlanOf(issue: JiraIssue, startDateField: string | null): Promise<StoredPlan> {
  const read = await readRecord(issue);
  const record = read.ok ? read.record : newRecord(createdDay(issue)); // unreadable: schedule from the template alone
  const startField = startDateField ? issue.fields[startDateField] : undefined;
  return {
    pilotStart: record.pilot.pilotStart ?? (typeof startField === 'string' ? startField : null) ?? createdDay(issue),
    milestones: record.pilot.milestones,
    inFlight: !isDone(issue) && record.pilot.phase !== 'killed',
  };
}

async function seedLocked(issueId: string, options: SeedOptions): Promise<SeedOutcome> {
  const ids = await fieldIds();
  const issue = await getIssue(
    'app',
    issueId,
    ['summary', 'issuetype', 'project', 'status', 'subtasks', 'created', ...(ids.startDate ? [ids.startDate] : [])],
    [PILOT_PROPERTY, LEGACY_WORKSTREAMS_PROPERTY],
  );
  if (!isPilot(issue)) return { status: 'not-a-pilot' };
  const projectId = issue.fields.project?.id;
  const types = projectId ? await projectTypes(projectId) : null;
  if (!projectId || !types) {
    return {
      status: 'not-set-up',
      message: `Project of ${issue.key} has no sub-task type for AI Pilot workstreams; run setup on the project settings page.`,
    };
  }
  const stored = await loadSettings(projectId);
  const { template } = stored.settings;
  const fingerprint = templateFingerprint(template);
  const marker = await seedMarker(issueId);
  // The marker already records this template: nothing to add or move (a re-delivered rollout ends here).
  if (marker?.fingerprint === fingerprint) {
    await clearPending(issueId);
    return { status: 'already-seeded' };
  }
  const plan = await storedPlanOf(issue, ids.startDate);
  if (!plan.pilotStart) return { status: 'not-set-up', message: `${issue.key} has no creation date to schedule from.` };

  const mapping = await loadWorkstreams(issue);
  const rows = await existingRows(
    issue.id,
    mapping.rows,
    (issue.fields.subtasks ?? []).map((s) => s.id),
  );
  const planned = planWorkstreams(template, plan.pilotStart, plan.milestones);
  const firstRun = marker === null;
  // A pilot that is done or killed keeps the sub-tasks it has; template changes reach pilots in flight.
  const addRows = firstRun || plan.inFlight;
  const existedBefore = new Set(Object.keys(rows));
  const missing = addRows ? planned.filter((p) => !rows[p.rowId]) : [];

  const messages: string[] = [];
  let failed = 0;
  let created = 0;
  for (let i = 0; i < missing.length; i += MAX_BULK_CREATE) {
    const chunk = missing.slice(i, i + MAX_BULK_CREATE);
    const result = await bulkCreateIssues(
      'app',
      chunk.map((p) => subtaskFields(p, issue.id, projectId, types.subtaskTypeId, ids.startDate)),
    );
    // Jira lists created issues in request order, skipping the failed elements.
    const failedIndexes = new Set(result.errors.map((e) => e.failedElementNumber));
    const succeeded = chunk.filter((_, index) => !failedIndexes.has(index));
    succeeded.forEach((p, index) => {
      const createdIssue = result.issues[index];
      if (createdIssue) rows[p.rowId] = createdIssue.id;
    });
    created += Math.min(succeeded.length, result.issues.length);
    failed += result.errors.length;
    messages.push(
      ...result.errors.flatMap((e) => [
        ...(e.elementErrors?.errorMessages ?? []),
        ...Object.values(e.elementErrors?.errors ?? {}),
      ]),
    );
  }

  const moves =
    !firstRun && plan.inFlight
      ? await moveDates(
          issue.id,
          template,
          planned,
          rows,
          existedBefore,
          marker?.schedule,
          options.movedRows ?? [],
          ids.startDate,
        )
      : [];

  const complete = template.every((r) => rows[r.id]);
  // Rows recorded by this run, which the mapping did not have: each is audited once, in the same write.
  const added = firstRun ? [] : template.filter((r) => rows[r.id] && !mapping.rows[r.id]);
  const changes = [
    ...added.map((r) => `workstreams: added "${r.name}" from the template (${issueKeyOf(rows[r.id]!, issue)})`),
    ...moves,
  ];
  const caughtUp = complete || !addRows;
  await recordSeeding(
    issue.id,
    { rows, complete },
    {
      ...(caughtUp
        ? {
            done: {
              at: new Date().toISOString(),
              rows: Object.keys(rows).length,
              fingerprint,
              schedule: Object.fromEntries(template.map((r) => [r.id, signatureOf(r)])),
              templateVersion: stored.version,
            },
          }
        : {}),
      ...(changes.length
        ? {
            audit: {
              projectId,
              entry: {
                at: new Date().toISOString(),
                byAccountId: options.byAccountId ?? stored.updatedBy ?? 'app',
                subject: issue.key,
                changes,
              },
            },
          }
        : {}),
    },
  );
  if (!caughtUp) return { status: 'partial', created, failed: Math.max(failed, 1), messages };
  // The template changed while this ran: the daily run compares again.
  if (templateFingerprint((await loadSettings(projectId)).settings.template) !== fingerprint)
    await markPending(issue.id, 'template changed');
  return { status: 'seeded', created, moved: moves.length };
}

const issueKeyOf = (subtaskId: string, pilot: JiraIssue) =>
  pilot.fields.subtasks?.find((s) => s.id === subtaskId)?.key ?? `sub-task ${subtaskId}`;

/**
 * Moves the dates of sub-tasks whose template row moved (per the done marker's schedule, or as the rollout says)
 * to what the pilot's stored plan gives them. Reads the sub-tasks' current dates with reconcileIssues, so a
 * just-written date is seen; a sub-task already on its planned dates is not written again.
 */
async function moveDates(
  pilotId: string,
  template: readonly WorkstreamTemplateRow[],
  planned: PlannedWorkstream[],
  rows: Record<string, string>,
  existedBefore: Set<string>,
  lastSchedule: Record<string, string> | undefined,
  movedRows: string[],
  startDateField: string | null,
): Promise<string[]> {
  // The done marker's schedule says what the sub-tasks were last made to match; the rollout's list covers
  // markers from before schedules were recorded. Once a move is recorded it is neither redone nor re-audited.
  const moved = template.filter((r) => {
    if (!existedBefore.has(r.id) || !rows[r.id]) return false;
    const last = lastSchedule?.[r.id];
    return last !== undefined ? last !== signatureOf(r) : movedRows.includes(r.id);
  });
  if (!moved.length) return [];
  const subtaskIds = moved.map((r) => rows[r.id]!);
  const page = await searchJql('app', {
    jql: `parent = ${pilotId}`,
    fields: ['summary', 'duedate', ...(startDateField ? [startDateField] : [])],
    maxResults: 100,
    reconcileIssues: subtaskIds.slice(0, 50).map(Number),
  });
  const current = new Map(page.issues.map((i) => [i.id, i]));
  const changes: string[] = [];
  for (const row of moved) {
    const subtaskId = rows[row.id]!;
    const plan = planned.find((p) => p.rowId === row.id)!;
    const sub = current.get(subtaskId);
    const fields: Record<string, unknown> = {};
    if ((sub?.fields.duedate ?? null) !== plan.dueDate) fields.duedate = plan.dueDate;
    if (startDateField && (sub?.fields[startDateField] ?? null) !== plan.startDate)
      fields[startDateField] = plan.startDate;
    if (Object.keys(fields).length) await editIssue('app', subtaskId, fields);
    const milestone = MILESTONES.find((m) => m.key === row.mustCompleteBefore)?.label ?? row.mustCompleteBefore;
    changes.push(
      `workstream "${row.name}" (${sub?.key ?? subtaskId}) follows the template: week ${row.startWeek}, before ${milestone}; due ${plan.dueDate ?? 'none'}, starts ${plan.startDate}`,
    );
  }
  return changes;
}

/**
 * Row ids of the sub-tasks that exist. The stored mapping records what earlier runs finished; a run that
 * stopped between creating sub-tasks and recording them is caught by reading the row id each sub-task carries,
 * with reconcileIssues so a just-created sub-task is not missed by the search index.
 */
const createdByApp = z.object({ accountType: z.literal('app') });

async function existingRows(
  pilotId: string,
  recorded: Record<string, string>,
  subtaskIds: string[],
): Promise<Record<string, string>> {
  const present = new Set(subtaskIds);
  const rows = Object.fromEntries(Object.entries(recorded).filter(([, id]) => present.has(id)));
  const known = new Set(Object.values(rows));
  const unknown = subtaskIds.filter((id) => !known.has(id));
  if (!unknown.length) return rows;
  const page = await searchJql('app', {
    jql: `parent = ${pilotId}`,
    fields: ['summary', 'creator'],
    properties: [WORKSTREAM_PROPERTY],
    maxResults: 100,
    reconcileIssues: unknown.slice(0, 50).map(Number),
  });
  for (const sub of page.issues) {
    if (known.has(sub.id)) continue;
    // Whoever may edit a sub-task may write this property on it: only a sub-task the app created (the search keeps to
    // this pilot's) is taken for a row; a member's own sub-task with a copied row id would stand in for a workstream.
    if (!createdByApp.safeParse((sub.fields as Record<string, unknown>).creator).success) continue;
    const parsed = z
      .object({ rowId: z.string(), pilotId: z.string().optional() })
      .safeParse(sub.properties?.[WORKSTREAM_PROPERTY]);
    if (parsed.success && !rows[parsed.data.rowId] && (parsed.data.pilotId ?? pilotId) === pilotId)
      rows[parsed.data.rowId] = sub.id;
  }
  return rows;
}

function subtaskFields(
  p: PlannedWorkstream,
  parentId: string,
  projectId: string,
  subtaskTypeId: string,
  startDateField: string | null,
) {
  const milestone = MILESTONES.find((m) => m.key === p.mustCompleteBefore)?.label ?? p.mustCompleteBefore;
  return {
    fields: {
      project: { id: projectId },
      parent: { id: parentId },
      issuetype: { id: subtaskTypeId },
      summary: p.name,
      labels: ['ai-pilot-workstream'],
      description: {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: `Owner: ${p.ownerTeam}. Starts ${p.startDate}; must complete before ${milestone}.`,
              },
            ],
          },
        ],
      },
      ...(p.dueDate ? { duedate: p.dueDate } : {}),
      ...(startDateField ? { [startDateField]: p.startDate } : {}),
    },
    properties: [
      {
        key: WORKSTREAM_PROPERTY,
        value: { rowId: p.rowId, ownerTeam: p.ownerTeam, startDate: p.startDate, pilotId: parentId },
      },
    ],
  };
}

// ---- template rollout: pilots in flight follow template changes ----

export const templateRolloutSchema = z.object({
  kind: z.literal('template-rollout'),
  projectId: z.string().regex(/^\d+$/),
  addedRows: z.array(z.string()),
  movedRows: z.array(z.string()),
  byAccountId: z.string(),
  /** The settings version whose save started it: names its record, deleted when every page is done. */
  settingsVersion: z.number().int().min(1),
  pageToken: z.string().optional(),
});
export type TemplateRollout = z.infer<typeof templateRolloutSchema>;

/** The rollout a settings change needs: rows added, or moved to another milestone or week. Null when none. */
export function rolloutFor(
  projectId: string,
  settingsVersion: number,
  before: Settings['template'],
  after: Settings['template'],
  byAccountId: string,
): TemplateRollout | null {
  const old = new Map(before.map((r) => [r.id, r]));
  const addedRows = after.filter((r) => !old.has(r.id)).map((r) => r.id);
  const movedRows = after
    .filter((r) => old.has(r.id) && signatureOf(old.get(r.id)!) !== signatureOf(r))
    .map((r) => r.id);
  if (!addedRows.length && !movedRows.length) return null;
  return { kind: 'template-rollout', projectId, addedRows, movedRows, byAccountId, settingsVersion };
}

/** Pilots per page: each may cost a few Jira calls, and a page must finish well inside one invocation. */
const ROLLOUT_PAGE = 10;
/** Time kept back before starting another page. */
const ROLLOUT_RESERVE_MS = 12_000;

/**
 * Runs the rollout over the project's pilots in flight, a page at a time while the invocation has time; returns
 * the rest to queue, or null when done. A pilot another run holds, or whose seeding fails, is marked pending so
 * the daily run brings it up to date: one pilot's trouble never stops the others.
 */
export async function runTemplateRollout(
  state: TemplateRollout,
  budget: { remainingMs: () => number },
): Promise<TemplateRollout | null> {
  let token = state.pageToken;
  do {
    const page = await searchJql('app', {
      jql: `project = ${state.projectId} AND issuetype = "AI Pilot" AND statusCategory != Done ORDER BY key ASC`,
      fields: ['summary'],
      maxResults: ROLLOUT_PAGE,
      ...(token ? { nextPageToken: token } : {}),
    });
    for (const issue of page.issues) {
      try {
        const outcome = await seedWorkstreams(issue.id, {
          reconcile: true,
          movedRows: state.movedRows,
          byAccountId: state.byAccountId,
        });
        if (outcome.status === 'busy' || outcome.status === 'partial') await markPending(issue.id, 'template changed');
      } catch (error) {
        console.warn(`Template change did not reach ${issue.key} yet: ${String(error)}`);
        await markPending(issue.id, 'template changed').catch(() => undefined);
      }
    }
    token = page.nextPageToken ?? undefined;
  } while (token && budget.remainingMs() > ROLLOUT_RESERVE_MS);
  if (token) return { ...state, pageToken: token };
  await finishRollout(state.projectId, state.settingsVersion);
  return null;
}

/** How long a recorded rollout may sit before the daily run queues it again (the save queued it first). */
const ROLLOUT_STALE_MINUTES = 30;

/**
 * Rollouts recorded with a template change but not finished (the queue refused, or Forge gave up retrying),
 * restarted from their first page; every pilot already caught up ends in one marker read.
 */
export async function unfinishedTemplateRollouts(now: Date, limit: number): Promise<TemplateRollout[]> {
  const rollouts: TemplateRollout[] = [];
  for (const entry of await unfinishedRollouts(limit)) {
    if (entry.recordedAt !== null && entry.recordedAt > now.getTime() - ROLLOUT_STALE_MINUTES * 60_000) continue;
    const parsed = templateRolloutSchema.safeParse({ ...(entry.value as object), pageToken: undefined });
    if (parsed.success) rollouts.push(parsed.data);
  }
  return rollouts;
}
