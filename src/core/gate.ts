// The graduation gate: binary criteria the project admin sets, evaluated to pass/fail with a reason for every
// failure. The workflow validator on the graduation transition refuses while `passed` is false.
import { isBefore, isIsoDate, type IsoDate } from './dates';
import { questionLabel, scoreDiagnostic } from './diagnostic';
import type { AccountId, Diagnostic, ModelMetric, WorkstreamFact } from './pilot';
import type { ProductionCriteria } from './production-criteria';
import { QUESTION_IDS, type QuestionId } from './questions';
import { isRecord, requiredText, type FieldError, type Validation } from './validation';
import { WORKSTREAM_STATE_LABELS } from './workstreams';

export interface GateCriteria {
  minScore: number | null;
  requiredYes: QuestionId[];
  /** Template row ids. */
  requiredWorkstreamsDone: string[];
  /** Accuracy is one input, never enough alone: the default gate leaves it out and asks for readiness. */
  modelMetric: { name: string; min: number } | null;
  requireProductionOwner: boolean;
  requireProductionDate: boolean;
  /** Production criteria (latency, availability, data sources, frameworks, rollback, monitoring) written down. Off when absent. */
  requireProductionCriteria?: boolean;
}

export const DEFAULT_GATE: GateCriteria & { requireProductionCriteria: boolean } = {
  minScore: 5,
  requiredYes: ['q1', 'q2', 'q3'],
  requiredWorkstreamsDone: [],
  modelMetric: null,
  requireProductionOwner: true,
  requireProductionDate: true,
  requireProductionCriteria: false,
};

/** 'min-score' | 'yes:q1'..'yes:q7' | 'workstream:<rowId>' | 'model-metric' | 'production-owner' | 'production-date' | 'production-criteria' */
export type CriterionId = string;

export interface Waiver {
  criterion: CriterionId;
  reason: string;
  expiresOn: IsoDate;
  byAccountId: AccountId;
  grantedOn: IsoDate;
}

export interface GateFacts {
  diagnostic: Diagnostic;
  workstreams: WorkstreamFact[];
  modelMetric: ModelMetric | null;
  productionOwner: AccountId | null;
  productionDate: IsoDate | null;
  /** Absent for callers that predate the criteria: treated as not defined. */
  productionCriteria?: ProductionCriteria | null;
}

export interface CriterionResult {
  id: CriterionId;
  label: string;
  met: boolean;
  /** Set only when the criterion is unmet and an active waiver passes it. */
  waivedBy: Waiver | null;
  /** Why the criterion is unmet (kept when waived, so the waiver is shown against what it excuses). */
  reason: string | null;
}

export interface GateResult {
  passed: boolean;
  criteria: CriterionResult[];
  /** One human reason per criterion that is unmet and not waived. */
  failures: string[];
}

export function criterionIds(criteria: GateCriteria): CriterionId[] {
  const ids: CriterionId[] = [];
  if (criteria.minScore !== null) ids.push('min-score');
  for (const q of criteria.requiredYes) ids.push(`yes:${q}`);
  for (const rowId of criteria.requiredWorkstreamsDone) ids.push(`workstream:${rowId}`);
  if (criteria.modelMetric !== null) ids.push('model-metric');
  if (criteria.requireProductionOwner) ids.push('production-owner');
  if (criteria.requireProductionDate) ids.push('production-date');
  if (criteria.requireProductionCriteria) ids.push('production-criteria');
  // An admin listing the same question twice should not see it twice on the panel.
  return [...new Set(ids)];
}

/** The expiry day itself is still covered: "expires on 31 March" reads as valid through 31 March. */
export function isWaiverActive(w: Waiver, today: IsoDate): boolean {
  return !isBefore(w.expiresOn, today);
}

interface Check {
  label: string;
  met: boolean;
  reason: string;
}

function answerWords(diagnostic: Diagnostic, q: QuestionId): string {
  const answer = diagnostic[q]?.answer;
  return answer === undefined ? 'unanswered' : answer;
}

