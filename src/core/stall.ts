// The seed's kill-list rule: a pilot sitting after its demo for more than N days without a clear production
// pathway is stalled and needs a review decision. "Continue as before" is not a decision, so the flag stays.
import { addDays, daysBetween, isBefore, type IsoDate } from './dates';
import type { Phase, RecordedDecision } from './pilot';

export interface StallRule {
  thresholdDays: number;
  decisionGraceDays: number;
}

export const DEFAULT_STALL_RULE: StallRule = { thresholdDays: 90, decisionGraceDays: 14 };

export interface StallInput {
  phase: Phase;
  demoDate: IsoDate | null;
  resumeOn: IsoDate | null;
  productionDate: IsoDate | null;
  gatePassed: boolean;
  decisions: RecordedDecision[];
}

export interface StallStatus {
  stalled: boolean;
  clockStart: IsoDate | null;
  daysOnClock: number | null;
  daysStalled: number;
  reason: string;
  decisionDue: boolean;
  decisionOverdue: boolean;
  decisionDueSince: IsoDate | null;
}

function offClock(reason: string): StallStatus {
  return {
    stalled: false,
    clockStart: null,
    daysOnClock: null,
    daysStalled: 0,
    reason,
    decisionDue: false,
    decisionOverdue: false,
    decisionDueSince: null,
  };
}

function checkRule(rule: StallRule): void {
  for (const [name, value] of Object.entries(rule)) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`Stall rule ${name} must be a whole number of days, got ${value}`);
  }
}

/** Where the clock starts, or why it is not running. */
function clockOf(input: StallInput, today: IsoDate): { start: IsoDate; since: string } | { offReason: string } {
  switch (input.phase) {
    case 'pilot':
      return { offReason: 'still in pilot: the stall clock starts at the demo' };
    case 'graduated':
      return { offReason: 'graduated to production' };
    case 'closed':
      return { offReason: 'closed without graduation' };
    case 'killed':
      return { offReason: 'killed' };
    case 'paused':
      if (input.resumeOn === null) return { offReason: 'paused with no resumption date' };
      if (isBefore(today, input.resumeOn)) return { offReason: `paused until ${input.resumeOn}` };
      return { start: input.resumeOn, since: 'resumption' };
    case 'post-demo': {
      if (input.demoDate === null) return { offReason: 'no demo date recorded' };
      // A resumed pilot whose phase has already been set back to post-demo keeps its restarted clock.
      if (input.resumeOn !== null && isBefore(input.demoDate, input.resumeOn) && !isBefore(today, input.resumeOn)) {
        return { start: input.resumeOn, since: 'resumption' };
      }
      return { start: input.demoDate, since: 'demo' };
    }
  }
}

function pathwayGap(input: StallInput, today: IsoDate): string | null {
  if (!input.gatePassed) return 'graduation gate not met';
  if (input.productionDate === null) return 'no production date';
  if (isBefore(input.productionDate, today)) return `production date ${input.productionDate} has passed`;
  return null;
}

export function evaluateStall(input: StallInput, rule: StallRule, today: IsoDate): StallStatus {
  checkRule(rule);
  const clock = clockOf(input, today);
  if ('offReason' in clock) return offClock(clock.offReason);

  const daysOnClock = daysBetween(clock.start, today);
  const base = { clockStart: clock.start, daysOnClock };
  const gap = pathwayGap(input, today);
  if (gap === null) {
    return {
      ...offClock(`clear production pathway: gate met and production date ${input.productionDate ?? ''}`),
      ...base,
    };
  }
  if (daysOnClock <= rule.thresholdDays) {
    return {
      ...offClock(
        `${daysOnClock} of ${rule.thresholdDays} days since ${clock.since} without a clear production pathway (${gap})`,
      ),
      ...base,
    };
  }

  const stallDay = addDays(clock.start, rule.thresholdDays + 1);
  // Only a decision taken in this stall episode answers it; one from before a pause ran out does not.
  const decided = input.decisions.some((d) => !isBefore(d.decidedOn, stallDay));
  const decisionDue = !decided;
  return {
    stalled: true,
    ...base,
    daysStalled: daysOnClock - rule.thresholdDays,
    reason: `${daysOnClock} days since ${clock.since} without a clear production pathway (${gap})`,
    decisionDue,
    decisionOverdue: decisionDue && isBefore(addDays(stallDay, rule.decisionGraceDays), today),
    decisionDueSince: decisionDue ? stallDay : null,
  };
}
