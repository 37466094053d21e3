// Permission queries: GET /mypermissions and POST /permissions/check.
import { route, ok, type Route } from './router';
import {
  PERMISSION_CATALOG,
  canSeeIssue,
  hasGlobalPermission,
  hasProjectPermission,
  permissionInfo,
  projectOf,
  visibleIssue,
} from './permissions';
import { badRequest, forbidden, projectNotFound } from './errors';
import { findProject } from './projects';
import { canBrowse, isGlobalAdmin } from './permissions';
import type { Actor, Site } from './site';
import type { ProjectRec } from './state';

function checkKeys(keys: string[]): void {
  const unknown = keys.filter((k) => !permissionInfo(k));
  if (unknown.length > 0) throw badRequest(`Unrecognized permission keys: ${unknown.join(', ')}`);
}

function has(site: Site, actor: Actor, key: string, project: ProjectRec | null): boolean {
  const info = permissionInfo(key);
  if (!info) return false;
  if (info.type === 'GLOBAL') return hasGlobalPermission(actor, key);
  if (project) return hasProjectPermission(site, actor, project, key);
  return site.state.projects.some((p) => hasProjectPermission(site, actor, p, key));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

export const permissionRoutes: Route[] = [
  route('GET', '/rest/api/3/mypermissions', ({ site, actor, query }) => {
    const keys = query.list('permissions');
    if (keys.length === 0) throw badRequest('The permissions query parameter was not provided.');
    checkKeys(keys);
    let project: ProjectRec | null = null;
    const projectRef = query.get('projectKey') ?? query.get('projectId');
    const issueRef = query.get('issueKey') ?? query.get('issueId');
    if (issueRef !== undefined) project = projectOf(site, visibleIssue(site, actor, issueRef));
    else if (projectRef !== undefined) {
      const p = findProject(site, projectRef);
      if (!p || !canBrowse(site, actor, p)) throw projectNotFound(projectRef);
      project = p;
    }
    const permissions: Record<string, unknown> = {};
    for (const key of keys) {
      const info = permissionInfo(key);
      if (!info) continue;
      permissions[key] = {
        id: info.id,
        key: info.key,
        name: info.name,
        type: info.type,
        description: info.description,
        havePermission: has(site, actor, key, project),
      };
    }
    return ok({ permissions });
  }),

  route('POST', '/rest/api/3/permissions/check', ({ site, actor, body }) => {
    const input = isObj(body) ? body : {};
    let subject = actor;
    if (typeof input.accountId === 'string' && input.accountId !== actor.accountId) {
      if (!isGlobalAdmin(actor))
        throw forbidden('You must have the Administer Jira global permission to check the permissions of other users.');
      const user = site.user(input.accountId);
      if (!user) throw badRequest(`The user with account ID '${input.accountId}' does not exist.`);
      subject = {
        accountId: user.accountId,
        isApp: user.accountType === 'app' && user.accountId === site.appAccountId,
        user,
      };
    }
    const globalKeys = strings(input.globalPermissions);
    const entries = Array.isArray(input.projectPermissions) ? input.projectPermissions.filter(isObj) : [];
    checkKeys([...globalKeys, ...entries.flatMap((e) => strings(e.permissions))]);
    const granted = new Map<string, { projects: Set<string>; issues: Set<string> }>();
    for (const entry of entries) {
      const projectIds = ids(entry.projects);
      const issueIds = ids(entry.issues);
      for (const key of strings(entry.permissions)) {
        const slot = granted.get(key) ?? { projects: new Set<string>(), issues: new Set<string>() };
        granted.set(key, slot);
        const candidates =
          projectIds.length === 0 && issueIds.length === 0
            ? site.state.projects
            : projectIds
                .map((id) => site.state.projects.find((p) => p.id === id))
                .filter((p): p is ProjectRec => p !== undefined);
        for (const p of candidates) if (hasProjectPermission(site, subject, p, key)) slot.projects.add(p.id);
        for (const id of issueIds) {
          const issue = site.state.issues.find((i) => i.id === id);
          if (
            issue &&
            canSeeIssue(site, subject, issue) &&
            hasProjectPermission(site, subject, projectOf(site, issue), key)
          )
            slot.issues.add(issue.id);
        }
      }
    }
    return ok({
      globalPermissions: globalKeys.filter(
        (k) => permissionInfo(k)?.type === 'GLOBAL' && hasGlobalPermission(subject, k),
      ),
      projectPermissions: [...granted.entries()].map(([permission, g]) => ({
        permission,
        projects: [...g.projects].map(Number),
        issues: [...g.issues].map(Number),
      })),
    });
  }),
];

export const catalogKeys = (): string[] => PERMISSION_CATALOG.map((p) => p.key);
