// Creates a pilot's workstream sub-tasks from its project's template, exactly once whatever the platform does:
// events delivered several times at once (a KVS lock lets one delivery work, the others come back later),
// delivered late (a done marker ends them cheaply), interrupted by 429/503 or a half-successful bulk call
// (each sub-task carries its template row id, so a retry creates only the rows that are still missing).
import { kvs, WhereConditions } from '@forge/kvs';
import { planWorkstreams, type PlannedWorkstream } from '../core/workstreams';
import { fieldIds } from '../adapters/jira/fields.api';
import { bulkCreateIssues, getIssue, MAX_BULK_CREATE, setIssueProperty } from '../adapters/jira/issues.api';
import { projectTypes } from '../adapters/jira/project-config.api';
import { searchJql } from '../adapters/jira/search.api';
import { claim, createdDay, newRecord, readRecord, WORKSTREAM_PROPERTY, WORKSTREAMS_PROPERTY, workstreamsOf } from '../adapters/pilot-record.store';
import { loadSettings } from '../adapters/settings.store';
import { PILOT_PROPERTY } from '../adapters/pilot-record.store';
import { isPilot } from './pilot-facts';
import { MILESTONES } from '../core/pilot';
import { z } from 'zod';

export type SeedOutcome =
  | { status: 'seeded'; created: number }
  | { status: 'already-seeded' }
  | { status: 'not-a-pilot' }
  | { status: 'not-set-up'; message: string }
  | { status: 'busy' }
  | { status: 'partial'; created: number; failed: number; messages: string[] };

const LOCK_SECONDS = 120;
const doneKey = (issueId: string) => `seeded:${issueId}`;
/** Set when a pilot's seeding starts and cleared when it is done: the daily scan finishes what retries did not. */
const pendingKey = (issueId: string) => `seed-pending:${issueId}`;

/** Records that `issueId` needs its workstreams, before the first attempt, so nothing depends on retries alone. */
export async function markSeedingPending(issueId: string): Promise<void> {
  if ((await kvs.get(doneKey(issueId))) !== undefined) return;
  await kvs.set(pendingKey(issueId), { since: new Date().toISOString() });
}

/**
 * Pilots whose seeding started before `olderThan` and never finished, e.g. because Jira was down for longer than
 * the platform retries. Each is seeded again under the same lock and markers, so this can never duplicate.
 */
export async function finishPendingSeeding(olderThan: Date, limit: number): Promise<{ examined: number; seeded: number }> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith('seed-pending:')).limit(limit).getMany();
  let seeded = 0;
  for (const entry of page.results) {
    const since = Date.parse(String((entry.value as { since?: unknown } | undefined)?.since ?? ''));
    if (Number.isFinite(since) && since > olderThan.getTime()) continue;
    const issueId = entry.key.slice('seed-pending:'.length);
    try {
      const outcome = await seedWorkstreams(issueId);
      if (outcome.status === 'seeded') seeded += 1;
      if (outcome.status === 'not-a-pilot') await kvs.delete(entry.key);
    } catch (error) {
      console.warn(`Workstreams of issue ${issueId} still not created: ${String(error)}`);
    }
  }
  return { examined: page.results.length, seeded };
}

export async function seedWorkstreams(issueId: string): Promise<SeedOutcome> {
  if ((await kvs.get(doneKey(issueId))) !== undefined) {
    await kvs.delete(pendingKey(issueId));
    return { status: 'already-seeded' };
  }
  const lockKey = `seed-lock:${issueId}`;
  if (!(await claim(lockKey, LOCK_SECONDS))) return { status: 'busy' };
  try {
    return await seedLocked(issueId);
  } finally {
    await kvs.delete(lockKey);
  }
}

