// The JQL-searchable mirror of a pilot: what the app writes into its Forge custom fields after every change.
import type { PilotAssessment } from '../core/assessment';
import type { IsoDate } from '../core/dates';
import { QUESTION_IDS } from '../core/questions';
import { APP_FIELD_KEYS, type AppFieldValues, type FieldIds } from '../adapters/jira/fields.api';
import type { PilotRecord } from '../adapters/pilot-record.store';

export function stallFieldValue(assessment: PilotAssessment, today: IsoDate) {
  return {
    status: assessment.stall.stalled ? 'stalled' : 'clear',
    daysStalled: assessment.stall.daysStalled,
    decisionDue: assessment.stall.decisionDue,
    scannedOn: today,
  };
}

export function fieldValuesFor(record: PilotRecord, assessment: PilotAssessment, today: IsoDate): AppFieldValues {
  const { pilot } = record;
  return {
    'pilot-diagnostic': {
      ...Object.fromEntries(QUESTION_IDS.map((id) => [id, pilot.diagnostic[id]?.answer ?? 'unknown'])),
      score: assessment.score,
      evidenceScore: assessment.evidence.evidenceScore,
      verdict: assessment.verdict,
    },
    'pilot-score': assessment.assessed ? assessment.score : null,
    'pilot-phase': assessment.phase,
    'pilot-stall': stallFieldValue(assessment, today),
    'pilot-demo-date': pilot.demoDate,
    'pilot-production-date': pilot.productionDate,
    'pilot-monthly-cost': pilot.monthlyRunCost,
  };
}

/**
 * The app fields whose value in Jira (`fields`, as a search or issue read returned them) differs from `wanted`.
 * The stall value carries the day it was computed; it is compared on what it says, not when.
 */
export function staleValues(fields: Record<string, unknown>, ids: FieldIds, wanted: AppFieldValues): AppFieldValues {
  const changed: AppFieldValues = {};
  const comparable = (key: string, v: unknown) =>
    key === 'pilot-stall' && v && typeof v === 'object' ? { ...v, scannedOn: null } : v;
  for (const key of APP_FIELD_KEYS) {
    if (!(key in wanted)) continue;
    const current = fields[ids.app[key]];
    if (JSON.stringify(comparable(key, current) ?? null) !== JSON.stringify(comparable(key, wanted[key]) ?? null))
      changed[key] = wanted[key];
  }
  return changed;
}
