// What the "Pilot coach" agent and the Automation actions answer. Nothing here judges a pilot on its own: one
// pilot is read through the panel's use case (openPanel, as the person asking), a portfolio through the macro's
// (loadPortfolio, JQL as the person asking), and the decision is recorded by the panel's decide(). So the agent,
// Automation, the panel and the macro can never disagree about a pilot, and nobody learns more here than there.
import { interventionWeeks, nextStep, type InterventionWeek, type NextStep } from '../core/coaching';
import { QUESTIONS } from '../core/questions';
import type { MacroConfig } from '../contract/schemas';
import type { PortfolioView } from '../contract/views';
import { AppError } from '../adapters/errors';
import { decide, openPanel } from './panel.use-case';
import { loadPortfolio } from './portfolio.use-case';

/** At most this many pilots are listed in one answer; the rest are counted and the answer says so. */
export const MAX_LISTED_PILOTS = 100;

function portfolioConfig(projectKeys: string[]): MacroConfig {
  // Every pilot the person may see in those projects; which are stalled comes from the stored records (the stall
  // status custom field is a mirror, never a filter for truth).
  return { projectKeys, jql: '', pilots: 'all', sort: 'daysSinceDemo' };
}

function projectsNote(view: PortfolioView, asked: string[]): string | null {
  return view.unavailableProjects > 0
    ? `${view.unavailableProjects} of the ${asked.length} projects asked about are not visible to you (or do not exist); they are left out.`
    : null;
}

export interface StalledPilotsAnswer {
  today: string;
  stalledCount: number;
  stalledMonthlyCost: number;
  pilots: Array<{
    key: string;
    summary: string;
    project: string;
    daysStalled: number;
    monthlyRunCost: number | null;
    decision: 'overdue' | 'due' | 'not yet due';
  }>;
  /** Set when the list was cut at MAX_LISTED_PILOTS. */
  truncated: string | null;
  notes: string[];
}

export async function listStalledPilots(projectKeys: string[]): Promise<StalledPilotsAnswer> {
  const view = await loadPortfolio(portfolioConfig(projectKeys));
  const stalled = view.rows
    .filter((r) => !r.unreadable && r.stalled)
    .sort((a, b) => b.daysStalled - a.daysStalled || (a.key < b.key ? -1 : 1));
  const unreadable = view.rows.filter((r) => r.unreadable).length;
  const notes = [
    projectsNote(view, projectKeys),
    unreadable
      ? `${unreadable} pilot${unreadable > 1 ? 's' : ''} could not be read and ${unreadable > 1 ? 'are' : 'is'} left out.`
      : null,
  ].filter((n): n is string => n !== null);
  return {
    today: view.today,
    stalledCount: stalled.length,
    stalledMonthlyCost: view.summary.stalledMonthlyCost,
    pilots: stalled.slice(0, MAX_LISTED_PILOTS).map((r) => ({
      key: r.key,
      summary: r.summary,
      project: r.projectKey,
      daysStalled: r.daysStalled,
      monthlyRunCost: r.monthlyRunCost,
      decision: r.decisionOverdue ? 'overdue' : r.decisionDue ? 'due' : 'not yet due',
    })),
    truncated:
      stalled.length > MAX_LISTED_PILOTS
        ? `Showing the ${MAX_LISTED_PILOTS} longest stalled of ${stalled.length}; ask about fewer projects for the rest.`
        : null,
    notes,
  };
}

export interface PilotExplanation {
  key: string;
  summary: string;
  phase: string;
  score: number;
  verdict: string;
  evidenceScore: number;
  /** Self-reported answers the evidence in Jira contradicts. */
  contradicted: Array<{ question: string; answer: string; evidence: string }>;
  gatePassed: boolean;
  /** Exactly the unmet (and not waived) criteria the panel shows. */
  unmetCriteria: string[];
  nextMilestone: { label: string; date: string } | null;
  stall: { stalled: boolean; daysStalled: number; decisionDue: boolean; decisionOverdue: boolean };
  nextStep: NextStep;
}