function checkCriterion(
  id: CriterionId,
  criteria: GateCriteria,
  facts: GateFacts,
  templateNames: Record<string, string>,
): Check {
  if (id === 'min-score') {
    const min = criteria.minScore ?? 0;
    const score = scoreDiagnostic(facts.diagnostic);
    return {
      label: `Diagnostic score at least ${min}`,
      met: score >= min,
      reason: `Diagnostic score is ${score}; the gate needs at least ${min}`,
    };
  }
  if (id.startsWith('yes:')) {
    const q = id.slice('yes:'.length) as QuestionId;
    const label = QUESTION_IDS.includes(q) ? questionLabel(q) : q;
    return {
      label: `${label} answered yes`,
      met: facts.diagnostic[q]?.answer === 'yes',
      reason: `${label} must be answered yes (it is ${answerWords(facts.diagnostic, q)})`,
    };
  }
  if (id.startsWith('workstream:')) {
    const rowId = id.slice('workstream:'.length);
    const subtasks = facts.workstreams.filter((w) => w.rowId === rowId);
    const name = templateNames[rowId] ?? subtasks[0]?.name ?? rowId;
    const done = subtasks.some((w) => w.state === 'done');
    const state = subtasks.some((w) => w.state === 'in-progress') ? 'in-progress' : subtasks[0]?.state;
    return {
      label: `Workstream '${name}' done`,
      met: done,
      reason:
        state === undefined
          ? `Workstream '${name}' must be done (there is no such sub-task)`
          : `Workstream '${name}' must be done (it is ${WORKSTREAM_STATE_LABELS[state]})`,
    };
  }
  if (id === 'model-metric') {
    const wanted = criteria.modelMetric ?? { name: '', min: 0 };
    const metric = facts.modelMetric;
    // A different metric is not evidence for this one: 0.95 recall says nothing about accuracy.
    const recorded =
      metric !== null &&
      Number.isFinite(metric.value) &&
      metric.name.trim().toLowerCase() === wanted.name.trim().toLowerCase();
    return {
      label: `Model metric ${wanted.name} at least ${wanted.min}`,
      met: recorded && metric.value >= wanted.min,
      reason: recorded
        ? `Model metric ${wanted.name} is ${metric.value}; the gate needs at least ${wanted.min}`
        : `No model metric ${wanted.name} recorded; the gate needs at least ${wanted.min}`,
    };
  }
  if (id === 'production-owner') {
    return {
      label: 'Production owner named',
      met: (facts.productionOwner ?? '').trim() !== '',
      reason: 'A production owner must be named',
    };
  }
  if (id === 'production-date') {
    return {
      label: 'Production date set',
      met: facts.productionDate !== null && facts.productionDate.trim() !== '',
      reason: 'A production date must be set',
    };
  }
  if (id === 'production-criteria') {
    return {
      label: 'Production criteria defined',
      met: Boolean(facts.productionCriteria),
      reason:
        'Production criteria (latency, availability, data sources, regulatory frameworks, rollback, monitoring) must be defined',
    };
  }
  throw new RangeError(`Unknown gate criterion ${id}`);
}

export function evaluateGate(
  criteria: GateCriteria,
  facts: GateFacts,
  waivers: Waiver[],
  today: IsoDate,
  templateNames: Record<string, string> = {},
): GateResult {
  const results: CriterionResult[] = [];
  const failures: string[] = [];
  for (const id of criterionIds(criteria)) {
    const check = checkCriterion(id, criteria, facts, templateNames);
    if (check.met) {
      results.push({ id, label: check.label, met: true, waivedBy: null, reason: null });
      continue;
    }
    // Several active waivers on one criterion: show the one lasting longest, the one the admin will see expire last.
    const waiver =
      waivers
        .filter((w) => w.criterion === id && isWaiverActive(w, today))
        .sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : a.expiresOn > b.expiresOn ? -1 : 0))[0] ?? null;
    results.push({ id, label: check.label, met: false, waivedBy: waiver, reason: check.reason });
    if (!waiver) failures.push(check.reason);
  }
  return { passed: failures.length === 0, criteria: results, failures };
}

/** Checks an admin's waiver form; who grants it and when are filled in by the server, not the form. */
export function validateWaiver(input: unknown, criteria: GateCriteria, today: IsoDate): Validation {
  const errors: FieldError[] = [];
  const fields = isRecord(input) ? input : {};
  const criterion = fields['criterion'];
  if (typeof criterion !== 'string' || !criterionIds(criteria).includes(criterion)) {
    errors.push({ field: 'criterion', message: 'Choose one of the gate criteria to waive' });
  }
  requiredText(fields, 'reason', 'Write the reason for the waiver', errors);
  const expiresOn = fields['expiresOn'];
  if (typeof expiresOn !== 'string' || expiresOn.trim() === '') {
    errors.push({ field: 'expiresOn', message: 'Give the date the waiver expires' });
  } else if (!isIsoDate(expiresOn.trim())) {
    errors.push({ field: 'expiresOn', message: `"${expiresOn}" is not a calendar date (YYYY-MM-DD)` });
  } else if (isBefore(expiresOn.trim(), today)) {
    errors.push({ field: 'expiresOn', message: `The expiry date must not be before today (${today})` });
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
