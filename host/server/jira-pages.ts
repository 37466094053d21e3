// Stand-in Jira pages: home (projects, pilots, create), issue view with the app's panel, project settings page
// with the app's page, JQL search, transitions. Every Jira read and write goes through the OpenAPI-checked REST
// API as the signed-in person, the same way the app's own calls do.
import { issuePanelContext, projectSettingsContext } from '../forge/contexts';
import { renderFieldValue } from '../forge/custom-fields';
import type { CustomFieldDecl } from '../forge/manifest';
import { esc, forgeFrame } from './html';
import { issueContexts } from './surface-pages';
import { inboxPage } from './inbox-page';
import type { RequestContext } from './server';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export async function jiraPages(ctx: RequestContext): Promise<boolean> {
  const { url, req } = ctx;
  const path = url.pathname;
  if (path === '/' && req.method === 'GET') return home(ctx).then(() => true);
  if (path === '/jira/search' && req.method === 'GET') return search(ctx).then(() => true);
  if (path === '/jira/inbox' && req.method === 'GET') return inboxPage(ctx).then(() => true);
  if (path === '/host/issues' && req.method === 'POST') return createIssue(ctx).then(() => true);
  let m = /^\/jira\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(path);
  if (m && req.method === 'GET') return browse(ctx, m[1]!).then(() => true);
  m = /^\/host\/issues\/([A-Z][A-Z0-9_]*-\d+)\/panels\/([a-zA-Z0-9_-]+)$/.exec(path);
  if (m && req.method === 'POST') return addPanel(ctx, m[1]!, m[2]!).then(() => true);
  m = /^\/host\/issues\/([A-Z][A-Z0-9_]*-\d+)\/transitions$/.exec(path);
  if (m && req.method === 'POST') return transition(ctx, m[1]!).then(() => true);
  m = /^\/jira\/projects\/([A-Z][A-Z0-9_]*)\/settings$/.exec(path);
  if (m && req.method === 'GET') return settings(ctx, m[1]!).then(() => true);
  return false;
}

async function home(ctx: RequestContext): Promise<void> {
  const projects = arr(
    obj((await ctx.host.asUser(ctx.user, 'GET', '/rest/api/3/project/search?maxResults=50&expand=issueTypes')).body)
      .values,
  );
  // The form starts on the first project whose issue types include AI Pilot (Jira's create dialog does the same
  // with the type you asked for); other projects stay selectable and answer with Jira's reason.
  const hasPilotType = (p: Json) => arr(p.issueTypes).some((t) => t.name === 'AI Pilot');
  const defaultProject = projects.find(hasPilotType) ?? projects[0];
  const pilots = await ctx.host.asUser(ctx.user, 'POST', '/rest/api/3/search/jql', {
    jql: 'issuetype = "AI Pilot" ORDER BY key ASC',
    fields: ['summary', 'status', 'project'],
    maxResults: 100,
  });
  const rows = arr(obj(pilots.body).issues)
    .map((i) => {
      const f = obj(i.fields);
      return `<tr><td><a href="/jira/browse/${esc(i.key)}">${esc(i.key)}</a></td><td>${esc(f.summary)}</td><td>${esc(obj(f.status).name)}</td></tr>`;
    })
    .join('');
  const projectRows = projects
    .map(
      (p) =>
        `<tr><td>${esc(p.key)}</td><td>${esc(p.name)}</td><td><a href="/jira/projects/${esc(p.key)}/settings">AI Pilot settings</a></td></tr>`,
    )
    .join('');
  const projectOptions = projects
    .map(
      (p) =>
        `<option value="${esc(p.key)}"${p === defaultProject ? ' selected' : ''}>${esc(p.key)} · ${esc(p.name)}${hasPilotType(p) ? '' : ' (no AI Pilot type)'}</option>`,
    )
    .join('');
  ctx.render(
    'Home',
    'Local host',
    `<h1>Pilot-to-Production, running locally</h1>
<p>The real app against an in-process Jira and Confluence. Switch users at the top right.</p>
<div class="card"><h2>Create an AI Pilot</h2>
<form method="post" action="/host/issues" data-testid="create-issue">
<label>Project <select name="project">${projectOptions}</select></label>
<label>Type <select name="issuetype"><option>AI Pilot</option><option>Task</option></select></label>
<label>Summary <input name="summary" required size="40"></label>
<button type="submit">Create</button></form></div>
<div class="card"><h2>Projects you can see</h2><table><thead><tr><th>Key</th><th>Name</th><th></th></tr></thead><tbody>${projectRows}</tbody></table></div>
<div class="card"><h2>AI Pilots you can see</h2><table data-testid="pilot-list"><thead><tr><th>Key</th><th>Summary</th><th>Status</th></tr></thead><tbody>${rows || '<tr><td colspan="3">None</td></tr>'}</tbody></table></div>
<div class="card"><h2>Platform</h2><form method="post" action="/host/scan?back=/"><button type="submit" data-testid="run-scan">Run the daily stall scan now</button></form>
<p><a href="/confluence">Confluence pages with the portfolio macro</a></p></div>`,
  );
}

