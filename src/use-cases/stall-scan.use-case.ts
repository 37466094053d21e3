// The daily stall scan, as the app, fanned out over Forge's async events. A run first lists the pilots cheaply
// (JQL for ids only, 5,000 a page) and pushes them to the queue in pages (`ScanPage`); each page is one consumer
// invocation, and Forge runs several at once. `scanPage` does everything the scan does for its pilots: it reads
// them with their stored records, assesses each, writes the stall and phase fields (and any other stale mirror
// field of a saved pilot) only where they changed, sends the reminders they owe, and stores its share of the
// day's per-project snapshot as a partial result under the run. When the run knows how many pages it pushed it
// says so in a run record; whichever comes last, the run record or a page, sums the partials into the snapshots
// and the scan report. Delivery is at least once and pages finish in any order: a redelivered page reads its own
// earlier writes back (reconcileIssues) and writes nothing more, its partial is the same key written again, the
// merge is a set of plain writes that give the same result however often it runs, and reminders are claimed
// before they are sent. Two runs at once (a duplicated scheduled trigger) each keep their own partials and write
// the same snapshots. One pilot whose stored data cannot be read, or whose assessment fails, is reported and
// skipped; the page goes on with the rest.
import { z } from 'zod';
import { addDays, type IsoDate } from '../core/dates';
import { isLowScore } from '../core/portfolio';
import { today } from '../adapters/clock';
import {
  APP_FIELD_KEYS,
  fieldIds,
  writeAppFields,
  type AppFieldValues,
  type FieldIds,
} from '../adapters/jira/fields.api';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { searchIds, searchJql } from '../adapters/jira/search.api';
import { storedVersions } from '../adapters/pilot-record.store';
import {
  minStallThreshold,
  readPagePartials,
  readRunRecord,
  readSnapshots,
  snapshotSchema,
  writePagePartial,
  writeRunRecord,
  writeScanReport,
  writeSnapshot,
  type PagePartial,
  type ScanTotals,
  type Snapshot,
} from '../adapters/scan.store';
import { DEFAULT_SETTINGS, settingsOrReason } from '../adapters/settings.store';
import type { Settings } from '../contract/schemas';
import { fieldValuesFor, staleValues, stallFieldValue } from './field-values';
import { reviewerFactsOf } from './approvals-view';
import { finishRebuild, storePilotsPage } from './portfolio-store.use-case';
import { readPageFacts, type PageFacts } from './portfolio.use-case';
import { assessIssue, isPilot, isDone, PILOT_FIELDS, PILOT_PROPERTIES, type AssessablePilot } from './pilot-facts';
import { REMINDER_FIELDS, sendReminders, type LeadCache } from './reminders.use-case';

export { readSnapshots, snapshotSchema, type Snapshot };

/** Pilots per page (one consumer invocation): 50,000 pilots make 250 events, half of Forge's 500 a minute. */
export const SCAN_PAGE_SIZE = 200;
/** Jira's reconcileIssues takes at most 50 ids: a page is read in slices of 50, in parallel. */
const SLICE = 50;
/**
 * At most this many pages of the scan run at once (Forge's `concurrency` on the push, per installation): Forge
 * alone would start them all, and every one of them calls Jira and app storage for the same installation.
 */
export const SCAN_CONCURRENCY = { key: 'stall-scan-pages', limit: 50 } as const;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** A run listing its pilots: the trigger starts it; a run that nears its time limit continues through the queue. */
export const scanRunSchema = z.object({
  kind: z.literal('stall-scan-run'),
  runId,
  day: isoDay,
  /** Send the day's reminders: the daily run does; a backfill of past days does not. */
  reminders: z.boolean(),
  pageSize: z.number().int().min(1).max(SCAN_PAGE_SIZE).default(SCAN_PAGE_SIZE),
  /** The smallest stall threshold of any project, read once when the run starts. */
  thresholdDays: z.number().int().min(1).optional(),
  pageToken: z.string().optional(),
  /** Pages pushed so far (the next page's index). */
  pushed: z.number().int().min(0).default(0),
  /** When the run began (ISO instant). */
  startedAt: z.string().optional(),
});
export type ScanRun = z.infer<typeof scanRunSchema>;

