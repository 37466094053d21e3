// Screens: issue type screen schemes, screen schemes, screen tabs and the fields on them.
import { route, ok, type Route, type Call } from './router';
import { hasProjectPermission, isGlobalAdmin } from './permissions';
import { adminOnly, badRequest, notFound } from './errors';
import { findProject, projectDetailsJson } from './projects';
import { pageBean } from './paging';
import type { ScreenRec, ScreenTabRec } from './state';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function requireAdmin({ actor }: Call): void {
  if (!isGlobalAdmin(actor)) throw adminOnly();
}

/** Jira admins, or project admins naming their project with ?projectKey=. */
function requireScreenAccess(call: Call): void {
  const { site, actor, query } = call;
  if (isGlobalAdmin(actor)) return;
  const key = query.get('projectKey');
  const project = key ? findProject(site, key) : undefined;
  if (!project || !hasProjectPermission(site, actor, project, 'ADMINISTER_PROJECTS')) throw adminOnly();
}

function searchOf(call: Call, names: string[]): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of names) for (const v of call.query.all(name)) search.append(name, v);
  return search;
}

function screenAndTab(call: Call): { screen: ScreenRec; tab: ScreenTabRec } {
  const screen = call.site.state.screens.find((s) => String(s.id) === call.params.screenId);
  if (!screen) throw notFound(`The screen with id ${call.params.screenId} does not exist.`);
  const tab = screen.tabs.find((t) => String(t.id) === call.params.tabId);
  if (!tab) throw notFound(`The screen tab with id ${call.params.tabId} does not exist.`);
  return { screen, tab };
}

export const screenRoutes: Route[] = [
  route('GET', '/rest/api/3/issuetypescreenscheme/project', (call) => {
    requireAdmin(call);
    const { site, query } = call;
    const ids = query.list('projectId');
    if (ids.length === 0) throw badRequest("The 'projectId' parameter is required.");
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const p = site.state.projects.find((x) => x.id === id);
      if (p?.issueTypeScreenSchemeId)
        groups.set(p.issueTypeScreenSchemeId, [...(groups.get(p.issueTypeScreenSchemeId) ?? []), p.id]);
    }
    const values = [...groups.entries()].map(([id, projectIds]) => {
      const s = site.state.issueTypeScreenSchemes.find((x) => x.id === id);
      return { issueTypeScreenScheme: { id, name: s?.name ?? id, description: s?.description ?? '' }, projectIds };
    });
    return ok(
      pageBean(
        site,
        '/rest/api/3/issuetypescreenscheme/project',
        searchOf(call, ['projectId']),
        values,
        query.int('startAt', 0),
        query.int('maxResults', 50),
      ),
    );
  }),

  route('GET', '/rest/api/3/issuetypescreenscheme/mapping', (call) => {
    requireAdmin(call);
    const { site, query } = call;
    const wanted = query.list('issueTypeScreenSchemeId');
    const values = site.state.issueTypeScreenSchemes
      .filter((s) => wanted.length === 0 || wanted.includes(s.id))
      .flatMap((s) =>
        s.mappings.map((m) => ({
          issueTypeScreenSchemeId: s.id,
          issueTypeId: m.issueTypeId,
          screenSchemeId: String(m.screenSchemeId),
        })),
      );
    return ok(
      pageBean(
        site,
        '/rest/api/3/issuetypescreenscheme/mapping',
        searchOf(call, ['issueTypeScreenSchemeId']),
        values,
        query.int('startAt', 0),
        query.int('maxResults', 100),
      ),
    );
  }),

  route('GET', '/rest/api/3/issuetypescreenscheme/{issueTypeScreenSchemeId}/project', (call) => {
    requireAdmin(call);
    const { site, params, query } = call;
    const itss = site.state.issueTypeScreenSchemes.find((s) => s.id === params.issueTypeScreenSchemeId);
    if (!itss) throw notFound(`The issue type screen scheme with ID ${params.issueTypeScreenSchemeId} was not found.`);
    const text = (query.get('query') ?? '').toLowerCase();
    const values = site.state.projects
      .filter((p) => p.style === 'classic' && p.issueTypeScreenSchemeId === itss.id)
      .filter((p) => text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
      .map((p) => projectDetailsJson(site, p));
    const path = `/rest/api/3/issuetypescreenscheme/${itss.id}/project`;
    return ok(
      pageBean(site, path, searchOf(call, ['query']), values, query.int('startAt', 0), query.int('maxResults', 50)),
    );
  }),

  route('GET', '/rest/api/3/screenscheme', (call) => {
    requireAdmin(call);
    const { site, query } = call;
    const wanted = query.list('id');
    const expand = (query.get('expand') ?? '').split(',').map((e) => e.trim());
    const values = site.state.screenSchemes
      .filter((s) => wanted.length === 0 || wanted.includes(String(s.id)))
      .map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        screens: { default: s.defaultScreenId },
        // Which issue type screen schemes map an issue type to this screen scheme (expand=issueTypeScreenSchemes).
        ...(expand.includes('issueTypeScreenSchemes')
          ? {
              issueTypeScreenSchemes: (() => {
                const users = site.state.issueTypeScreenSchemes
                  .filter((itss) => itss.mappings.some((m) => m.screenSchemeId === s.id))
                  .map((itss) => ({ id: itss.id, name: itss.name, description: itss.description }));
                return pageBean(site, '/rest/api/3/issuetypescreenscheme', new URLSearchParams(), users, 0, 100);
              })(),
            }
          : {}),
      }));
    return ok(
      pageBean(
        site,
        '/rest/api/3/screenscheme',
        searchOf(call, ['id', 'expand']),
        values,
        query.int('startAt', 0),
        query.int('maxResults', 25),
      ),
    );
  }),

  route('GET', '/rest/api/3/screens/{screenId}/tabs', (call) => {
    requireScreenAccess(call);
    const screen = call.site.state.screens.find((s) => String(s.id) === call.params.screenId);
    if (!screen) throw notFound(`The screen with id ${call.params.screenId} does not exist.`);
    return ok(screen.tabs.map((t) => ({ id: t.id, name: t.name })));
  }),

  route('GET', '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', (call) => {
    requireScreenAccess(call);
    const { tab } = screenAndTab(call);
    return ok(tab.fieldIds.map((id) => ({ id, name: call.site.fields.get(id)?.name ?? id })));
  }),

  route('POST', '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', (call) => {
    requireScreenAccess(call);
    const { screen, tab } = screenAndTab(call);
    const fieldId = isObj(call.body) && typeof call.body.fieldId === 'string' ? call.body.fieldId : '';
    const def = call.site.fields.get(fieldId);
    if (!def) throw notFound(`The field with id ${fieldId || '(none)'} was not found.`);
    if (!def.orderable && !def.custom) throw badRequest(`The field ${fieldId} cannot be added to a screen.`);
    if (screen.tabs.some((t) => t.fieldIds.includes(fieldId)))
      throw badRequest(`The field with id ${fieldId} already exists on the screen.`);
    tab.fieldIds.push(fieldId);
    return ok({ id: def.id, name: def.name });
  }),
];
