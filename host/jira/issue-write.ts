// Create and edit: Jira's validation (with its error texts), changelog items, history and the product events.
import type { IssueRec, ProjectRec } from './state';
import { nextId } from './state';
import type { Actor, Site } from './site';
import type { ChangelogItem } from './types';
import type { FieldDef } from './fields';
import { JiraError, errorBody, fieldErrors } from './errors';
import { canBrowse, canSeeIssue, hasProjectPermission, projectOf } from './permissions';
import { findProjectIssueType, issueTypeOf, isSubtaskType } from './issue-types';
import { findProject } from './projects';
import { fieldsOnScreen } from './screens';
import { changeStrings, parseFieldValue } from './field-values';
import { eventFields } from './issue-render';
import { STATUS_TODO } from './workflow';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const cannotSet = (id: string): string =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** System fields every create/edit screen offers in this host; custom fields must be on the project's screen. */
const ALWAYS_SETTABLE = new Set(['summary', 'description', 'duedate', 'labels', 'assignee', 'reporter']);
const HANDLED = new Set(['project', 'issuetype', 'summary', 'parent']);

function settable(site: Site, project: ProjectRec, issueTypeId: string, def: FieldDef): boolean {
  if (ALWAYS_SETTABLE.has(def.id)) return true;
  if (!def.custom || def.forge?.readOnly) return false;
  const onScreen = fieldsOnScreen(site, project, issueTypeId);
  return onScreen === null || onScreen.has(def.id);
}

/** Folds `update` operations (set/add/remove) into plain field values. */
function mergeUpdate(fields: Obj, update: Obj, current: IssueRec | null, errors: Record<string, string>): Obj {
  const merged: Obj = { ...fields };
  for (const [id, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) {
      errors[id] = 'Operation value must be an array of operations';
      continue;
    }
    let labels: string[] | null =
      id === 'labels' ? [...((merged.labels as string[] | undefined) ?? current?.labels ?? [])] : null;
    for (const op of ops) {
      if (!isObj(op)) continue;
      if ('set' in op) {
        if (labels && Array.isArray(op.set)) labels = [...(op.set as string[])];
        else merged[id] = op.set;
      } else if (labels && 'add' in op && typeof op.add === 'string') {
        if (!labels.includes(op.add)) labels.push(op.add);
      } else if (labels && 'remove' in op && typeof op.remove === 'string') {
        labels = labels.filter((l) => l !== op.remove);
      } else {
        errors[id] = `Operation '${Object.keys(op).join(',')}' is not supported for field '${id}'.`;
      }
    }
    if (labels) merged.labels = labels;
  }
  return merged;
}

function findIssueRef(site: Site, actor: Actor, ref: unknown): IssueRec | undefined {
  if (!isObj(ref)) return undefined;
  const wanted =
    typeof ref.key === 'string' ? ref.key.toUpperCase() : ref.id !== undefined ? String(ref.id) : undefined;
  const issue = site.state.issues.find((i) => i.key === wanted || i.id === wanted);
  return issue && canSeeIssue(site, actor, issue) ? issue : undefined;
}

function checkSummary(v: unknown): string | null {
  if (typeof v !== 'string')
    return v === undefined || v === null
      ? 'You must specify a summary of the issue.'
      : 'Operation value must be a string';
  if (v.trim() === '') return 'You must specify a summary of the issue.';
  if (v.length > 255) return 'Summary must be less than 255 characters.';
  return null;
}

/** Checks the parent for a child of the given type; returns an error text or null. */
function checkParent(site: Site, project: ProjectRec, childTypeId: string, parent: IssueRec): string | null {
  const childLevel = issueTypeOf(site, childTypeId).hierarchyLevel;
  const parentLevel = issueTypeOf(site, parent.issueTypeId).hierarchyLevel;
  if (parentLevel !== childLevel + 1 || (childLevel === -1 && parent.projectId !== project.id)) {
    return 'Given parent issue does not belong to appropriate hierarchy.';
  }
  return null;
}

/** Parses the remaining fields into `out`; collects errors. */
function parseRest(
  site: Site,
  project: ProjectRec,
  issueTypeId: string | null,
  merged: Obj,
  errors: Record<string, string>,
  out: Obj,
  mayEdit: boolean,
): void {
  for (const [id, raw] of Object.entries(merged)) {
    if (HANDLED.has(id)) continue;
    const def = site.fields.get(id);
    if (!def || !issueTypeId || !mayEdit || !settable(site, project, issueTypeId, def)) {
      errors[id] = cannotSet(id);
      continue;
    }
    const parsed = parseFieldValue(site, def, raw);
    if (parsed.ok) out[id] = parsed.value;
    else errors[id] = parsed.error;
  }
}

