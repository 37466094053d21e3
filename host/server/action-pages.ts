// "Rovo & Automation": the host's stand-in for Rovo chat and the Automation rule builder. It lists the manifest's
// agents, their actions and the actions of every automation:actionProvider; the person picks one, fills the inputs
// the manifest declares (the form is generated from them), and the action runs as the signed-in user through the
// app runner (host/forge/actions.ts). No language model: inputs are typed by the person, not extracted from chat.
import {
  agents,
  declaredActions,
  fromForm,
  runAction,
  type ActionRun,
  type DeclaredAction,
  type Surface,
} from '../forge/actions';
import type { LocalHost } from '../host';
import { esc, forgeFrame } from './html';
import type { RequestContext } from './server';

/**
 * What Automation keeps of a rule component's configuration: the inputs the action's config form last sent with
 * view.submit, and the fields the last validation found invalid (handed back as extension.errors.invalidInputs).
 * One per person and action here; on a site it belongs to the rule being edited.
 */
interface SavedConfig {
  inputs: Record<string, unknown>;
  invalidInputs: Record<string, { message: string }>;
}
const configs = new WeakMap<LocalHost, Map<string, SavedConfig>>();

export function savedConfig(host: LocalHost, accountId: string, actionKey: string): SavedConfig {
  let forHost = configs.get(host);
  if (!forHost) configs.set(host, (forHost = new Map()));
  const id = `${accountId}:${actionKey}`;
  let saved = forHost.get(id);
  if (!saved) forHost.set(id, (saved = { inputs: {}, invalidInputs: {} }));
  return saved;
}

const SURFACE_LABEL: Record<Surface, string> = { rovo: 'Rovo agent action', automation: 'Jira Automation action' };

export async function actionPages(ctx: RequestContext): Promise<boolean> {
  const { url, req } = ctx;
  if (url.pathname === '/host/actions' && req.method === 'GET') {
    renderPage(ctx, url.searchParams.get('action'), surfaceOf(url.searchParams.get('surface')), {}, null);
    return true;
  }
  if (url.pathname === '/host/actions' && req.method === 'POST') {
    const form = await ctx.form();
    const key = form.__action ?? '';
    const surface = surfaceOf(form.__surface ?? null);
    const action = declaredActions(ctx.host).find((a) => a.key === key);
    // An Automation action with a config form runs with what that form submitted; otherwise the host's own form.
    const config =
      action && surface === 'automation' && action.config?.resource ? savedConfig(ctx.host, ctx.user, key) : null;
    const inputs = config ? { ...config.inputs } : action ? fromForm(action, form) : {};
    const run = await runAction(ctx.host, key, inputs, ctx.user, surface ?? undefined);
    if (config)
      config.invalidInputs =
        run.status === 'refused'
          ? Object.fromEntries(run.problems.filter((p) => p.input).map((p) => [p.input, { message: p.message }]))
          : {};
    renderPage(ctx, key, surface, form, run);
    return true;
  }
  return false;
}

function surfaceOf(value: string | null): Surface | null {
  return value === 'rovo' || value === 'automation' ? value : null;
}

function renderPage(
  ctx: RequestContext,
  selected: string | null,
  surface: Surface | null,
  form: Record<string, string>,
  run: ActionRun | null,
): void {
  const actions = declaredActions(ctx.host);
  const me = ctx.users().find((u) => u.accountId === ctx.user)?.displayName ?? ctx.user;
  const link = (a: DeclaredAction, s: Surface) =>
    `<li><a href="/host/actions?action=${encodeURIComponent(a.key)}&amp;surface=${s}" data-testid="pick-${esc(a.key)}"${a.key === selected ? ' aria-current="true"' : ''}>${esc(a.name)}</a> <small>(${esc(a.actionVerb)})</small><br><small>${esc(a.description)}</small></li>`;
  const agentCards = agents(ctx.host)
    .map((g) => {
      const own = actions.filter((a) => g.actions?.includes(a.key));
      return `<div class="card"><h2>Rovo agent: ${esc(g.name)}</h2><p>${esc(g.description ?? '')}</p>
<details><summary>Prompt (from manifest.yml)</summary><pre style="white-space:pre-wrap">${esc(g.prompt)}</pre></details>
<p>Conversation starters: ${(g.conversationStarters ?? []).map((c) => `<q>${esc(c)}</q>`).join(' · ') || 'none'}</p>
<ul>${own.map((a) => link(a, 'rovo')).join('')}</ul></div>`;
    })
    .join('');
  const automation = actions.filter((a) => a.surfaces.includes('automation'));
  const automationCard = automation.length
    ? `<div class="card"><h2>Jira Automation actions</h2><ul>${automation.map((a) => link(a, 'automation')).join('')}</ul></div>`
    : '';
  const action = actions.find((a) => a.key === selected);
  const via = surface ?? action?.surfaces[0] ?? null;
  const formCard =
    action && via
      ? via === 'automation' && action.config?.resource
        ? configForm(ctx, action, me)
        : actionForm(action, via, form, me)
      : '<div class="card"><p>Pick an action to fill its inputs and run it.</p></div>';
  ctx.render(
    'Rovo & Automation',
    'Local host',
    `<h1>Rovo &amp; Automation</h1>
<p>The platform's part for the app's <code>action</code> modules, read from manifest.yml: pick an action, fill the inputs it declares and run it as the signed-in person, with the payload and context Forge documents. No language model runs here: you type the inputs a model would extract.</p>
<div class="columns"><div>${formCard}${run ? result(run) : ''}</div><div>${agentCards}${automationCard}</div></div>`,
  );
}

