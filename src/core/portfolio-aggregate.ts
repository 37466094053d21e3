// A project's portfolio numbers, kept beside its rows so the portfolio opens without reading every pilot: the
// summary, the score distribution and the graduations (for cycle time) of the project's pilots, for each of the
// macro's pilot filters (all, stalled, heading to purgatory). Folding is the same summarizePortfolio the JQL path
// uses, and project aggregates add up, so a portfolio over many projects is the sum of theirs.
import type { GraduatedPilot } from './cycle-time';
import type { IsoDate } from './dates';
import { PHASES, type Phase } from './pilot';
import { VERDICTS, type Verdict } from './diagnostic';
import {
  scoreDistribution,
  summarizePortfolio,
  type InterventionStep,
  type PortfolioPilot,
  type PortfolioSummary,
} from './portfolio';

export const PILOT_FILTER_VARIANTS = ['all', 'stalled', 'purgatory'] as const;
export type PilotFilterVariant = (typeof PILOT_FILTER_VARIANTS)[number];

/** What one stored row contributes to its project's numbers (null facts: unreadable, counted nowhere). */
export interface RowFacts {
  pilot: PortfolioPilot | null;
  graduation: GraduatedPilot | null;
}

export interface AggregateVariant {
  summary: PortfolioSummary;
  distribution: number[];
  graduations: GraduatedPilot[];
  /** Rows in this variant's list, including pilots whose data could not be read. */
  rows: number;
}

export interface ProjectAggregate {
  projectId: string;
  projectKey: string;
  /** The stall threshold of the project's settings when folded (shown beside its cycle time). */
  thresholdDays: number | null;
  /** The day the oldest row folded in was computed on. */
  asOf: IsoDate;
  variants: Record<PilotFilterVariant, AggregateVariant>;
}

export function inVariant(pilot: PortfolioPilot, variant: PilotFilterVariant): boolean {
  if (variant === 'stalled') return pilot.stall.stalled;
  if (variant === 'purgatory') return pilot.verdict === 'heading-to-purgatory';
  return true;
}

export function foldVariant(facts: readonly RowFacts[], variant: PilotFilterVariant): AggregateVariant {
  // An unreadable row shows only in the unfiltered list (its facts are unknown), as on the JQL path's own filters.
  const pilots = facts.flatMap((f) => (f.pilot && inVariant(f.pilot, variant) ? [f.pilot] : []));
  const keys = new Set(pilots.map((p) => p.key));
  return {
    summary: summarizePortfolio(pilots),
    distribution: scoreDistribution(pilots),
    graduations: facts.flatMap((f) => (f.graduation && keys.has(f.graduation.key) ? [f.graduation] : [])),
    rows: pilots.length + (variant === 'all' ? facts.filter((f) => !f.pilot).length : 0),
  };
}

export function foldProject(
  project: { projectId: string; projectKey: string; thresholdDays: number | null },
  facts: readonly RowFacts[],
  asOf: IsoDate,
): ProjectAggregate {
  const variants = Object.fromEntries(PILOT_FILTER_VARIANTS.map((v) => [v, foldVariant(facts, v)])) as Record<
    PilotFilterVariant,
    AggregateVariant
  >;
  return { ...project, asOf, variants };
}

const addStep = (a: InterventionStep, b: InterventionStep): InterventionStep => ({
  done: a.done + b.done,
  of: a.of + b.of,
});

function addRecord<K extends string>(
  keys: readonly K[],
  a: Record<K, number>,
  b: Record<K, number>,
): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)])) as Record<K, number>;
}

export function addSummaries(a: PortfolioSummary, b: PortfolioSummary): PortfolioSummary {
  return {
    total: a.total + b.total,
    byVerdict: addRecord<Verdict>(VERDICTS, a.byVerdict, b.byVerdict),
    byPhase: addRecord<Phase>(PHASES, a.byPhase, b.byPhase),
    lowScore: a.lowScore + b.lowScore,
    headingToPurgatory: a.headingToPurgatory + b.headingToPurgatory,
    stalled: a.stalled + b.stalled,
    stalledMonthlyCost: a.stalledMonthlyCost + b.stalledMonthlyCost,
    decisionsDue: a.decisionsDue + b.decisionsDue,
    decisionsOverdue: a.decisionsOverdue + b.decisionsOverdue,
    recoveredMonthlyCost: a.recoveredMonthlyCost + b.recoveredMonthlyCost,
    intervention: {
      week1: addStep(a.intervention.week1, b.intervention.week1),
      week2: addStep(a.intervention.week2, b.intervention.week2),
      week3: addStep(a.intervention.week3, b.intervention.week3),
      week4: addStep(a.intervention.week4, b.intervention.week4),
    },
  };
}

/** The numbers of several projects' aggregates together (a project appears once). */
export function combineVariants(variants: readonly AggregateVariant[]): AggregateVariant {
  return variants.reduce<AggregateVariant>(
    (sum, v) => ({
      summary: addSummaries(sum.summary, v.summary),
      distribution: sum.distribution.map((n, i) => n + (v.distribution[i] ?? 0)),
      graduations: sum.graduations.concat(v.graduations),
      rows: sum.rows + v.rows,
    }),
    foldVariant([], 'all'),
  );
}