async function createIssue(ctx: RequestContext): Promise<void> {
  const form = await ctx.form();
  const response = await ctx.host.asUser(ctx.user, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: form.project },
      issuetype: { name: form.issuetype || 'AI Pilot' },
      summary: form.summary,
    },
  });
  if (response.status >= 300) {
    const problems = createProblems(response.status, response.body)
      .map((p) => `<li>${esc(p)}</li>`)
      .join('');
    return ctx.render(
      'Create failed',
      'Jira',
      `<h1>Jira refused to create the issue</h1><ul class="error" role="alert" data-testid="create-error">${problems}</ul><p><a href="/">Back to the form</a></p>`,
    );
  }
  ctx.redirect(`/jira/browse/${String(obj(response.body).key)}`);
}

/** The form's labels for the fields Jira names in its errors. */
const CREATE_LABELS: Record<string, string> = { project: 'Project', issuetype: 'Type', summary: 'Summary' };

/** Jira's error body (errorMessages + errors per field) as sentences naming the form's fields. */
export function createProblems(status: number, body: unknown): string[] {
  const b = obj(body);
  const problems = [
    ...arr(b.errorMessages).map(String),
    ...Object.entries(obj(b.errors)).map(([field, message]) => `${CREATE_LABELS[field] ?? field}: ${String(message)}`),
  ];
  return problems.length ? problems : [`Jira answered ${status}`];
}

