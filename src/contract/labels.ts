// The one table from an input's path (as zod and the use-cases report it) to the words its form shows beside the
// control. Server messages name fields with these labels, and the forms render the same constants, so an error
// reads "Waiver expires on: must be …" rather than "waiver.expiresOn: must be …". Keyed by path, not by rule: a new
// rule on a listed field is labelled without touching this file; a new field needs a line here (a test walks every
// input schema and fails on any path without one).
import { MILESTONES } from '../core/pilot';
import { CRITERIA_LABELS } from '../core/production-criteria';
import { QUESTION_IDS } from '../core/questions';

type Label = string | ((indexes: number[]) => string);

/** Labels of the pilot form (issue panel), the decision and waiver forms. */
export const PILOT_LABELS = {
  pilotStart: 'Pilot start',
  demoDate: 'Demo date',
  productionDate: 'Target production date',
  productionOwner: 'Production owner',
  dataScienceLead: 'Data science lead',
  businessOwner: 'Business owner',
  monthlyRunCost: 'Monthly run cost',
  metricName: 'Model metric name',
  metricValue: 'Model metric value',
  productionSpecUrl: 'Production spec link',
} as const;

export const DECISION_LABELS = {
  kind: 'Review decision',
  ownerAccountId: 'Production owner',
  resourcing: 'Dedicated resourcing (who, how much time)',
  rationale: 'Rationale for pausing',
  resumeOn: 'Resumption date',
  reason: 'Reason for killing the pilot',
} as const;

export const WAIVER_LABELS = {
  criterion: 'Criterion to waive',
  reason: 'Reason for the waiver',
  expiresOn: 'Waiver expires on',
} as const;

export const SETTINGS_LABELS = {
  template: 'Workstream template',
  minScore: 'Minimum diagnostic score',
  requiredYes: 'Questions that must be answered yes',
  requiredWorkstreamsDone: 'Workstreams that must be done',
  modelMetric: 'Model metric',
  metricName: 'Metric name',
  metricMin: 'Minimum value',
  requireProductionOwner: 'Require a production owner',
  requireProductionDate: 'Require a production date',
  requireProductionCriteria: 'Require production criteria defined',
  thresholdDays: 'Stall threshold (days after the demo)',
  decisionGraceDays: 'Decision grace period (days)',
  remindersEnabled: 'Send reminders from the daily scan',
} as const;

/** Labels of the approval chain (panel) and its reviewers (settings). */
export const APPROVAL_LABELS = {
  reviewers: 'Approval chain reviewers',
  reviewer: 'Reviewer',
  state: 'Reviewer state',
  conversationDate: 'Conversation date',
  notes: 'Conversation notes',
  reason: 'Reason for going back',
  blockers: 'Blockers',
  blockerText: 'Blocker',
  blockerDone: 'Blocker done',
} as const;

export const PATHWAY_LABELS = {
  spaceId: 'Confluence space',
  title: 'Page title',
} as const;

export const MACRO_CONFIG_LABELS = {
  projectKeys: 'Projects',
  jql: 'JQL filter',
  pilots: 'Which pilots',
  sort: 'Default sort',
} as const;

const questionNumber = (id: string) => QUESTION_IDS.indexOf(id as (typeof QUESTION_IDS)[number]) + 1;
const row = (suffix: string) => (indexes: number[]) => `Row ${(indexes[0] ?? 0) + 1}${suffix}`;

function gateLabels(prefix: string): Array<[string, Label]> {
  return [
    [`${prefix}`, 'Graduation gate'],
    [`${prefix}.minScore`, SETTINGS_LABELS.minScore],
    [`${prefix}.requiredYes`, SETTINGS_LABELS.requiredYes],
    [`${prefix}.requiredYes.*`, SETTINGS_LABELS.requiredYes],
    [`${prefix}.requiredWorkstreamsDone`, SETTINGS_LABELS.requiredWorkstreamsDone],
    [`${prefix}.requiredWorkstreamsDone.*`, SETTINGS_LABELS.requiredWorkstreamsDone],
    [`${prefix}.modelMetric`, SETTINGS_LABELS.modelMetric],
    [`${prefix}.modelMetric.name`, SETTINGS_LABELS.metricName],
    [`${prefix}.modelMetric.min`, SETTINGS_LABELS.metricMin],
    [`${prefix}.requireProductionOwner`, SETTINGS_LABELS.requireProductionOwner],
    [`${prefix}.requireProductionDate`, SETTINGS_LABELS.requireProductionDate],
    [`${prefix}.requireProductionCriteria`, SETTINGS_LABELS.requireProductionCriteria],
  ];
}

