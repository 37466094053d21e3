// The method's one next step for a pilot, and the 30-day intervention in words (the seed's "30-day intervention"
// and its kill-list review). Pure: reads an assessment the panel already computed, never re-judges the pilot.
import type { PilotAssessment } from './assessment';
import { PRODUCTION_OWNER_SCORE } from './diagnostic';
import type { Diagnostic } from './pilot';
import type { PortfolioSummary } from './portfolio';

export interface NextStep {
  /** Which part of the method the step comes from. */
  basis:
    | 'closed'
    | 'week-1-audit'
    | 'review-decision'
    | 'week-2-owner'
    | 'week-3-data-access'
    | 'week-4-review-conversations'
    | 'gate'
    | 'evidence'
    | 'purgatory'
    | 'milestone';
  text: string;
}

const isYes = (diagnostic: Diagnostic, id: keyof Diagnostic) => diagnostic[id]?.answer === 'yes';

/**
 * The first step the method asks for, in its own order: audit first (week 1), a stalled pilot's review decision,
 * a production owner for every pilot scoring 4+ (week 2), data access requests (week 3), review conversations
 * (week 4), then the gate, the evidence and the next milestone.
 */
export function nextStep(a: PilotAssessment, diagnostic: Diagnostic, hasProductionOwner: boolean): NextStep {
  if (a.phase === 'graduated' || a.phase === 'killed' || a.phase === 'closed') {
    return { basis: 'closed', text: `The pilot is ${a.phase}; no review step is open.` };
  }
  if (!a.assessed) {
    return {
      basis: 'week-1-audit',
      text: 'Week 1: run the pilot through the seven-question diagnostic and score it honestly; that score is the baseline.',
    };
  }
  if (a.stall.stalled && (a.stall.decisionDue || a.stall.decisionOverdue)) {
    return {
      basis: 'review-decision',
      text: `Stalled ${a.stall.daysStalled} days past the stall rule: hold the review now and record accelerate (named owner plus dedicated resourcing), pause (written rationale plus a dated resumption) or kill (recover the budget). "Continue as before" is not an outcome.`,
    };
  }
  if (a.score >= PRODUCTION_OWNER_SCORE && !hasProductionOwner) {
    return {
      basis: 'week-2-owner',
      text: `Week 2: it scores ${a.score}/7, real production potential; name a production pathway owner today. Their first deliverable is a written production pathway document, due in two weeks.`,
    };
  }
  if (hasProductionOwner && !isYes(diagnostic, 'q2')) {
    return {
      basis: 'week-3-data-access',
      text: 'Week 3: file the data access requests with every data steward whose data production needs, now; they take six to ten weeks.',
    };
  }
  if (hasProductionOwner && !isYes(diagnostic, 'q3')) {
    return {
      basis: 'week-4-review-conversations',
      text: 'Week 4: have the production owner schedule 30-minute briefings with security, compliance, legal and infrastructure to surface blockers early.',
    };
  }
  if (a.gate.failures.length > 0) {
    return { basis: 'gate', text: `Meet the graduation gate: ${a.gate.failures[0]}` };
  }
  const overclaim = a.evidence.mismatches.find((m) => m.kind === 'overclaimed');
  if (overclaim) return { basis: 'evidence', text: `Make the evidence match the answer: ${overclaim.message}` };
  if (a.verdict === 'heading-to-purgatory') {
    return {
      basis: 'purgatory',
      text: 'Three or more answers are no: start on each now; most take 8-12 weeks to resolve.',
    };
  }
  if (a.nextMilestone)
    return {
      basis: 'milestone',
      text: `Keep to the next milestone: ${a.nextMilestone.label} on ${a.nextMilestone.date}.`,
    };
  return {
    basis: 'milestone',
    text: 'Put the production date and the milestone dates on the calendar, with engineering time blocked.',
  };
}

export interface InterventionWeek {
  week: 1 | 2 | 3 | 4;
  title: string;
  /** Pilots that have done this week's step, out of those it applies to. */
  done: number;
  of: number;
  complete: boolean;
}

export const INTERVENTION_WEEKS = [
  { week: 1, title: 'Audit the portfolio: every active pilot scored on the seven questions', step: 'week1' },
  { week: 2, title: 'Assign production owners: every active pilot scoring 4+ has one', step: 'week2' },
  { week: 3, title: 'File the data access requests: the data access workstream has started', step: 'week3' },
  {
    week: 4,
    title:
      'Schedule the review conversations: every assessed pilot in flight has a conversation scheduled with each expected reviewer',
    step: 'week4',
  },
] as const;

/** Where the 30-day intervention stands, week by week, from the portfolio summary the macro shows. */
export function interventionWeeks(summary: PortfolioSummary): { weeks: InterventionWeek[]; current: number | null } {
  const weeks = INTERVENTION_WEEKS.map((w) => {
    const s = summary.intervention[w.step];
    return { week: w.week, title: w.title, done: s.done, of: s.of, complete: s.done >= s.of };
  });
  const open = weeks.find((w) => !w.complete);
  return { weeks, current: open ? open.week : null };
}
