// Statuses, status categories and the one workflow every issue type uses (plus Graduate for the AI Pilot type).

export interface StatusCategoryDef {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  name: string;
  colorName: string;
}

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryDef;
}

export const CATEGORY_NEW: StatusCategoryDef = { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' };
export const CATEGORY_IN_PROGRESS: StatusCategoryDef = {
  id: 4,
  key: 'indeterminate',
  name: 'In Progress',
  colorName: 'yellow',
};
export const CATEGORY_DONE: StatusCategoryDef = { id: 3, key: 'done', name: 'Done', colorName: 'green' };
export const STATUS_CATEGORIES = [CATEGORY_NEW, CATEGORY_IN_PROGRESS, CATEGORY_DONE];

export const STATUS_TODO = '10000';
export const STATUS_IN_PROGRESS = '3';
export const STATUS_DONE = '10001';
export const STATUS_IN_PRODUCTION = '10002';

export const STATUSES: StatusDef[] = [
  { id: STATUS_TODO, name: 'To Do', description: '', category: CATEGORY_NEW },
  {
    id: STATUS_IN_PROGRESS,
    name: 'In Progress',
    description: 'This issue is being actively worked on at the moment by the assignee.',
    category: CATEGORY_IN_PROGRESS,
  },
  { id: STATUS_DONE, name: 'Done', description: '', category: CATEGORY_DONE },
  {
    id: STATUS_IN_PRODUCTION,
    name: 'In Production',
    description: 'The AI pilot runs in production.',
    category: CATEGORY_DONE,
  },
];

export const statusById = (id: string): StatusDef => STATUSES.find((s) => s.id === id) ?? (STATUSES[0] as StatusDef);

/** A workflow rule as the workflows API shows it (validators here). */
export interface RuleRec {
  id: string;
  ruleKey: string;
  parameters: Record<string, string>;
}

export interface TransitionDef {
  id: string;
  name: string;
  type: 'INITIAL' | 'GLOBAL' | 'DIRECTED';
  to: string;
  from: string[];
  validators: RuleRec[];
}

/**
 * A company-managed project gets its own copies of the workflows (one for AI Pilots, one for everything else), as
 * Jira does for a project created without shared settings; `projectIds` grows when another project is created
 * sharing them. Rule ids and versions follow the workflows API (POST /rest/api/3/workflows, /workflows/update).
 */
export interface WorkflowRec {
  id: string;
  name: string;
  description: string;
  /** Used by the AI Pilot issue type (has the Graduate transition). */
  pilot: boolean;
  projectIds: string[];
  versionId: string;
  versionNumber: number;
  created: string;
  updated: string;
  transitions: TransitionDef[];
}

export const PILOT_TYPE_NAME = 'AI Pilot';
/** The rule key of every Forge workflow validator in the workflows API. */
export const FORGE_VALIDATOR_RULE = 'forge:expression-validator';

const common = (): TransitionDef[] => [
  { id: '1', name: 'Create', type: 'INITIAL', to: STATUS_TODO, from: [], validators: [] },
  {
    id: '11',
    name: 'Reopen',
    type: 'DIRECTED',
    to: STATUS_TODO,
    from: [STATUS_IN_PROGRESS, STATUS_DONE, STATUS_IN_PRODUCTION],
    validators: [],
  },
  { id: '21', name: 'Start progress', type: 'DIRECTED', to: STATUS_IN_PROGRESS, from: [STATUS_TODO], validators: [] },
  {
    id: '31',
    name: 'Done',
    type: 'DIRECTED',
    to: STATUS_DONE,
    from: [STATUS_TODO, STATUS_IN_PROGRESS],
    validators: [],
  },
];

/** The app's validator rule as Jira stores it on a transition (`key` is the validator module's extension ARI). */
export function forgeValidatorRule(ruleId: string, extensionKey: string): RuleRec {
  return {
    id: ruleId,
    ruleKey: FORGE_VALIDATOR_RULE,
    parameters: { key: extensionKey, config: '', id: ruleId, disabled: 'false', tag: '' },
  };
}

/** The template of a new project's workflow. Graduate carries the app's validator when the app declares one. */
export function newWorkflowTransitions(
  pilot: boolean,
  validatorKey: string | null,
  ruleId: () => string,
): TransitionDef[] {
  if (!pilot) return common();
  const graduate: TransitionDef = {
    id: '41',
    name: 'Graduate',
    type: 'DIRECTED',
    to: STATUS_IN_PRODUCTION,
    from: [STATUS_TODO, STATUS_IN_PROGRESS, STATUS_DONE],
    validators: validatorKey ? [forgeValidatorRule(ruleId(), validatorKey)] : [],
  };
  return [...common(), graduate];
}

/** Transitions a user can take from the given status (the initial transition only creates). */
export function availableFrom(workflow: WorkflowRec, statusId: string): TransitionDef[] {
  return workflow.transitions.filter((t) => t.type !== 'INITIAL' && (t.type === 'GLOBAL' || t.from.includes(statusId)));
}
