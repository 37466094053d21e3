// Production criteria: what "in production" will have to mean for this pilot, written down before the demo (the
// seed: "production criteria are defined before the pilot starts"). Stored complete or not at all, so "defined" is
// a plain fact the gate can check.
import { isBefore, type IsoDate } from './dates';
import type { AccountId } from './pilot';
import { hasVisibleText, isRecord, requiredText, type FieldError } from './validation';

export interface ProductionCriteria {
  /** 95th percentile response time the production system must hold, in milliseconds. */
  latencyP95Ms: number;
  /** Availability SLA in percent, e.g. 99.9. */
  availabilityPercent: number;
  /** The data sources production will read (each one needs a data access request: Q2). */
  dataSources: string[];
  /** Regulatory frameworks that apply ("None" is an answer; an empty list is not). */
  regulatoryFrameworks: string[];
  rollbackPlan: string;
  /** What is monitored, what alerts, who is paged. */
  monitoring: string;
  definedOn: IsoDate;
  byAccountId: AccountId;
}

export type ProductionCriteriaValues = Omit<ProductionCriteria, 'definedOn' | 'byAccountId'>;

export const CRITERIA_LIMITS = {
  latencyMaxMs: 600_000,
  availabilityMin: 50,
  availabilityMax: 100,
  listItems: 20,
  listItemLength: 200,
  text: 2000,
} as const;

export const CRITERIA_LABELS: Record<keyof ProductionCriteriaValues, string> = {
  latencyP95Ms: 'Latency target (p95, ms)',
  availabilityPercent: 'Availability SLA (%)',
  dataSources: 'Data sources',
  regulatoryFrameworks: 'Regulatory frameworks',
  rollbackPlan: 'Rollback plan',
  monitoring: 'Monitoring and alerting',
};

function numberField(
  fields: Record<string, unknown>,
  field: string,
  label: string,
  min: number,
  max: number,
  errors: FieldError[],
): number | null {
  const raw = fields[field];
  if (raw === undefined || raw === null || raw === '') {
    errors.push({ field, message: `Give the ${label.toLowerCase()}` });
    return null;
  }
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ field, message: `${label} must be a number` });
    return null;
  }
  if (value <= min || value > max) {
    errors.push({ field, message: `${label} must be more than ${min} and at most ${max} (it is ${value})` });
    return null;
  }
  return value;
}

function listField(
  fields: Record<string, unknown>,
  field: string,
  missing: string,
  errors: FieldError[],
): string[] | null {
  const raw = fields[field];
  if (!Array.isArray(raw)) {
    errors.push({ field, message: missing });
    return null;
  }
  const items = raw
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => !(typeof v === 'string' && !hasVisibleText(v)));
  if (items.length === 0) {
    errors.push({ field, message: missing });
    return null;
  }
  if (items.length > CRITERIA_LIMITS.listItems) {
    errors.push({ field, message: `List at most ${CRITERIA_LIMITS.listItems} (there are ${items.length})` });
    return null;
  }
  const bad = items.findIndex((v) => typeof v !== 'string' || v.length > CRITERIA_LIMITS.listItemLength);
  if (bad !== -1) {
    errors.push({
      field: `${field}.${bad}`,
      message: `Entry ${bad + 1} must be text of at most ${CRITERIA_LIMITS.listItemLength} characters`,
    });
    return null;
  }
  // The same source twice is one source.
  return [...new Set(items as string[])];
}

export type CriteriaValidation = { ok: true; values: ProductionCriteriaValues } | { ok: false; errors: FieldError[] };

/** Checks the panel's criteria form, naming every field that is missing or out of range at once. */
export function validateProductionCriteria(input: unknown): CriteriaValidation {
  const errors: FieldError[] = [];
  const fields = isRecord(input) ? input : {};
  const latencyP95Ms = numberField(
    fields,
    'latencyP95Ms',
    CRITERIA_LABELS.latencyP95Ms,
    0,
    CRITERIA_LIMITS.latencyMaxMs,
    errors,
  );
  const availabilityPercent = numberField(
    fields,
    'availabilityPercent',
    CRITERIA_LABELS.availabilityPercent,
    CRITERIA_LIMITS.availabilityMin,
    CRITERIA_LIMITS.availabilityMax,
    errors,
  );
  const dataSources = listField(fields, 'dataSources', 'Name at least one data source production will read', errors);
  const regulatoryFrameworks = listField(
    fields,
    'regulatoryFrameworks',
    'Name the regulatory frameworks that apply, or write "None"',
    errors,
  );
  const rollbackPlan = requiredText(
    fields,
    'rollbackPlan',
    'Describe how production is rolled back',
    errors,
    CRITERIA_LIMITS.text,
  );
  const monitoring = requiredText(
    fields,
    'monitoring',
    'Describe what is monitored and who is alerted',
    errors,
    CRITERIA_LIMITS.text,
  );
  if (
    errors.length ||
    latencyP95Ms === null ||
    availabilityPercent === null ||
    !dataSources ||
    !regulatoryFrameworks ||
    rollbackPlan === null ||
    monitoring === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    values: { latencyP95Ms, availabilityPercent, dataSources, regulatoryFrameworks, rollbackPlan, monitoring },
  };
}

/** Whether the criteria were written before the demo, as the seed asks; null when either date is missing. */
export function definedBeforeDemo(criteria: ProductionCriteria | null, demoDate: IsoDate | null): boolean | null {
  if (!criteria || !demoDate) return null;
  return isBefore(criteria.definedOn, demoDate) || criteria.definedOn === demoDate;
}
