// Transitions (following the project's workflow; Jira calls the app's validator on transitions that carry its rule)
// and issue links.
import { route, ok, json, noContent, type Route } from './router';
import { badRequest, issueNotFound, notFound } from './errors';
import { canSeeIssue, hasProjectPermission, projectOf, visibleIssue } from './permissions';
import { availableFrom, statusById, type TransitionDef } from './workflow';
import { runsAppValidator, workflowOfIssue } from './workflows';
import { statusJson } from './issue-render';
import { cannotSet, recordChange } from './issue-write';
import { nextId } from './state';
import type { IssueRec } from './state';
import type { Actor, Site } from './site';
import type { ChangelogItem } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function transitionsFor(site: Site, actor: Actor, issue: IssueRec): TransitionDef[] {
  if (!hasProjectPermission(site, actor, projectOf(site, issue), 'TRANSITION_ISSUES')) return [];
  return availableFrom(workflowOfIssue(site, issue), issue.statusId);
}

function statusChange(site: Site, issue: IssueRec, toId: string): ChangelogItem[] {
  const from = statusById(issue.statusId);
  const to = statusById(toId);
  const items: ChangelogItem[] = [
    { field: 'status', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name },
  ];
  const wasDone = from.category.key === 'done';
  const isDone = to.category.key === 'done';
  if (wasDone !== isDone) {
    items.push(
      isDone
        ? { field: 'resolution', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' }
        : { field: 'resolution', fieldId: 'resolution', from: '10000', fromString: 'Done', to: null, toString: null },
    );
  }
  if (from.category.key !== to.category.key) issue.statusCategoryChanged = site.nowIso();
  issue.statusId = to.id;
  return items;
}

function findRef(site: Site, ref: unknown): IssueRec | undefined {
  if (!isObj(ref)) return undefined;
  const wanted =
    typeof ref.key === 'string' ? ref.key.toUpperCase() : ref.id !== undefined ? String(ref.id) : undefined;
  return site.state.issues.find((i) => i.key === wanted || i.id === wanted);
}

export const workflowRoutes: Route[] = [
  route('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ site, actor, params, query }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    const only = query.get('transitionId');
    const transitions = transitionsFor(site, actor, issue)
      .filter((t) => only === undefined || t.id === only)
      .map((t) => ({
        id: t.id,
        name: t.name,
        to: statusJson(site, statusById(t.to)),
        hasScreen: false,
        isGlobal: false,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        looped: false,
      }));
    return ok({ expand: 'transitions', transitions });
  }),

  route('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', async ({ site, actor, params, body }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    const input = isObj(body) ? body : {};
    const ref = isObj(input.transition) ? input.transition : undefined;
    const id = ref && (typeof ref.id === 'string' || typeof ref.id === 'number') ? String(ref.id) : undefined;
    if (id === undefined) throw badRequest("Missing 'transition' identifier");
    if (!hasProjectPermission(site, actor, projectOf(site, issue), 'TRANSITION_ISSUES')) {
      throw badRequest('You do not have permission to transition this issue.');
    }
    const transition = transitionsFor(site, actor, issue).find((t) => t.id === id);
    if (!transition) throw badRequest(`Transition id '${id}' is not valid for this issue.`);
    const screenFields = [
      ...Object.keys(isObj(input.fields) ? input.fields : {}),
      ...Object.keys(isObj(input.update) ? input.update : {}),
    ];
    if (screenFields.length > 0) throw badRequest([], Object.fromEntries(screenFields.map((f) => [f, cannotSet(f)])));
    if (runsAppValidator(site, transition) && site.validator) {
      let verdict: { result: boolean; errorMessage?: string };
      try {
        verdict = await site.validator({
          issue: { key: issue.key, id: issue.id },
          transition: { from: { id: issue.statusId }, to: { id: transition.to } },
        });
      } catch (e) {
        throw badRequest(`The workflow validator failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!verdict.result)
        throw badRequest(verdict.errorMessage ?? 'The transition was refused by a workflow validator.');
    }
    recordChange(site, actor, issue, statusChange(site, issue, transition.to));
    return noContent();
  }),

  route('GET', '/rest/api/3/issueLinkType', ({ site }) =>
    ok({
      issueLinkTypes: site.state.linkTypes.map((t) => ({ ...t, self: site.url(`/rest/api/3/issueLinkType/${t.id}`) })),
    }),
  ),

  route('POST', '/rest/api/3/issueLink', ({ site, actor, body }) => {
    const input = isObj(body) ? body : {};
    const typeRef = isObj(input.type) ? input.type : {};
    const type = site.state.linkTypes.find(
      (t) =>
        (typeRef.id !== undefined && t.id === String(typeRef.id)) ||
        (typeof typeRef.name === 'string' && t.name.toLowerCase() === typeRef.name.toLowerCase()),
    );
    if (!type) throw notFound(`No issue link type with name '${String(typeRef.name ?? typeRef.id ?? '')}' found.`);
    const source = findRef(site, input.inwardIssue);
    const destination = findRef(site, input.outwardIssue);
    if (!source || !destination || !canSeeIssue(site, actor, source) || !canSeeIssue(site, actor, destination))
      throw issueNotFound();
    if (!hasProjectPermission(site, actor, projectOf(site, source), 'LINK_ISSUES')) {
      throw notFound('You do not have the permission to link issues.');
    }
    const exists = site.state.links.some(
      (l) => l.typeId === type.id && l.sourceId === source.id && l.destinationId === destination.id,
    );
    if (!exists)
      site.state.links.push({
        id: nextId(site.state, 'link'),
        typeId: type.id,
        sourceId: source.id,
        destinationId: destination.id,
      });
    return json(201, undefined);
  }),
];
