// Projects: /project/search, /project/{projectIdOrKey} and project entity properties.
import { route, ok, noContent, json, type Route } from './router';
import { projectJson, visibleProject } from './projects';
import { canBrowse, hasProjectPermission } from './permissions';
import { pageBean } from './paging';
import { forbidden, notFound } from './errors';
import { checkProperty, propertyMissing } from './properties';
import type { ProjectRec } from './state';

const ACTION_PERMISSION: Record<string, string> = {
  view: 'BROWSE_PROJECTS',
  browse: 'BROWSE_PROJECTS',
  edit: 'ADMINISTER_PROJECTS',
  create: 'CREATE_ISSUES',
};

function sortProjects(projects: ProjectRec[], orderBy: string): ProjectRec[] {
  const desc = orderBy.startsWith('-');
  const field = orderBy.replace(/^[-+]/, '');
  const keyOf = (p: ProjectRec): string =>
    field === 'name' ? p.name.toLowerCase() : field === 'id' ? p.id.padStart(12, '0') : p.key;
  const sorted = [...projects].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return desc ? sorted.reverse() : sorted;
}

export const projectRoutes: Route[] = [
  route('GET', '/rest/api/3/project/search', ({ site, actor, query }) => {
    const permission = ACTION_PERMISSION[query.get('action') ?? 'view'] ?? 'BROWSE_PROJECTS';
    const keys = query.list('keys').map((k) => k.toUpperCase());
    const ids = query.list('id');
    const text = (query.get('query') ?? '').toLowerCase();
    const expand = query.list('expand');
    const matches = site.state.projects.filter(
      (p) =>
        canBrowse(site, actor, p) &&
        hasProjectPermission(site, actor, p, permission) &&
        (keys.length === 0 || keys.includes(p.key)) &&
        (ids.length === 0 || ids.includes(p.id)) &&
        (text === '' || p.key.toLowerCase() === text || p.name.toLowerCase().includes(text)) &&
        (query.get('typeKey') === undefined || query.get('typeKey') === 'software'),
    );
    const full = expand.some((e) => ['description', 'lead', 'issueTypes'].includes(e));
    const values = sortProjects(matches, query.get('orderBy') ?? 'key').map((p) => projectJson(site, p, full));
    const search = new URLSearchParams();
    for (const name of ['keys', 'id', 'query', 'action', 'orderBy', 'expand', 'typeKey'])
      for (const v of query.all(name)) search.append(name, v);
    return ok(
      pageBean(
        site,
        '/rest/api/3/project/search',
        search,
        values,
        query.int('startAt', 0),
        query.int('maxResults', 50),
      ),
    );
  }),

  route('GET', '/rest/api/3/project/{projectIdOrKey}', ({ site, actor, params }) =>
    ok(projectJson(site, visibleProject(site, actor, params.projectIdOrKey as string), true)),
  ),

  route('GET', '/rest/api/3/project/{projectIdOrKey}/properties', ({ site, actor, params }) => {
    const project = visibleProject(site, actor, params.projectIdOrKey as string);
    return ok({
      keys: Object.keys(project.properties).map((key) => ({
        self: site.url(`/rest/api/3/project/${project.id}/properties/${encodeURIComponent(key)}`),
        key,
      })),
    });
  }),

  route('GET', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', ({ site, actor, params }) => {
    const project = visibleProject(site, actor, params.projectIdOrKey as string);
    const key = params.propertyKey as string;
    if (!(key in project.properties)) throw notFound(propertyMissing(key));
    return ok({ key, value: project.properties[key] });
  }),

  route('PUT', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', ({ site, actor, params, body }) => {
    const project = visibleProject(site, actor, params.projectIdOrKey as string);
    if (!hasProjectPermission(site, actor, project, 'ADMINISTER_PROJECTS')) {
      throw forbidden('You do not have permission to edit the properties of this project.');
    }
    const key = params.propertyKey as string;
    checkProperty(key, body);
    const existed = key in project.properties;
    project.properties[key] = body;
    return json(existed ? 200 : 201, undefined);
  }),

  route('DELETE', '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', ({ site, actor, params }) => {
    const project = visibleProject(site, actor, params.projectIdOrKey as string);
    if (!hasProjectPermission(site, actor, project, 'ADMINISTER_PROJECTS')) {
      throw forbidden('You do not have permission to edit the properties of this project.');
    }
    const key = params.propertyKey as string;
    if (!(key in project.properties)) throw notFound(propertyMissing(key));
    delete project.properties[key];
    return noContent();
  }),
];