function storeValue(issue: IssueRec, id: string, value: unknown): void {
  if (id === 'description') issue.description = value;
  else if (id === 'duedate') issue.duedate = value as string | null;
  else if (id === 'labels') issue.labels = value as string[];
  else if (id === 'assignee') issue.assigneeId = value as string | null;
  else if (id === 'reporter') issue.reporterId = value as string | null;
  else if (value === null) delete issue.custom[id];
  else issue.custom[id] = value;
}

export function storedValue(issue: IssueRec, id: string): unknown {
  if (id === 'description') return issue.description;
  if (id === 'duedate') return issue.duedate;
  if (id === 'labels') return issue.labels;
  if (id === 'assignee') return issue.assigneeId;
  if (id === 'reporter') return issue.reporterId;
  return issue.custom[id] ?? null;
}

function setProperties(issue: IssueRec, props: unknown): void {
  if (!Array.isArray(props)) return;
  for (const p of props) if (isObj(p) && typeof p.key === 'string') issue.properties[p.key] = p.value;
}

export function createIssue(site: Site, actor: Actor, body: unknown): IssueRec {
  const { state } = site;
  const input = isObj(body) ? body : {};
  const fields = isObj(input.fields) ? input.fields : {};
  const errors: Record<string, string> = {};
  const merged = mergeUpdate(fields, isObj(input.update) ? input.update : {}, null, errors);
  const projectRef = merged.project;
  const project = isObj(projectRef)
    ? findProject(site, typeof projectRef.key === 'string' ? projectRef.key : String(projectRef.id ?? ''))
    : undefined;
  if (!project || !canBrowse(site, actor, project)) throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (!hasProjectPermission(site, actor, project, 'CREATE_ISSUES')) {
    throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
  }
  const typeRef = merged.issuetype;
  const type = isObj(typeRef) ? findProjectIssueType(site, project, typeRef) : undefined;
  if (!type) errors.issuetype = isObj(typeRef) ? 'Specify a valid issue type' : 'Specify an issue type';
  const summaryError = checkSummary(merged.summary);
  if (summaryError) errors.summary = summaryError;
  let parent: IssueRec | undefined;
  if (merged.parent !== undefined && merged.parent !== null) {
    parent = findIssueRef(site, actor, merged.parent);
    if (!parent) errors.parent = 'Could not find issue by id or key.';
    else if (type) {
      const bad = checkParent(site, project, type.id, parent);
      if (bad) errors.parent = bad;
    }
  } else if (type && isSubtaskType(type)) {
    errors.issuetype = 'Issue type is a sub-task but parent issue key or id not specified.';
  }
  const values: Obj = {};
  if (type) parseRest(site, project, type.id, merged, errors, values, true);
  if (Object.keys(errors).length > 0 || !type) throw fieldErrors(errors);

  const now = site.nowIso();
  const issue: IssueRec = {
    id: nextId(state, 'issue'),
    key: `${project.key}-${project.nextIssueNumber}`,
    projectId: project.id,
    issueTypeId: type.id,
    statusId: STATUS_TODO,
    summary: merged.summary as string,
    description: null,
    parentId: parent?.id ?? null,
    assigneeId: null,
    reporterId: actor.accountId,
    creatorId: actor.accountId,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    duedate: null,
    labels: [],
    custom: {},
    properties: {},
    history: [],
  };
  for (const [id, value] of Object.entries(values)) storeValue(issue, id, value);
  setProperties(issue, input.properties);
  project.nextIssueNumber += 1;
  state.issues.push(issue);
  site.searchIndex.written(issue);
  site.emit({
    eventType: 'avi:jira:created:issue',
    issue: { id: issue.id, key: issue.key, fields: eventFields(site, actor, issue) },
    atlassianId: actor.accountId,
    byApp: actor.isApp,
    selfGenerated: actor.isApp || actor.viaApp === true,
  });
  return issue;
}

