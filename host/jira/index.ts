// The in-process Jira Cloud: official REST v3 shapes over a JSON state, no HTTP server of its own.
import { createInitialState } from './state';
import { Site } from './site';
import { JiraError, errorBody } from './errors';
import { Query, Router, json, splitPath } from './router';
import { addProject } from './projects';
import { findProject } from './projects';
import { PROJECT_PERMISSIONS } from './types';
import type { Jira, JiraOptions, ProjectPermission, RestRequest, RestResponse } from './types';
import { userRoutes } from './routes-users';
import { projectRoutes } from './routes-projects';
import { permissionRoutes } from './routes-permissions';
import { issueTypeRoutes } from './routes-issue-types';
import { screenRoutes } from './routes-screens';
import { issueRoutes } from './routes-issues';
import { remoteLinkRoutes } from './routes-remote-links';
import { workflowRoutes } from './routes-workflow';
import { workflowsApiRoutes } from './routes-workflows';
import { shareWorkflows } from './workflows';
import { searchRoutes } from './routes-search';
import { appFieldRoutes } from './routes-app-fields';
import { notifyRoutes } from './routes-notify';
import { changelogRoutes } from './routes-changelog';

export type * from './types';
export type { JiraState, NotificationRec } from './state';
export { createInitialState } from './state';
export { PROJECT_PERMISSIONS } from './types';
export { STATUSES, PILOT_TYPE_NAME } from './workflow';
export { FIRST_FORGE_FIELD_NUMBER, START_DATE_ID, forgeFieldType } from './fields';

const router = new Router([
  ...userRoutes,
  ...projectRoutes,
  ...permissionRoutes,
  ...issueTypeRoutes,
  ...screenRoutes,
  ...issueRoutes,
  ...remoteLinkRoutes,
  ...workflowRoutes,
  ...workflowsApiRoutes,
  ...searchRoutes,
  ...appFieldRoutes,
  ...notifyRoutes,
  ...changelogRoutes,
]);

const errorResponse = (e: JiraError): RestResponse => json(e.status, e.body);

export function createJira(options: JiraOptions): Jira {
  const state = options.state ?? createInitialState();
  const site = new Site(state, options);

  async function handle(req: RestRequest): Promise<RestResponse> {
    const method = req.method.toUpperCase();
    const { path, search } = splitPath(req.path);
    const found = router.match(method, path);
    if (found.kind === 'none') return json(404, errorBody([`No REST resource matches ${method} ${path}.`]));
    if (found.kind === 'wrong-method') return json(405, errorBody([`Method ${method} is not allowed for ${path}.`]));
    try {
      const actor = site.actorFor(req.principal);
      return await found.match.route.handler({
        site,
        actor,
        method,
        params: found.match.params,
        query: new Query(search),
        body: req.body,
      });
    } catch (e) {
      if (e instanceof JiraError) return errorResponse(e);
      return json(
        500,
        errorBody([`Internal error in the local Jira host: ${e instanceof Error ? e.message : String(e)}`]),
      );
    }
  }

  return {
    handle,
    state,
    appAccountId: site.appAccountId,
    onEvent: (listener) => site.onEvent(listener),
    setWorkflowValidator: (fn) => {
      site.validator = fn;
    },
    addUser: (u) => {
      if (site.user(u.accountId)) throw new Error(`user ${u.accountId} already exists`);
      state.users.push({
        accountId: u.accountId,
        displayName: u.displayName,
        ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
        siteAdmin: u.siteAdmin ?? false,
        accountType: 'atlassian',
        active: true,
      });
    },
    addProject: (p) => addProject(site, p),
    catchUpSearch: () => site.searchIndex.catchUp(state.issues),
    shareSchemes: (projectKey: string, withKey: string) => {
      const project = findProject(site, projectKey);
      const other = findProject(site, withKey);
      if (!project || !other) throw new Error(`unknown project ${project ? withKey : projectKey}`);
      if (project.style !== 'classic' || other.style !== 'classic')
        throw new Error('only company-managed projects use schemes');
      project.issueTypeSchemeId = other.issueTypeSchemeId;
      project.issueTypeScreenSchemeId = other.issueTypeScreenSchemeId;
    },
    shareWorkflows: (sourceKey: string, projectKey: string) => {
      const source = findProject(site, sourceKey);
      const project = findProject(site, projectKey);
      if (!source || !project) throw new Error(`unknown project ${source ? projectKey : sourceKey}`);
      shareWorkflows(site, source, project);
    },
    notifications: () => state.notifications ?? [],
    inbox: (accountId: string) => (state.notifications ?? []).filter((n) => n.recipients.includes(accountId)),
    setOutgoingMail: (enabled: boolean) => {
      site.outgoingMail = enabled;
    },
    grant: (projectKey: string, accountId: string, permissions: ProjectPermission[]) => {
      const project = findProject(site, projectKey);
      if (!project) throw new Error(`unknown project ${projectKey}`);
      if (!site.user(accountId)) throw new Error(`unknown user ${accountId}`);
      const unknown = permissions.filter((p) => !PROJECT_PERMISSIONS.includes(p));
      if (unknown.length > 0) throw new Error(`unknown permissions ${unknown.join(', ')}`);
      const grants = (state.grants[project.id] ??= {});
      grants[accountId] = [...new Set([...(grants[accountId] ?? []), ...permissions])];
    },
  };
}
