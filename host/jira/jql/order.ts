// ORDER BY: a comparator over issues; empty values sort last ascending and first descending, ties fall back to id.
import type { OrderBy } from '@atlaskit/jql-ast';
import type { IssueRec } from '../state';
import { badRequest } from '../errors';
import { issueTypeOf } from '../issue-types';
import { statusById } from '../workflow';
import { resolveField, type JqlField } from './fields';
import type { Env } from './clauses';

export type Comparator = (a: IssueRec, b: IssueRec) => number;

const CATEGORY_RANK: Record<string, number> = { new: 0, indeterminate: 1, done: 2 };

function sortKey(env: Env, field: JqlField): (i: IssueRec) => string | number | null {
  const { site } = env;
  switch (field.type) {
    case 'key':
      return (i) => {
        const [projectKey, n] = i.key.split('-');
        return `${projectKey}-${String(n).padStart(10, '0')}`;
      };
    case 'project':
      return (i) => site.state.projects.find((p) => p.id === i.projectId)?.key ?? '';
    case 'issuetype':
      return (i) => issueTypeOf(site, i.issueTypeId).name.toLowerCase();
    case 'status':
      return (i) => {
        const s = statusById(i.statusId);
        return `${CATEGORY_RANK[s.category.key]}-${s.name.toLowerCase()}`;
      };
    case 'user':
      return (i) => {
        const id = field.get(i);
        return typeof id === 'string' ? (site.user(id)?.displayName.toLowerCase() ?? id) : null;
      };
    case 'datetime':
      return (i) => {
        const v = field.get(i);
        return typeof v === 'string' ? new Date(v).getTime() : null;
      };
    case 'number':
      return (i) => {
        const v = field.get(i);
        return typeof v === 'number' ? v : null;
      };
    default:
      return (i) => {
        const v = field.get(i);
        return v === null || v === undefined || v === '' ? null : String(v).toLowerCase();
      };
  }
}

const byId: Comparator = (a, b) => Number(a.id) - Number(b.id);

export function compileOrderBy(env: Env, orderBy: OrderBy | undefined): Comparator {
  if (!orderBy || orderBy.fields.length === 0) return byId;
  if (orderBy.fields.length > 7) throw badRequest('The ORDER BY clause can contain a maximum of 7 fields.');
  const keys = orderBy.fields.map((f) => {
    const start = f.field.position?.[0] ?? -1;
    const field = resolveField(env.site, f.field, env.aliasFields.has(start));
    if (!field.sortable) throw badRequest(`Field '${field.name}' does not support sorting.`);
    return { key: sortKey(env, field), desc: f.direction?.value.toUpperCase() === 'DESC' };
  });
  return (a, b) => {
    for (const { key, desc } of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return desc ? -1 : 1;
      if (y === null) return desc ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (c !== 0) return desc ? -c : c;
    }
    return byId(a, b);
  };
}