/** One page of a run: up to SCAN_PAGE_SIZE pilot ids, handled by one consumer invocation. */
export const scanPageSchema = z.object({
  kind: z.literal('stall-scan-page'),
  runId,
  day: isoDay,
  reminders: z.boolean(),
  thresholdDays: z.number().int().min(1),
  index: z.number().int().min(0),
  issueIds: z.array(z.string().regex(/^\d+$/)).min(1).max(SCAN_PAGE_SIZE),
});
export type ScanPage = z.infer<typeof scanPageSchema>;

/**
 * A continuation of the sequential scan this one replaced (a message queued before the upgrade, or pushed by an
 * older demo loader): it starts the day's run afresh, which changes nothing the old run already did.
 */
export const legacyScanStateSchema = z.looseObject({
  day: isoDay,
  stage: z.enum(['candidates', 'snapshot']),
  reminders: z.boolean().optional(),
});

export interface ScanBudget {
  /** Milliseconds left in this invocation. */
  remainingMs: () => number;
}

/** What the run hands to the queue: pages to push (with the concurrency they share), or its own continuation. */
export interface ScanQueue {
  pushPages(pages: ScanPage[]): Promise<void>;
}

const RESERVE_MS = 20_000;

export function newScanRun(
  id: string,
  day: IsoDate = today(),
  options: { reminders?: boolean; pageSize?: number } = {},
): ScanRun {
  return scanRunSchema.parse({
    kind: 'stall-scan-run',
    runId: id,
    day,
    reminders: options.reminders ?? true,
    startedAt: new Date().toISOString(),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
}

/**
 * Lists the run's pilots (ids only, 5,000 a call) and pushes them as pages; returns null when every page is pushed,
 * or where to continue when the budget runs low. The last act records how many pages there are and merges the
 * partials if every page already finished.
 */
export async function runScan(run: ScanRun, budget: ScanBudget, queue: ScanQueue): Promise<ScanRun | null> {
  const thresholdDays = run.thresholdDays ?? (await minStallThreshold(DEFAULT_SETTINGS.stallRule.thresholdDays));
  let state: ScanRun = { ...run, thresholdDays };
  do {
    if (budget.remainingMs() < RESERVE_MS) return state;
    const page = await searchIds('app', 'issuetype = "AI Pilot" ORDER BY key ASC', state.pageToken);
    const pages: ScanPage[] = [];
    for (let i = 0; i < page.ids.length; i += state.pageSize) {
      pages.push({
        kind: 'stall-scan-page',
        runId: state.runId,
        day: state.day,
        reminders: state.reminders,
        thresholdDays,
        index: state.pushed + pages.length,
        issueIds: page.ids.slice(i, i + state.pageSize),
      });
    }
    if (pages.length) await queue.pushPages(pages);
    state = { ...state, pushed: state.pushed + pages.length, pageToken: page.nextPageToken };
  } while (state.pageToken);
  await writeRunRecord(state.runId, {
    day: state.day,
    pages: state.pushed,
    reminders: state.reminders,
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
  });
  await mergeIfComplete(state.runId);
  return null;
}

export type PageOutcome = { done: true; partial: PagePartial; merged: boolean } | { done: false };

/**
 * The scan of one page of pilots, the one place every assessed pilot passes through (per pilot: assessment, the
 * mirror writes it needs, its share of the snapshot; then the page's reminders). Returns the page's partial result
 * (already stored) and whether it completed the run; `done: false` when the budget ran low before the reminders
 * were through: what the page did stays done, and the same page delivered again goes on from there.
 */
export async function scanPage(page: ScanPage, budget: ScanBudget): Promise<PageOutcome> {
  const ids = await fieldIds();
  const lastClearDay = addDays(page.day, -page.thresholdDays);
  const issues = await readPage(page, ids);
  const unreadable: string[] = [];
  const { pilots, facts, settingsByProject } = await assessablePilots(issues, unreadable);
  // Today's run rewrites every pilot's portfolio row from the same reads (a backfill of a past day does not).
  const portfolio =
    page.day === today()
      ? await storePilotsPage(issues.filter(isPilot), page.day, settingsByProject, facts)
      : { projects: [], failures: [] };
  for (const failure of portfolio.failures) note(unreadable, `Portfolio row not written: ${failure}`);
  const totals: Record<string, ScanTotals> = {};
  const updates: Update[] = [];
  let examined = 0;
  for (const pilot of pilots) {
    try {
      const { issue, projectId, record, settings, workstreams, graduated, reviewers } = pilot;
      const assessment = assessIssue(issue, record, settings, page.day, { workstreams, graduated, reviewers });
      const candidate = isCandidate(issue, ids, lastClearDay);
      if (candidate) examined += 1;
      let fields: Record<string, unknown> = issue.fields;
      if (record.version > 0) {
        // A saved pilot: every mirror field as its stored record says, stale ones rewritten.
        const wanted = fieldValuesFor(record, assessment, page.day);
        const stale = staleValues(issue.fields, ids, wanted);
        if (Object.keys(stale).length) updates.push({ issueId: issue.id, version: record.version, values: stale });
        fields = {
          ...issue.fields,
          ...Object.fromEntries(Object.entries(wanted).map(([k, v]) => [ids.app[k as keyof typeof ids.app], v])),
        };
      } else if (candidate) {
        // Never saved: only the stall and phase the scan itself keeps, where they changed.
        const stallValue = stallFieldValue(assessment, page.day);
        const values: AppFieldValues = {};
        if (!sameStall(issue.fields[ids.app['pilot-stall']], stallValue)) values['pilot-stall'] = stallValue;
        if (issue.fields[ids.app['pilot-phase']] !== assessment.phase) values['pilot-phase'] = assessment.phase;
        if (Object.keys(values).length) updates.push({ issueId: issue.id, version: record.version, values });
        fields = {
          ...issue.fields,
          ...Object.fromEntries(Object.entries(values).map(([k, v]) => [ids.app[k as keyof typeof ids.app], v])),
        };
      }
      count((totals[projectId] ??= emptyTotals()), fields, ids);
    } catch (error) {
      note(
        unreadable,
        `${pilot.issue.key} could not be scanned: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  await writeLatest(ids, updates);
  let remindersSent = 0;
  if (page.reminders) {
    const leads: LeadCache = new Map();
    for (let i = 0; i < pilots.length; i += REMINDER_BATCH) {
      if (budget.remainingMs() < RESERVE_MS) return { done: false };
      const outcome = await sendReminders(pilots.slice(i, i + REMINDER_BATCH), page.day, leads);
      remindersSent += outcome.sent;
      // The site sends no mail: the page's other reminders wait for the next daily run, as sendReminders' own do.
      if (outcome.mailOff) break;
    }
  }
  const partial: PagePartial = {
    index: page.index,
    totals,
    examined,
    changed: updates.length,
    unreadable,
    remindersSent,
    portfolioProjects: portfolio.projects,
  };
  await writePagePartial(page.runId, partial);
  return { done: true, partial, merged: await mergeIfComplete(page.runId) };
}

/** Reminders go out in batches, with a look at the clock between them. */
const REMINDER_BATCH = 25;

/**
 * The page's pilots as they are now: one search per 50 ids, in parallel, each naming its ids in reconcileIssues so
 * a page delivered again sees what its first delivery wrote. A pilot deleted or retyped since the listing is gone.
 */
async function readPage(page: ScanPage, ids: FieldIds): Promise<JiraIssue[]> {
  const slices: string[][] = [];
  for (let i = 0; i < page.issueIds.length; i += SLICE) slices.push(page.issueIds.slice(i, i + SLICE));
  const fields = [
    ...PILOT_FIELDS,
    ...APP_FIELD_KEYS.map((k) => ids.app[k]),
    ...(page.reminders ? REMINDER_FIELDS : []),
  ];
  const found = await Promise.all(
    slices.map((slice) =>
      searchJql('app', {
        jql: `issuetype = "AI Pilot" AND id in (${slice.join(',')}) ORDER BY key ASC`,
        fields,
        properties: PILOT_PROPERTIES,
        maxResults: SLICE,
        reconcileIssues: slice.map(Number),
      }),
    ),
  );
  return found.flatMap((p) => p.issues);
}

/** What the sequential scan's candidate JQL selected: post-demo long enough to be stalled and not done, or marked stalled. */
function isCandidate(issue: JiraIssue, ids: FieldIds, lastClearDay: IsoDate): boolean {
  const demo = issue.fields[ids.app['pilot-demo-date']];
  const stall = z.object({ status: z.string() }).safeParse(issue.fields[ids.app['pilot-stall']]);
  return (
    (typeof demo === 'string' && demo < lastClearDay && !isDone(issue)) ||
    (stall.success && stall.data.status === 'stalled')
  );
}

function emptyTotals(): ScanTotals {
  return {
    pilots: 0,
    stalled: 0,
    stalledMonthlyCost: 0,
    lowScore: 0,
    scoreSum: 0,
    scored: 0,
    distribution: [0, 0, 0, 0, 0, 0, 0, 0],
  };
}

/** Adds one pilot, as its mirror fields now read, to its project's totals (killed pilots are left out). */
function count(t: ScanTotals, fields: Record<string, unknown>, ids: FieldIds): void {
  if (fields[ids.app['pilot-phase']] === 'killed') return;
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

/**
 * When the run record says how many pages there are and every page has stored its partial, writes the day's
 * snapshot per project and the scan report from their sum. Plain writes of the same sums: running it twice (two
 * last pages at once, a redelivered last page) writes the same values again.
 */
export async function mergeIfComplete(id: string): Promise<boolean> {
  const run = await readRunRecord(id);
  if (!run) return false;
  const partials = await readPagePartials(id);
  for (let i = 0; i < run.pages; i += 1) if (!partials.has(i)) return false;
  const totals: Record<string, ScanTotals> = {};
  let examined = 0;
  let changed = 0;
  let remindersSent = 0;
  const unreadable: string[] = [];
  for (let i = 0; i < run.pages; i += 1) {
    const p = partials.get(i)!;
    examined += p.examined;
    changed += p.changed;
    remindersSent += p.remindersSent;
    for (const line of p.unreadable)
      if (!unreadable.includes(line) && unreadable.length < MAX_REPORTED) unreadable.push(line);
    for (const [projectId, t] of Object.entries(p.totals)) {
      const sum = (totals[projectId] ??= emptyTotals());
      sum.pilots += t.pilots;
      sum.stalled += t.stalled;
      sum.stalledMonthlyCost += t.stalledMonthlyCost;
      sum.lowScore += t.lowScore;
      sum.scoreSum += t.scoreSum;
      sum.scored += t.scored;
      t.distribution.forEach((n, k) => (sum.distribution[k] = (sum.distribution[k] ?? 0) + n));
    }
  }
  const entries = Object.entries(totals);
  for (let i = 0; i < entries.length; i += SNAPSHOT_WRITES) {
    await Promise.all(
      entries.slice(i, i + SNAPSHOT_WRITES).map(([projectId, t]) =>
        writeSnapshot(projectId, {
          day: run.day,
          pilots: t.pilots,
          stalled: t.stalled,
          stalledMonthlyCost: t.stalledMonthlyCost,
          lowScore: t.lowScore,
          averageScore: t.scored ? Math.round((t.scoreSum / t.scored) * 10) / 10 : null,
          distribution: t.distribution,
        }),
      ),
    );
  }
  await writeScanReport({ day: run.day, examined, changed, unreadable });
  // Every pilot's row is rewritten: sweep the rows of pilots the run no longer found, fold every project, and let
  // the store answer the portfolio.
  if (run.startedAt && run.day === today()) {
    const projects = new Set<string>(Object.keys(totals));
    for (let i = 0; i < run.pages; i += 1) partials.get(i)!.portfolioProjects.forEach((p) => projects.add(p));
    await finishRebuild(run.startedAt, run.day, [...projects]);
  }
  console.log(
    `Stall scan ${run.day}: ${run.pages} pages, ${examined} candidates examined, ${changed} pilots updated, ${entries.length} project snapshots, ${unreadable.length} unreadable${run.reminders ? `, ${remindersSent} reminders sent` : ''}`,
  );
  return true;
}

/** Snapshots written at once by the merge. */
const SNAPSHOT_WRITES = 10;

/** The stored value matches what we would write, ignoring the scan day: no write needed. */
function sameStall(stored: unknown, next: ReturnType<typeof stallFieldValue>): boolean {
  const s = z.object({ status: z.string(), daysStalled: z.number(), decisionDue: z.boolean() }).safeParse(stored);
  return (
    s.success &&
    s.data.status === next.status &&
    s.data.daysStalled === next.daysStalled &&
    s.data.decisionDue === next.decisionDue
  );
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
 * What a page needs of its pilots, read in one batch each (records, workstream mappings, closures, approval
 * chains) and each project's settings once, all at the same time. A pilot whose record or project settings cannot
 * be read is noted and left out.
 */
async function assessablePilots(
  issues: JiraIssue[],
  unreadable: string[],
): Promise<{ pilots: AssessablePilot[]; facts: PageFacts; settingsByProject: Map<string, Settings | string> }> {
  const projects = new Map<string, string>();
  for (const issue of issues)
    if (issue.fields.project?.id)
      projects.set(issue.fields.project.id, issue.fields.project.key ?? issue.fields.project.id);
  const [facts, settingsList] = await Promise.all([
    readPageFacts(issues),
    Promise.all([...projects].map(([id, key]) => settingsOrReason(id, key))),
  ]);
  const { records, workstreams, graduated, chains } = facts;
  const settingsByProject = new Map<string, Settings | string>(
    [...projects.keys()].map((id, i) => [id, settingsList[i]!]),
  );
  const out: AssessablePilot[] = [];
  for (const issue of issues) {
    const projectId = issue.fields.project?.id;
    if (!projectId) continue;
    const settings = settingsByProject.get(projectId)!;
    const read = records.get(issue.id)!;
    if (typeof settings === 'string') note(unreadable, settings);
    else if (!read.ok) note(unreadable, read.message);
    else {
      const chain = chains.get(issue.id)!;
      // An unreadable approval chain is reported, and the pilot is still scanned (its Q3 evidence reads as unsupported).
      if (!chain.ok) note(unreadable, `The approval chain of ${issue.key} could not be read: ${chain.reason}.`);
      out.push({
        issue,
        projectId,
        record: read.record,
        settings,
        workstreams: workstreams.get(issue.id)!,
        graduated: graduated.has(issue.id),
        reviewers: reviewerFactsOf(settings, chain),
      });
    }
  }
  return { pilots: out, facts, settingsByProject };
}

function note(unreadable: string[], message: string): void {
  console.warn(message);
  if (!unreadable.includes(message) && unreadable.length < MAX_REPORTED) unreadable.push(message);
}

export const STALL_FIELD_NAME = 'AI Pilot stall status';
