// POST /wiki/api/v2/pages as Confluence answers it (createPage in the v2 OpenAPI document): the person must be able
// to view the space and add pages to it (otherwise 404, as the document says), a published page needs a title
// unique among the space's current pages (400 otherwise), an ADF body must be an ADF document, and the parent must
// be a page of the same space. Forge macros in an ADF body (extension nodes of type com.atlassian.ecosystem whose
// key names this app) become the page's macros, with their guestParams as the saved config.
import type { Principal, RestResponse } from '../jira/types';
import type { AdfNode, ConfluenceState, MacroRec, PageRec, SpaceRec } from './state';

export interface WriteContext {
  state: ConfluenceState;
  appUuid: string;
  envId: string;
  now: () => string;
  nextPageId: () => string;
}

type Answer = { ok: true; page: PageRec; space: SpaceRec } | { ok: false; response: RestResponse };

const json = (status: number, body: unknown): RestResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body,
});
const refuse = (status: number, code: string, title: string, detail: string): Answer => ({
  ok: false,
  response: json(status, { errors: [{ status, code, title, detail }] }),
});

export function can(space: SpaceRec, principal: Principal, permission: 'view' | 'create'): boolean {
  if (principal.kind === 'app') return true;
  if (!space.permissions) return true;
  return (space.permissions[principal.accountId] ?? []).includes(permission);
}

export function createPage(ctx: WriteContext, principal: Principal, body: unknown): Answer {
  const req = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const spaceId = String(req.spaceId ?? '');
  const space = ctx.state.spaces.find((s) => s.id === spaceId);
  // One answer for "no such space", "cannot view it" and "cannot add pages to it", as the document lists them under 404.
  if (!space || !can(space, principal, 'view') || !can(space, principal, 'create')) {
    return refuse(
      404,
      'NOT_FOUND',
      'Not Found',
      `Space ${spaceId} was not found, or you do not have permission to add pages to it.`,
    );
  }
  const status = req.status === 'draft' ? 'draft' : 'current';
  const title = typeof req.title === 'string' ? req.title.trim() : '';
  if (status === 'current' && title === '')
    return refuse(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'Title is required for a published page.');
  if (title.length > 255)
    return refuse(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'Title must be at most 255 characters.');
  if (
    status === 'current' &&
    ctx.state.pages.some((p) => p.spaceId === space.id && p.title.toLowerCase() === title.toLowerCase())
  ) {
    return refuse(
      400,
      'INVALID_REQUEST_PARAMETER',
      'Bad Request',
      `A page with this title already exists: a page already exists with the same TITLE in this space`,
    );
  }
  let parentId = space.homepageId;
  if (req.parentId !== undefined) {
    const parent = ctx.state.pages.find((p) => p.id === String(req.parentId));
    if (!parent || parent.spaceId !== space.id)
      return refuse(
        400,
        'INVALID_REQUEST_PARAMETER',
        'Bad Request',
        `Parent page ${String(req.parentId)} is not a page of space ${space.key}.`,
      );
    parentId = parent.id;
  }
  const id = ctx.nextPageId();
  const content = bodyOf(req.body, ctx, id);
  if ('error' in content) return refuse(400, 'INVALID_MESSAGE', 'Bad Request', content.error);
  const page: PageRec = {
    id,
    spaceId: space.id,
    title,
    parentId,
    authorId: principal.kind === 'user' ? principal.accountId : 'app',
    createdAt: ctx.now(),
    version: 1,
    text: content.text,
    macros: content.macros,
    ...(content.adf ? { adf: content.adf } : {}),
  };
  ctx.state.pages.push(page);
  if (!space.homepageId) space.homepageId = page.id;
  return { ok: true, page, space };
}

function bodyOf(
  raw: unknown,
  ctx: WriteContext,
  pageId: string,
): { text: string; macros: MacroRec[]; adf?: AdfNode[] } | { error: string } {
  if (raw === undefined) return { text: '', macros: [] };
  const body = raw as { representation?: unknown; value?: unknown };
  if (typeof body.value !== 'string') return { error: 'The body value must be a string.' };
  if (body.representation !== 'atlas_doc_format') return { text: body.value, macros: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(body.value);
  } catch {
    return { error: 'The atlas_doc_format body is not JSON.' };
  }
  const d = doc as { type?: unknown; version?: unknown; content?: unknown };
  if (d?.type !== 'doc' || d.version !== 1 || !Array.isArray(d.content))
    return { error: 'The atlas_doc_format body must be an ADF document: {"type":"doc","version":1,"content":[...]}.' };
  const macros: MacroRec[] = [];
  const prefix = `${ctx.appUuid}/${ctx.envId}/static/`;
  for (const node of d.content as AdfNode[]) {
    if (typeof node !== 'object' || node === null || typeof node.type !== 'string')
      return { error: 'Every node of an ADF document has a type.' };
    if (node.type !== 'extension') continue;
    const attrs = (node.attrs ?? {}) as {
      extensionType?: unknown;
      extensionKey?: unknown;
      localId?: unknown;
      parameters?: { guestParams?: unknown; extensionTitle?: unknown; localId?: unknown };
    };
    if (
      typeof attrs.extensionKey !== 'string' ||
      attrs.extensionKey === '' ||
      typeof attrs.extensionType !== 'string' ||
      attrs.extensionType === ''
    ) {
      return { error: 'An extension node needs a non-empty extensionKey and extensionType.' };
    }
    if (attrs.extensionType !== 'com.atlassian.ecosystem' || !attrs.extensionKey.startsWith(prefix)) continue;
    const guest = attrs.parameters?.guestParams;
    macros.push({
      moduleKey: attrs.extensionKey.slice(prefix.length),
      localId:
        typeof attrs.localId === 'string' && attrs.localId ? attrs.localId : `${pageId}-macro-${macros.length + 1}`,
      title:
        typeof attrs.parameters?.extensionTitle === 'string' ? attrs.parameters.extensionTitle : attrs.extensionKey,
      config: typeof guest === 'object' && guest !== null ? (guest as Record<string, unknown>) : {},
    });
  }
  return { text: '', macros, adf: d.content as AdfNode[] };
}
