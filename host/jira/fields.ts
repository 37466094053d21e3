// The field catalog: Jira's system fields, the "Start date" custom field every Jira Cloud site has, and one custom
// field per Forge `jira:customField` module (customfield_10100, 10101, … in declaration order).
import type { ForgeFieldDecl } from './types';

export interface JsonTypeBean {
  type: string;
  system?: string;
  custom?: string;
  customId?: number;
  items?: string;
}

export type FieldValueKind =
  | 'summary'
  | 'description'
  | 'issuetype'
  | 'project'
  | 'parent'
  | 'status'
  | 'user'
  | 'datetime'
  | 'date'
  | 'labels'
  | 'subtasks'
  | 'issuelinks'
  | 'resolution'
  | 'key'
  | 'statusCategory'
  | 'number'
  | 'string'
  | 'object'
  | 'group';

export interface FieldDef {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: JsonTypeBean;
  kind: FieldValueKind;
  /** Set for the Forge app's fields. */
  forge?: ForgeFieldDecl;
  /** Numeric part of customfield_NNNNN. */
  customId?: number;
}

export const START_DATE_ID = 'customfield_10015';
export const FIRST_FORGE_FIELD_NUMBER = 10100;

const system = (
  id: string,
  name: string,
  kind: FieldValueKind,
  schema: JsonTypeBean | undefined,
  clauseNames: string[],
  flags: { orderable?: boolean; navigable?: boolean; searchable?: boolean } = {},
): FieldDef => ({
  id,
  key: id,
  name,
  custom: false,
  orderable: flags.orderable ?? true,
  navigable: flags.navigable ?? true,
  searchable: flags.searchable ?? true,
  clauseNames,
  ...(schema ? { schema } : {}),
  kind,
});

const SYSTEM_FIELDS: FieldDef[] = [
  system('issuekey', 'Key', 'key', undefined, ['id', 'issue', 'issuekey', 'key'], { orderable: false }),
  system('summary', 'Summary', 'summary', { type: 'string', system: 'summary' }, ['summary']),
  system('description', 'Description', 'description', { type: 'string', system: 'description' }, ['description']),
  system('issuetype', 'Issue Type', 'issuetype', { type: 'issuetype', system: 'issuetype' }, ['issuetype', 'type']),
  system('project', 'Project', 'project', { type: 'project', system: 'project' }, ['project']),
  system('parent', 'Parent', 'parent', undefined, ['parent']),
  system('status', 'Status', 'status', { type: 'status', system: 'status' }, ['status'], { orderable: false }),
  system('statusCategory', 'Status Category', 'statusCategory', undefined, ['statusCategory'], {
    orderable: false,
    navigable: false,
  }),
  system('assignee', 'Assignee', 'user', { type: 'user', system: 'assignee' }, ['assignee']),
  system('reporter', 'Reporter', 'user', { type: 'user', system: 'reporter' }, ['reporter']),
  system('creator', 'Creator', 'user', { type: 'user', system: 'creator' }, ['creator'], { orderable: false }),
  system('created', 'Created', 'datetime', { type: 'datetime', system: 'created' }, ['created', 'createdDate'], {
    orderable: false,
  }),
  system('updated', 'Updated', 'datetime', { type: 'datetime', system: 'updated' }, ['updated', 'updatedDate'], {
    orderable: false,
  }),
  system(
    'statuscategorychangedate',
    'Status Category Changed',
    'datetime',
    { type: 'datetime', system: 'statuscategorychangedate' },
    ['statusCategoryChangedDate'],
    { orderable: false },
  ),
  system('duedate', 'Due date', 'date', { type: 'date', system: 'duedate' }, ['due', 'duedate']),
  system('resolution', 'Resolution', 'resolution', { type: 'resolution', system: 'resolution' }, ['resolution'], {
    orderable: false,
  }),
  system(
    'resolutiondate',
    'Resolved',
    'datetime',
    { type: 'datetime', system: 'resolutiondate' },
    ['resolutiondate', 'resolved'],
    {
      orderable: false,
    },
  ),
  system('labels', 'Labels', 'labels', { type: 'array', items: 'string', system: 'labels' }, ['labels']),
  system(
    'subtasks',
    'Sub-tasks',
    'subtasks',
    { type: 'array', items: 'issuelinks', system: 'subtasks' },
    ['subtasks'],
    {
      orderable: false,
      searchable: false,
    },
  ),
  system(
    'issuelinks',
    'Linked Issues',
    'issuelinks',
    { type: 'array', items: 'issuelinks', system: 'issuelinks' },
    ['issueLink'],
    {
      searchable: false,
    },
  ),
];

const START_DATE: FieldDef = {
  id: START_DATE_ID,
  key: START_DATE_ID,
  name: 'Start date',
  custom: true,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: ['cf[10015]', 'Start date', 'Start date[Date]'],
  schema: { type: 'date', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker', customId: 10015 },
  kind: 'date',
  customId: 10015,
};

/** The app uuid inside `ari:cloud:ecosystem::app/<uuid>` (or the id as given when it is already bare). */
export const appUuid = (appId: string): string => appId.slice(appId.lastIndexOf('/') + 1);

export const forgeFieldType = (appId: string, envId: string, moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/${appUuid(appId)}/${envId}/static/${moduleKey}`;

const FORGE_KIND: Record<ForgeFieldDecl['type'], FieldValueKind> = {
  number: 'number',
  string: 'string',
  date: 'date',
  datetime: 'datetime',
  object: 'object',
  user: 'user',
  group: 'group',
};

export class FieldCatalog {
  readonly all: FieldDef[];
  private readonly byId = new Map<string, FieldDef>();

  constructor(forgeFields: ForgeFieldDecl[], appId: string, envId: string) {
    const forge = forgeFields.map((decl, i): FieldDef => {
      const n = FIRST_FORGE_FIELD_NUMBER + i;
      return {
        id: `customfield_${n}`,
        key: `${appUuid(appId)}__DEVELOPMENT__${decl.key}`,
        name: decl.name,
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: [`cf[${n}]`, decl.name],
        schema: { type: decl.type, custom: forgeFieldType(appId, envId, decl.key), customId: n },
        kind: FORGE_KIND[decl.type],
        forge: decl,
        customId: n,
      };
    });
    this.all = [...SYSTEM_FIELDS, START_DATE, ...forge];
    for (const f of this.all) this.byId.set(f.id, f);
  }

  get(id: string): FieldDef | undefined {
    return this.byId.get(id);
  }

  /** customfield_NNNNN, the Jira field key, or the Forge module key. */
  findCustom(idOrKey: string): FieldDef | undefined {
    return this.all.find((f) => f.custom && (f.id === idOrKey || f.key === idOrKey || f.forge?.key === idOrKey));
  }

  /** Fields listed by GET /rest/api/3/field (issuekey and statusCategory are JQL-only pseudo fields there too). */
  listed(): FieldDef[] {
    return this.all;
  }

  navigable(): FieldDef[] {
    return this.all.filter((f) => f.navigable && f.id !== 'issuekey');
  }

  forgeFields(): FieldDef[] {
    return this.all.filter((f) => f.forge);
  }
}

export function fieldDetailsJson(f: FieldDef): Record<string, unknown> {
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    custom: f.custom,
    orderable: f.orderable,
    navigable: f.navigable,
    searchable: f.searchable,
    clauseNames: f.clauseNames,
    ...(f.schema ? { schema: f.schema } : {}),
  };
}