/** Validates and applies an edit (fields + update); returns the changelog items without recording them. */
export function applyEdit(site: Site, actor: Actor, issue: IssueRec, body: Obj): ChangelogItem[] {
  const project = projectOf(site, issue);
  const mayEdit = hasProjectPermission(site, actor, project, 'EDIT_ISSUES');
  const errors: Record<string, string> = {};
  const merged = mergeUpdate(
    isObj(body.fields) ? body.fields : {},
    isObj(body.update) ? body.update : {},
    issue,
    errors,
  );
  const items: ChangelogItem[] = [];
  let typeId = issue.issueTypeId;
  let parentId = issue.parentId;
  let summary = issue.summary;
  for (const id of ['project', 'summary', 'issuetype', 'parent']) {
    if (!(id in merged)) continue;
    const raw = merged[id];
    if (!mayEdit || id === 'project') {
      errors[id] = cannotSet(id);
    } else if (id === 'summary') {
      const bad = checkSummary(raw);
      if (bad) errors.summary = bad;
      else summary = raw as string;
    } else if (id === 'issuetype') {
      const t = isObj(raw) ? findProjectIssueType(site, project, raw) : undefined;
      if (!t || t.hierarchyLevel !== issueTypeOf(site, issue.issueTypeId).hierarchyLevel)
        errors.issuetype = 'Specify a valid issue type';
      else typeId = t.id;
    } else {
      const parent = raw === null ? undefined : findIssueRef(site, actor, raw);
      if (!parent)
        errors.parent =
          raw === null
            ? 'Given parent issue does not belong to appropriate hierarchy.'
            : 'Could not find issue by id or key.';
      else {
        const bad = checkParent(site, project, typeId, parent);
        if (bad) errors.parent = bad;
        else parentId = parent.id;
      }
    }
  }
  const values: Obj = {};
  parseRest(site, project, typeId, merged, errors, values, mayEdit);
  if (Object.keys(errors).length > 0) throw new JiraError(400, errorBody([], errors));

  if (summary !== issue.summary) {
    items.push({
      field: 'summary',
      fieldId: 'summary',
      from: null,
      fromString: issue.summary,
      to: null,
      toString: summary,
    });
    issue.summary = summary;
  }
  if (typeId !== issue.issueTypeId) {
    const from = issueTypeOf(site, issue.issueTypeId);
    const to = issueTypeOf(site, typeId);
    items.push({
      field: 'issuetype',
      fieldId: 'issuetype',
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    });
    issue.issueTypeId = typeId;
  }
  if (parentId !== issue.parentId) {
    const key = (id: string | null): string | null => site.state.issues.find((i) => i.id === id)?.key ?? null;
    items.push({
      field: 'Parent',
      fieldId: 'parent',
      from: issue.parentId,
      fromString: key(issue.parentId),
      to: parentId,
      toString: key(parentId),
    });
    issue.parentId = parentId;
  }
  for (const [id, value] of Object.entries(values)) {
    const def = site.fields.get(id) as FieldDef;
    const before = storedValue(issue, id);
    if (JSON.stringify(before ?? null) === JSON.stringify(value ?? null)) continue;
    items.push(changeItem(site, def, before, value));
    storeValue(issue, id, value);
  }
  setProperties(issue, body.properties);
  site.searchIndex.written(issue);
  return items;
}

export function changeItem(site: Site, def: FieldDef, before: unknown, after: unknown): ChangelogItem {
  const from = changeStrings(site, def, before);
  const to = changeStrings(site, def, after);
  return {
    field: def.custom ? def.name : def.id,
    fieldId: def.id,
    from: from.id,
    fromString: from.str,
    to: to.id,
    toString: to.str,
  };
}

/** Records a change (history, updated timestamp) and fires avi:jira:updated:issue. No items, no event. */
export function recordChange(site: Site, actor: Actor, issue: IssueRec, items: ChangelogItem[]): void {
  if (items.length === 0) return;
  const now = site.nowIso();
  issue.updated = now;
  site.searchIndex.written(issue);
  issue.history.push({ id: nextId(site.state, 'history'), authorId: actor.accountId, created: now, items });
  site.emit({
    eventType: 'avi:jira:updated:issue',
    issue: { id: issue.id, key: issue.key, fields: eventFields(site, actor, issue) },
    atlassianId: actor.accountId,
    changelog: { items },
    byApp: actor.isApp,
    selfGenerated: actor.isApp || actor.viaApp === true,
  });
}
