// Issue JSON as GET /rest/api/3/issue and the search answer it: IssueBean with a `fields` filter.
import type { IssueRec } from './state';
import type { Actor, Site } from './site';
import type { FieldDef } from './fields';
import { canSeeIssue, projectOf } from './permissions';
import { issueTypeJson, issueTypeOf } from './issue-types';
import { projectDetailsJson } from './projects';
import { userJsonOrNull } from './users';
import { jiraDateTime } from './dates';
import { statusById, type StatusDef } from './workflow';

export function statusJson(site: Site, s: StatusDef): Record<string, unknown> {
  return {
    self: site.url(`/rest/api/3/status/${s.id}`),
    description: s.description,
    iconUrl: site.url('/images/icons/statuses/generic.png'),
    name: s.name,
    id: s.id,
    statusCategory: {
      self: site.url(`/rest/api/3/statuscategory/${s.category.id}`),
      id: s.category.id,
      key: s.category.key,
      colorName: s.category.colorName,
      name: s.category.name,
    },
  };
}

const issueSelf = (site: Site, issue: IssueRec): string => site.url(`/rest/api/3/issue/${issue.id}`);

/** The short issue form used by parent, subtasks and issue links. */
function linkedIssueJson(site: Site, issue: IssueRec): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: issueSelf(site, issue),
    fields: {
      summary: issue.summary,
      status: statusJson(site, statusById(issue.statusId)),
      issuetype: issueTypeJson(site, issueTypeOf(site, issue.issueTypeId)),
    },
  };
}

const isDone = (issue: IssueRec): boolean => statusById(issue.statusId).category.key === 'done';

/** The rendered value of one field, or undefined when Jira leaves the field out (parent of a top-level issue). */
export function renderField(
  site: Site,
  actor: Actor,
  issue: IssueRec,
  def: FieldDef,
  related: IssueRec[] = site.state.issues,
): unknown {
  switch (def.id) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description ?? null;
    case 'issuetype':
      return issueTypeJson(site, issueTypeOf(site, issue.issueTypeId));
    case 'project':
      return projectDetailsJson(site, projectOf(site, issue));
    case 'parent': {
      const parent = issue.parentId ? related.find((i) => i.id === issue.parentId) : undefined;
      return parent ? linkedIssueJson(site, parent) : undefined;
    }
    case 'status':
      return statusJson(site, statusById(issue.statusId));
    case 'assignee':
      return userJsonOrNull(site, issue.assigneeId);
    case 'reporter':
      return userJsonOrNull(site, issue.reporterId);
    case 'creator':
      return userJsonOrNull(site, issue.creatorId);
    case 'created':
      return jiraDateTime(issue.created);
    case 'updated':
      return jiraDateTime(issue.updated);
    case 'statuscategorychangedate':
      return jiraDateTime(issue.statusCategoryChanged);
    case 'duedate':
      return issue.duedate;
    case 'resolution':
      return isDone(issue)
        ? {
            self: site.url('/rest/api/3/resolution/10000'),
            id: '10000',
            description: 'Work has been completed on this issue.',
            name: 'Done',
          }
        : null;
    case 'resolutiondate':
      return isDone(issue) ? jiraDateTime(issue.statusCategoryChanged) : null;
    case 'labels':
      return [...issue.labels];
    case 'subtasks':
      return related
        .filter((i) => i.parentId === issue.id && issueTypeOf(site, i.issueTypeId).hierarchyLevel === -1)
        .map((i) => linkedIssueJson(site, i));
    case 'issuelinks':
      return issueLinksJson(site, actor, issue, related);
    case 'issuekey':
    case 'statusCategory':
      return undefined;
    default: {
      const value = issue.custom[def.id];
      if (value === undefined || value === null) return null;
      if (def.kind === 'user') return userJsonOrNull(site, typeof value === 'string' ? value : null);
      return value;
    }
  }
}