/** Path pattern ("*" stands for a list index) → label. */
const TABLE = new Map<string, Label>([
  ['expectedVersion', 'The version of the page you edited'],
  // panel/save
  ['pilot', 'The pilot form'],
  ['pilot.pilotStart', PILOT_LABELS.pilotStart],
  ['pilot.demoDate', PILOT_LABELS.demoDate],
  ['pilot.productionDate', PILOT_LABELS.productionDate],
  ['pilot.milestones', 'Milestones'],
  ...MILESTONES.map((m): [string, Label] => [`pilot.milestones.${m.key}`, m.label]),
  ['pilot.people', 'People'],
  ['pilot.people.productionOwner', PILOT_LABELS.productionOwner],
  ['pilot.people.dataScienceLead', PILOT_LABELS.dataScienceLead],
  ['pilot.people.businessOwner', PILOT_LABELS.businessOwner],
  ['pilot.monthlyRunCost', PILOT_LABELS.monthlyRunCost],
  ['pilot.modelMetric', 'Model metric'],
  ['pilot.modelMetric.name', PILOT_LABELS.metricName],
  ['pilot.modelMetric.value', PILOT_LABELS.metricValue],
  ['pilot.diagnostic', 'Diagnostic'],
  ...QUESTION_IDS.flatMap((id): Array<[string, Label]> => {
    const n = questionNumber(id);
    return [
      [`pilot.diagnostic.${id}`, `Q${n} answer`],
      [`pilot.diagnostic.${id}.answer`, `Q${n} answer`],
      [`pilot.diagnostic.${id}.note`, `Q${n} note`],
      [`pilot.diagnostic.${id}.evidenceUrl`, `Q${n} evidence link`],
    ];
  }),
  ['pilot.productionSpecUrl', PILOT_LABELS.productionSpecUrl],
  // panel/decide, panel/waive, panel/revoke-waiver, panel/find-users
  ['decision', DECISION_LABELS.kind],
  ...Object.entries(DECISION_LABELS).map(([k, v]): [string, Label] => [`decision.${k}`, v]),
  ['waiver', 'Waiver'],
  ...Object.entries(WAIVER_LABELS).map(([k, v]): [string, Label] => [`waiver.${k}`, v]),
  ['criterion', 'Waived criterion'],
  ['query', 'Person search'],
  // settings/save, settings/preview-gate
  ['settings', 'The settings'],
  ['settings.template', SETTINGS_LABELS.template],
  ['settings.template.*', row('')],
  ['settings.template.*.id', row(' workstream id')],
  ['settings.template.*.name', row(' workstream name')],
  ['settings.template.*.ownerTeam', row(' owner team')],
  ['settings.template.*.startWeek', row(' start week')],
  ['settings.template.*.mustCompleteBefore', row(' must complete before')],
  ['settings.template.*.evidenceRole', row(' evidence role')],
  ...gateLabels('settings.gate'),
  ...gateLabels('gate'),
  ['settings.stallRule', 'Stall rule'],
  ['settings.stallRule.thresholdDays', SETTINGS_LABELS.thresholdDays],
  ['settings.stallRule.decisionGraceDays', SETTINGS_LABELS.decisionGraceDays],
  ['settings.reminders', 'Reminders'],
  ['settings.reminders.enabled', SETTINGS_LABELS.remindersEnabled],
  ['settings.reviewers', APPROVAL_LABELS.reviewers],
  ['settings.reviewers.*', (indexes: number[]) => `Reviewer ${(indexes[0] ?? 0) + 1}`],
  // panel/approvals-update, panel/approvals-subtask
  ['expectedApprovalsVersion', 'The version of the approval chain you edited'],
  ['update', 'The reviewer form'],
  ['update.reviewer', APPROVAL_LABELS.reviewer],
  ['update.state', APPROVAL_LABELS.state],
  ['update.conversationDate', APPROVAL_LABELS.conversationDate],
  ['update.notes', APPROVAL_LABELS.notes],
  ['update.reason', APPROVAL_LABELS.reason],
  ['update.blockers', APPROVAL_LABELS.blockers],
  ['update.blockers.*', (indexes: number[]) => `Blocker ${(indexes[0] ?? 0) + 1}`],
  ['update.blockers.*.id', (indexes: number[]) => `Blocker ${(indexes[0] ?? 0) + 1}`],
  ['update.blockers.*.text', (indexes: number[]) => `Blocker ${(indexes[0] ?? 0) + 1}`],
  ['update.blockers.*.done', (indexes: number[]) => `Blocker ${(indexes[0] ?? 0) + 1} done`],
  ['reviewer', APPROVAL_LABELS.reviewer],
  ['blockerId', APPROVAL_LABELS.blockerText],
  // settings/gate-coverage (the "Add the gate where the app can" button)
  ['apply', 'Add the gate where the app can'],
  // portfolio/load
  ['config', 'The portfolio settings'],
  ['config.projectKeys', MACRO_CONFIG_LABELS.projectKeys],
  ['config.projectKeys.*', MACRO_CONFIG_LABELS.projectKeys],
  ['config.jql', MACRO_CONFIG_LABELS.jql],
  ['config.pilots', MACRO_CONFIG_LABELS.pilots],
  ['config.sort', MACRO_CONFIG_LABELS.sort],
  // The portfolio table's own controls (static/macro: PortfolioTable, KillList, the "Show more" buttons).
  ['query', 'The list of pilots'],
  ['query.list', 'List'],
  ['query.sort', 'Sort by'],
  ['query.order', 'Sort order'],
  ['query.phase', 'Phase'],
  ['query.verdict', 'Verdict'],
  ['query.text', 'Find pilots'],
  ['query.cursor', 'Show more'],
  // settings/shipped-preview, settings/shipped-adopt (template from what shipped)
  ['issueKey', 'Graduated pilot'],
  ['proposal', 'The previewed template'],
  // panel/save-criteria, panel/create-pathway
  ['criteria', 'Production criteria'],
  ...Object.entries(CRITERIA_LABELS).map(([k, v]): [string, Label] => [`criteria.${k}`, v]),
  ['criteria.dataSources.*', CRITERIA_LABELS.dataSources],
  ['criteria.regulatoryFrameworks.*', CRITERIA_LABELS.regulatoryFrameworks],
  ['page', 'Production pathway page'],
  ['page.spaceId', PATHWAY_LABELS.spaceId],
  ['page.title', PATHWAY_LABELS.title],
]);

