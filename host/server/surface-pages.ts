// Stand-in Jira and Confluence for the issue-13 surfaces, drawn from the manifest: each person's dashboard with the
// app's gadgets (view and edit views, configuration kept per gadget), the Apps menu with the app's global pages,
// the issue context (glance) on the issue view with its dynamic status, and a Confluence page's export, where each
// app macro is replaced by what its adfExport function returns (checked against Atlassian's ADF schema).
import type { GlanceStatus } from '../forge/manifest';
import {
  adfExportPayload,
  dynamicPropertiesPayload,
  gadgetContext,
  globalPageContext,
  issueContextContext,
} from '../forge/surface-contexts';
import { adfProblem } from '../confluence/adf-check';
import { GadgetConfigRefused } from '../jira/dashboards';
import { esc, forgeFrame } from './html';
import type { RequestContext } from './server';

export async function surfacePages(ctx: RequestContext): Promise<boolean> {
  const { url, req } = ctx;
  const path = url.pathname;
  if (path === '/jira/dashboard' && req.method === 'GET') {
    ctx.redirect(`/jira/dashboards/${ctx.host.dashboards.dashboardOf(ctx.user)}`);
    return true;
  }
  let m = /^\/jira\/dashboards\/([\w:-]+)$/.exec(path);
  if (m && req.method === 'GET') return dashboard(ctx, m[1]!).then(() => true);
  if (path === '/host/gadgets' && req.method === 'POST') return addGadget(ctx).then(() => true);
  m = /^\/host\/gadgets\/([\w-]+)\/(edit|remove)$/.exec(path);
  if (m && req.method === 'POST') return gadgetAction(ctx, m[1]!, m[2] as 'edit' | 'remove').then(() => true);
  if (path === '/jira/apps' && req.method === 'GET') return apps(ctx).then(() => true);
  m = /^\/jira\/apps\/([\w-]+)$/.exec(path);
  if (m && req.method === 'GET') return globalPage(ctx, m[1]!).then(() => true);
  m = /^\/confluence\/pages\/(\d+)\/export$/.exec(path);
  if (m && req.method === 'GET') return exportPage(ctx, m[1]!).then(() => true);
  return false;
}

// ---- dashboards ----

function gadgetDecls(ctx: RequestContext) {
  return ctx.host.manifest.modules['jira:dashboardGadget'] ?? [];
}

async function dashboard(ctx: RequestContext, dashboardId: string): Promise<void> {
  const { dashboards } = ctx.host;
  if (dashboardId !== dashboards.dashboardOf(ctx.user)) {
    return ctx.render(
      'Dashboard',
      'Jira',
      '<h1>Dashboard not found</h1><p class="error" role="alert">This dashboard does not exist or is not shared with you.</p>',
    );
  }
  const choices = gadgetDecls(ctx)
    .map((d) => `<option value="${esc(d.key)}">${esc(d.title)}: ${esc(d.description)}</option>`)
    .join('');
  const gadgets = dashboards
    .onDashboard(dashboardId)
    .map((g) => {
      const d = gadgetDecls(ctx).find((x) => x.key === g.moduleKey);
      if (!d) return `<section class="card"><p class="error">This gadget's app no longer provides it.</p></section>`;
      const editing = dashboards.editing.has(g.id) && Boolean(d.edit?.resource);
      const resource = editing ? d.edit!.resource : d.resource;
      const frameId = ctx.registerFrame({
        resource,
        moduleKey: d.key,
        resolverFunction: d.resolver?.function ?? null,
        context: () =>
          gadgetContext(ctx.host, ctx.user, dashboards.find(g.id) ?? g, editing ? 'edit' : 'view', ctx.colorMode),
        ...(editing
          ? {
              submit: (payload: unknown) => {
                try {
                  dashboards.configure(g.id, ctx.user, payload);
                } catch (error) {
                  if (error instanceof GadgetConfigRefused)
                    throw new Error(`Jira refused the gadget's configuration: ${error.message}`);
                  throw error;
                }
                ctx.host.markDirty();
                return true;
              },
            }
          : {}),
      });
      const refresh = typeof g.configuration?.refresh === 'number' ? g.configuration.refresh : null;
      return `<section class="card" data-testid="gadget-${esc(g.id)}" aria-label="${esc(d.title)}"><h2>${esc(d.title)}${editing ? ' · configure' : ''}</h2>
<p><form method="post" action="/host/gadgets/${esc(g.id)}/edit" style="display:inline"><button type="submit" data-testid="gadget-configure"${editing ? ' disabled' : ''}>Configure</button></form>
<button type="button" data-testid="gadget-refresh-now" onclick="document.querySelector('iframe[data-frame=&quot;${esc(frameId)}&quot;]').contentWindow.location.reload()"${editing ? ' disabled' : ''}>Refresh</button>
<form method="post" action="/host/gadgets/${esc(g.id)}/remove" style="display:inline"><button type="submit" data-testid="gadget-remove">Remove</button></form></p>
${forgeFrame(frameId, resource, `${d.title}${editing ? ' configuration' : ''}`).replace('<iframe ', `<iframe${refresh && !editing ? ` data-refresh-minutes="${refresh}"` : ''} `)}</section>`;
    })
    .join('');
  ctx.render(
    'Dashboard',
    'Jira',
    `<p><a href="/">Projects</a> / Dashboards</p><h1>Your dashboard</h1>
<div class="card"><form method="post" action="/host/gadgets" data-testid="add-gadget"><label>Gadget <select name="moduleKey">${choices}</select></label> <button type="submit">Add gadget</button></form></div>
${gadgets || '<p data-testid="no-gadgets">No gadgets on this dashboard yet.</p>'}
<script>document.querySelectorAll('iframe[data-refresh-minutes]').forEach(function (f) { setInterval(function () { f.contentWindow.location.reload(); }, Number(f.dataset.refreshMinutes) * 60000); });</script>`,
  );
}

