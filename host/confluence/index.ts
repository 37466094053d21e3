// A minimal in-process Confluence Cloud (v2 REST): GET /wiki/api/v2/pages/{id}, GET /wiki/api/v2/spaces (only the
// spaces the caller may view) and POST /wiki/api/v2/pages (pages-write.ts), with a page store the host fills and
// the Forge macros (with their saved config) stored on the pages.
import type { RestRequest, RestResponse } from '../jira/types';
import { createConfluenceState, type ConfluenceState, type MacroRec, type PageRec, type SpaceRec } from './state';
import { pageJson, spaceJson, type RenderContext } from './render';
import { can, createPage } from './pages-write';

export type { ConfluenceState, MacroRec, PageRec, SpaceRec } from './state';

export interface ConfluenceOptions {
  state?: ConfluenceState;
  appId?: string;
  envId?: string;
  clock?: () => Date;
  baseUrl?: string;
}

export interface Confluence {
  handle(req: RestRequest): Promise<RestResponse>;
  state: ConfluenceState;
  addSpace(s: {
    key: string;
    name: string;
    authorId: string;
    type?: 'global' | 'personal';
    permissions?: SpaceRec['permissions'];
  }): SpaceRec;
  addPage(p: {
    spaceKey: string;
    title: string;
    authorId: string;
    text?: string;
    parentId?: string;
    macros?: Array<Omit<MacroRec, 'localId' | 'config'> & Partial<Pick<MacroRec, 'localId' | 'config'>>>;
  }): PageRec;
  /** The macro's config view saved (view.submit({config})): replaces that macro's config and bumps the page version. */
  setMacroConfig(pageId: string, localId: string, config: Record<string, unknown>): MacroRec;
}

const CONFLUENCE_ROOT = '/wiki/api/v2';
const BODY_FORMATS = [
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): RestResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  body,
});

const error = (status: number, code: string, title: string, detail: string | null = null): RestResponse =>
  json(status, { errors: [{ status, code, title, detail }] });

