// One pilot, assessed: every check over its facts in one place, so the panel, the validator, the scan and the
// portfolio can never disagree about a pilot's score, gate or stall status.
import type { ReviewerFact } from './approvals';
import { daysBetween, isBefore, type IsoDate } from './dates';
import { diagnosticVerdict, isAssessed, needsProductionOwner, scoreDiagnostic, type Verdict } from './diagnostic';
import { checkEvidence, type EvidenceResult } from './evidence';
import { evaluateGate, type GateCriteria, type GateResult, type Waiver } from './gate';
import { MILESTONES, type MilestoneKey, type Phase, type Pilot, type WorkstreamFact } from './pilot';
import type { ProductionCriteria } from './production-criteria';
import { evaluateStall, type StallRule, type StallStatus } from './stall';
import type { WorkstreamTemplateRow } from './workstreams';

export interface ProjectRules {
  template: WorkstreamTemplateRow[];
  gate: GateCriteria;
  stallRule: StallRule;
}

export interface PilotAssessment {
  phase: Phase;
  score: number;
  verdict: Verdict;
  assessed: boolean;
  needsProductionOwner: boolean;
  evidence: EvidenceResult;
  gate: GateResult;
  stall: StallStatus;
  workstreamProgress: { done: number; total: number };
  nextMilestone: { key: MilestoneKey; label: string; date: IsoDate } | null;
  daysSinceDemo: number | null;
}

/**
 * The phase the record, Jira and the app's closure record imply today: a killed pilot stays killed; an issue in a
 * done status category has graduated only when the app recorded that it passed the gate on the way in
 * (`graduated`); any other way into a done status is "closed without graduation". A pause holds until its
 * resumption day; the demo date moves a pilot to post-demo.
 */
export function effectivePhase(pilot: Pilot, issueDone: boolean, today: IsoDate, graduated = false): Phase {
  if (pilot.phase === 'killed') return 'killed';
  if (issueDone) return graduated ? 'graduated' : 'closed';
  if (pilot.phase === 'paused' && pilot.resumeOn && isBefore(today, pilot.resumeOn)) return 'paused';
  if (pilot.demoDate && !isBefore(today, pilot.demoDate)) return 'post-demo';
  return 'pilot';
}

export function assessPilot(
  input: {
    pilot: Pilot;
    waivers: Waiver[];
    productionSpecLinked: boolean;
    productionCriteria?: ProductionCriteria | null;
    pathwayPage?: { title: string; url: string } | null;
    workstreams: WorkstreamFact[];
    issueDone: boolean;
    graduated?: boolean;
    /** The approval chain's expected reviewers, or null when it cannot be read (Q3's evidence). */
    reviewers: readonly ReviewerFact[] | null;
  },
  rules: ProjectRules,
  today: IsoDate,
): PilotAssessment {
  const { pilot, workstreams } = input;
  const phase = effectivePhase(pilot, input.issueDone, today, input.graduated ?? false);
  const score = scoreDiagnostic(pilot.diagnostic);
  const evidence = checkEvidence(
    pilot.diagnostic,
    {
      productionOwner: pilot.people.productionOwner,
      workstreams,
      template: rules.template,
      productionDate: pilot.productionDate,
      productionSpecLinked: input.productionSpecLinked,
      pathwayPage: input.pathwayPage ?? null,
      phase,
      reviewers: input.reviewers,
    },
    today,
  );
  const names = Object.fromEntries(rules.template.map((r) => [r.id, r.name]));
  const gate = evaluateGate(
    rules.gate,
    {
      diagnostic: pilot.diagnostic,
      workstreams,
      modelMetric: pilot.modelMetric,
      productionOwner: pilot.people.productionOwner,
      productionDate: pilot.productionDate,
      productionCriteria: input.productionCriteria ?? null,
    },
    input.waivers,
    today,
    names,
  );
  const stall = evaluateStall(
    {
      phase: phase === 'post-demo' && pilot.phase === 'paused' ? 'paused' : phase,
      demoDate: pilot.demoDate,
      resumeOn: pilot.resumeOn,
      productionDate: pilot.productionDate,
      gatePassed: gate.passed,
      decisions: pilot.decisions,
    },
    rules.stallRule,
    today,
  );
  const upcoming = MILESTONES.flatMap((m) => {
    const date = pilot.milestones[m.key];
    return date && !isBefore(date, today) ? [{ key: m.key, label: m.label as string, date }] : [];
  }).sort((a, b) => daysBetween(b.date, a.date));
  return {
    phase,
    score,
    verdict: diagnosticVerdict(pilot.diagnostic),
    assessed: isAssessed(pilot.diagnostic),
    needsProductionOwner: needsProductionOwner(score, pilot.people.productionOwner),
    evidence,
    gate,
    stall,
    workstreamProgress: { done: workstreams.filter((w) => w.state === 'done').length, total: workstreams.length },
    nextMilestone: upcoming[0] ?? null,
    daysSinceDemo: pilot.demoDate && !isBefore(today, pilot.demoDate) ? daysBetween(pilot.demoDate, today) : null,
  };
}
