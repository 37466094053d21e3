// The Confluence portfolio: every pilot the viewer may see (JQL as the viewing user, so Jira's permissions
// decide which), their records from app storage (one batch read per page), owner names looked up as the viewer in
// bulk; nothing fetched per issue. A pilot whose stored data cannot be read is one flagged row, counted nowhere.

import { scoreDistribution, summarizePortfolio, type PortfolioPilot } from '../core/portfolio';
import type { MacroConfig, Settings } from '../contract/schemas';
import type { PortfolioRow, PortfolioView } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError, ProductError } from '../adapters/errors';
import { searchAll } from '../adapters/jira/search.api';
import { displayNames } from '../adapters/jira/users.api';
import { readRecords } from '../adapters/pilot-record.store';
import { settingsOrReason } from '../adapters/settings.store';
import { withoutProjects } from './hidden-projects';
import { loadWorkstreamsOf } from '../adapters/seeding.store';
import { graduationsAmong } from './pilot-closure.use-case';
import { summarizeCycleTime, type GraduatedPilot } from '../core/cycle-time';
import { dayOf, type IsoDate } from '../core/dates';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES, workstreamViews } from './pilot-facts';
import { readSnapshots, type Snapshot } from '../adapters/scan.store';
import { reviewerProgress } from '../core/approvals';
import { readApprovals } from '../adapters/approvals.store';
import { reviewerFactsOf } from './approvals-view';

export const MAX_PORTFOLIO_PILOTS = 10_000;

export function portfolioJql(config: MacroConfig): string {
  const parts = ['issuetype = "AI Pilot"'];
  if (config.projectKeys.length) parts.push(`project in (${config.projectKeys.map((k) => `"${k}"`).join(', ')})`);
  if (config.jql) parts.push(`(${stripOrderBy(config.jql)})`);
  if (config.pilots === 'stalled') parts.push('"AI Pilot stall status".Status = stalled');
  if (config.pilots === 'purgatory') parts.push('"AI Pilot diagnostic".Verdict = "heading-to-purgatory"');
  return `${parts.join(' AND ')} ORDER BY key ASC`;
}

function stripOrderBy(jql: string): string {
  return jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim() || 'issuetype is not EMPTY';
}

const MISSING_PROJECT = /^The value '(.+)' does not exist for the field 'project'\.$/;

/**
 * Jira answers 400 for a project the viewer cannot browse exactly as for one that does not exist (it never
 * reveals which). A portfolio spanning several projects (chosen, or listed in its JQL filter) still shows the ones
 * this viewer may see, and says how many are hidden; only when none is left does the viewer get Jira's reason.
 */
export async function loadPortfolio(config: MacroConfig): Promise<PortfolioView> {
  const hidden = new Set<string>();
  let narrowed = config;
  for (;;) {
    try {
      return await runPortfolio(narrowed, hidden.size);
    } catch (error) {
      if (!(error instanceof ProductError) || error.status !== 400) throw error;
      const missing = error.messages.map((m) => MISSING_PROJECT.exec(m)?.[1]);
      if (missing.length === 0 || missing.some((k) => k === undefined || hidden.has(k))) throw rejected(error);
      missing.forEach((k) => hidden.add(k as string));
      const next = withoutHidden(config, [...hidden]);
      if (!next) throw rejected(error);
      narrowed = next;
    }
  }
}

/** The config without the hidden projects, or null when nothing chosen would be left or the JQL cannot drop them. */
function withoutHidden(config: MacroConfig, hidden: string[]): MacroConfig | null {
  const projectKeys = config.projectKeys.filter((k) => !hidden.includes(k));
  if (config.projectKeys.length > 0 && projectKeys.length === 0) return null;
  let jql = config.jql;
  for (const key of hidden) {
    const rewritten = jql ? withoutProjects(jql, [key]) : null;
    if (rewritten !== null) jql = rewritten;
    else if (!config.projectKeys.includes(key)) return null;
  }
  return { ...config, projectKeys, jql };
}

function rejected(error: ProductError): AppError {
  return new AppError('JIRA_REJECTED', `Jira rejected the portfolio's filter: ${error.messages.join(' ')}`);
}

/** One pilot as the portfolio shows and counts it; `pilot` is null when its stored data could not be read. */
export interface AssessedRow {
  issueId: string;
  projectId: string;
  projectKey: string;
  /** The row with the production owner as an account id (named as the viewer only when shown). */
  row: PortfolioRow;
  pilot: PortfolioPilot | null;
  graduation: GraduatedPilot | null;
  /** The project's stall threshold (null when its settings cannot be read). */
  thresholdDays: number | null;
}

export type SettingsCache = Map<string, Settings | string>;

