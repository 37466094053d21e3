// Review decisions for a stalled pilot. The seed allows exactly three outcomes, each with required parts;
// a decision missing any part is refused whole, with every missing part named at once.
import { FIRST_YEAR, isBefore, isSaneDay, LAST_YEAR, type IsoDate } from './dates';
import type { AccountId, Pilot, RecordedDecision, ReviewDecision } from './pilot';
import { isRecord, requiredText, type FieldError } from './validation';

export const DECISION_KINDS = ['accelerate', 'pause', 'kill'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  accelerate: 'Accelerate',
  pause: 'Pause',
  kill: 'Kill',
};

/** Atlassian account ids are at most 128 characters; anything longer is not an account. */
const MAX_ACCOUNT_ID_LENGTH = 128;

export type DecisionValidation = { ok: true; decision: ReviewDecision } | { ok: false; errors: FieldError[] };

function isDecisionKind(value: unknown): value is DecisionKind {
  return typeof value === 'string' && (DECISION_KINDS as readonly string[]).includes(value);
}

function resumeDate(input: Record<string, unknown>, today: IsoDate, errors: FieldError[]): IsoDate | null {
  const raw = input['resumeOn'];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    errors.push({ field: 'resumeOn', message: 'Give the date the pilot resumes' });
    return null;
  }
  const day = typeof raw === 'string' ? raw.trim() : '';
  if (!isSaneDay(day)) {
    errors.push({
      field: 'resumeOn',
      message: `"${String(raw)}" is not a calendar date (YYYY-MM-DD) between ${FIRST_YEAR} and ${LAST_YEAR}`,
    });
    return null;
  }
  // A pause that resumes today or earlier is "continue as before" under another name.
  if (!isBefore(today, day)) {
    errors.push({ field: 'resumeOn', message: `The resumption date must be after today (${today})` });
    return null;
  }
  return day;
}

export function validateDecision(input: unknown, today: IsoDate): DecisionValidation {
  const fields = isRecord(input) ? input : {};
  const kind = fields['kind'];
  if (!isDecisionKind(kind)) {
    return {
      ok: false,
      errors: [
        { field: 'kind', message: 'Choose accelerate, pause or kill; continuing as before is not a review outcome' },
      ],
    };
  }
  const errors: FieldError[] = [];
  switch (kind) {
    case 'accelerate': {
      const ownerAccountId = requiredText(
        fields,
        'ownerAccountId',
        'Name the production owner who will take the pilot forward',
        errors,
        MAX_ACCOUNT_ID_LENGTH,
      );
      const resourcing = requiredText(
        fields,
        'resourcing',
        'Describe the dedicated resourcing (who, how much time)',
        errors,
      );
      if (ownerAccountId === null || resourcing === null) return { ok: false, errors };
      return { ok: true, decision: { kind, ownerAccountId, resourcing } };
    }
    case 'pause': {
      const rationale = requiredText(fields, 'rationale', 'Write the rationale for pausing', errors);
      const resumeOn = resumeDate(fields, today, errors);
      if (rationale === null || resumeOn === null) return { ok: false, errors };
      return { ok: true, decision: { kind, rationale, resumeOn } };
    }
    case 'kill': {
      const reason = requiredText(fields, 'reason', 'Write the reason for killing the pilot', errors);
      if (reason === null) return { ok: false, errors };
      return { ok: true, decision: { kind, reason } };
    }
  }
}

/** Records a decision and its effect on the pilot. Closed pilots take no further decisions. */
export function applyDecision(pilot: Pilot, decision: ReviewDecision, today: IsoDate, byAccountId: AccountId): Pilot {
  if (pilot.phase === 'killed' || pilot.phase === 'graduated' || pilot.phase === 'closed') {
    throw new RangeError(`A ${pilot.phase} pilot takes no review decision`);
  }
  const recorded: RecordedDecision = { ...decision, decidedOn: today, byAccountId };
  const decisions = [...pilot.decisions];
  switch (decision.kind) {
    case 'accelerate':
      decisions.push(recorded);
      return {
        ...pilot,
        phase: pilot.phase === 'paused' ? 'post-demo' : pilot.phase,
        resumeOn: null,
        people: { ...pilot.people, productionOwner: decision.ownerAccountId },
        decisions,
      };
    case 'pause':
      decisions.push(recorded);
      return { ...pilot, phase: 'paused', resumeOn: decision.resumeOn, decisions };
    case 'kill':
      decisions.push({ ...recorded, monthlyCostRecovered: pilot.monthlyRunCost ?? 0 });
      return { ...pilot, phase: 'killed', resumeOn: null, decisions };
  }
}
