// The settings page's editable copy. Rows carry a local key (stable while the admin types a name), stored rows
// keep their id (sub-tasks are linked by it), and new rows get an id slugged from their name on save.
import type { FieldIssue } from '@contract/envelope';
import type { Settings } from '@contract/schemas';
import type { GateCriteria } from '@core/gate';
import type { MilestoneKey } from '@core/pilot';
import type { QuestionId } from '@core/questions';
import type { EvidenceRole } from '@core/workstreams';
import { validateReviewerNames } from '@core/approvals';

export interface RowDraft {
  key: string;
  /** The stored id; null for a row added on this page. */
  id: string | null;
  name: string;
  ownerTeam: string;
  startWeek: string;
  mustCompleteBefore: MilestoneKey;
  evidenceRole: EvidenceRole | null;
}

export interface GateDraft {
  minScore: number | null;
  requiredYes: QuestionId[];
  /** Row keys, so a row added on this page can be required before it has an id. */
  requiredRows: string[];
  metricName: string;
  metricMin: string;
  requireProductionOwner: boolean;
  requireProductionDate: boolean;
  requireProductionCriteria: boolean;
}

export interface SettingsDraft {
  rows: RowDraft[];
  gate: GateDraft;
  thresholdDays: string;
  decisionGraceDays: string;
  remindersEnabled: boolean;
  /** The approval chain's expected reviewers, in order. */
  reviewers: string[];
}

const MAX_ID = 40;

export function draftOfSettings(settings: Settings): SettingsDraft {
  const rows = settings.template.map((r) => ({
    key: r.id,
    id: r.id,
    name: r.name,
    ownerTeam: r.ownerTeam,
    startWeek: String(r.startWeek),
    mustCompleteBefore: r.mustCompleteBefore,
    evidenceRole: r.evidenceRole,
  }));
  const known = new Set(rows.map((r) => r.key));
  return {
    rows,
    gate: {
      minScore: settings.gate.minScore,
      requiredYes: [...settings.gate.requiredYes],
      requiredRows: settings.gate.requiredWorkstreamsDone.filter((id) => known.has(id)),
      metricName: settings.gate.modelMetric?.name ?? '',
      metricMin: settings.gate.modelMetric ? String(settings.gate.modelMetric.min) : '',
      requireProductionOwner: settings.gate.requireProductionOwner,
      requireProductionDate: settings.gate.requireProductionDate,
      requireProductionCriteria: settings.gate.requireProductionCriteria,
    },
    thresholdDays: String(settings.stallRule.thresholdDays),
    decisionGraceDays: String(settings.stallRule.decisionGraceDays),
    remindersEnabled: settings.reminders.enabled,
    reviewers: [...settings.reviewers],
  };
}

let counter = 0;

/** Local keys of new rows contain "_", which no stored id can, so they never collide. */
export function newRow(): RowDraft {
  counter += 1;
  return {
    key: `new_${counter}`,
    id: null,
    name: '',
    ownerTeam: '',
    startWeek: '1',
    mustCompleteBefore: 'productionDeployment',
    evidenceRole: null,
  };
}

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID)
    .replace(/-+$/, '');
  return slug || 'workstream';
}

/** Row key → id: stored rows keep theirs; new rows get a unique slug of their name ("data-access-2"). */
export function assignIds(rows: readonly RowDraft[]): Record<string, string> {
  const taken = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  const ids: Record<string, string> = {};
  for (const row of rows) {
    if (row.id) {
      ids[row.key] = row.id;
      continue;
    }
    const base = slugify(row.name);
    let candidate = base;
    for (let n = 2; taken.has(candidate); n += 1) {
      const suffix = `-${n}`;
      candidate = `${base.slice(0, MAX_ID - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    taken.add(candidate);
    ids[row.key] = candidate;
  }
  return ids;
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function toGate(
  draft: SettingsDraft,
  issues: FieldIssue[] = [],
): GateCriteria & { requireProductionCriteria: boolean } {
  const ids = assignIds(draft.rows);
  const metricName = draft.gate.metricName.trim();
  const metricMinText = draft.gate.metricMin.trim();
  const metricMin = metricMinText === '' ? null : Number(metricMinText);
  if (metricMin !== null && !Number.isFinite(metricMin)) {
    issues.push({ field: 'settings.gate.modelMetric.min', message: 'Enter the minimum as a number' });
  } else if (metricName !== '' && metricMin === null) {
    issues.push({
      field: 'settings.gate.modelMetric.min',
      message: `Enter the minimum ${metricName}, or clear the metric name`,
    });
  } else if (metricName === '' && metricMin !== null) {
    issues.push({ field: 'settings.gate.modelMetric.name', message: 'Name the metric the minimum applies to' });
  }
  return {
    minScore: draft.gate.minScore,
    requiredYes: [...draft.gate.requiredYes],
    requiredWorkstreamsDone: draft.rows
      .filter((r) => draft.gate.requiredRows.includes(r.key))
      .map((r) => ids[r.key] ?? r.key),
    modelMetric:
      metricName !== '' && metricMin !== null && Number.isFinite(metricMin)
        ? { name: metricName, min: metricMin }
        : null,
    requireProductionOwner: draft.gate.requireProductionOwner,
    requireProductionDate: draft.gate.requireProductionDate,
    requireProductionCriteria: draft.gate.requireProductionCriteria,
  };
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; issues: FieldIssue[] };

export function toSettings(draft: SettingsDraft): SettingsResult {
  const issues: FieldIssue[] = [];
  const ids = assignIds(draft.rows);
  const template = draft.rows.map((row, i) => {
    const startWeek = wholeNumber(row.startWeek);
    if (startWeek === null)
      issues.push({
        field: `settings.template.${i}.startWeek`,
        message: 'Enter the start week as a whole number (1 is the first week)',
      });
    return {
      id: ids[row.key] ?? slugify(row.name),
      name: row.name.trim(),
      ownerTeam: row.ownerTeam.trim(),
      startWeek: startWeek ?? 1,
      mustCompleteBefore: row.mustCompleteBefore,
      evidenceRole: row.evidenceRole,
    };
  });
  const gate = toGate(draft, issues);
  const thresholdDays = wholeNumber(draft.thresholdDays);
  if (thresholdDays === null)
    issues.push({
      field: 'settings.stallRule.thresholdDays',
      message: 'Enter the threshold as a whole number of days',
    });
  const decisionGraceDays = wholeNumber(draft.decisionGraceDays);
  if (decisionGraceDays === null)
    issues.push({
      field: 'settings.stallRule.decisionGraceDays',
      message: 'Enter the grace period as a whole number of days',
    });
  const reviewers = draft.reviewers.map((name) => name.trim());
  for (const e of validateReviewerNames(reviewers))
    issues.push({ field: e.field === '' ? 'settings.reviewers' : `settings.reviewers.${e.field}`, message: e.message });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      template,
      gate,
      stallRule: { thresholdDays: thresholdDays ?? 0, decisionGraceDays: decisionGraceDays ?? 0 },
      reminders: { enabled: draft.remindersEnabled },
      reviewers,
    },
  };
}

export function sameSettingsDraft(a: SettingsDraft, b: SettingsDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