function actionForm(action: DeclaredAction, surface: Surface, form: Record<string, string>, me: string): string {
  const fields = Object.entries(action.inputs ?? {})
    .map(([name, decl]) => {
      const id = `input-${name}`;
      const hint = `${decl.description ?? ''} (${decl.type}${decl.required ? ', required' : ', optional'})`;
      const value = form[name] ?? '';
      const control =
        decl.type === 'boolean'
          ? `<select id="${id}" name="${esc(name)}" aria-describedby="${id}-hint"><option value=""></option><option${value === 'true' ? ' selected' : ''}>true</option><option${value === 'false' ? ' selected' : ''}>false</option></select>`
          : `<input id="${id}" name="${esc(name)}" value="${esc(value)}" size="40" aria-describedby="${id}-hint"${decl.type === 'string' ? '' : ' inputmode="decimal"'}${decl.required ? ' aria-required="true"' : ''}>`;
      return `<p><label for="${id}">${esc(decl.title)}</label><br>${control}<br><small id="${id}-hint">${esc(hint)}</small></p>`;
    })
    .join('');
  return `<div class="card"><h2 data-testid="action-title">${esc(action.name)}</h2>
<p>${esc(SURFACE_LABEL[surface])} · <code>${esc(action.key)}</code> · function <code>${esc(action.function)}</code></p>
<form method="post" action="/host/actions" data-testid="action-form">
<input type="hidden" name="__action" value="${esc(action.key)}"><input type="hidden" name="__surface" value="${surface}">
${fields}<button type="submit" data-testid="run-action">Run as ${esc(me)}</button></form></div>`;
}

/** Automation's rule builder: the action's own config form (a Custom UI frame), then the rule runs the action. */
function configForm(ctx: RequestContext, action: DeclaredAction, me: string): string {
  const resource = action.config!.resource;
  const frameId = ctx.registerFrame({
    resource,
    moduleKey: action.key,
    resolverFunction: action.resolver?.function ?? null,
    context: () => {
      const saved = savedConfig(ctx.host, ctx.user, action.key);
      return {
        accountId: ctx.user,
        cloudId: ctx.host.cloudId,
        localId: `${action.key}-rule`,
        moduleKey: action.key,
        siteUrl: 'http://localhost',
        locale: 'en-US',
        timezone: 'UTC',
        environmentType: 'DEVELOPMENT',
        theme: { colorMode: ctx.colorMode },
        extension: { type: 'action', data: { inputs: saved.inputs }, errors: { invalidInputs: saved.invalidInputs } },
      };
    },
    submit: (payload) => {
      const saved = savedConfig(ctx.host, ctx.user, action.key);
      saved.inputs = typeof payload === 'object' && payload !== null ? { ...(payload as Record<string, unknown>) } : {};
      return true;
    },
  });
  return `<div class="card"><h2 data-testid="action-title">${esc(action.name)}</h2>
<p>${esc(SURFACE_LABEL.automation)} · <code>${esc(action.key)}</code> · function <code>${esc(action.function)}</code> · configured with the app's form (<code>${esc(resource)}</code>)</p>
${forgeFrame(frameId, resource, `${action.name} configuration`).replace('<iframe ', '<iframe data-keep-on-submit="true" ')}
<form method="post" action="/host/actions" data-testid="action-form">
<input type="hidden" name="__action" value="${esc(action.key)}"><input type="hidden" name="__surface" value="automation">
<button type="submit" data-testid="run-action">Run the rule's action as ${esc(me)}</button></form></div>`;
}

function result(run: ActionRun): string {
  if (run.status === 'refused') {
    return `<div class="card" role="alert" data-testid="action-refused"><h2>Refused before the app was called</h2><ul class="error">${run.problems.map((p) => `<li>${esc(p.message)}</li>`).join('')}</ul></div>`;
  }
  if (run.status === 'needs-consent') {
    return `<div class="card" role="alert" data-testid="action-refused"><h2>Allow access first</h2><p>This person has not allowed the app to act as them; open the app once in Jira (the consent prompt) and run again.</p></div>`;
  }
  const answer = typeof run.answer === 'string' ? run.answer : JSON.stringify(run.answer, null, 2);
  const outputs = run.outputs
    ? `<h3>Outputs (smart values)</h3><table data-testid="action-outputs">${Object.entries(run.outputs)
        .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(JSON.stringify(v))}</td></tr>`)
        .join('')}</table>`
    : '';
  const failed = run.failed
    ? `<p class="error" data-testid="action-failed">The action failed; Automation stops the rule and logs: ${run.failed.map(esc).join('; ')}</p>`
    : '';
  const problems = run.problems.length
    ? `<ul class="error">${run.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
    : '';
  return `<div class="card" role="status" data-testid="action-result"><h2>Answer</h2>${failed}${problems}${outputs}
<p><small>${run.bytes} bytes (limit 5 MB)</small></p><pre data-testid="action-answer" style="white-space:pre-wrap">${esc(answer)}</pre>
<details><summary>Payload sent to the function</summary><pre>${esc(JSON.stringify(run.payload, null, 2))}</pre></details></div>`;
}