async function browse(ctx: RequestContext, key: string): Promise<void> {
  const response = await ctx.host.asUser(ctx.user, 'GET', `/rest/api/3/issue/${key}?fields=*all`);
  if (response.status !== 200) {
    return ctx.render(
      key,
      'Jira',
      `<h1>${esc(key)}</h1><p class="error" data-testid="issue-error">${esc(arr(obj(response.body).errorMessages).join(' ') || `Jira answered ${response.status}`)}</p>`,
    );
  }
  const issue = obj(response.body);
  const fields = obj(issue.fields);
  const type = obj(fields.issuetype);
  const project = obj(fields.project);
  const transitions = arr(
    obj((await ctx.host.asUser(ctx.user, 'GET', `/rest/api/3/issue/${key}/transitions`)).body).transitions,
  );
  const allFields = arr((await ctx.host.asUser(ctx.user, 'GET', '/rest/api/3/field')).body);
  const appFields = allFields.filter((f) => String(obj(f.schema).custom ?? '').includes('/static/pilot-'));
  const startField = allFields.find((f) => f.name === 'Start date');
  // Jira's issue view lists child issues as they are; search lags writes, so the just-created ones are reconciled.
  const subtaskIds = arr(fields.subtasks).map((s) => Number(s.id));
  const subtaskDetails = subtaskIds.length
    ? arr(
        obj(
          (
            await ctx.host.asUser(ctx.user, 'POST', '/rest/api/3/search/jql', {
              jql: `parent = ${key} ORDER BY key ASC`,
              fields: ['summary', 'status', 'duedate', ...(startField ? [String(startField.id)] : [])],
              maxResults: 100,
              reconcileIssues: subtaskIds.slice(0, 50),
            })
          ).body,
        ).issues,
      )
    : [];
  const subtasks = subtaskDetails
    .map((s) => {
      const sf = obj(s.fields);
      return `<tr data-testid="subtask-${esc(s.key)}"><td><a href="/jira/browse/${esc(s.key)}">${esc(s.key)}</a></td><td>${esc(sf.summary)}</td><td>${esc(obj(sf.status).name)}</td><td data-testid="start">${esc(startField ? sf[String(startField.id)] : '')}</td><td data-testid="due">${esc(sf.duedate ?? '')}</td></tr>`;
    })
    .join('');
  const transitionButtons = transitions
    .map(
      (t) =>
        `<button type="submit" name="transition" value="${esc(t.id)}" data-testid="transition-${esc(t.name)}">${esc(t.name)}</button>`,
    )
    .join(' ');
  const flash = ctx.url.searchParams.get('error');
  const fieldRows = [
    ['Status', obj(fields.status).name],
    ['Project', `${String(project.key)} · ${String(project.name)}`],
    ['Due date', fields.duedate],
    ...appFields.map((f) => [String(f.name), renderFieldValue(fieldDecl(ctx, f), fields[String(f.id)])]),
  ]
    .map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td>${esc(value ?? '—')}</td></tr>`)
    .join('');
  // Jira evaluates the panel's displayConditions.issueType in the browser; so does the host. A panel whose
  // conditions hold is offered as an app icon on the issue; it appears once someone opens it from that icon (and
  // from then on stays on that issue), as Jira's jira:issuePanel does.
  const panelDecls = (ctx.host.manifest.modules['jira:issuePanel'] ?? []).filter(
    (d) => !d.displayConditions?.issueType || d.displayConditions.issueType === type.name,
  );
  const justAdded = ctx.url.searchParams.get('added');
  const appIcons = panelDecls
    .map(
      (d) =>
        `<form method="post" action="/host/issues/${esc(key)}/panels/${esc(d.key)}"><button type="submit" class="app-icon" data-testid="app-icon-${esc(d.key)}" title="${esc(d.title)}" aria-label="${esc(d.title)}"><img src="${esc(iconUrl(d.resource, d.icon))}" alt="" width="24" height="24"></button></form>`,
    )
    .join('');
  const panel = panelDecls
    .filter((d) => ctx.host.openedPanels.has(`${String(issue.id)}:${d.key}`))
    .map((d) => {
      const frameId = ctx.registerFrame({
        resource: d.resource,
        moduleKey: d.key,
        resolverFunction: d.resolver?.function ?? null,
        context: () =>
          issuePanelContext(
            ctx.host,
            ctx.user,
            { id: String(issue.id), key, typeName: String(type.name), typeId: String(type.id) },
            { id: String(project.id), key: String(project.key) },
            ctx.colorMode,
            justAdded === d.key,
          ),
      });
      return `<section class="card" id="panel-${esc(d.key)}" aria-label="${esc(d.title)}"><h2>${esc(d.title)}</h2>${forgeFrame(frameId, d.resource, d.title)}</section>`;
    })
    .join('');
  ctx.render(
    key,
    'Jira',
    `<p><a href="/">Projects</a> / ${esc(project.key)} / ${esc(key)}</p>
<h1 data-testid="issue-summary">${esc(fields.summary)}</h1>
<p>${esc(type.name)}${fields.parent ? ` · sub-task of <a href="/jira/browse/${esc(obj(fields.parent).key)}">${esc(obj(fields.parent).key)}</a>` : ''}</p>
${flash ? `<p class="error" role="alert" data-testid="transition-error">${esc(flash)}</p>` : ''}
<form method="post" action="/host/issues/${esc(key)}/transitions" data-testid="transitions">${transitionButtons}</form>
${appIcons ? `<div class="app-icons" role="group" aria-label="Apps" data-testid="app-icons">${appIcons}</div>` : ''}
<div class="columns"><div>
${panel}
<section class="card"><h2>Sub-tasks</h2><table data-testid="subtasks"><thead><tr><th>Key</th><th>Summary</th><th>Status</th><th>Start date</th><th>Due date</th></tr></thead><tbody>${subtasks || '<tr><td colspan="5">None</td></tr>'}</tbody></table></section>
</div><aside>${await issueContexts(ctx, { id: String(issue.id), key, typeName: String(type.name), typeId: String(type.id) }, { id: String(project.id), key: String(project.key) })}<section class="card"><h2>Details</h2><table data-testid="issue-fields">${fieldRows}</table></section></aside></div>`,
  );
}

// Jira shows a generic app icon when the module's icon cannot be loaded; the offline host never fetches from the
// internet, so an absolute icon URL gets that generic icon too.
const GENERIC_APP_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="3" y="3" width="8" height="8" rx="2" fill="#0c66e4"/><rect x="13" y="3" width="8" height="8" rx="2" fill="#1d7afc"/><rect x="3" y="13" width="8" height="8" rx="2" fill="#1d7afc"/><rect x="13" y="13" width="8" height="8" rx="2" fill="#0c66e4"/></svg>')}`;

/** The panel's icon: a path inside its resource, or the generic app icon. */
function iconUrl(resource: string, icon: string | undefined): string {
  if (!icon || /^[a-z]+:/i.test(icon)) return GENERIC_APP_ICON;
  return `/app/${resource}/${icon.replace(/^\.?\//, '')}`;
}

/** Adds an issue panel to the issue, as clicking its app icon does in Jira; the panel then stays on that issue. */
async function addPanel(ctx: RequestContext, key: string, moduleKey: string): Promise<void> {
  const response = await ctx.host.asUser(ctx.user, 'GET', `/rest/api/3/issue/${key}?fields=issuetype`);
  const decl = (ctx.host.manifest.modules['jira:issuePanel'] ?? []).find((d) => d.key === moduleKey);
  if (response.status !== 200 || !decl) return ctx.redirect(`/jira/browse/${key}`);
  const id = String(obj(response.body).id);
  const added = !ctx.host.openedPanels.has(`${id}:${moduleKey}`);
  ctx.host.openedPanels.add(`${id}:${moduleKey}`);
  ctx.host.markDirty();
  ctx.redirect(
    `/jira/browse/${key}${added ? `?added=${encodeURIComponent(moduleKey)}` : ''}#panel-${encodeURIComponent(moduleKey)}`,
  );
}

/** The manifest's jira:customField module behind a Forge field (its schema.custom ends in /static/<module key>). */
function fieldDecl(ctx: RequestContext, field: Json): CustomFieldDecl | undefined {
  const moduleKey = String(obj(field.schema).custom ?? '').split('/static/')[1];
  return (ctx.host.manifest.modules['jira:customField'] ?? []).find((d) => d.key === moduleKey);
}

async function transition(ctx: RequestContext, key: string): Promise<void> {
  const form = await ctx.form();
  const response = await ctx.host.asUser(ctx.user, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: form.transition },
  });
  await ctx.host.runner.idle();
  if (response.status >= 300) {
    const body = obj(response.body);
    const message =
      [...arr(body.errorMessages).map(String), ...Object.values(obj(body.errors)).map(String)].join(' ') ||
      `Jira answered ${response.status}`;
    return ctx.redirect(`/jira/browse/${key}?error=${encodeURIComponent(message)}`);
  }
  ctx.redirect(`/jira/browse/${key}`);
}

