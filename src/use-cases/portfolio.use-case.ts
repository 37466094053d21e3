// The Confluence portfolio: every pilot the viewer may see (JQL as the viewing user, so Jira's permissions
// decide), one paged search with only the fields and properties the view needs, nothing fetched per issue.

import { scoreDistribution, summarizePortfolio, type PortfolioPilot } from '../core/portfolio';
import type { MacroConfig, Settings } from '../contract/schemas';
import type { PortfolioRow, PortfolioView } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError, ProductError } from '../adapters/errors';
import { searchAll } from '../adapters/jira/search.api';
import { recordOf } from '../adapters/pilot-record.store';
import { loadSettings } from '../adapters/settings.store';
import { graduatedAmong } from './pilot-closure.use-case';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES, workstreamViews } from './pilot-facts';
import { readSnapshots, type Snapshot } from './stall-scan.use-case';

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
 * reveals which). A portfolio spanning several projects still shows the ones this viewer may see; only when none
 * is left does the viewer get Jira's reason.
 */
export async function loadPortfolio(config: MacroConfig): Promise<PortfolioView> {
  try {
    return await runPortfolio(config, 0);
  } catch (error) {
    if (!(error instanceof ProductError) || error.status !== 400) throw error;
    const missing = error.messages.map((m) => MISSING_PROJECT.exec(m)?.[1]);
    const remaining = config.projectKeys.filter((k) => !missing.includes(k));
    if (missing.some((k) => k === undefined) || remaining.length === 0 || remaining.length === config.projectKeys.length) throw rejected(error);
    try {
      return await runPortfolio({ ...config, projectKeys: remaining }, config.projectKeys.length - remaining.length);
    } catch (retryError) {
      throw retryError instanceof ProductError && retryError.status === 400 ? rejected(retryError) : retryError;
    }
  }
}

function rejected(error: ProductError): AppError {
  return new AppError('JIRA_REJECTED', `Jira rejected the portfolio's filter: ${error.messages.join(' ')}`);
}

async function runPortfolio(config: MacroConfig, unavailableProjects: number): Promise<PortfolioView> {
  const jql = portfolioJql(config);
  const day = today();
  const settingsByProject = new Map<string, Settings>();
  const rows: PortfolioRow[] = [];
  const pilots: PortfolioPilot[] = [];
  const projectIds = new Set<string>();
  for await (const page of searchAll('user', { jql, fields: PILOT_FIELDS, properties: PILOT_PROPERTIES, maxResults: 100 })) {
    // A filter JQL can reach past its parentheses (`x) OR (y`); only AI Pilots are ever shown as pilots.
    const pagePilots = page.issues.filter(isPilot);
    const graduated = await graduatedAmong(pagePilots);
    for (const issue of pagePilots) {
      const projectId = issue.fields.project?.id ?? '';
      projectIds.add(projectId);
      let settings = settingsByProject.get(projectId);
      if (!settings) {
        settings = (await loadSettings(projectId)).settings;
        settingsByProject.set(projectId, settings);
      }
      const record = recordOf(issue);
      const views = workstreamViews(issue, settings.template);
      const a = assessIssue(issue, record, settings, day, { views, graduated: graduated.has(issue.id) });
      const owner = record.pilot.people.productionOwner;
      rows.push({
        key: issue.key,
        summary: issue.fields.summary ?? issue.key,
        projectKey: issue.fields.project?.key ?? '',
        owner: owner ? (record.displayNames[owner] ?? owner) : null,
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
      });
      const dataAccess = views.find((v) => settings.template.find((r) => r.id === v.rowId)?.evidenceRole === 'data-access');
      pilots.push({
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
        reviewHeld: record.pilot.decisions.length > 0,
        recoveredMonthlyCost: record.pilot.decisions.reduce((sum, d) => sum + (d.kind === 'kill' ? (d.monthlyCostRecovered ?? 0) : 0), 0),
      });
      if (rows.length > MAX_PORTFOLIO_PILOTS) {
        throw new AppError('VALIDATION_FAILED', `More than ${MAX_PORTFOLIO_PILOTS} pilots match; narrow the macro to fewer projects or a JQL filter.`);
      }
    }
  }
  return { today: day, jql, unavailableProjects, summary: summarizePortfolio(pilots), distribution: scoreDistribution(pilots), trend: await trend([...projectIds]), rows };
}

/** Daily totals over the projects the viewer can see pilots in (a hidden project's numbers never leak). */
async function trend(projectIds: string[]): Promise<PortfolioView['trend']> {
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

