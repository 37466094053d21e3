// Stand-in Confluence: pages carrying the app's portfolio macro, the macro's custom config dialog (insert and
// edit), and page creation. The macro frame reads its saved config through getContext, as in Confluence.
import { randomUUID } from 'node:crypto';
import { macroContext } from '../forge/contexts';
import { adfToHtml } from '../confluence/adf-html';
import { can } from '../confluence/pages-write';
import { esc, forgeFrame } from './html';
import type { RequestContext } from './server';

export async function confluencePages(ctx: RequestContext): Promise<boolean> {
  const { url, req } = ctx;
  if (url.pathname === '/confluence' && req.method === 'GET') return listPages(ctx).then(() => true);
  if (url.pathname === '/host/confluence/pages' && req.method === 'POST') return createPage(ctx).then(() => true);
  const m = /^\/confluence\/pages\/(\d+)$/.exec(url.pathname);
  if (m && req.method === 'GET') return showPage(ctx, m[1]!).then(() => true);
  return false;
}

async function listPages(ctx: RequestContext): Promise<void> {
  const { state } = ctx.host.confluence;
  const rows = state.pages
    .map(
      (p) =>
        `<tr><td><a href="/confluence/pages/${esc(p.id)}">${esc(p.title)}</a></td><td>${esc(state.spaces.find((s) => s.id === p.spaceId)?.key)}</td><td>${p.macros.length}</td></tr>`,
    )
    .join('');
  const spaces = state.spaces
    .map((s) => `<option value="${esc(s.key)}">${esc(s.key)} · ${esc(s.name)}</option>`)
    .join('');
  ctx.render(
    'Pages',
    'Confluence',
    `<h1>Pages</h1><table data-testid="page-list"><thead><tr><th>Title</th><th>Space</th><th>Macros</th></tr></thead><tbody>${rows || '<tr><td colspan="3">No pages yet</td></tr>'}</tbody></table>
<div class="card"><h2>Create a page</h2><form method="post" action="/host/confluence/pages"><label>Space <select name="space">${spaces}</select></label> <label>Title <input name="title" required></label> <button>Create</button></form></div>`,
  );
}

async function createPage(ctx: RequestContext): Promise<void> {
  const form = await ctx.form();
  const page = ctx.host.confluence.addPage({
    spaceKey: form.space ?? '',
    title: form.title || 'Untitled',
    authorId: ctx.user,
    text: '<p></p>',
  });
  ctx.host.markDirty();
  ctx.redirect(`/confluence/pages/${page.id}`);
}

async function showPage(ctx: RequestContext, pageId: string): Promise<void> {
  const { host } = ctx;
  const page = host.confluence.state.pages.find((p) => p.id === pageId);
  const space = page && host.confluence.state.spaces.find((s) => s.id === page.spaceId);
  const decl = (host.manifest.modules.macro ?? [])[0];
  if (!page || !space || !decl || !can(space, { kind: 'user', accountId: ctx.user }, 'view'))
    return ctx.render('Not found', 'Confluence', '<h1>Page not found</h1>');
  const pageRef = { id: page.id, spaceId: space.id, spaceKey: space.key };
  const configResource = decl.config?.resource ?? decl.resource;

  const macroHtml = page.macros
    .filter((m) => m.moduleKey === decl.key)
    .map((macro) => {
      const viewFrame = ctx.registerFrame({
        resource: decl.resource,
        moduleKey: decl.key,
        resolverFunction: decl.resolver?.function ?? null,
        context: () =>
          macroContext(
            host,
            ctx.user,
            pageRef,
            { localId: macro.localId, config: currentConfig(ctx, pageId, macro.localId) },
            { isConfiguring: false, isInserting: false },
            ctx.colorMode,
          ),
      });
      const configFrame = ctx.registerFrame({
        resource: configResource,
        moduleKey: decl.key,
        resolverFunction: decl.resolver?.function ?? null,
        context: () =>
          macroContext(
            host,
            ctx.user,
            pageRef,
            { localId: macro.localId, config: currentConfig(ctx, pageId, macro.localId) },
            { isConfiguring: true, isInserting: false },
            ctx.colorMode,
          ),
        submit: (payload) => {
          host.confluence.setMacroConfig(pageId, macro.localId, configOf(payload));
          host.markDirty();
          return true;
        },
      });
      const html = `<section class="card" data-testid="macro-${esc(macro.localId)}"><p><button type="button" data-testid="edit-macro" onclick="document.getElementById('cfg-${esc(macro.localId)}').showModal()">Edit macro</button></p>
${forgeFrame(viewFrame, decl.resource, decl.title)}
<dialog id="cfg-${esc(macro.localId)}" data-view-frame="${esc(viewFrame)}" aria-label="${esc(decl.config && 'title' in decl.config ? String((decl.config as { title?: string }).title) : decl.title)}">${forgeFrame(configFrame, configResource, `${decl.title} configuration`)}</dialog></section>`;
      return { localId: macro.localId, html };
    });
  // A page written in ADF (the app's production pathway page) shows its content with each macro in its place.
  const inPlace = new Set<string>();
  const content = page.adf
    ? `<div class="card" data-testid="page-body">${adfToHtml(page.adf, (node) => {
        const localId = (node.attrs as { localId?: unknown } | undefined)?.localId;
        const found = macroHtml.find((m) => m.localId === localId);
        if (!found) return '<p>[macro of another app]</p>';
        inPlace.add(found.localId);
        return found.html;
      })}</div>`
    : '';
  const macros =
    content +
    macroHtml
      .filter((m) => !inPlace.has(m.localId))
      .map((m) => m.html)
      .join('');

  const newLocalId = randomUUID();
  const insertFrame = ctx.registerFrame({
    resource: configResource,
    moduleKey: decl.key,
    resolverFunction: decl.resolver?.function ?? null,
    context: () =>
      macroContext(
        host,
        ctx.user,
        pageRef,
        { localId: newLocalId, config: undefined },
        { isConfiguring: true, isInserting: true },
        ctx.colorMode,
      ),
    submit: (payload) => {
      const target = host.confluence.state.pages.find((p) => p.id === pageId);
      if (!target) return false;
      target.macros.push({ moduleKey: decl.key, localId: newLocalId, title: decl.title, config: configOf(payload) });
      target.version += 1;
      host.markDirty();
      return true;
    },
  });
  ctx.render(
    page.title,
    'Confluence',
    `<p><a href="/confluence">${esc(space.name)}</a></p><h1 data-testid="page-title">${esc(page.title)}</h1>
<p><a href="/confluence/pages/${esc(page.id)}/export?type=pdf" data-testid="export-page">Export to PDF (ADF)</a></p>
<p><button type="button" data-testid="insert-macro" onclick="document.getElementById('insert-dialog').showModal()">Insert “${esc(decl.title)}” macro</button></p>
${macros || '<p data-testid="no-macros">This page has no portfolio macro yet.</p>'}
<dialog id="insert-dialog" aria-label="Insert ${esc(decl.title)}">${forgeFrame(insertFrame, configResource, `${decl.title} configuration`)}</dialog>`,
  );
}

function currentConfig(ctx: RequestContext, pageId: string, localId: string): Record<string, unknown> | undefined {
  return ctx.host.confluence.state.pages.find((p) => p.id === pageId)?.macros.find((m) => m.localId === localId)
    ?.config;
}

function configOf(payload: unknown): Record<string, unknown> {
  const config = typeof payload === 'object' && payload !== null ? (payload as { config?: unknown }).config : undefined;
  return typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
}
