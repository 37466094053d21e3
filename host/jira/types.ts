// Public types of the in-process Jira Cloud. Request and response bodies follow the official REST v3 shapes.
import type { JiraState, NotificationRec } from './state';

/** `viaApp`: an app's asUser() call (Forge counts the events it causes as the app's own: self-generated). */
export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string; viaApp?: boolean };

export interface RestRequest {
  method: string;
  /** Site-relative path, e.g. '/rest/api/3/search/jql?jql=...' (may include a query string). */
  path: string;
  headers?: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body?: unknown;
  principal: Principal;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-serialisable, or undefined for 204 and other empty answers. */
  body: unknown;
}

export type ProjectPermission =
  'BROWSE_PROJECTS' | 'CREATE_ISSUES' | 'EDIT_ISSUES' | 'TRANSITION_ISSUES' | 'ADMINISTER_PROJECTS' | 'LINK_ISSUES';

export const PROJECT_PERMISSIONS: readonly ProjectPermission[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ADMINISTER_PROJECTS',
  'LINK_ISSUES',
];

export type ForgeFieldType = 'number' | 'string' | 'date' | 'datetime' | 'object' | 'user' | 'group';
/** JQL types of an object field's searchAlias; a schema boolean is a JQL string (there is no JQL boolean). */
export type SearchAliasType = 'string' | 'number' | 'date' | 'user';

export interface ForgeFieldDecl {
  /** Manifest module key, e.g. 'pilot-score'. */
  key: string;
  name: string;
  type: ForgeFieldType;
  /** Manifest `readOnly: true`: nobody can set it through create/edit issue, only the app field value APIs. */
  readOnly?: boolean;
  /** Object fields: property → JQL alias (`"Field name".Alias = value`). */
  searchAliases?: Record<string, { alias: string; type: SearchAliasType }>;
}

export interface ChangelogItem {
  field: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  issue: {
    id: string;
    key: string;
    /** The issue's fields as GET /rest/api/3/issue renders them (summary, issuetype, project, status, parent, …). */
    fields: Record<string, unknown>;
  };
  /** Who made the change: the user's account id, or the app's own account id when the app made it. */
  atlassianId: string;
  changelog?: { items: ChangelogItem[] };
  byApp: boolean;
  /** Caused by an app call, asApp() or asUser(): Forge's `selfGenerated`, which `ignoreSelf` filters on. */
  selfGenerated: boolean;
}

export interface ValidatorArgs {
  issue: { key: string; id: string };
  transition: { from: { id: string }; to: { id: string } };
  configuration?: unknown;
  /** Fields changed on the transition screen, when the transition request carried any. */
  modifiedFields?: Record<string, unknown>;
}

export type WorkflowValidator = (args: ValidatorArgs) => Promise<{ result: boolean; errorMessage?: string }>;

export interface NewUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  siteAdmin?: boolean;
}

export interface NewProject {
  key: string;
  name: string;
  leadAccountId: string;
  style?: 'classic' | 'next-gen';
}

export interface Project {
  id: string;
  key: string;
  name: string;
  leadAccountId: string;
  style: 'classic' | 'next-gen';
}

export interface JiraOptions {
  state?: JiraState;
  forgeFields: ForgeFieldDecl[];
  /** Forge app id (uuid or full `ari:cloud:ecosystem::app/<uuid>`). */
  appId: string;
  envId: string;
  clock?: () => Date;
  /**
   * How long (ms, on `clock`) a write stays invisible to JQL search unless reconciled; Infinity (the default)
   * keeps it invisible until catchUpSearch().
   */
  searchLagMs?: number;
  /** Base of `self` links; defaults to https://local-jira.atlassian.net. */
  baseUrl?: string;
  /** Module key of the app's jira:workflowValidator, which new AI Pilot workflows carry on Graduate. */
  workflowValidatorKey?: string;
}

export interface Jira {
  handle(req: RestRequest): Promise<RestResponse>;
  /** Plain JSON-serialisable object; the host persists it with JSON.stringify. */
  state: JiraState;
  onEvent(listener: (e: JiraEvent) => void): void;
  setWorkflowValidator(fn: WorkflowValidator): void;
  addUser(u: NewUser): void;
  addProject(p: NewProject): Project;
  /** `projectKey` now uses the workflows of `sourceKey` (a project created sharing another's settings). */
  shareWorkflows(sourceKey: string, projectKey: string): void;
  grant(projectKey: string, accountId: string, permissions: ProjectPermission[]): void;
  /** Lets JQL search see every write so far, as Jira's index does once it has caught up. */
  catchUpSearch(): void;
  /** What a Jira admin does by associating `projectKey` with the issue type scheme and issue type screen scheme of `withKey`. */
  shareSchemes(projectKey: string, withKey: string): void;
  /** Every notification sent through POST /issue/{id}/notify, oldest first, with whom it reached. */
  notifications(): NotificationRec[];
  /** The notifications delivered to one person, oldest first. */
  inbox(accountId: string): NotificationRec[];
  /** Turns the site's outgoing email off (the notify endpoint then answers 403) or back on. */
  setOutgoingMail(enabled: boolean): void;
  /** Account id of the app's system user (principal {kind:'app'}). */
  readonly appAccountId: string;
}
