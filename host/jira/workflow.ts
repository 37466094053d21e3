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
export const CATEGORY_IN_PROGRESS: StatusCategoryDef = { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' };
export const CATEGORY_DONE: StatusCategoryDef = { id: 3, key: 'done', name: 'Done', colorName: 'green' };
export const STATUS_CATEGORIES = [CATEGORY_NEW, CATEGORY_IN_PROGRESS, CATEGORY_DONE];

export const STATUS_TODO = '10000';
export const STATUS_IN_PROGRESS = '3';
export const STATUS_DONE = '10001';
export const STATUS_IN_PRODUCTION = '10002';

export const STATUSES: StatusDef[] = [
  { id: STATUS_TODO, name: 'To Do', description: '', category: CATEGORY_NEW },
  { id: STATUS_IN_PROGRESS, name: 'In Progress', description: 'This issue is being actively worked on at the moment by the assignee.', category: CATEGORY_IN_PROGRESS },
  { id: STATUS_DONE, name: 'Done', description: '', category: CATEGORY_DONE },
  { id: STATUS_IN_PRODUCTION, name: 'In Production', description: 'The AI pilot runs in production.', category: CATEGORY_DONE },
];

export const statusById = (id: string): StatusDef => STATUSES.find((s) => s.id === id) ?? (STATUSES[0] as StatusDef);

export interface TransitionDef {
  id: string;
  name: string;
  to: string;
  from: string[];
  /** Calls the registered Forge workflow validator before it applies. */
  validated: boolean;
}

const COMMON: TransitionDef[] = [
  { id: '11', name: 'Reopen', to: STATUS_TODO, from: [STATUS_IN_PROGRESS, STATUS_DONE, STATUS_IN_PRODUCTION], validated: false },
  { id: '21', name: 'Start progress', to: STATUS_IN_PROGRESS, from: [STATUS_TODO], validated: false },
  { id: '31', name: 'Done', to: STATUS_DONE, from: [STATUS_TODO, STATUS_IN_PROGRESS], validated: false },
];

const GRADUATE: TransitionDef = {
  id: '41',
  name: 'Graduate',
  to: STATUS_IN_PRODUCTION,
  from: [STATUS_TODO, STATUS_IN_PROGRESS, STATUS_DONE],
  validated: true,
};

export const PILOT_TYPE_NAME = 'AI Pilot';

/** Transitions of the issue type's workflow, whatever the current status. */
export function workflowTransitions(issueTypeName: string): TransitionDef[] {
  return issueTypeName === PILOT_TYPE_NAME ? [...COMMON, GRADUATE] : COMMON;
}

/** Transitions available from the given status. */
export function availableTransitions(issueTypeName: string, statusId: string): TransitionDef[] {
  return workflowTransitions(issueTypeName).filter((t) => t.from.includes(statusId));
}