function issueLinksJson(site: Site, actor: Actor, issue: IssueRec, related: IssueRec[]): Record<string, unknown>[] {
  const { state } = site;
  const out: Record<string, unknown>[] = [];
  for (const link of state.links) {
    if (link.sourceId !== issue.id && link.destinationId !== issue.id) continue;
    const type = state.linkTypes.find((t) => t.id === link.typeId);
    const otherId = link.sourceId === issue.id ? link.destinationId : link.sourceId;
    const other = related.find((i) => i.id === otherId);
    if (!type || !other || !canSeeIssue(site, actor, other)) continue;
    out.push({
      id: link.id,
      self: site.url(`/rest/api/3/issueLink/${link.id}`),
      type: {
        id: type.id,
        name: type.name,
        inward: type.inward,
        outward: type.outward,
        self: site.url(`/rest/api/3/issueLinkType/${type.id}`),
      },
      [link.sourceId === issue.id ? 'outwardIssue' : 'inwardIssue']: linkedIssueJson(site, other),
    });
  }
  return out;
}

/**
 * Which fields to include, from a `fields` parameter (comma lists or repeated values): `*all`, `*navigable`, ids,
 * and `-id` exclusions. `id` and `key` select nothing extra: every issue carries them.
 */
export function selectFields(
  site: Site,
  requested: string[] | undefined,
  fallback: '*all' | '*navigable' | 'none',
): Set<string> {
  const tokens = (requested ?? [])
    .flatMap((r) => r.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  const chosen = new Set<string>();
  const add = (defs: FieldDef[]): void =>
    defs.forEach((d) => d.id !== 'issuekey' && d.id !== 'statusCategory' && chosen.add(d.id));
  // Only exclusions ('-description'): all navigable fields except those.
  const base = tokens.length > 0 && tokens.every((t) => t.startsWith('-')) ? ['*navigable'] : [];
  const effective = tokens.length === 0 ? (fallback === 'none' ? [] : [fallback]) : [...base, ...tokens];
  for (const t of effective) {
    if (t === '*all') add(site.fields.all);
    else if (t === '*navigable') add(site.fields.navigable());
    else if (!t.startsWith('-') && t !== 'id' && t !== 'key' && site.fields.get(t)) chosen.add(t);
  }
  for (const t of effective) if (t.startsWith('-')) chosen.delete(t.slice(1));
  return chosen;
}

export interface RenderOptions {
  fields: Set<string>;
  properties?: string[];
  changelog?: boolean;
  names?: boolean;
  /**
   * The issues parent, subtasks and issue links are read from: the live issues unless told otherwise. Search passes
   * the index's view, so a related issue appears (and shows its status) only once search would see it.
   */
  related?: IssueRec[];
}

export function issueJson(site: Site, actor: Actor, issue: IssueRec, opts: RenderOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const id of opts.fields) {
    const def = site.fields.get(id);
    if (!def) continue;
    const value = renderField(site, actor, issue, def, opts.related);
    if (value !== undefined) fields[id] = value;
  }
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: issueSelf(site, issue),
    key: issue.key,
    fields,
  };
  const propKeys = (opts.properties ?? [])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  if (propKeys.length > 0) {
    const props: Record<string, unknown> = {};
    const all = propKeys.includes('*all');
    for (const [k, v] of Object.entries(issue.properties)) if (all || propKeys.includes(k)) props[k] = v;
    out.properties = props;
  }
  if (opts.names) {
    const names: Record<string, string> = {};
    for (const id of Object.keys(fields)) names[id] = site.fields.get(id)?.name ?? id;
    out.names = names;
  }
  if (opts.changelog) {
    const histories = issue.history.map((h) => {
      const { locale: _locale, ...author } = userJsonOrNull(site, h.authorId) ?? {};
      const items = h.items.map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)));
      return { id: h.id, author, created: new Date(h.created).toISOString(), items };
    });
    out.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  return out;
}

/** Every field, as the Forge product events carry them. */
export function eventFields(site: Site, actor: Actor, issue: IssueRec): Record<string, unknown> {
  return issueJson(site, actor, issue, { fields: selectFields(site, ['*all'], '*all') }).fields as Record<
    string,
    unknown
  >;
}
