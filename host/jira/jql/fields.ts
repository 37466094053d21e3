// JQL field names → typed accessors over stored issues: system clause names, custom fields by name, cf[N] and
// customfield_N, and Forge object-field aliases ("Field".Alias).
import type { Field } from '@atlaskit/jql-ast';
import type { IssueRec } from '../state';
import type { Site } from '../site';
import type { FieldDef } from '../fields';
import { statusById } from '../workflow';
import { adfText } from '../field-values';
import { badRequest } from '../errors';

export type JqlType =
  | 'project'
  | 'issuetype'
  | 'status'
  | 'statusCategory'
  | 'resolution'
  | 'key'
  | 'parent'
  | 'text'
  | 'datetime'
  | 'date'
  | 'user'
  | 'labels'
  | 'number'
  | 'string'
  | 'object'
  | 'group';

export interface JqlField {
  /** The name as written in the query, for messages. */
  name: string;
  type: JqlType;
  get(issue: IssueRec): unknown;
  sortable: boolean;
}

const unknownField = (name: string) =>
  badRequest(`Field '${name}' does not exist or you do not have permission to view it.`);

const isDoneStatus = (issue: IssueRec): boolean => statusById(issue.statusId).category.key === 'done';

function systemField(site: Site, lower: string, name: string): JqlField | undefined {
  const f = (type: JqlType, get: (i: IssueRec) => unknown, sortable = true): JqlField => ({
    name,
    type,
    get,
    sortable,
  });
  switch (lower) {
    case 'project':
      return f('project', (i) => i.projectId);
    case 'issuetype':
    case 'type':
      return f('issuetype', (i) => i.issueTypeId);
    case 'status':
      return f('status', (i) => i.statusId);
    case 'statuscategory':
      return f('statusCategory', (i) => String(statusById(i.statusId).category.id), false);
    case 'resolution':
      return f('resolution', (i) => (isDoneStatus(i) ? '10000' : null));
    case 'key':
    case 'issue':
    case 'issuekey':
    case 'id':
      return f('key', (i) => i.id);
    case 'parent':
      return f('parent', (i) => i.parentId, false);
    case 'summary':
      return f('text', (i) => i.summary);
    case 'description':
      return f('text', (i) => adfText(i.description) || null, false);
    case 'text':
      return f(
        'text',
        (i) =>
          [
            i.summary,
            adfText(i.description),
            ...site.fields
              .forgeFields()
              .filter((d) => d.kind === 'string')
              .map((d) => i.custom[d.id]),
          ]
            .filter((x) => typeof x === 'string' && x !== '')
            .join('\n'),
        false,
      );
    case 'created':
    case 'createddate':
      return f('datetime', (i) => i.created);
    case 'updated':
    case 'updateddate':
      return f('datetime', (i) => i.updated);
    case 'resolved':
    case 'resolutiondate':
      return f('datetime', (i) => (isDoneStatus(i) ? i.statusCategoryChanged : null));
    case 'statuscategorychangeddate':
      return f('datetime', (i) => i.statusCategoryChanged);
    case 'due':
    case 'duedate':
      return f('date', (i) => i.duedate);
    case 'assignee':
      return f('user', (i) => i.assigneeId);
    case 'reporter':
      return f('user', (i) => i.reporterId);
    case 'creator':
      return f('user', (i) => i.creatorId);
    case 'labels':
      return f('labels', (i) => (i.labels.length ? i.labels : null), false);
    default:
      return undefined;
  }
}

function customDef(site: Site, name: string): FieldDef | undefined {
  const cf = /^cf\[(\d+)\]$/i.exec(name) ?? /^customfield_(\d+)$/i.exec(name);
  if (cf) return site.fields.get(`customfield_${cf[1]}`);
  const lower = name.toLowerCase();
  return site.fields.all.find((d) => d.custom && d.name.toLowerCase() === lower);
}

function customField(def: FieldDef, name: string): JqlField {
  const get = (i: IssueRec): unknown => i.custom[def.id] ?? null;
  switch (def.kind) {
    case 'number':
      return { name, type: 'number', get, sortable: true };
    case 'string':
      return { name, type: 'string', get, sortable: true };
    case 'date':
      return { name, type: 'date', get, sortable: true };
    case 'datetime':
      return { name, type: 'datetime', get, sortable: true };
    case 'user':
      return { name, type: 'user', get, sortable: true };
    case 'group':
      return {
        name,
        type: 'group',
        get: (i) => {
          const g = i.custom[def.id] as { name?: string; groupId?: string } | undefined;
          return g ? (g.name ?? g.groupId ?? null) : null;
        },
        sortable: false,
      };
    default:
      return {
        name,
        type: 'object',
        get: (i) => (i.custom[def.id] === undefined ? null : JSON.stringify(i.custom[def.id])),
        sortable: false,
      };
  }
}

function aliasField(def: FieldDef, alias: string, name: string): JqlField {
  const entry = Object.entries(def.forge?.searchAliases ?? {}).find(
    ([, a]) => a.alias.toLowerCase() === alias.toLowerCase(),
  );
  if (!entry) throw unknownField(name);
  const [property, { type }] = entry;
  const raw = (i: IssueRec): unknown => {
    const v = i.custom[def.id];
    return v && typeof v === 'object' ? ((v as Record<string, unknown>)[property] ?? null) : null;
  };
  switch (type) {
    case 'number':
      return { name, type: 'number', get: (i) => (typeof raw(i) === 'number' ? raw(i) : null), sortable: true };
    case 'date':
      return {
        name,
        type: 'date',
        get: (i) => (typeof raw(i) === 'string' ? (raw(i) as string).slice(0, 10) : null),
        sortable: true,
      };
    case 'user':
      return { name, type: 'user', get: (i) => (typeof raw(i) === 'string' ? raw(i) : null), sortable: true };
    default:
      return { name, type: 'string', get: (i) => (raw(i) === null ? null : String(raw(i))), sortable: true };
  }
}

/** Resolves a parsed field; `isAlias` marks fields written as "Field".Alias (see parse.ts). */
export function resolveField(site: Site, field: Field, isAlias: boolean): JqlField {
  const name = field.value;
  const properties = field.properties ?? [];
  if (properties.length > 0) {
    const prop = properties[0];
    const alias = prop?.key?.value;
    if (!isAlias || !alias || properties.length > 1 || (prop?.path ?? []).length > 0) {
      throw badRequest(
        `Entity property searches ('${field.text}${properties.length ? '[…]' : ''}') are not supported by the local Jira host.`,
      );
    }
    // For cf[N] the parsed field value carries the property text too.
    const base = /^cf\[\d+\]/i.exec(name)?.[0] ?? name;
    const def = customDef(site, base);
    if (!def || def.kind !== 'object') throw unknownField(`${base}.${alias}`);
    return aliasField(def, alias, `${base}.${alias}`);
  }
  const system = systemField(site, name.toLowerCase(), name);
  if (system) return system;
  const def = customDef(site, name);
  if (def) return customField(def, name);
  // Unquoted `Field.Alias` lexes as one string.
  const dot = name.indexOf('.');
  if (dot > 0) {
    const base = customDef(site, name.slice(0, dot));
    if (base && base.kind === 'object') return aliasField(base, name.slice(dot + 1), name);
  }
  throw unknownField(name);
}
