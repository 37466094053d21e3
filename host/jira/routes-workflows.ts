// The workflows API the app's setup uses to find transitions into done statuses without its validator and to add
// it: POST /rest/api/3/workflows (read), GET /rest/api/3/workflow/{workflowId}/projectUsages, POST
// /rest/api/3/workflows/update. These workflows are company-managed (GLOBAL scope): reading and changing them takes
// Administer Jira (the app holds it through manage:jira-configuration); an update must name the version it edits.
import { randomUUID } from 'node:crypto';
import { route, ok, type Route } from './router';
import { adminOnly, badRequest, conflict, notFound } from './errors';
import { isGlobalAdmin } from './permissions';
import { allWorkflows, statusesOf, workflowFor, workflowJson, workflowStatusJson } from './workflows';
import {
  FORGE_VALIDATOR_RULE,
  PILOT_TYPE_NAME,
  STATUSES,
  type RuleRec,
  type TransitionDef,
  type WorkflowRec,
} from './workflow';
import type { Site } from './site';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function readResponse(workflows: WorkflowRec[]): Obj {
  const statuses = new Map(workflows.flatMap(statusesOf).map((s) => [s.id, s]));
  return { statuses: [...statuses.values()].map(workflowStatusJson), workflows: workflows.map(workflowJson) };
}

function selectWorkflows(site: Site, body: Obj): WorkflowRec[] {
  const selected = new Set<WorkflowRec>();
  for (const pair of list(body.projectAndIssueTypes)) {
    const { projectId, issueTypeId } = isObj(pair) ? pair : {};
    const project = site.state.projects.find((p) => p.id === String(projectId));
    const type = site.state.issueTypes.find((t) => t.id === String(issueTypeId));
    if (!project) throw badRequest(`The project with ID ${String(projectId)} does not exist.`);
    if (!type) throw badRequest(`The issue type with ID ${String(issueTypeId)} does not exist.`);
    selected.add(workflowFor(site, project, type.name === PILOT_TYPE_NAME));
  }
  const ids = list(body.workflowIds).map(String);
  const names = list(body.workflowNames).map(String);
  for (const w of allWorkflows(site)) if (ids.includes(w.id) || names.includes(w.name)) selected.add(w);
  return [...selected];
}

function ruleOf(raw: unknown, site: Site, where: string): RuleRec {
  const rule = isObj(raw) ? raw : {};
  const ruleKey = typeof rule.ruleKey === 'string' ? rule.ruleKey : '';
  const parameters = Object.fromEntries(
    Object.entries(isObj(rule.parameters) ? rule.parameters : {}).map(([k, v]) => [k, String(v)]),
  );
  if (ruleKey === FORGE_VALIDATOR_RULE) {
    if (!site.validatorExtensionKey || parameters.key !== site.validatorExtensionKey) {
      throw badRequest(`${where}: the Forge rule "${parameters.key ?? ''}" is not provided by an installed app.`);
    }
  } else if (!ruleKey.startsWith('system:')) {
    throw badRequest(`${where}: the rule key "${ruleKey}" is not a validator Jira knows.`);
  }
  const id = typeof rule.id === 'string' && rule.id ? rule.id : randomUUID();
  return {
    id,
    ruleKey,
    parameters: ruleKey === FORGE_VALIDATOR_RULE ? { ...parameters, id: parameters.id || id } : parameters,
  };
}

function transitionsOf(raw: unknown[], statusIds: Set<string>, site: Site, workflowName: string): TransitionDef[] {
  const known = new Set(STATUSES.map((s) => s.id));
  let nextId = 1000;
  return raw.map((item, i) => {
    const t = isObj(item) ? item : {};
    const where = `Workflow "${workflowName}", transition ${i + 1}`;
    const to = String(t.toStatusReference ?? '');
    if (!known.has(to) || !statusIds.has(to))
      throw badRequest(`${where}: the status reference "${to}" is not among the workflow's statuses.`);
    const from = list(t.links).map((l) => String((isObj(l) ? l.fromStatusReference : undefined) ?? ''));
    const badFrom = from.find((f) => !statusIds.has(f));
    if (badFrom !== undefined)
      throw badRequest(`${where}: the status reference "${badFrom}" is not among the workflow's statuses.`);
    const type = t.type === 'INITIAL' || t.type === 'GLOBAL' ? t.type : 'DIRECTED';
    return {
      id: typeof t.id === 'string' && t.id ? t.id : String((nextId += 10)),
      name: typeof t.name === 'string' && t.name ? t.name : `Transition ${i + 1}`,
      type,
      to,
      from,
      validators: list(t.validators).map((r) => ruleOf(r, site, where)),
    };
  });
}

export const workflowsApiRoutes: Route[] = [
  route('POST', '/rest/api/3/workflows', ({ site, actor, body }) => {
    // Every workflow here is GLOBAL-scoped: only Administer Jira reads them (project-scoped ones do not exist).
    if (!isGlobalAdmin(actor)) return ok({ statuses: [], workflows: [] });
    return ok(readResponse(selectWorkflows(site, isObj(body) ? body : {})));
  }),

  route('GET', '/rest/api/3/workflow/{workflowId}/projectUsages', ({ site, actor, params, query }) => {
    if (!isGlobalAdmin(actor)) throw adminOnly();
    const workflow = allWorkflows(site).find((w) => w.id === params.workflowId);
    if (!workflow) throw notFound(`The workflow with ID ${params.workflowId} was not found.`);
    const maxResults = query.int('maxResults', 50);
    if (maxResults < 1 || maxResults > 200) throw badRequest('maxResults must be an integer between 1 and 200.');
    const start = Number(query.get('nextPageToken') ?? '0') || 0;
    const values = workflow.projectIds.slice(start, start + maxResults).map((id) => ({ id }));
    const more = start + maxResults < workflow.projectIds.length;
    return ok({
      workflowId: workflow.id,
      projects: { values, ...(more ? { nextPageToken: String(start + maxResults) } : {}) },
    });
  }),

  route('POST', '/rest/api/3/workflows/update', ({ site, actor, body }) => {
    if (!isGlobalAdmin(actor)) throw adminOnly();
    const input = isObj(body) ? body : {};
    // Validate every workflow before changing any: an update applies whole or not at all.
    const planned = list(input.workflows).map((raw) => {
      const update = isObj(raw) ? raw : {};
      const workflow = allWorkflows(site).find((w) => w.id === String(update.id ?? ''));
      if (!workflow) throw badRequest(`The workflow with ID ${String(update.id ?? '')} does not exist.`);
      const version = isObj(update.version) ? update.version : {};
      if (
        version.versionNumber !== workflow.versionNumber ||
        (version.id !== undefined && version.id !== workflow.versionId)
      ) {
        throw conflict(
          `The workflow "${workflow.name}" was changed since version ${String(version.versionNumber)} was read; read it again and retry.`,
        );
      }
      const statusIds = new Set(
        list(update.statuses).map((s) => String((isObj(s) ? s.statusReference : undefined) ?? '')),
      );
      return { workflow, transitions: transitionsOf(list(update.transitions), statusIds, site, workflow.name) };
    });
    for (const { workflow, transitions } of planned) {
      workflow.transitions = transitions;
      workflow.versionNumber += 1;
      workflow.versionId = randomUUID();
      workflow.updated = site.nowIso();
    }
    return ok(readResponse(planned.map((p) => p.workflow)));
  }),
];
