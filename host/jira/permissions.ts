// Who may do what. The app's system user and site admins hold every permission; other users hold what grant() gave
// them per project.
import type { IssueRec, ProjectRec } from './state';
import type { Actor, Site } from './site';
import type { ProjectPermission } from './types';
import { PROJECT_PERMISSIONS } from './types';
import { issueNotFound } from './errors';

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  /** Project permissions outside the six the host models are derived from one that it does. */
  derivedFrom?: ProjectPermission;
}

const p = (
  id: string,
  key: string,
  name: string,
  type: 'GLOBAL' | 'PROJECT',
  description: string,
  derivedFrom?: ProjectPermission,
): PermissionInfo => ({
  id,
  key,
  name,
  type,
  description,
  ...(derivedFrom ? { derivedFrom } : {}),
});

export const PERMISSION_CATALOG: PermissionInfo[] = [
  p(
    '0',
    'ADMINISTER',
    'Administer Jira',
    'GLOBAL',
    'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  ),
  p('44', 'SYSTEM_ADMIN', 'Administer Jira system', 'GLOBAL', 'Configure Jira system settings.'),
  p(
    '27',
    'USER_PICKER',
    'Browse users and groups',
    'GLOBAL',
    'View and select users or groups from the user picker, and share issues.',
  ),
  p('10', 'BROWSE_PROJECTS', 'Browse Projects', 'PROJECT', 'Ability to browse projects and the issues within them.'),
  p('11', 'CREATE_ISSUES', 'Create Issues', 'PROJECT', 'Ability to create issues.'),
  p('12', 'EDIT_ISSUES', 'Edit Issues', 'PROJECT', 'Ability to edit issues.'),
  p('46', 'TRANSITION_ISSUES', 'Transition Issues', 'PROJECT', 'Ability to transition issues.'),
  p('23', 'ADMINISTER_PROJECTS', 'Administer Projects', 'PROJECT', 'Ability to administer a project in Jira.'),
  p('21', 'LINK_ISSUES', 'Link Issues', 'PROJECT', 'Ability to link issues together and create linked issues.'),
  p('13', 'ASSIGN_ISSUES', 'Assign Issues', 'PROJECT', 'Ability to assign issues to other people.', 'EDIT_ISSUES'),
  p(
    '17',
    'ASSIGNABLE_USER',
    'Assignable User',
    'PROJECT',
    'Users with this permission may be assigned to issues.',
    'EDIT_ISSUES',
  ),
  p('28', 'SCHEDULE_ISSUES', 'Schedule Issues', 'PROJECT', 'Ability to set and edit due dates.', 'EDIT_ISSUES'),
  p('14', 'RESOLVE_ISSUES', 'Resolve Issues', 'PROJECT', 'Ability to resolve and reopen issues.', 'TRANSITION_ISSUES'),
  p('18', 'CLOSE_ISSUES', 'Close Issues', 'PROJECT', 'Ability to close issues.', 'TRANSITION_ISSUES'),
  p('15', 'ADD_COMMENTS', 'Add Comments', 'PROJECT', 'Ability to comment on issues.', 'BROWSE_PROJECTS'),
  p('16', 'DELETE_ISSUES', 'Delete Issues', 'PROJECT', 'Ability to delete issues.', 'ADMINISTER_PROJECTS'),
  p(
    '30',
    'MODIFY_REPORTER',
    'Modify Reporter',
    'PROJECT',
    'Ability to modify the reporter when creating or editing an issue.',
    'ADMINISTER_PROJECTS',
  ),
];

export const permissionInfo = (key: string): PermissionInfo | undefined =>
  PERMISSION_CATALOG.find((x) => x.key === key);

export function isGlobalAdmin(actor: Actor): boolean {
  return actor.isApp || actor.user.siteAdmin;
}

export function hasGlobalPermission(actor: Actor, key: string): boolean {
  if (key === 'USER_PICKER') return true;
  if (key === 'ADMINISTER') return isGlobalAdmin(actor);
  if (key === 'SYSTEM_ADMIN') return actor.user.siteAdmin;
  return false;
}

export function hasProjectPermission(site: Site, actor: Actor, project: ProjectRec, key: string): boolean {
  if (isGlobalAdmin(actor)) return true;
  const info = permissionInfo(key);
  const base = (info?.derivedFrom ?? key) as ProjectPermission;
  if (!PROJECT_PERMISSIONS.includes(base)) return false;
  return site.state.grants[project.id]?.[actor.accountId]?.includes(base) ?? false;
}

export const canBrowse = (site: Site, actor: Actor, project: ProjectRec): boolean =>
  hasProjectPermission(site, actor, project, 'BROWSE_PROJECTS');

export function projectOf(site: Site, issue: IssueRec): ProjectRec {
  const project = site.state.projects.find((x) => x.id === issue.projectId);
  if (!project) throw new Error(`issue ${issue.key} has no project`);
  return project;
}

export const canSeeIssue = (site: Site, actor: Actor, issue: IssueRec): boolean =>
  canBrowse(site, actor, projectOf(site, issue));

/** The issue by id or key, or Jira's 404 when it does not exist or the actor cannot browse it. */
export function visibleIssue(site: Site, actor: Actor, idOrKey: string): IssueRec {
  const wanted = idOrKey.toUpperCase();
  const issue = site.state.issues.find((i) => i.id === idOrKey || i.key === wanted);
  if (!issue || !canSeeIssue(site, actor, issue)) throw issueNotFound();
  return issue;
}
