// Issues: create (single and bulk), get, edit, and issue entity properties.
import { route, ok, json, noContent, type Route, type Call } from './router';
import { JiraError, forbidden, notFound } from './errors';
import { hasProjectPermission, projectOf, visibleIssue } from './permissions';
import { applyEdit, createIssue, recordChange } from './issue-write';
import { issueJson, selectFields } from './issue-render';
import { checkProperty, propertyMissing } from './properties';
import type { IssueRec } from './state';
import type { Site } from './site';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const MAX_BULK = 50;

const created = (site: Site, issue: IssueRec): Obj => ({
  id: issue.id,
  key: issue.key,
  self: site.url(`/rest/api/3/issue/${issue.id}`),
});

function bulkCreate({ site, actor, body }: Call) {
  const updates = isObj(body) ? body.issueUpdates : undefined;
  const limitError = (message: string) =>
    json(400, { issues: [], errors: [{ status: 400, elementErrors: { errorMessages: [message], errors: {} } }] });
  if (!Array.isArray(updates)) return limitError('Operation value must be an array of issue updates (issueUpdates).');
  if (updates.length > MAX_BULK) {
    return limitError(`Bulk create is limited to ${MAX_BULK} issues per request; this request has ${updates.length}.`);
  }
  const issues: Obj[] = [];
  const errors: Obj[] = [];
  updates.forEach((update, index) => {
    try {
      issues.push(created(site, createIssue(site, actor, update)));
    } catch (e) {
      if (!(e instanceof JiraError)) throw e;
      errors.push({ status: e.status, elementErrors: e.body, failedElementNumber: index });
    }
  });
  return json(issues.length > 0 || updates.length === 0 ? 201 : 400, { issues, errors });
}

function issueProperty(call: Call): { issue: IssueRec; key: string } {
  return {
    issue: visibleIssue(call.site, call.actor, call.params.issueIdOrKey as string),
    key: call.params.propertyKey as string,
  };
}

function requireEdit(call: Call, issue: IssueRec): void {
  if (!hasProjectPermission(call.site, call.actor, projectOf(call.site, issue), 'EDIT_ISSUES')) {
    throw forbidden('You do not have permission to edit this issue.');
  }
}

export const issueRoutes: Route[] = [
  // DELETE /rest/api/3/issue/{issueIdOrKey}: 404 when the caller cannot see it, 403 without Delete issues, 400 when
  // it has sub-tasks and deleteSubtasks is not true (the OpenAPI document's responses); sub-tasks go with it.
  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}', ({ site, actor, params, query }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    if (!hasProjectPermission(site, actor, projectOf(site, issue), 'DELETE_ISSUES'))
      throw forbidden('You do not have permission to delete this issue.');
    const subtasks = site.state.issues.filter((i) => i.parentId === issue.id);
    if (subtasks.length > 0 && !query.bool('deleteSubtasks', false)) {
      throw new JiraError(400, {
        errorMessages: [`The issue ${issue.key} has sub-tasks; set deleteSubtasks=true to delete them with it.`],
        errors: {},
      });
    }
    const gone = new Set([issue.id, ...subtasks.map((i) => i.id)]);
    site.state.issues = site.state.issues.filter((i) => !gone.has(i.id));
    return noContent();
  }),
  route('POST', '/rest/api/3/issue', ({ site, actor, body }) =>
    json(201, created(site, createIssue(site, actor, body))),
  ),

  route('POST', '/rest/api/3/issue/bulk', bulkCreate),

  route('GET', '/rest/api/3/issue/{issueIdOrKey}', ({ site, actor, params, query }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    const expand = query.list('expand');
    return ok(
      issueJson(site, actor, issue, {
        fields: selectFields(site, query.all('fields'), '*all'),
        properties: query.all('properties'),
        changelog: expand.includes('changelog'),
        names: expand.includes('names'),
      }),
    );
  }),

  route('PUT', '/rest/api/3/issue/{issueIdOrKey}', ({ site, actor, params, query, body }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    const items = applyEdit(site, actor, issue, isObj(body) ? body : {});
    recordChange(site, actor, issue, items);
    if (query.bool('returnIssue', false))
      return ok(issueJson(site, actor, issue, { fields: selectFields(site, undefined, '*all') }));
    return noContent();
  }),

  route('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', ({ site, actor, params }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    return ok({
      keys: Object.keys(issue.properties).map((key) => ({
        self: site.url(`/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`),
        key,
      })),
    });
  }),

  route('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (call) => {
    const { issue, key } = issueProperty(call);
    if (!(key in issue.properties)) throw notFound(propertyMissing(key));
    return ok({ key, value: issue.properties[key] });
  }),

  route('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (call) => {
    const { issue, key } = issueProperty(call);
    requireEdit(call, issue);
    checkProperty(key, call.body);
    const existed = key in issue.properties;
    issue.properties[key] = call.body;
    call.site.searchIndex.written(issue);
    return json(existed ? 200 : 201, undefined);
  }),

  route('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (call) => {
    const { issue, key } = issueProperty(call);
    requireEdit(call, issue);
    if (!(key in issue.properties)) throw notFound(propertyMissing(key));
    delete issue.properties[key];
    call.site.searchIndex.written(issue);
    return noContent();
  }),
];