async function addGadget(ctx: RequestContext): Promise<void> {
  const form = await ctx.form();
  if (!gadgetDecls(ctx).some((d) => d.key === form.moduleKey)) return ctx.redirect('/jira/dashboard');
  ctx.host.dashboards.add(ctx.host.dashboards.dashboardOf(ctx.user), String(form.moduleKey));
  ctx.host.markDirty();
  ctx.redirect('/jira/dashboard');
}

async function gadgetAction(ctx: RequestContext, id: string, action: 'edit' | 'remove'): Promise<void> {
  const { dashboards } = ctx.host;
  const gadget = dashboards.find(id);
  // Only the dashboard's owner configures or removes its gadgets.
  if (gadget && gadget.dashboardId === dashboards.dashboardOf(ctx.user)) {
    if (action === 'edit') dashboards.editing.add(id);
    else dashboards.remove(id);
    ctx.host.markDirty();
  }
  ctx.redirect('/jira/dashboard');
}

// ---- global pages (Apps menu) ----

async function apps(ctx: RequestContext): Promise<void> {
  const pages = (ctx.host.manifest.modules['jira:globalPage'] ?? [])
    .map((d) => `<li><a href="/jira/apps/${esc(d.key)}">${esc(d.title)}</a></li>`)
    .join('');
  ctx.render('Apps', 'Jira', `<h1>Apps</h1><ul data-testid="app-pages">${pages || '<li>No app pages</li>'}</ul>`);
}

async function globalPage(ctx: RequestContext, moduleKey: string): Promise<void> {
  const d = (ctx.host.manifest.modules['jira:globalPage'] ?? []).find((x) => x.key === moduleKey);
  if (!d) return ctx.render('Not found', 'Jira', '<h1>Page not found</h1>');
  const frameId = ctx.registerFrame({
    resource: d.resource,
    moduleKey: d.key,
    resolverFunction: d.resolver?.function ?? null,
    context: () => globalPageContext(ctx.host, ctx.user, ctx.colorMode, d.key),
  });
  ctx.render(
    d.title,
    'Jira',
    `<p><a href="/jira/apps">Apps</a> / ${esc(d.title)}</p>${forgeFrame(frameId, d.resource, d.title)}`,
  );
}

// ---- issue context (glance) ----

const LOZENGE_TYPES = new Set(['default', 'inprogress', 'moved', 'new', 'removed', 'success']);

/** The manifest's status shape (type badge|lozenge|icon, value.label 1-255 characters); anything else is ignored, as Jira ignores it. */
function validStatus(value: unknown): GlanceStatus | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as { type?: unknown; value?: { label?: unknown; type?: unknown; url?: unknown } };
  if (s.type !== 'badge' && s.type !== 'lozenge' && s.type !== 'icon') return null;
  const label = s.value?.label;
  if (typeof label !== 'string' || label.length < 1 || label.length > 255) return null;
  if (s.value?.type !== undefined && !LOZENGE_TYPES.has(String(s.value.type))) return null;
  if (s.type === 'badge' && !/^\d+$/.test(label)) return null;
  return s as GlanceStatus;
}

/**
 * The issue view's issue context panels whose display conditions hold: a button with the label and status (from
 * the dynamicProperties function, called as the viewer), expanding into the module's frame.
 */
