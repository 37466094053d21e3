// Page and space JSON in the Confluence v2 shapes; page bodies in storage and ADF form with the Forge macros.
import { adfToHtml } from './adf-html';
import type { AdfNode, MacroRec, PageRec, SpaceRec } from './state';

export interface RenderContext {
  baseUrl: string;
  appUuid: string;
  envId: string;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const extensionKey = (ctx: RenderContext, m: MacroRec): string =>
  `${ctx.appUuid}/${ctx.envId}/static/${m.moduleKey}`;

function macroAdf(ctx: RenderContext, m: MacroRec): Record<string, unknown> {
  return {
    type: 'extension',
    attrs: {
      extensionType: 'com.atlassian.ecosystem',
      extensionKey: extensionKey(ctx, m),
      parameters: {
        localId: m.localId,
        extensionId: `ari:cloud:ecosystem::extension/${extensionKey(ctx, m)}`,
        extensionTitle: m.title,
        guestParams: m.config,
      },
      layout: 'default',
      localId: m.localId,
    },
  };
}

function macroStorage(ctx: RenderContext, m: MacroRec): string {
  const params = Object.entries(m.config)
    .map(
      ([k, v]) =>
        `<ac:adf-parameter key="${escapeXml(k)}">${escapeXml(typeof v === 'string' ? v : JSON.stringify(v))}</ac:adf-parameter>`,
    )
    .join('');
  return (
    '<ac:adf-extension><ac:adf-node type="extension">' +
    `<ac:adf-attribute key="extension-key">${escapeXml(extensionKey(ctx, m))}</ac:adf-attribute>` +
    '<ac:adf-attribute key="extension-type">com.atlassian.ecosystem</ac:adf-attribute>' +
    '<ac:adf-attribute key="parameters">' +
    `<ac:adf-parameter key="local-id">${escapeXml(m.localId)}</ac:adf-parameter>` +
    `<ac:adf-parameter key="extension-title">${escapeXml(m.title)}</ac:adf-parameter>` +
    `<ac:adf-parameter key="guest-params">${params}</ac:adf-parameter>` +
    '</ac:adf-attribute><ac:adf-attribute key="layout">default</ac:adf-attribute>' +
    `<ac:adf-attribute key="local-id">${escapeXml(m.localId)}</ac:adf-attribute>` +
    '</ac:adf-node></ac:adf-extension>'
  );
}

/** A page written in ADF, with each macro's guestParams as its config stands now (the config view may have changed it). */
function storedAdf(ctx: RenderContext, page: PageRec, adf: AdfNode[]): AdfNode[] {
  return adf.map((node) => {
    const localId = (node.attrs as { localId?: unknown } | undefined)?.localId;
    const macro = node.type === 'extension' ? page.macros.find((m) => m.localId === localId) : undefined;
    return macro ? macroAdf(ctx, macro) : node;
  });
}

export function pageBody(ctx: RenderContext, page: PageRec, format: string): Record<string, unknown> {
  if (page.adf) {
    const adf = storedAdf(ctx, page, page.adf);
    if (format === 'atlas_doc_format')
      return {
        atlas_doc_format: {
          representation: 'atlas_doc_format',
          value: JSON.stringify({ type: 'doc', version: 1, content: adf }),
        },
      };
    const storage = adfToHtml(adf, (node) => {
      const macro = page.macros.find((m) => m.localId === (node.attrs as { localId?: unknown } | undefined)?.localId);
      return macro ? macroStorage(ctx, macro) : '';
    });
    return { [format]: { representation: format, value: storage } };
  }
  if (format === 'atlas_doc_format') {
    const paragraphs = page.text
      ? [{ type: 'paragraph', content: [{ type: 'text', text: page.text.replace(/<[^>]+>/g, '') }] }]
      : [];
    const doc = { type: 'doc', version: 1, content: [...paragraphs, ...page.macros.map((m) => macroAdf(ctx, m))] };
    return { atlas_doc_format: { representation: 'atlas_doc_format', value: JSON.stringify(doc) } };
  }
  const storage = `${page.text}${page.macros.map((m) => macroStorage(ctx, m)).join('')}`;
  return { [format]: { representation: format, value: storage } };
}

export function pageJson(
  ctx: RenderContext,
  page: PageRec,
  space: SpaceRec,
  opts: { bodyFormat?: string; includeVersion: boolean },
): Record<string, unknown> {
  return {
    id: page.id,
    status: 'current',
    title: page.title,
    spaceId: page.spaceId,
    ...(page.parentId ? { parentId: page.parentId, parentType: 'page' } : {}),
    position: null,
    authorId: page.authorId,
    ownerId: page.authorId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    ...(opts.includeVersion
      ? {
          version: {
            createdAt: page.createdAt,
            message: '',
            number: page.version,
            minorEdit: false,
            authorId: page.authorId,
          },
        }
      : {}),
    body: opts.bodyFormat ? pageBody(ctx, page, opts.bodyFormat) : {},
    _links: {
      webui: `/spaces/${space.key}/pages/${page.id}/${encodeURIComponent(page.title.replace(/\s+/g, '+'))}`,
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
      base: `${ctx.baseUrl}/wiki`,
    },
  };
}

export function spaceJson(space: SpaceRec): Record<string, unknown> {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: 'current',
    authorId: space.authorId,
    createdAt: space.createdAt,
    ...(space.homepageId ? { homepageId: space.homepageId } : {}),
    _links: { webui: `/spaces/${space.key}` },
  };
}
