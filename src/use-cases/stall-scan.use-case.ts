// The daily stall scan, as the app. Pass 1 finds candidates with JQL (post-demo long enough to be stalled, or
// marked stalled already) instead of reading every pilot, assesses them, and writes the stall and phase fields
// only where they changed, so a second run, or two runs at once, change nothing more than one. Pass 2 stores a
// per-project portfolio snapshot for the trend charts, and on the way compares every saved pilot's searchable
// fields with its stored record, rewriting only the stale ones (a mirror write a save could not make is repaired
// here; a second run writes nothing). A pilot whose stored data cannot be read is reported and skipped; the scan
// goes on with the rest. A run that nears its time limit hands the rest to the next invocation through Forge's
// async events.
import { z } from 'zod';
import { addDays, type IsoDate } from '../core/dates';
import { isLowScore } from '../core/portfolio';
import { today } from '../adapters/clock';
import { APP_FIELD_KEYS, fieldIds, writeAppFields, type AppFieldValues, type FieldIds } from '../adapters/jira/fields.api';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { searchJql } from '../adapters/jira/search.api';
import { readRecords, storedVersions, type PilotRecord } from '../adapters/pilot-record.store';
import { minStallThreshold, readSnapshots, snapshotSchema, writeScanReport, writeSnapshot, type Snapshot } from '../adapters/scan.store';
import { DEFAULT_SETTINGS, settingsOrReason } from '../adapters/settings.store';
import type { Settings } from '../contract/schemas';
import { fieldValuesFor, staleValues, stallFieldValue } from './field-values';
import { loadWorkstreamsOf, type WorkstreamMapping } from '../adapters/seeding.store';
import { graduatedAmong } from './pilot-closure.use-case';
import { readApprovals } from '../adapters/approvals.store';
import type { ReviewerFact } from '../core/approvals';
import { reviewerFactsOf } from './approvals-view';
import { assessIssue, PILOT_FIELDS, PILOT_PROPERTIES, type AssessablePilot } from './pilot-facts';
import { REMINDER_FIELDS, sendReminders, type LeadCache } from './reminders.use-case';

export { readSnapshots, snapshotSchema, type Snapshot };

const MAX_RECONCILE = 50;

export const scanStateSchema = z.object({
  day: z.string(),
  stage: z.enum(['candidates', 'snapshot']),
  pageToken: z.string().optional(),
  /** Per project: running totals of the snapshot pass. */
  totals: z.record(z.string(), z.object({ pilots: z.number(), stalled: z.number(), stalledMonthlyCost: z.number(), lowScore: z.number(), scoreSum: z.number(), scored: z.number(), distribution: z.array(z.number()) })),
  changed: z.number(),
  examined: z.number(),
  /** Pilots whose stored data could not be read (one line each, at most MAX_REPORTED). */
  unreadable: z.array(z.string()).default([]),
  /** The smallest stall threshold of any project, read once when the scan starts. */
  thresholdDays: z.number().int().min(1).optional(),
  /**
   * Pilots this run wrote, for the snapshot pass to read back through reconcileIssues: search trails writes,
   * and Jira reconciles at most 50 ids (beyond that, the day's snapshot may miss the newest writes).
   */
  reconcile: z.array(z.string()).max(MAX_RECONCILE).optional(),
  /** Send the day's reminders in the snapshot pass: the daily run does; a backfill of past days does not. */
  reminders: z.boolean().optional(),
  remindersSent: z.number().int().min(0).optional(),
});
export type ScanState = z.infer<typeof scanStateSchema>;

export interface ScanBudget {
  /** Milliseconds left in this invocation. */
  remainingMs: () => number;
}

const RESERVE_MS = 20_000;
const PAGE = 100;

export function newScan(day: IsoDate = today()): ScanState {
  return { day, stage: 'candidates', totals: {}, changed: 0, examined: 0, unreadable: [], reminders: true };
}

/** Runs the scan until it is finished (returns null) or the budget runs low (returns where to continue). */
export async function runScan(state: ScanState, budget: ScanBudget): Promise<ScanState | null> {
  const ids = await fieldIds();
  // Each project's settings are read once per invocation, not once per page (a settings read, or why it failed).
  const settingsByProject: SettingsCache = new Map();
  const leads: LeadCache = new Map();
  let current: ScanState | null = state;
  while (current) {
    if (budget.remainingMs() < RESERVE_MS) return current;
    current = current.stage === 'candidates' ? await candidatesPage(current, ids, settingsByProject) : await snapshotPage(current, ids, settingsByProject, leads);
  }
  return null;
}