function segments(path: string | readonly PropertyKey[]): string[] {
  if (typeof path === 'string') return path === '' ? [] : path.split('.');
  return path.map(String);
}

/** The form's label for an input path ("waiver.expiresOn" → "Waiver expires on"), or null when none is listed. */
export function knownFieldLabel(path: string | readonly PropertyKey[]): string | null {
  const parts = segments(path);
  const indexes: number[] = [];
  const pattern = parts
    .map((part) => {
      if (/^\d+$/.test(part)) {
        indexes.push(Number(part));
        return '*';
      }
      return part;
    })
    .join('.');
  const label = TABLE.get(pattern);
  if (label === undefined) return null;
  return typeof label === 'string' ? label : label(indexes);
}

/**
 * The label for any path: the listed one, else the nearest listed parent's ("The pilot form"), so a message never
 * shows a raw path even for a field added without a label. The empty path is the request as a whole.
 */
export function fieldLabel(path: string | readonly PropertyKey[]): string {
  const parts = segments(path);
  for (let n = parts.length; n > 0; n--) {
    const label = knownFieldLabel(parts.slice(0, n));
    if (label) return label;
  }
  return 'The request';
}

/** A field problem as one sentence for a list away from its control: prefixed by its label unless it names it. */
export function issueSentence(issue: { field: string; message: string }): string {
  if (!issue.field) return issue.message;
  const label = fieldLabel(issue.field);
  return issue.message.toLowerCase().startsWith(label.toLowerCase()) ? issue.message : `${label}: ${issue.message}`;
}