async function seedLocked(issueId: string): Promise<SeedOutcome> {
  const ids = await fieldIds();
  const issue = await getIssue(
    'app',
    issueId,
    ['summary', 'issuetype', 'project', 'subtasks', 'created', ...(ids.startDate ? [ids.startDate] : [])],
    [PILOT_PROPERTY, WORKSTREAMS_PROPERTY],
  );
  if (!isPilot(issue)) return { status: 'not-a-pilot' };
  const projectId = issue.fields.project?.id;
  const types = projectId ? await projectTypes(projectId) : null;
  if (!projectId || !types) {
    return { status: 'not-set-up', message: `Project of ${issue.key} has no sub-task type for AI Pilot workstreams; run setup on the project settings page.` };
  }
  const { settings } = await loadSettings(projectId);
  const read = await readRecord(issue);
  const record = read.ok ? read.record : newRecord(createdDay(issue)); // unreadable: schedule from the template alone
  const startField = ids.startDate ? issue.fields[ids.startDate] : undefined;
  const pilotStart = record.pilot.pilotStart ?? (typeof startField === 'string' ? startField : null) ?? createdDay(issue);
  if (!pilotStart) return { status: 'not-set-up', message: `${issue.key} has no creation date to schedule from.` };

  const rows = await existingRows(issue.id, workstreamsOf(issue).rows, (issue.fields.subtasks ?? []).map((s) => s.id));
  const missing = planWorkstreams(settings.template, pilotStart, record.pilot.milestones).filter((p) => !rows[p.rowId]);
  const messages: string[] = [];
  let failed = 0;
  let created = 0;
  for (let i = 0; i < missing.length; i += MAX_BULK_CREATE) {
    const chunk = missing.slice(i, i + MAX_BULK_CREATE);
    const result = await bulkCreateIssues('app', chunk.map((p) => subtaskFields(p, issue.id, projectId, types.subtaskTypeId, ids.startDate)));
    // Jira lists created issues in request order, skipping the failed elements.
    const failedIndexes = new Set(result.errors.map((e) => e.failedElementNumber));
    const succeeded = chunk.filter((_, index) => !failedIndexes.has(index));
    succeeded.forEach((p, index) => {
      const createdIssue = result.issues[index];
      if (createdIssue) rows[p.rowId] = createdIssue.id;
    });
    created += Math.min(succeeded.length, result.issues.length);
    failed += result.errors.length;
    messages.push(...result.errors.flatMap((e) => [...(e.elementErrors?.errorMessages ?? []), ...Object.values(e.elementErrors?.errors ?? {})]));
  }
  const complete = settings.template.every((r) => rows[r.id]);
  await setIssueProperty('app', issue.id, WORKSTREAMS_PROPERTY, { rows, complete });
  if (!complete) return { status: 'partial', created, failed: Math.max(failed, 1), messages };
  await kvs.set(doneKey(issueId), { at: new Date().toISOString(), rows: Object.keys(rows).length });
  await kvs.delete(pendingKey(issueId));
  return { status: 'seeded', created };
}

/**
 * Row ids of the sub-tasks that exist. The pilot's property records what earlier runs finished; a run that
 * stopped between creating sub-tasks and recording them is caught by reading the row id each sub-task carries,
 * with reconcileIssues so a just-created sub-task is not missed by the search index.
 */
async function existingRows(pilotId: string, recorded: Record<string, string>, subtaskIds: string[]): Promise<Record<string, string>> {
  const present = new Set(subtaskIds);
  const rows = Object.fromEntries(Object.entries(recorded).filter(([, id]) => present.has(id)));
  const known = new Set(Object.values(rows));
  const unknown = subtaskIds.filter((id) => !known.has(id));
  if (!unknown.length) return rows;
  const page = await searchJql('app', {
    jql: `parent = ${pilotId}`,
    fields: ['summary'],
    properties: [WORKSTREAM_PROPERTY],
    maxResults: 100,
    reconcileIssues: unknown.slice(0, 50).map(Number),
  });
  for (const sub of page.issues) {
    const parsed = z.object({ rowId: z.string() }).safeParse(sub.properties?.[WORKSTREAM_PROPERTY]);
    if (parsed.success && !rows[parsed.data.rowId]) rows[parsed.data.rowId] = sub.id;
  }
  return rows;
}

function subtaskFields(p: PlannedWorkstream, parentId: string, projectId: string, subtaskTypeId: string, startDateField: string | null) {
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
            content: [{ type: 'text', text: `Owner: ${p.ownerTeam}. Starts ${p.startDate}; must complete before ${milestone}.` }],
          },
        ],
      },
      ...(p.dueDate ? { duedate: p.dueDate } : {}),
      ...(startDateField ? { [startDateField]: p.startDate } : {}),
    },
    properties: [{ key: WORKSTREAM_PROPERTY, value: { rowId: p.rowId, ownerTeam: p.ownerTeam, startDate: p.startDate, pilotId: parentId } }],
  };
}