async function settings(ctx: RequestContext, projectKey: string): Promise<void> {
  const response = await ctx.host.asUser(ctx.user, 'GET', `/rest/api/3/project/${projectKey}`);
  if (response.status !== 200)
    return ctx.render(
      projectKey,
      'Jira',
      `<h1>${esc(projectKey)}</h1><p class="error">You cannot see this project.</p>`,
    );
  const project = obj(response.body);
  const decl = (ctx.host.manifest.modules['jira:projectSettingsPage'] ?? [])[0];
  if (!decl) return ctx.render(projectKey, 'Jira', '<p>No project settings page in the manifest.</p>');
  const frameId = ctx.registerFrame({
    resource: decl.resource,
    moduleKey: decl.key,
    resolverFunction: decl.resolver?.function ?? null,
    context: () =>
      projectSettingsContext(ctx.host, ctx.user, { id: String(project.id), key: projectKey }, ctx.colorMode),
  });
  ctx.render(
    `${projectKey} settings`,
    'Jira',
    `<p><a href="/">Projects</a> / ${esc(projectKey)} / Project settings / Apps</p><h1>${esc(decl.title)}</h1>${forgeFrame(frameId, decl.resource, decl.title)}`,
  );
}

async function search(ctx: RequestContext): Promise<void> {
  const jql = ctx.url.searchParams.get('jql') ?? 'issuetype = "AI Pilot" ORDER BY key ASC';
  const response = await ctx.host.asUser(ctx.user, 'POST', '/rest/api/3/search/jql', {
    jql,
    fields: ['summary', 'status', 'issuetype'],
    maxResults: 100,
  });
  const body = obj(response.body);
  const result =
    response.status === 200
      ? `<table data-testid="search-results"><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th></tr></thead><tbody>${arr(
          body.issues,
        )
          .map((i) => {
            const f = obj(i.fields);
            return `<tr><td><a href="/jira/browse/${esc(i.key)}">${esc(i.key)}</a></td><td>${esc(obj(f.issuetype).name)}</td><td>${esc(f.summary)}</td><td>${esc(obj(f.status).name)}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : `<p class="error" role="alert" data-testid="search-error">${esc(arr(body.errorMessages).join(' '))}</p>`;
  ctx.render(
    'Search',
    'Jira',
    `<h1>Search issues</h1><form method="get" action="/jira/search"><label>JQL <input name="jql" size="90" value="${esc(jql)}" data-testid="jql-input"></label> <button>Search</button></form>${result}`,
  );
}