type SettingsCache = Map<string, Settings | string>;

async function candidatesPage(state: ScanState, ids: FieldIds, settingsByProject: SettingsCache): Promise<ScanState> {
  const threshold = state.thresholdDays ?? (await minStallThreshold(DEFAULT_SETTINGS.stallRule.thresholdDays));
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
  const updates: Update[] = [];
  const unreadable = [...state.unreadable];
  for (const { issue, record, settings, workstreams, graduated, reviewers } of await assessablePilots(page.issues, unreadable, settingsByProject)) {
    const assessment = assessIssue(issue, record, settings, state.day, { workstreams, graduated, reviewers });
    const stallValue = stallFieldValue(assessment, state.day);
    const values: AppFieldValues = {};
    if (!sameStall(issue.fields[ids.app['pilot-stall']], stallValue)) values['pilot-stall'] = stallValue;
    if (issue.fields[ids.app['pilot-phase']] !== assessment.phase) values['pilot-phase'] = assessment.phase;
    if (Object.keys(values).length) updates.push({ issueId: issue.id, version: record.version, values });
  }
  await writeLatest(ids, updates);
  const next = page.nextPageToken ?? undefined;
  const reconcile = [...new Set([...(state.reconcile ?? []), ...updates.map((u) => u.issueId)])].slice(0, MAX_RECONCILE);
  const base = { ...state, unreadable, thresholdDays: threshold, changed: state.changed + updates.length, examined: state.examined + page.issues.length, ...(reconcile.length ? { reconcile } : {}) };
  return next ? { ...base, pageToken: next } : { ...base, stage: 'snapshot', pageToken: undefined };
}

/** The stored value matches what we would write, ignoring the scan day: no write needed. */
function sameStall(stored: unknown, next: ReturnType<typeof stallFieldValue>): boolean {
  const s = z.object({ status: z.string(), daysStalled: z.number(), decisionDue: z.boolean() }).safeParse(stored);
  return s.success && s.data.status === next.status && s.data.daysStalled === next.daysStalled && s.data.decisionDue === next.decisionDue;
}

const MAX_REPORTED = 100;

type Update = { issueId: string; version: number; values: AppFieldValues };

/** Writes the queued mirrors, except those of pilots saved since they were read (that save mirrors itself). */
async function writeLatest(ids: FieldIds, updates: Update[]): Promise<void> {
  if (!updates.length) return;
  const versions = await storedVersions(updates.map((u) => u.issueId));
  const current = updates.filter((u) => (versions.get(u.issueId) ?? 0) === u.version);
  for (let i = 0; i < current.length; i += 50) await writeAppFields(ids, current.slice(i, i + 50));
}

/**
 * What both passes need of a page of pilots, read in one batch each (records, workstream mappings, closures) and
 * the settings once per project and invocation. A pilot whose record or project settings cannot be read is noted and left out.
 */
async function assessablePilots(issues: JiraIssue[], unreadable: string[], settingsByProject: SettingsCache): Promise<AssessablePilot[]> {
  const [records, workstreams, graduated, chains] = await Promise.all([readRecords(issues), loadWorkstreamsOf(issues), graduatedAmong(issues), readApprovals(issues.map((i) => i.id))]);
  const out: AssessablePilot[] = [];
  for (const issue of issues) {
    const projectId = issue.fields.project?.id;
    if (!projectId) continue;
    let settings = settingsByProject.get(projectId);
    if (settings === undefined) {
      settings = await settingsOrReason(projectId, issue.fields.project?.key ?? projectId);
      settingsByProject.set(projectId, settings);
    }
    const read = records.get(issue.id)!;
    if (typeof settings === 'string') note(unreadable, settings);
    else if (!read.ok) note(unreadable, read.message);
    else {
      const chain = chains.get(issue.id)!;
      // An unreadable approval chain is reported, and the pilot is still scanned (its Q3 evidence reads as unsupported).
      if (!chain.ok) note(unreadable, `The approval chain of ${issue.key} could not be read: ${chain.reason}.`);
      out.push({ issue, projectId, record: read.record, settings, workstreams: workstreams.get(issue.id)!, graduated: graduated.has(issue.id), reviewers: reviewerFactsOf(settings, chain) });
    }
  }
  return out;
}

function note(unreadable: string[], message: string): void {
  console.warn(message);
  if (!unreadable.includes(message) && unreadable.length < MAX_REPORTED) unreadable.push(message);
}