/**
 * Assesses a page of pilot issues (fields PILOT_FIELDS, properties PILOT_PROPERTIES) with their records, workstreams,
 * approval chains and graduations read in one round. Settings, a record or a chain that cannot be read costs that
 * pilot's row only: it comes back flagged with the reason.
 */
/** What assessing a page of pilots reads from app storage, in one round: shared by the portfolio and the scan. */
export interface PageFacts {
  records: Awaited<ReturnType<typeof readRecords>>;
  workstreams: Awaited<ReturnType<typeof loadWorkstreamsOf>>;
  chains: Awaited<ReturnType<typeof readApprovals>>;
  /** Closure records of the graduated pilots among them. */
  graduated: Awaited<ReturnType<typeof graduationsAmong>>;
}

export async function readPageFacts(pilotIssues: JiraIssue[]): Promise<PageFacts> {
  const [records, workstreams, chains, graduated] = await Promise.all([
    readRecords(pilotIssues),
    loadWorkstreamsOf(pilotIssues),
    readApprovals(pilotIssues.map((i) => i.id)),
    graduationsAmong(pilotIssues),
  ]);
  return { records, workstreams, chains, graduated };
}

export async function assessPortfolioPage(
  pilotIssues: JiraIssue[],
  day: IsoDate,
  settingsByProject: SettingsCache = new Map(),
  /** Already read for these issues (the scan's page); read here otherwise. */
  facts?: PageFacts,
): Promise<AssessedRow[]> {
  const { records, workstreams, chains, graduated } = facts ?? (await readPageFacts(pilotIssues));
  const assessed: AssessedRow[] = [];
  for (const issue of pilotIssues) {
    const projectId = issue.fields.project?.id ?? '';
    const projectKey = issue.fields.project?.key ?? '';
    let settings = settingsByProject.get(projectId);
    if (settings === undefined) {
      settings = await settingsOrReason(projectId, projectKey || projectId);
      settingsByProject.set(projectId, settings);
    }
    const read = records.get(issue.id)!;
    const chain = chains.get(issue.id)!;
    const base = { issueId: issue.id, projectId, projectKey };
    // Settings the code cannot read, or a record or approval chain it cannot read: one flagged row, counted nowhere.
    if (typeof settings === 'string' || !read.ok || !chain.ok) {
      const problem =
        typeof settings === 'string'
          ? settings
          : !read.ok
            ? read.message
            : !chain.ok
              ? `The approval chain of ${issue.key} could not be read: ${chain.reason}.`
              : '';
      assessed.push({
        ...base,
        row: unreadableRow(issue.key, issue.fields.summary ?? issue.key, projectKey, problem),
        pilot: null,
        graduation: null,
        thresholdDays: typeof settings === 'string' ? null : settings.stallRule.thresholdDays,
      });
      continue;
    }
    const record = read.record;
    const views = workstreamViews(issue, settings.template, workstreams.get(issue.id)!);
    const reviewers = reviewerFactsOf(settings, chain) ?? [];
    const a = assessIssue(issue, record, settings, day, { views, graduated: graduated.has(issue.id), reviewers });
    const owner = record.pilot.people.productionOwner;
    const row: PortfolioRow = {
      key: issue.key,
      summary: issue.fields.summary ?? issue.key,
      projectKey,
      owner,
      phase: a.phase,
      score: a.score,
      verdict: a.verdict,
      evidenceScore: a.evidence.evidenceScore,
      mismatches: a.evidence.mismatches.map((m) => m.message),
      daysSinceDemo: a.daysSinceDemo,
      stalled: a.stall.stalled,
      daysStalled: a.stall.daysStalled,
      gatePassed: a.gate.passed,
      gateFailures: a.gate.failures,
      workstreams: a.workstreamProgress,
      nextMilestone: a.nextMilestone ? { label: a.nextMilestone.label, date: a.nextMilestone.date } : null,
      monthlyRunCost: record.pilot.monthlyRunCost,
      decisionDue: a.stall.decisionDue,
      decisionOverdue: a.stall.decisionOverdue,
    };
    const dataAccess = views.find(
      (v) => settings.template.find((r) => r.id === v.rowId)?.evidenceRole === 'data-access',
    );
    const pilot: PortfolioPilot = {
      key: issue.key,
      summary: issue.fields.summary ?? issue.key,
      phase: a.phase,
      score: a.score,
      verdict: a.verdict,
      assessed: a.assessed,
      productionOwner: owner,
      monthlyRunCost: record.pilot.monthlyRunCost,
      stall: a.stall,
      gatePassed: a.gate.passed,
      dataAccessFiled: dataAccess ? dataAccess.state === 'in-progress' || dataAccess.state === 'done' : false,
      reviewHeld: record.pilot.decisions.length + record.older.decisions > 0,
      recoveredMonthlyCost: record.pilot.decisions.reduce(
        (sum, d) => sum + (d.kind === 'kill' ? (d.monthlyCostRecovered ?? 0) : 0),
        0,
      ),
      reviewers: reviewerProgress(reviewers, day),
    };
    // Cycle time: graduated (closure record) pilots, from the record's demo date to the day graduation was recorded.
    const graduatedAt = new Date(graduated.get(issue.id)?.at ?? Number.NaN);
    const graduation = Number.isNaN(graduatedAt.getTime())
      ? null
      : { key: issue.key, projectKey, demoDate: record.pilot.demoDate, graduatedOn: dayOf(graduatedAt) };
    assessed.push({ ...base, row, pilot, graduation, thresholdDays: settings.stallRule.thresholdDays });
  }
  return assessed;
}

