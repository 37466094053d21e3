// The portfolio macro's numbers: the seed's baseline (how many pilots score 0-3), the kill list and the money
// it ties up, and the 30-day intervention as a progress strip.
import { allReviewersScheduled, type ReviewerProgress } from './approvals';
import { PRODUCTION_OWNER_SCORE, VERDICTS, type Verdict } from './diagnostic';
import { PHASES, type AccountId, type Phase } from './pilot';
import { QUESTION_IDS } from './questions';
import type { StallStatus } from './stall';

export interface PortfolioPilot {
  key: string;
  summary: string;
  phase: Phase;
  score: number;
  verdict: Verdict;
  assessed: boolean;
  productionOwner: AccountId | null;
  monthlyRunCost: number | null;
  stall: StallStatus;
  gatePassed: boolean;
  dataAccessFiled: boolean;
  /** Has a recorded decision. */
  reviewHeld: boolean;
  recoveredMonthlyCost: number;
  /** The approval chain's reviewers (week 4: the preliminary conversations with each of them). */
  reviewers: ReviewerProgress;
}

export interface InterventionStep {
  done: number;
  of: number;
}

export interface PortfolioSummary {
  total: number;
  byVerdict: Record<Verdict, number>;
  byPhase: Record<Phase, number>;
  lowScore: number;
  headingToPurgatory: number;
  stalled: number;
  stalledMonthlyCost: number;
  decisionsDue: number;
  decisionsOverdue: number;
  recoveredMonthlyCost: number;
  intervention: { week1: InterventionStep; week2: InterventionStep; week3: InterventionStep; week4: InterventionStep };
}

/** The seed's baseline band: an assessed pilot scoring 0-3 lacks what production needs (a score of 4 earns an owner). */
export const LOW_SCORE_MAX = PRODUCTION_OWNER_SCORE - 1;

export function isLowScore(score: number): boolean {
  return score <= LOW_SCORE_MAX;
}

export interface ScoreBands {
  /** Assessed pilots per score 0..7, for the histogram. */
  distribution: number[];
  /** Assessed pilots scoring 0..LOW_SCORE_MAX: the summary's "Scoring 0-3" and the chart's low bars. */
  low: number;
  /** Assessed pilots scoring PRODUCTION_OWNER_SCORE or more. */
  high: number;
  /** Not yet assessed: their 0 is no score, so they are counted apart, never as "scoring 0". */
  notAssessed: number;
}

/** The one definition of every score number on the portfolio page; the summary strip and the chart both read it. */
export function scoreBands(pilots: readonly PortfolioPilot[]): ScoreBands {
  const distribution = new Array<number>(QUESTION_IDS.length + 1).fill(0);
  let notAssessed = 0;
  for (const pilot of pilots) {
    if (!Number.isInteger(pilot.score) || pilot.score < 0 || pilot.score > QUESTION_IDS.length) {
      throw new RangeError(`Pilot ${pilot.key} has score ${pilot.score}; scores run 0-${QUESTION_IDS.length}`);
    }
    if (!pilot.assessed) notAssessed += 1;
    else distribution[pilot.score] = (distribution[pilot.score] ?? 0) + 1;
  }
  const low = distribution.slice(0, LOW_SCORE_MAX + 1).reduce((a, b) => a + b, 0);
  return { distribution, low, high: pilots.length - notAssessed - low, notAssessed };
}

/** Pilots the intervention still works on: not yet in production, not killed. */
export const ACTIVE_PHASES: readonly Phase[] = ['pilot', 'post-demo', 'paused'];

export function isActivePhase(phase: Phase): boolean {
  return ACTIVE_PHASES.includes(phase);
}

function step<T>(population: readonly T[], done: (item: T) => boolean): InterventionStep {
  return { done: population.filter(done).length, of: population.length };
}

function hasOwner(pilot: PortfolioPilot): boolean {
  return (pilot.productionOwner ?? '').trim() !== '';
}

export function summarizePortfolio(pilots: PortfolioPilot[]): PortfolioSummary {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byPhase = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  for (const pilot of pilots) {
    byVerdict[pilot.verdict] += 1;
    byPhase[pilot.phase] += 1;
  }
  const stalled = pilots.filter((p) => p.stall.stalled);
  const active = pilots.filter((p) => isActivePhase(p.phase));
  const promising = active.filter((p) => p.score >= PRODUCTION_OWNER_SCORE);
  const assessedActive = active.filter((p) => p.assessed);
  return {
    total: pilots.length,
    byVerdict,
    byPhase,
    lowScore: scoreBands(pilots).low,
    headingToPurgatory: byVerdict['heading-to-purgatory'],
    stalled: stalled.length,
    stalledMonthlyCost: stalled.reduce((sum, p) => sum + (p.monthlyRunCost ?? 0), 0),
    decisionsDue: pilots.filter((p) => p.stall.decisionDue).length,
    decisionsOverdue: pilots.filter((p) => p.stall.decisionOverdue).length,
    recoveredMonthlyCost: pilots.reduce((sum, p) => sum + p.recoveredMonthlyCost, 0),
    intervention: {
      week1: step(active, (p) => p.assessed),
      week2: step(promising, hasOwner),
      week3: step(active, (p) => p.dataAccessFiled),
      // Week 4 of the seed: every reviewer the project expects has a preliminary conversation on the calendar (or held).
      week4: step(assessedActive, (p) => allReviewersScheduled(p.reviewers)),
    },
  };
}

/** Count of assessed pilots per score 0..7, for the macro's histogram (the same bands as the summary's). */
export function scoreDistribution(pilots: PortfolioPilot[]): number[] {
  return scoreBands(pilots).distribution;
}