async function snapshotPage(state: ScanState, ids: FieldIds, settingsByProject: SettingsCache, leads: LeadCache): Promise<ScanState | null> {
  const page = await searchJql('app', {
    jql: 'issuetype = "AI Pilot" ORDER BY key ASC',
    fields: [...PILOT_FIELDS, ...APP_FIELD_KEYS.map((k) => ids.app[k]), ...(state.reminders ? REMINDER_FIELDS : [])],
    properties: PILOT_PROPERTIES,
    maxResults: PAGE,
    ...(state.pageToken ? { nextPageToken: state.pageToken } : {}),
    // The stall and phase values the candidates pass just wrote: read them back as they are, not as indexed.
    ...(state.reconcile?.length ? { reconcileIssues: state.reconcile.map(Number) } : {}),
  });
  const totals = structuredClone(state.totals);
  const unreadable = [...state.unreadable];
  const updates: Update[] = [];
  const pilots = await assessablePilots(page.issues, unreadable, settingsByProject);
  for (const { issue, projectId, record, settings, workstreams, graduated, reviewers } of pilots) {
    const fields = mirrorOf(issue, record, settings, state.day, ids, updates, workstreams, graduated, reviewers);
    const t = (totals[projectId] ??= { pilots: 0, stalled: 0, stalledMonthlyCost: 0, lowScore: 0, scoreSum: 0, scored: 0, distribution: [0, 0, 0, 0, 0, 0, 0, 0] });
    const phase = fields[ids.app['pilot-phase']];
    if (phase === 'killed') continue;
    t.pilots += 1;
    const score = fields[ids.app['pilot-score']];
    if (typeof score === 'number') {
      t.scored += 1;
      t.scoreSum += score;
      if (isLowScore(score)) t.lowScore += 1;
      t.distribution[Math.max(0, Math.min(7, Math.round(score)))]! += 1;
    }
    const stall = z.object({ status: z.string() }).safeParse(fields[ids.app['pilot-stall']]);
    if (stall.success && stall.data.status === 'stalled') {
      t.stalled += 1;
      const cost = fields[ids.app['pilot-monthly-cost']];
      t.stalledMonthlyCost += typeof cost === 'number' ? cost : 0;
    }
  }
  await writeLatest(ids, updates);
  const reminded = state.reminders ? (await sendReminders(pilots, state.day, leads)).sent : 0;
  const remindersSent = (state.remindersSent ?? 0) + reminded;
  const changed = state.changed + updates.length;
  const next = page.nextPageToken ?? undefined;
  if (next) return { ...state, totals, unreadable, changed, pageToken: next, ...(state.reminders ? { remindersSent } : {}) };
  for (const [projectId, t] of Object.entries(totals)) {
    await writeSnapshot(projectId, {
      day: state.day,
      pilots: t.pilots,
      stalled: t.stalled,
      stalledMonthlyCost: t.stalledMonthlyCost,
      lowScore: t.lowScore,
      averageScore: t.scored ? Math.round((t.scoreSum / t.scored) * 10) / 10 : null,
      distribution: t.distribution,
    });
  }
  await writeScanReport({ day: state.day, examined: state.examined, changed, unreadable });
  console.log(
    `Stall scan ${state.day}: ${state.examined} candidates examined, ${changed} pilots updated, ${Object.keys(totals).length} project snapshots, ${unreadable.length} unreadable${state.reminders ? `, ${remindersSent} reminders sent` : ''}`,
  );
  return null;
}

/**
 * The searchable fields of a saved pilot as its stored record says they should be; stale ones are queued for
 * writing. A pilot never saved has nothing mirrored: its fields are taken as they are.
 */
function mirrorOf(
  issue: JiraIssue,
  record: PilotRecord,
  settings: Settings,
  day: IsoDate,
  ids: FieldIds,
  updates: Update[],
  workstreams: WorkstreamMapping,
  graduated: boolean,
  reviewers: readonly ReviewerFact[] | null,
): Record<string, unknown> {
  if (record.version === 0) return issue.fields;
  const wanted = fieldValuesFor(record, assessIssue(issue, record, settings, day, { workstreams, graduated, reviewers }), day);
  const stale = staleValues(issue.fields, ids, wanted);
  if (Object.keys(stale).length) updates.push({ issueId: issue.id, version: record.version, values: stale });
  return { ...issue.fields, ...Object.fromEntries(Object.entries(wanted).map(([k, v]) => [ids.app[k as keyof typeof ids.app], v])) };
}

export const STALL_FIELD_NAME = 'AI Pilot stall status';
const cf = (fieldId: string) => `cf[${fieldId.replace('customfield_', '')}]`;
