// The diagnostic form's editable copy of a pilot. Inputs hold text ("" means empty) so half-typed numbers are
// kept as typed; `toPilotEdit` turns a draft into the contract's PilotEdit, naming any field it cannot read.
import type { FieldIssue } from '@contract/envelope';
import { PILOT_LABELS } from '@contract/labels';
import type { PilotEdit } from '@contract/schemas';
import type { PanelView } from '@contract/views';
import { MILESTONES, type Answer, type MilestoneKey, type Pilot, type PilotPeople } from '@core/pilot';
import { QUESTIONS, type QuestionId } from '@core/questions';

export interface AnswerDraft {
  answer: Answer;
  note: string;
  evidenceUrl: string;
}

export interface PilotDraft {
  pilotStart: string;
  demoDate: string;
  productionDate: string;
  milestones: Record<MilestoneKey, string>;
  people: PilotPeople;
  monthlyRunCost: string;
  metricName: string;
  metricValue: string;
  productionSpecUrl: string;
  diagnostic: Record<QuestionId, AnswerDraft>;
}

export type PersonRole = keyof PilotPeople;

export const PERSON_ROLES: readonly { role: PersonRole; label: string }[] = [
  { role: 'productionOwner', label: PILOT_LABELS.productionOwner },
  { role: 'dataScienceLead', label: PILOT_LABELS.dataScienceLead },
  { role: 'businessOwner', label: PILOT_LABELS.businessOwner },
];

const numberText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

export function draftOf(view: PanelView): PilotDraft {
  const { pilot } = view.record;
  return {
    pilotStart: pilot.pilotStart ?? '',
    demoDate: pilot.demoDate ?? '',
    productionDate: pilot.productionDate ?? '',
    milestones: Object.fromEntries(MILESTONES.map((m) => [m.key, pilot.milestones[m.key] ?? ''])) as Record<
      MilestoneKey,
      string
    >,
    people: { ...pilot.people },
    monthlyRunCost: numberText(pilot.monthlyRunCost),
    metricName: pilot.modelMetric?.name ?? '',
    metricValue: numberText(pilot.modelMetric?.value),
    productionSpecUrl: view.record.productionSpecUrl ?? '',
    diagnostic: Object.fromEntries(
      QUESTIONS.map((q) => {
        const entry = pilot.diagnostic[q.id];
        return [
          q.id,
          { answer: entry?.answer ?? 'unknown', note: entry?.note ?? '', evidenceUrl: entry?.evidenceUrl ?? '' },
        ];
      }),
    ) as Record<QuestionId, AnswerDraft>,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function parseNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

export type EditResult = { ok: true; edit: PilotEdit } | { ok: false; issues: FieldIssue[] };

export function toPilotEdit(draft: PilotDraft): EditResult {
  const issues: FieldIssue[] = [];
  const cost = parseNumber(draft.monthlyRunCost);
  if (cost === 'invalid')
    issues.push({
      field: 'pilot.monthlyRunCost',
      message: 'Enter the monthly run cost as a number, or leave it empty',
    });
  const metricValue = parseNumber(draft.metricValue);
  const metricName = draft.metricName.trim();
  if (metricValue === 'invalid')
    issues.push({ field: 'pilot.modelMetric.value', message: 'Enter the metric value as a number' });
  else if (metricValue !== null && metricName === '')
    issues.push({ field: 'pilot.modelMetric.name', message: 'Name the metric this value measures' });
  else if (metricValue === null && metricName !== '')
    issues.push({ field: 'pilot.modelMetric.value', message: `Enter the value of ${metricName}, or clear the name` });
  if (issues.length > 0) return { ok: false, issues };

  const diagnostic: PilotEdit['diagnostic'] = {};
  for (const q of QUESTIONS) {
    const entry = draft.diagnostic[q.id];
    diagnostic[q.id] = {
      answer: entry.answer,
      ...(entry.note.trim() ? { note: entry.note.trim() } : {}),
      ...(entry.evidenceUrl.trim() ? { evidenceUrl: entry.evidenceUrl.trim() } : {}),
    };
  }
  return {
    ok: true,
    edit: {
      pilotStart: orNull(draft.pilotStart),
      demoDate: orNull(draft.demoDate),
      productionDate: orNull(draft.productionDate),
      milestones: Object.fromEntries(MILESTONES.map((m) => [m.key, orNull(draft.milestones[m.key])])),
      people: { ...draft.people },
      monthlyRunCost: cost === 'invalid' ? null : cost,
      modelMetric: metricName && typeof metricValue === 'number' ? { name: metricName, value: metricValue } : null,
      diagnostic,
      productionSpecUrl: orNull(draft.productionSpecUrl),
    },
  };
}

/** The pilot as it would be saved, for the live score, verdict, evidence and gate while editing. */
export function previewPilot(base: Pilot, draft: PilotDraft): Pilot {
  const cost = parseNumber(draft.monthlyRunCost);
  const metricValue = parseNumber(draft.metricValue);
  const milestones: Pilot['milestones'] = {};
  for (const m of MILESTONES) {
    const day = orNull(draft.milestones[m.key]);
    if (day) milestones[m.key] = day;
  }
  const diagnostic: Pilot['diagnostic'] = {};
  for (const q of QUESTIONS)
    diagnostic[q.id] = { answer: draft.diagnostic[q.id].answer, note: draft.diagnostic[q.id].note };
  return {
    ...base,
    pilotStart: orNull(draft.pilotStart),
    demoDate: orNull(draft.demoDate),
    productionDate: orNull(draft.productionDate),
    milestones,
    people: { ...draft.people },
    monthlyRunCost: typeof cost === 'number' ? cost : null,
    modelMetric:
      draft.metricName.trim() && typeof metricValue === 'number'
        ? { name: draft.metricName.trim(), value: metricValue }
        : null,
    diagnostic,
  };
}

export function sameDraft(a: PilotDraft, b: PilotDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Leaf = string | null;
type Tree = { [key: string]: Leaf | Tree };

function rebaseTree(base: Tree, mine: Tree, fresh: Tree): Tree {
  const out: Tree = {};
  for (const key of Object.keys(fresh)) {
    const b = base[key];
    const m = mine[key];
    const f = fresh[key];
    if (
      f !== null &&
      typeof f === 'object' &&
      typeof b === 'object' &&
      b !== null &&
      typeof m === 'object' &&
      m !== null
    ) {
      out[key] = rebaseTree(b, m, f);
    } else {
      const chosen = m !== undefined && JSON.stringify(m) !== JSON.stringify(b) ? m : f;
      if (chosen !== undefined) out[key] = chosen;
    }
  }
  return out;
}

/**
 * After a decision or waiver saves a new version, keep the person's unsaved edits (fields they changed from
 * `base`) on top of the fresh values, so recording a decision never discards a half-filled diagnostic.
 */
export function rebaseDraft(base: PilotDraft, mine: PilotDraft, fresh: PilotDraft): PilotDraft {
  return rebaseTree(
    base as unknown as Tree,
    mine as unknown as Tree,
    fresh as unknown as Tree,
  ) as unknown as PilotDraft;
}