export async function issueContexts(
  ctx: RequestContext,
  issue: { id: string; key: string; typeName: string; typeId: string },
  project: { id: string; key: string },
): Promise<string> {
  const decls = (ctx.host.manifest.modules['jira:issueContext'] ?? []).filter(
    (d) => !d.displayConditions?.issueType || d.displayConditions.issueType === issue.typeName,
  );
  const expanded = ctx.url.searchParams.get('context');
  const parts: string[] = [];
  for (const d of decls) {
    let status = d.status ? validStatus(d.status) : null;
    if (d.dynamicProperties?.function) {
      try {
        const props = await ctx.host.runner.invokeFunction(
          d.dynamicProperties.function,
          d.key,
          dynamicPropertiesPayload(ctx.host, issue, project),
          ctx.user,
        );
        const dynamic = validStatus((props as { status?: unknown } | null)?.status);
        if (dynamic) status = dynamic;
      } catch (error) {
        console.warn(`[host] dynamicProperties of ${d.key} failed: ${String(error)}`);
      }
    }
    const open = expanded === d.key;
    const statusHtml = status
      ? ` <span class="lozenge" data-testid="glance-status-${esc(d.key)}" data-appearance="${esc(status.value.type ?? 'default')}">${esc(status.value.label)}</span>`
      : '';
    const href = open
      ? `/jira/browse/${esc(issue.key)}`
      : `/jira/browse/${esc(issue.key)}?context=${encodeURIComponent(d.key)}#context-${esc(d.key)}`;
    let frame = '';
    if (open) {
      const frameId = ctx.registerFrame({
        resource: d.resource,
        moduleKey: d.key,
        resolverFunction: d.resolver?.function ?? null,
        context: () => issueContextContext(ctx.host, ctx.user, issue, project, ctx.colorMode, d.key),
      });
      frame = forgeFrame(frameId, d.resource, d.title);
    }
    parts.push(
      `<section class="card" id="context-${esc(d.key)}" data-testid="issue-context-${esc(d.key)}"><a href="${href}" role="button" aria-expanded="${open}" data-testid="glance-${esc(d.key)}">${esc(d.label)}</a>${statusHtml}${open ? `<h2>${esc(d.title)}</h2>${frame}` : ''}</section>`,
    );
  }
  return parts.join('');
}

// ---- Confluence page export ----

type Json = Record<string, unknown>;

async function exportPage(ctx: RequestContext, pageId: string): Promise<void> {
  const { host } = ctx;
  const send = (status: number, body: unknown) => {
    ctx.res.writeHead(status, { 'content-type': 'application/json' });
    ctx.res.end(JSON.stringify(body, null, 2));
  };
  const exportType = ctx.url.searchParams.get('type') ?? 'pdf';
  if (exportType !== 'pdf' && exportType !== 'word' && exportType !== 'other')
    return send(400, { errorMessages: ['type must be pdf, word or other'] });
  const page = host.confluence.state.pages.find((p) => p.id === pageId);
  const space = page && host.confluence.state.spaces.find((s) => s.id === page.spaceId);
  if (!page || !space) return send(404, { errorMessages: ['Page not found'] });
  const text = page.text.replace(/<[^>]+>/g, '').trim();
  const content: Json[] = text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [];
  for (const macro of page.macros) {
    const decl = (host.manifest.modules.macro ?? []).find((d) => d.key === macro.moduleKey);
    if (!decl?.adfExport?.function) {
      // Without an adfExport function, Confluence exports the macro as an empty frame.
      content.push({ type: 'paragraph', content: [{ type: 'text', text: `[${macro.title}]` }] });
      continue;
    }
    const payload = adfExportPayload(
      host,
      ctx.user,
      exportType,
      { id: page.id, spaceId: space.id, spaceKey: space.key },
      { localId: macro.localId, config: macro.config },
    );
    let doc: unknown;
    try {
      doc = await host.runner.invokeFunction(decl.adfExport.function, decl.key, payload, ctx.user);
    } catch (error) {
      return send(502, {
        errorMessages: [
          `The adfExport function of ${decl.key} (macro ${macro.localId}) failed: ${error instanceof Error ? error.message : String(error)}`,
        ],
      });
    }
    const problem = adfProblem(doc);
    if (problem)
      return send(502, {
        errorMessages: [
          `The adfExport function of ${decl.key} (macro ${macro.localId}) returned invalid ADF: ${problem}`,
        ],
      });
    content.push(...((doc as { content: Json[] }).content ?? []));
  }
  send(200, { title: page.title, exportType, body: { type: 'doc', version: 1, content } });
}
