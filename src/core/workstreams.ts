// The seed's pilot-to-production timeline as a template, and its schedule for one pilot. The sub-tasks are
// created from `planWorkstreams` and later follow milestone changes through `dueDateChanges`.
import { addDays, type IsoDate } from './dates';
import type { MilestoneKey, Milestones, WorkstreamState } from './pilot';

/** Which diagnostic question a workstream's progress is evidence for; the template can be edited, ids cannot be trusted. */
export type EvidenceRole =
  | 'model'
  | 'data-access'
  | 'security'
  | 'infrastructure'
  | 'integration'
  | 'mlops'
  | 'change-management'
  | 'monitoring';

export const EVIDENCE_ROLES: readonly EvidenceRole[] = [
  'model',
  'data-access',
  'security',
  'infrastructure',
  'integration',
  'mlops',
  'change-management',
  'monitoring',
];

/** Lower-case, for use inside sentences ("no data access workstream in the template"). */
export const EVIDENCE_ROLE_LABELS: Record<EvidenceRole, string> = {
  model: 'model development',
  'data-access': 'data access',
  security: 'security & compliance',
  infrastructure: 'infrastructure',
  integration: 'integration',
  mlops: 'MLOps',
  'change-management': 'change-management',
  monitoring: 'monitoring',
};

/** Jira's status-category names, so messages read the way the board does. */
export const WORKSTREAM_STATE_LABELS: Record<WorkstreamState, string> = {
  todo: 'To Do',
  'in-progress': 'In Progress',
  done: 'Done',
};

export interface WorkstreamTemplateRow {
  id: string;
  name: string;
  ownerTeam: string;
  startWeek: number;
  mustCompleteBefore: MilestoneKey;
  evidenceRole: EvidenceRole | null;
}

export const DEFAULT_TEMPLATE: WorkstreamTemplateRow[] = [
  {
    id: 'model-dev',
    name: 'Model development & validation',
    ownerTeam: 'Data science team',
    startWeek: 1,
    mustCompleteBefore: 'demoSignOff',
    evidenceRole: 'model',
  },
  {
    id: 'data-access',
    name: 'Data access requests',
    ownerTeam: 'Production pathway team',
    startWeek: 1,
    mustCompleteBefore: 'productionDeployment',
    evidenceRole: 'data-access',
  },
  {
    id: 'security',
    name: 'Security & compliance engagement',
    ownerTeam: 'Production pathway team',
    startWeek: 1,
    mustCompleteBefore: 'productionDeployment',
    evidenceRole: 'security',
  },
  {
    id: 'infra',
    name: 'Infrastructure spec & provisioning',
    ownerTeam: 'Production pathway team',
    startWeek: 2,
    mustCompleteBefore: 'integrationTesting',
    evidenceRole: 'infrastructure',
  },
  {
    id: 'integration',
    name: 'Legacy system integration design',
    ownerTeam: 'Production pathway team',
    startWeek: 2,
    mustCompleteBefore: 'integrationTesting',
    evidenceRole: 'integration',
  },
  {
    id: 'mlops',
    name: 'MLOps pipeline setup',
    ownerTeam: 'Production pathway team',
    startWeek: 3,
    mustCompleteBefore: 'loadTesting',
    evidenceRole: 'mlops',
  },
  {
    id: 'change-mgmt',
    name: 'Business change management',
    ownerTeam: 'Business owner + PM',
    startWeek: 2,
    mustCompleteBefore: 'userRollout',
    evidenceRole: 'change-management',
  },
  {
    id: 'monitoring',
    name: 'Monitoring & alerting setup',
    ownerTeam: 'Production pathway team',
    startWeek: 4,
    mustCompleteBefore: 'productionGoLive',
    evidenceRole: 'monitoring',
  },
];

export interface PlannedWorkstream {
  rowId: string;
  name: string;
  ownerTeam: string;
  startDate: IsoDate;
  dueDate: IsoDate | null;
  mustCompleteBefore: MilestoneKey;
}

export interface DueDateChange {
  rowId: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** The first row playing a role; evidence reads one workstream per question. */
export function templateRowFor(
  template: readonly WorkstreamTemplateRow[],
  role: EvidenceRole,
): WorkstreamTemplateRow | null {
  return template.find((row) => row.evidenceRole === role) ?? null;
}

function weekOffsetDays(row: WorkstreamTemplateRow): number {
  // An edited template could carry week 0 or 1.5; scheduling it would silently place work before the pilot.
  if (!Number.isInteger(row.startWeek) || row.startWeek < 1) {
    throw new RangeError(`Workstream "${row.name}" starts in week ${row.startWeek}; weeks are whole numbers from 1`);
  }
  return (row.startWeek - 1) * 7;
}

export function planWorkstreams(
  template: readonly WorkstreamTemplateRow[],
  pilotStart: IsoDate,
  milestones: Milestones,
): PlannedWorkstream[] {
  return template.map((row) => ({
    rowId: row.id,
    name: row.name,
    ownerTeam: row.ownerTeam,
    startDate: addDays(pilotStart, weekOffsetDays(row)),
    dueDate: milestones[row.mustCompleteBefore] ?? null,
    mustCompleteBefore: row.mustCompleteBefore,
  }));
}

/**
 * Sub-tasks whose due date no longer matches its milestone. A cleared milestone clears the due date too, so a
 * sub-task never shows a deadline the pilot no longer has.
 */
export function dueDateChanges(
  existing: readonly { rowId: string; dueDate: IsoDate | null }[],
  template: readonly WorkstreamTemplateRow[],
  milestones: Milestones,
): DueDateChange[] {
  const changes: DueDateChange[] = [];
  for (const workstream of existing) {
    const row = template.find((r) => r.id === workstream.rowId);
    if (!row) continue;
    const to = milestones[row.mustCompleteBefore] ?? null;
    if (to !== workstream.dueDate) changes.push({ rowId: workstream.rowId, from: workstream.dueDate, to });
  }
  return changes;
}
