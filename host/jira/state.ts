// The persisted model of the in-process Jira: plain JSON, so the host can save it with JSON.stringify and load it back.
import type { ChangelogItem, ProjectPermission } from './types';
import type { WorkflowRec } from './workflow';

export interface UserRec {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  siteAdmin: boolean;
  accountType: 'atlassian' | 'app';
  active: boolean;
}

export interface ProjectRec {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  style: 'classic' | 'next-gen';
  /** Company-managed projects only; team-managed projects have project-scoped issue types instead. */
  issueTypeSchemeId: string | null;
  issueTypeScreenSchemeId: string | null;
  nextIssueNumber: number;
  properties: Record<string, unknown>;
}

export interface IssueTypeRec {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  /** Set for team-managed (next-gen) project-scoped types. */
  projectId?: string;
}

export interface IssueTypeSchemeRec {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  defaultIssueTypeId?: string;
  issueTypeIds: string[];
}

export interface ScreenTabRec {
  id: number;
  name: string;
  fieldIds: string[];
}

export interface ScreenRec {
  id: number;
  name: string;
  tabs: ScreenTabRec[];
}

export interface ScreenSchemeRec {
  id: number;
  name: string;
  description: string;
  defaultScreenId: number;
}

export interface IssueTypeScreenSchemeRec {
  id: string;
  name: string;
  description: string;
  /** issueTypeId ('default' for the fallback) → screen scheme id. */
  mappings: Array<{ issueTypeId: string; screenSchemeId: number }>;
}

export interface HistoryRec {
  id: string;
  authorId: string;
  created: string;
  items: ChangelogItem[];
}

export interface IssueRec {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  /** Atlassian Document Format, or null. */
  description: unknown;
  parentId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  created: string;
  updated: string;
  statusCategoryChanged: string;
  duedate: string | null;
  labels: string[];
  /** customfield_NNNNN → stored value (Start date and the Forge fields). */
  custom: Record<string, unknown>;
  properties: Record<string, unknown>;
  history: HistoryRec[];
  /** Remote issue links (POST /issue/{id}/remotelink), absent until the first one. */
  remoteLinks?: RemoteLinkRec[];
}

export interface RemoteLinkRec {
  id: number;
  globalId: string | null;
  url: string;
  title: string;
  body: Record<string, unknown>;
}

export interface LinkTypeRec {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface LinkRec {
  id: string;
  typeId: string;
  /** The issue that does the outward action (request field `inwardIssue`), e.g. A in "A blocks B". */
  sourceId: string;
  /** The issue that receives it (request field `outwardIssue`). */
  destinationId: string;
}

/** One notification Jira queued (POST /issue/{id}/notify), with the people it was delivered to. */
export interface NotificationRec {
  id: string;
  issueId: string;
  issueKey: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  fromAccountId: string;
  at: string;
  recipients: string[];
}

export interface JiraState {
  version: 1;
  counters: {
    issue: number;
    project: number;
    issueType: number;
    issueTypeScheme: number;
    screen: number;
    tab: number;
    screenScheme: number;
    issueTypeScreenScheme: number;
    link: number;
    history: number;
  };
  users: UserRec[];
  projects: ProjectRec[];
  /** projectId → accountId → granted project permissions. */
  grants: Record<string, Record<string, ProjectPermission[]>>;
  issueTypes: IssueTypeRec[];
  issueTypeSchemes: IssueTypeSchemeRec[];
  screens: ScreenRec[];
  screenSchemes: ScreenSchemeRec[];
  issueTypeScreenSchemes: IssueTypeScreenSchemeRec[];
  issues: IssueRec[];
  linkTypes: LinkTypeRec[];
  links: LinkRec[];
  /** Created per project on first use (states saved before workflows were modelled have none). */
  workflows?: WorkflowRec[];
  /** Notifications sent through the notify endpoint (states saved before it was modelled have none). */
  notifications?: NotificationRec[];
}

export const TASK_TYPE_ID = '10001';
export const SUBTASK_TYPE_ID = '10002';
export const DEFAULT_SCHEME_ID = '10000';

export function createInitialState(): JiraState {
  return {
    version: 1,
    counters: {
      issue: 10000,
      project: 10000,
      issueType: 10003,
      issueTypeScheme: 10001,
      screen: 10000,
      tab: 10000,
      screenScheme: 10000,
      issueTypeScreenScheme: 10000,
      link: 10000,
      history: 10000,
    },
    users: [],
    projects: [],
    grants: {},
    issueTypes: [
      { id: TASK_TYPE_ID, name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0 },
      {
        id: SUBTASK_TYPE_ID,
        name: 'Sub-task',
        description: 'A small piece of work that is part of a larger task.',
        hierarchyLevel: -1,
      },
    ],
    issueTypeSchemes: [
      {
        id: DEFAULT_SCHEME_ID,
        name: 'Default Issue Type Scheme',
        description:
          'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.',
        isDefault: true,
        issueTypeIds: [TASK_TYPE_ID, SUBTASK_TYPE_ID],
      },
    ],
    screens: [],
    screenSchemes: [],
    issueTypeScreenSchemes: [],
    issues: [],
    linkTypes: [
      { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
      { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
      { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
    ],
    links: [],
  };
}

/** Takes the next value of a counter, as a string id. */
export function nextId(state: JiraState, counter: keyof JiraState['counters']): string {
  const id = state.counters[counter];
  state.counters[counter] = id + 1;
  return String(id);
}
