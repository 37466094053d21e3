// The daily stall scan, as the app. Pass 1 finds candidates with JQL (post-demo long enough to be stalled, or
// marked stalled already) instead of reading every pilot, assesses them, and writes the stall and phase fields
// only where they changed, so a second run, or two runs at once, change nothing more than one. Pass 2 stores a
// per-project portfolio snapshot for the trend charts from the searchable fields alone. A run that nears its
// time limit hands the rest to the next invocation through Forge's async events.
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { addDays, type IsoDate } from '../core/dates';
import { today } from '../adapters/clock';
import { fieldIds, writeAppFields, type AppFieldValues, type FieldIds } from '../adapters/jira/fields.api';
import { searchJql } from '../adapters/jira/search.api';
import { recordOf } from '../adapters/pilot-record.store';
import { DEFAULT_SETTINGS, loadSettings } from '../adapters/settings.store';
import type { Settings } from '../contract/schemas';
import { stallFieldValue } from './field-values';
import { graduatedAmong } from './pilot-closure.use-case';
import { assessIssue, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

export const scanStateSchema = z.object({
  day: z.string(),
  stage: z.enum(['candidates', 'snapshot']),
  pageToken: z.string().optional(),
  /** Per project: running totals of the snapshot pass. */
  totals: z.record(z.string(), z.object({ pilots: z.number(), stalled: z.number(), stalledMonthlyCost: z.number(), lowScore: z.number(), scoreSum: z.number(), scored: z.number(), distribution: z.array(z.number()) })),
  changed: z.number(),
  examined: z.number(),
  /** The smallest stall threshold of any project, read once when the scan starts. */
  thresholdDays: z.number().int().min(1).optional(),
});
export type ScanState = z.infer<typeof scanStateSchema>;

export interface ScanBudget {
  /** Milliseconds left in this invocation. */
  remainingMs: () => number;
}

const RESERVE_MS = 20_000;
const PAGE = 100;

export function newScan(day: IsoDate = today()): ScanState {
  return { day, stage: 'candidates', totals: {}, changed: 0, examined: 0 };
}

/** Runs the scan until it is finished (returns null) or the budget runs low (returns where to continue). */
export async function runScan(state: ScanState, budget: ScanBudget): Promise<ScanState | null> {
  const ids = await fieldIds();
  let current: ScanState | null = state;
  while (current) {
    if (budget.remainingMs() < RESERVE_MS) return current;
    current = current.stage === 'candidates' ? await candidatesPage(current, ids) : await snapshotPage(current, ids);
  }
  return null;
}

async function minThreshold(): Promise<number> {
  let min = DEFAULT_SETTINGS.stallRule.thresholdDays;
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith('settings:')).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) {
      const threshold = (r.value as { settings?: { stallRule?: { thresholdDays?: unknown } } })?.settings?.stallRule?.thresholdDays;
      if (typeof threshold === 'number') min = Math.min(min, threshold);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return min;
}

async function candidatesPage(state: ScanState, ids: FieldIds): Promise<ScanState> {
  const threshold = state.thresholdDays ?? (await minThreshold());
  const lastClearDay = addDays(state.day, -threshold);
  const demo = cf(ids.app['pilot-demo-date']);
  const page = await searchJql('app', {
    // Object-field aliases are addressed through the field's name, as JQL requires.
    jql: `issuetype = "AI Pilot" AND ((${demo} < "${lastClearDay}" AND statusCategory != Done) OR "${STALL_FIELD_NAME}".Status = stalled) ORDER BY key ASC`,
    fields: [...PILOT_FIELDS, ids.app['pilot-stall'], ids.app['pilot-phase']],
    properties: PILOT_PROPERTIES,
    maxResults: PAGE,
    ...(state.pageToken ? { nextPageToken: state.pageToken } : {}),
  });
  const settingsByProject = new Map<string, Settings>();
  const updates: Array<{ issueId: string; values: AppFieldValues }> = [];
  const graduated = await graduatedAmong(page.issues);
  for (const issue of page.issues) {
    const projectId = issue.fields.project?.id;
    if (!projectId) continue;
    let settings = settingsByProject.get(projectId);
    if (!settings) {
      settings = (await loadSettings(projectId)).settings;
      settingsByProject.set(projectId, settings);
    }
    const record = recordOf(issue);
    const assessment = assessIssue(issue, record, settings, state.day, { graduated: graduated.has(issue.id) });
    const stallValue = stallFieldValue(assessment, state.day);
    const values: AppFieldValues = {};
    if (!sameStall(issue.fields[ids.app['pilot-stall']], stallValue)) values['pilot-stall'] = stallValue;
    if (issue.fields[ids.app['pilot-phase']] !== assessment.phase) values['pilot-phase'] = assessment.phase;
    if (Object.keys(values).length) updates.push({ issueId: issue.id, values });
  }
  for (let i = 0; i < updates.length; i += 50) await writeAppFields(ids, updates.slice(i, i + 50));
  const next = page.nextPageToken ?? undefined;
  const base = { ...state, thresholdDays: threshold, changed: state.changed + updates.length, examined: state.examined + page.issues.length };
  return next ? { ...base, pageToken: next } : { ...base, stage: 'snapshot', pageToken: undefined };
}