export function createConfluence(options: ConfluenceOptions = {}): Confluence {
  const state = options.state ?? createConfluenceState();
  const clock = options.clock ?? (() => new Date());
  const appId = options.appId ?? '00000000-0000-4000-8000-000000000000';
  const ctx: RenderContext = {
    baseUrl: (options.baseUrl ?? 'https://local-jira.atlassian.net').replace(/\/$/, ''),
    appUuid: appId.slice(appId.lastIndexOf('/') + 1),
    envId: options.envId ?? 'local',
  };

  function getPage(id: string, search: URLSearchParams, principal: RestRequest['principal']): RestResponse {
    const page = state.pages.find((p) => p.id === id);
    const space = page && state.spaces.find((s) => s.id === page.spaceId);
    if (!page || !space || !can(space, principal, 'view'))
      return error(404, 'NOT_FOUND', 'Not Found', `Page ${id} was not found.`);
    const bodyFormat = search.get('body-format') ?? undefined;
    if (bodyFormat !== undefined && !BODY_FORMATS.includes(bodyFormat))
      return error(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', `Unknown body-format '${bodyFormat}'.`);
    return json(
      200,
      pageJson(ctx, page, space, { bodyFormat, includeVersion: search.get('include-version') !== 'false' }),
    );
  }

  function getSpaces(search: URLSearchParams, principal: RestRequest['principal']): RestResponse {
    const ids = search.getAll('ids').flatMap((v) => v.split(','));
    const keys = search.getAll('keys').flatMap((v) => v.split(','));
    const type = search.get('type');
    const limit = Math.min(Math.max(Number(search.get('limit') ?? 25) || 25, 1), 250);
    const cursor = search.get('cursor');
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) || 0 : 0;
    const all = state.spaces.filter(
      (s) =>
        (ids.length === 0 || ids.includes(s.id)) &&
        (keys.length === 0 || keys.includes(s.key)) &&
        (!type || s.type === type) &&
        can(s, principal, 'view'),
    );
    const results = all.slice(start, start + limit).map(spaceJson);
    const links: Record<string, string> = { base: `${ctx.baseUrl}/wiki` };
    const headers: Record<string, string> = {};
    if (start + limit < all.length) {
      const next = new URLSearchParams(search);
      next.set('cursor', Buffer.from(String(start + limit)).toString('base64url'));
      links.next = `${CONFLUENCE_ROOT}/spaces?${next.toString()}`;
      headers.link = `<${links.next}>; rel="next", <${links.base}>; rel="base"`;
    }
    return json(200, { results, _links: links }, headers);
  }

  async function handle(req: RestRequest): Promise<RestResponse> {
    const q = req.path.indexOf('?');
    const path = (q === -1 ? req.path : req.path.slice(0, q)).replace(/\/$/, '');
    const search = new URLSearchParams(q === -1 ? '' : req.path.slice(q + 1));
    const method = req.method.toUpperCase();
    const page = /^\/wiki\/api\/v2\/pages\/([^/]+)$/.exec(path);
    if (page && method === 'GET') return getPage(decodeURIComponent(page[1] as string), search, req.principal);
    if (path === `${CONFLUENCE_ROOT}/spaces` && method === 'GET') return getSpaces(search, req.principal);
    if (path === `${CONFLUENCE_ROOT}/pages` && method === 'POST') {
      const created = createPage(
        {
          state,
          appUuid: ctx.appUuid,
          envId: ctx.envId,
          now: () => clock().toISOString(),
          nextPageId: () => nextId('page'),
        },
        req.principal,
        req.body,
      );
      if (!created.ok) return created.response;
      const bodyFormat = search.get('body-format') ?? undefined;
      return json(
        200,
        pageJson(ctx, created.page, created.space, {
          bodyFormat: bodyFormat === undefined ? undefined : bodyFormat,
          includeVersion: true,
        }),
      );
    }
    return error(404, 'NOT_FOUND', 'Not Found', `No REST resource matches ${method} ${path}.`);
  }

  const nextId = (counter: 'space' | 'page'): string => String(state.counters[counter]++);

  return {
    handle,
    state,
    addSpace: (s) => {
      if (state.spaces.some((x) => x.key === s.key)) throw new Error(`space ${s.key} already exists`);
      const space: SpaceRec = {
        id: nextId('space'),
        key: s.key,
        name: s.name,
        type: s.type ?? 'global',
        authorId: s.authorId,
        createdAt: clock().toISOString(),
        homepageId: null,
        ...(s.permissions ? { permissions: s.permissions } : {}),
      };
      state.spaces.push(space);
      return space;
    },
    addPage: (p) => {
      const space = state.spaces.find((s) => s.key === p.spaceKey);
      if (!space) throw new Error(`unknown space ${p.spaceKey}`);
      const id = nextId('page');
      const page: PageRec = {
        id,
        spaceId: space.id,
        title: p.title,
        parentId: p.parentId ?? space.homepageId,
        authorId: p.authorId,
        createdAt: clock().toISOString(),
        version: 1,
        text: p.text ?? '',
        macros: (p.macros ?? []).map((m, i) => ({
          moduleKey: m.moduleKey,
          title: m.title,
          localId: m.localId ?? `${id}-macro-${i + 1}`,
          config: m.config ?? {},
        })),
      };
      state.pages.push(page);
      if (!space.homepageId) space.homepageId = page.id;
      return page;
    },
    setMacroConfig: (pageId, localId, config) => {
      const page = state.pages.find((p) => p.id === pageId);
      const macro = page?.macros.find((m) => m.localId === localId);
      if (!page || !macro) throw new Error(`no macro ${localId} on page ${pageId}`);
      macro.config = config;
      page.version += 1;
      return macro;
    },
  };
}