export async function explainPilot(accountId: string, issueKey: string): Promise<PilotExplanation> {
  const view = await openPanel({ accountId, issueKey });
  const a = view.assessment;
  const pilot = view.record.pilot;
  return {
    key: view.issue.key,
    summary: view.issue.summary,
    phase: a.phase,
    score: a.score,
    verdict: a.verdict,
    evidenceScore: a.evidence.evidenceScore,
    contradicted: a.evidence.mismatches
      .filter((m) => m.kind === 'overclaimed')
      .map((m) => ({
        question: QUESTIONS.find((q) => q.id === m.questionId)?.short ?? m.questionId,
        answer: pilot.diagnostic[m.questionId]?.answer ?? 'unknown',
        evidence: m.message,
      })),
    gatePassed: a.gate.passed,
    unmetCriteria: a.gate.failures,
    nextMilestone: a.nextMilestone ? { label: a.nextMilestone.label, date: a.nextMilestone.date } : null,
    stall: {
      stalled: a.stall.stalled,
      daysStalled: a.stall.daysStalled,
      decisionDue: a.stall.decisionDue,
      decisionOverdue: a.stall.decisionOverdue,
    },
    nextStep: nextStep(a, pilot.diagnostic, Boolean(pilot.people.productionOwner)),
  };
}

export interface PortfolioStatusAnswer {
  today: string;
  pilots: number;
  scoring0to3: number;
  headingToPurgatory: number;
  stalled: number;
  stalledMonthlyCost: number;
  decisionsDue: number;
  decisionsOverdue: number;
  recoveredMonthlyCost: number;
  byPhase: Record<string, number>;
  intervention: { weeks: InterventionWeek[]; currentWeek: number | null };
  notes: string[];
}

export async function portfolioStatus(projectKeys: string[]): Promise<PortfolioStatusAnswer> {
  const view = await loadPortfolio(portfolioConfig(projectKeys));
  const s = view.summary;
  const { weeks, current } = interventionWeeks(s);
  const unreadable = view.rows.filter((r) => r.unreadable).length;
  return {
    today: view.today,
    pilots: s.total,
    scoring0to3: s.lowScore,
    headingToPurgatory: s.headingToPurgatory,
    stalled: s.stalled,
    stalledMonthlyCost: s.stalledMonthlyCost,
    decisionsDue: s.decisionsDue,
    decisionsOverdue: s.decisionsOverdue,
    recoveredMonthlyCost: s.recoveredMonthlyCost,
    byPhase: s.byPhase,
    intervention: { weeks, currentWeek: current },
    notes: [
      projectsNote(view, projectKeys),
      unreadable ? `${unreadable} pilot${unreadable > 1 ? 's' : ''} could not be read and count nowhere.` : null,
    ].filter((n): n is string => n !== null),
  };
}

export interface GateCheck extends Record<string, string | number | boolean | null> {
  passed: boolean;
  score: number;
  /** The panel's unmet criteria, joined with "; " (Automation outputs are scalars). */
  unmetCriteria: string;
}

export async function checkGate(accountId: string, issueKey: string): Promise<GateCheck> {
  const view = await openPanel({ accountId, issueKey });
  return {
    passed: view.assessment.gate.passed,
    score: view.assessment.score,
    unmetCriteria: view.assessment.gate.failures.join('; '),
  };
}

export interface DecisionRecorded extends Record<string, string | number | boolean | null> {
  recorded: boolean;
  phase: string;
}

/**
 * The panel's decision, from Automation: the same validation, the same permission (Edit issues on the pilot, as
 * the rule's actor) and the same audit line. The version is the one just read; a save in between is a conflict.
 */
export async function recordDecision(
  accountId: string,
  issueKey: string,
  draft: Record<string, string | undefined>,
): Promise<DecisionRecorded> {
  const current = await openPanel({ accountId, issueKey });
  if (!current.permissions.canEdit) {
    throw new AppError(
      'FORBIDDEN',
      `You can view ${current.issue.key} but not edit it, so you cannot record its review decision; nothing was changed.`,
    );
  }
  const given = Object.fromEntries(Object.entries(draft).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  const view = await decide({ accountId, issueKey }, current.record.version, given);
  return { recorded: true, phase: view.assessment.phase };
}