/** The stored value matches what we would write, ignoring the scan day: no write needed. */
function sameStall(stored: unknown, next: ReturnType<typeof stallFieldValue>): boolean {
  const s = z.object({ status: z.string(), daysStalled: z.number(), decisionDue: z.boolean() }).safeParse(stored);
  return s.success && s.data.status === next.status && s.data.daysStalled === next.daysStalled && s.data.decisionDue === next.decisionDue;
}

async function snapshotPage(state: ScanState, ids: FieldIds): Promise<ScanState | null> {
  const page = await searchJql('app', {
    jql: 'issuetype = "AI Pilot" ORDER BY key ASC',
    fields: ['project', ids.app['pilot-score'], ids.app['pilot-stall'], ids.app['pilot-monthly-cost'], ids.app['pilot-phase']],
    maxResults: PAGE,
    ...(state.pageToken ? { nextPageToken: state.pageToken } : {}),
  });
  const totals = structuredClone(state.totals);
  for (const issue of page.issues) {
    const projectId = issue.fields.project?.id;
    if (!projectId) continue;
    const t = (totals[projectId] ??= { pilots: 0, stalled: 0, stalledMonthlyCost: 0, lowScore: 0, scoreSum: 0, scored: 0, distribution: [0, 0, 0, 0, 0, 0, 0, 0] });
    const phase = issue.fields[ids.app['pilot-phase']];
    if (phase === 'killed') continue;
    t.pilots += 1;
    const score = issue.fields[ids.app['pilot-score']];
    if (typeof score === 'number') {
      t.scored += 1;
      t.scoreSum += score;
      if (score <= 3) t.lowScore += 1;
      t.distribution[Math.max(0, Math.min(7, Math.round(score)))]! += 1;
    }
    const stall = z.object({ status: z.string() }).safeParse(issue.fields[ids.app['pilot-stall']]);
    if (stall.success && stall.data.status === 'stalled') {
      t.stalled += 1;
      const cost = issue.fields[ids.app['pilot-monthly-cost']];
      t.stalledMonthlyCost += typeof cost === 'number' ? cost : 0;
    }
  }
  const next = page.nextPageToken ?? undefined;
  if (next) return { ...state, totals, pageToken: next };
  for (const [projectId, t] of Object.entries(totals)) {
    await kvs.set(`snapshot:${projectId}:${state.day}`, {
      day: state.day,
      pilots: t.pilots,
      stalled: t.stalled,
      stalledMonthlyCost: t.stalledMonthlyCost,
      lowScore: t.lowScore,
      averageScore: t.scored ? Math.round((t.scoreSum / t.scored) * 10) / 10 : null,
      distribution: t.distribution,
    });
  }
  console.log(`Stall scan ${state.day}: ${state.examined} candidates examined, ${state.changed} pilots updated, ${Object.keys(totals).length} project snapshots`);
  return null;
}

export const STALL_FIELD_NAME = 'AI Pilot stall status';
const cf = (fieldId: string) => `cf[${fieldId.replace('customfield_', '')}]`;

export const snapshotSchema = z.object({
  day: z.string(),
  pilots: z.number(),
  stalled: z.number(),
  stalledMonthlyCost: z.number(),
  lowScore: z.number(),
  averageScore: z.number().nullable(),
  distribution: z.array(z.number()),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export async function readSnapshots(projectId: string, limit = 90): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(`snapshot:${projectId}:`)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) {
      const parsed = snapshotSchema.safeParse(r.value);
      if (parsed.success) out.push(parsed.data);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out.slice(-limit);
}
