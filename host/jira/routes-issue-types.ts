// Issue types and issue type schemes.
import { route, ok, json, noContent, type Route } from './router';
import { issueTypeById, issueTypeJson, projectIssueTypes } from './issue-types';
import { canBrowse, isGlobalAdmin } from './permissions';
import { adminOnly, badRequest, conflict, fieldErrors, notFound, projectNotFound } from './errors';
import { DEFAULT_SCHEME_ID, nextId } from './state';
import type { IssueTypeRec, IssueTypeSchemeRec } from './state';
import { pageBean } from './paging';
import type { Call } from './router';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function requireAdmin({ actor }: Call): void {
  if (!isGlobalAdmin(actor)) throw adminOnly();
}

function schemeJson(s: IssueTypeSchemeRec): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    isDefault: s.isDefault,
    ...(s.defaultIssueTypeId ? { defaultIssueTypeId: s.defaultIssueTypeId } : {}),
  };
}

function searchOf(call: Call, names: string[]): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of names) for (const v of call.query.all(name)) search.append(name, v);
  return search;
}

export const issueTypeRoutes: Route[] = [
  route('GET', '/rest/api/3/issuetype', ({ site, actor }) => {
    const seen = new Map<string, IssueTypeRec>();
    if (isGlobalAdmin(actor)) site.state.issueTypes.forEach((t) => seen.set(t.id, t));
    else
      for (const p of site.state.projects)
        if (canBrowse(site, actor, p)) projectIssueTypes(site, p).forEach((t) => seen.set(t.id, t));
    return ok([...seen.values()].map((t) => issueTypeJson(site, t)));
  }),

  route('GET', '/rest/api/3/issuetype/{id}', ({ site, actor, params }) => {
    const t = issueTypeById(site, params.id as string);
    const visible =
      t &&
      (isGlobalAdmin(actor) ||
        site.state.projects.some((p) => canBrowse(site, actor, p) && projectIssueTypes(site, p).includes(t)));
    if (!t || !visible) throw notFound('Issue type with ID ' + params.id + ' could not be found.');
    return ok(issueTypeJson(site, t));
  }),

  route('POST', '/rest/api/3/issuetype', (call) => {
    requireAdmin(call);
    const { site, body } = call;
    const input = isObj(body) ? body : {};
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '') throw fieldErrors({ name: 'You must specify a unique name for the issue type.' });
    if (name.length > 60) throw fieldErrors({ name: 'The name of the issue type must not exceed 60 characters.' });
    const level = typeof input.hierarchyLevel === 'number' ? input.hierarchyLevel : input.type === 'subtask' ? -1 : 0;
    if (level !== 0 && level !== -1)
      throw fieldErrors({ hierarchyLevel: 'The hierarchy level must be 0 (standard) or -1 (sub-task).' });
    if (site.state.issueTypes.some((t) => !t.projectId && t.name.toLowerCase() === name.toLowerCase())) {
      throw conflict('An issue type with this name already exists.', {
        name: 'An issue type with this name already exists.',
      });
    }
    const t: IssueTypeRec = {
      id: nextId(site.state, 'issueType'),
      name,
      description: typeof input.description === 'string' ? input.description : '',
      hierarchyLevel: level,
    };
    site.state.issueTypes.push(t);
    site.state.issueTypeSchemes.find((s) => s.id === DEFAULT_SCHEME_ID)?.issueTypeIds.push(t.id);
    return json(201, issueTypeJson(site, t));
  }),

  route('GET', '/rest/api/3/issuetype/project', ({ site, actor, query }) => {
    const projectId = query.get('projectId');
    if (!projectId) throw badRequest("The 'projectId' parameter is required.");
    const project = site.state.projects.find((p) => p.id === projectId);
    if (!project || !canBrowse(site, actor, project)) throw projectNotFound(projectId);
    const level = query.get('level');
    const types = projectIssueTypes(site, project).filter(
      (t) => level === undefined || t.hierarchyLevel === Number(level),
    );
    return ok(types.map((t) => issueTypeJson(site, t)));
  }),

  route('GET', '/rest/api/3/issuetypescheme/project', (call) => {
    requireAdmin(call);
    const { site, query } = call;
    const ids = query.list('projectId');
    if (ids.length === 0) throw badRequest("The 'projectId' parameter is required.");
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const project = site.state.projects.find((p) => p.id === id);
      if (!project?.issueTypeSchemeId) continue;
      groups.set(project.issueTypeSchemeId, [...(groups.get(project.issueTypeSchemeId) ?? []), project.id]);
    }
    const values = [...groups.entries()].map(([schemeId, projectIds]) => ({
      issueTypeScheme: schemeJson(site.state.issueTypeSchemes.find((s) => s.id === schemeId) as IssueTypeSchemeRec),
      projectIds,
    }));
    return ok(
      pageBean(
        site,
        '/rest/api/3/issuetypescheme/project',
        searchOf(call, ['projectId']),
        values,
        query.int('startAt', 0),
        query.int('maxResults', 50),
      ),
    );
  }),

  route('POST', '/rest/api/3/issuetypescheme', (call) => {
    requireAdmin(call);
    const { site, body } = call;
    const input = isObj(body) ? body : {};
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '' || name.length > 255)
      throw badRequest('The name of the issue type scheme must be between 1 and 255 characters.');
    if (site.state.issueTypeSchemes.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw conflict('The name is used by another scheme.');
    const ids = Array.isArray(input.issueTypeIds) ? [...new Set(input.issueTypeIds.map(String))] : [];
    const types = ids.map((id) => issueTypeById(site, id));
    if (types.some((t) => !t || t.projectId))
      throw badRequest('The issue type IDs must be company-managed issue types that exist.');
    if (!types.some((t) => t && t.hierarchyLevel === 0))
      throw badRequest('At least one standard issue type ID is required.');
    const defaultId = typeof input.defaultIssueTypeId === 'string' ? input.defaultIssueTypeId : undefined;
    if (defaultId !== undefined && !ids.includes(defaultId))
      throw badRequest('The default issue type ID has to be present in issue type IDs list.');
    const scheme: IssueTypeSchemeRec = {
      id: nextId(site.state, 'issueTypeScheme'),
      name,
      description: typeof input.description === 'string' ? input.description : '',
      isDefault: false,
      ...(defaultId ? { defaultIssueTypeId: defaultId } : {}),
      issueTypeIds: ids,
    };
    site.state.issueTypeSchemes.push(scheme);
    return json(201, { issueTypeSchemeId: scheme.id });
  }),

  route('PUT', '/rest/api/3/issuetypescheme/project', (call) => {
    requireAdmin(call);
    const { site, body } = call;
    const input = isObj(body) ? body : {};
    const scheme = site.state.issueTypeSchemes.find((s) => s.id === String(input.issueTypeSchemeId ?? ''));
    const project = site.state.projects.find((p) => p.id === String(input.projectId ?? ''));
    if (!scheme || !project)
      throw notFound(scheme ? 'The project was not found.' : 'The issue type scheme was not found.');
    if (project.style !== 'classic') throw badRequest('Issue type schemes can only be assigned to classic projects.');
    const stranded = site.state.issues.some(
      (i) => i.projectId === project.id && !scheme.issueTypeIds.includes(i.issueTypeId),
    );
    if (stranded) {
      throw badRequest(
        "This issue type scheme can't be assigned to the project. This is because some issues in this project use issue types not present in the scheme.",
      );
    }
    project.issueTypeSchemeId = scheme.id;
    return noContent();
  }),

  route('GET', '/rest/api/3/issuetypescheme/mapping', (call) => {
    requireAdmin(call);
    const { site, query } = call;
    const wanted = query.list('issueTypeSchemeId');
    const values = site.state.issueTypeSchemes
      .filter((s) => wanted.length === 0 || wanted.includes(s.id))
      .flatMap((s) => s.issueTypeIds.map((issueTypeId) => ({ issueTypeSchemeId: s.id, issueTypeId })));
    return ok(
      pageBean(
        site,
        '/rest/api/3/issuetypescheme/mapping',
        searchOf(call, ['issueTypeSchemeId']),
        values,
        query.int('startAt', 0),
        query.int('maxResults', 50),
      ),
    );
  }),

  route('PUT', '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype', (call) => {
    requireAdmin(call);
    const { site, params, body } = call;
    const scheme = site.state.issueTypeSchemes.find((s) => s.id === params.issueTypeSchemeId);
    if (!scheme) throw notFound(`The issue type scheme with ID ${params.issueTypeSchemeId} was not found.`);
    const ids = isObj(body) && Array.isArray(body.issueTypeIds) ? body.issueTypeIds.map(String) : [];
    if (ids.length === 0) throw badRequest('At least one issue type ID must be provided.');
    for (const id of ids) {
      const t = issueTypeById(site, id);
      if (!t) throw notFound(`The issue type with ID ${id} was not found.`);
      if (t.projectId)
        throw badRequest(
          `The issue type with ID ${id} is a team-managed issue type and can't be added to an issue type scheme.`,
        );
      if (scheme.issueTypeIds.includes(id))
        throw badRequest(`The issue type with ID ${id} is already associated with the issue type scheme.`);
    }
    scheme.issueTypeIds.push(...ids);
    return noContent();
  }),
];