async function runPortfolio(config: MacroConfig, unavailableProjects: number): Promise<PortfolioView> {
  const jql = portfolioJql(config);
  const day = today();
  const settingsByProject: SettingsCache = new Map();
  const rows: PortfolioRow[] = [];
  const pilots: PortfolioPilot[] = [];
  const projectIds = new Set<string>();
  const graduations: GraduatedPilot[] = [];
  const thresholds = new Map<string, number>();
  for await (const page of searchAll('user', {
    jql,
    fields: PILOT_FIELDS,
    properties: PILOT_PROPERTIES,
    maxResults: 100,
  })) {
    // A filter JQL can reach past its parentheses (`x) OR (y`); only AI Pilots are ever shown as pilots.
    for (const a of await assessPortfolioPage(page.issues.filter(isPilot), day, settingsByProject)) {
      projectIds.add(a.projectId);
      rows.push(a.row);
      if (a.pilot) pilots.push(a.pilot);
      if (a.graduation) {
        graduations.push(a.graduation);
        if (a.thresholdDays !== null) thresholds.set(a.projectKey, a.thresholdDays);
      }
      if (rows.length > MAX_PORTFOLIO_PILOTS) {
        throw new AppError(
          'VALIDATION_FAILED',
          `More than ${MAX_PORTFOLIO_PILOTS} pilots match; narrow the macro to fewer projects or a JQL filter.`,
        );
      }
    }
  }
  await nameOwners(rows);
  return {
    today: day,
    jql,
    unavailableProjects,
    summary: summarizePortfolio(pilots),
    distribution: scoreDistribution(pilots),
    trend: await trend([...projectIds]),
    rows,
    cycleTime: summarizeCycleTime(graduations, thresholds),
  };
}

function unreadableRow(key: string, summary: string, projectKey: string, message: string): PortfolioRow {
  return {
    key,
    summary,
    projectKey,
    owner: null,
    phase: 'pilot',
    score: 0,
    verdict: 'not-assessed',
    evidenceScore: 0,
    mismatches: [],
    daysSinceDemo: null,
    stalled: false,
    daysStalled: 0,
    gatePassed: false,
    gateFailures: [],
    workstreams: { done: 0, total: 0 },
    nextMilestone: null,
    monthlyRunCost: null,
    decisionDue: false,
    decisionOverdue: false,
    unreadable: message,
  };
}

/** Rows carry account ids until here; names are looked up as the viewer, 50 accounts per request. */
export async function nameOwners(rows: PortfolioRow[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.owner).filter((id): id is string => Boolean(id)))];
  const names: Record<string, string> = {};
  for (let i = 0; i < ids.length; i += 50) {
    try {
      Object.assign(names, await displayNames(ids.slice(i, i + 50)));
    } catch (error) {
      if (!(error instanceof ProductError)) throw error;
    }
  }
  for (const row of rows) if (row.owner) row.owner = names[row.owner] ?? 'Someone you cannot see';
}

/** Daily totals over the projects the viewer can see pilots in (a hidden project's numbers never leak). */
export async function trend(projectIds: string[]): Promise<PortfolioView['trend']> {
  const byDay = new Map<string, { day: string; stalled: number; stalledMonthlyCost: number; pilots: number }>();
  const all: Snapshot[][] = await Promise.all(projectIds.filter(Boolean).map((id) => readSnapshots(id)));
  for (const snapshots of all) {
    for (const s of snapshots) {
      const t = byDay.get(s.day) ?? { day: s.day, stalled: 0, stalledMonthlyCost: 0, pilots: 0 };
      t.stalled += s.stalled;
      t.stalledMonthlyCost += s.stalledMonthlyCost;
      t.pilots += s.pilots;
      byDay.set(s.day, t);
    }
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
