// Compiles JQL clauses (from the @atlaskit/jql-ast tree) into predicates over stored issues.
import type { Clause, TerminalClause } from '@atlaskit/jql-ast';
import type { IssueRec } from '../state';
import type { Actor, Site } from '../site';
import { badRequest } from '../errors';
import { canBrowse, canSeeIssue } from '../permissions';
import { projectIssueTypes } from '../issue-types';
import { STATUSES, STATUS_CATEGORIES } from '../workflow';
import { dayOf } from '../dates';
import { resolveField, type JqlField } from './fields';
import { atoms, dateFunction, dateValue, functionText, isDateFunction, type Atom } from './operands';

export type Predicate = (issue: IssueRec) => boolean;

export interface Env {
  site: Site;
  actor: Actor;
  now: Date;
  aliasFields: Set<number>;
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

const notSupported = (op: string, field: JqlField) =>
  badRequest(`The operator '${op}' is not supported by the '${field.name}' field.`);
const noSuchValue = (value: string, field: JqlField) =>
  badRequest(`The value '${value}' does not exist for the field '${field.name}'.`);

export function compileClause(env: Env, clause: Clause): Predicate {
  switch (clause.clauseType) {
    case 'compound': {
      const parts = clause.clauses.map((c) => compileClause(env, c));
      return clause.operator.value === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
    }
    case 'not': {
      const inner = compileClause(env, clause.clause);
      return (i) => !inner(i);
    }
    case 'terminal':
      return compileTerminal(env, clause);
  }
}

/** Resolves one non-empty atom to the stored value it matches (an id, a day, a number…); list for multi-matches. */
function resolveAtom(env: Env, field: JqlField, atom: Exclude<Atom, { kind: 'empty' }>): unknown[] {
  const { site, actor, now } = env;
  if (atom.kind === 'function') {
    const name = atom.name.toLowerCase();
    if (name === 'currentuser' && field.type === 'user') return [actor.accountId];
    if ((name === 'standardissuetypes' || name === 'subtaskissuetypes') && field.type === 'issuetype') {
      const level = name === 'standardissuetypes' ? 0 : -1;
      return site.state.issueTypes.filter((t) => t.hierarchyLevel === level).map((t) => t.id);
    }
    if (isDateFunction(name) && (field.type === 'date' || field.type === 'datetime')) {
      const d = dateFunction(atom.name, atom.args, now);
      return [field.type === 'date' ? dayOf(d) : d.getTime()];
    }
    if (name === 'currentuser' || isDateFunction(name)) {
      throw badRequest(`The function '${atom.name}' is not supported by the '${field.name}' field.`);
    }
    throw badRequest(`Unable to find JQL function '${functionText(atom)}'.`);
  }
  const text = atom.text;
  const lower = text.toLowerCase();
  switch (field.type) {
    case 'project': {
      const p = site.state.projects.find(
        (x) => x.key.toLowerCase() === lower || x.id === text || x.name.toLowerCase() === lower,
      );
      if (!p || !canSeeProject(env, p.id)) throw noSuchValue(text, field);
      return [p.id];
    }
    case 'issuetype': {
      const visibleTypes = site.state.projects
        .filter((p) => canSeeProject(env, p.id))
        .flatMap((p) => projectIssueTypes(site, p));
      const ids = [
        ...new Set(visibleTypes.filter((t) => t.id === text || t.name.toLowerCase() === lower).map((t) => t.id)),
      ];
      if (ids.length === 0) throw noSuchValue(text, field);
      return ids;
    }
    case 'status': {
      const s = STATUSES.find((x) => x.id === text || x.name.toLowerCase() === lower);
      if (!s) throw noSuchValue(text, field);
      return [s.id];
    }
    case 'statusCategory': {
      const c = STATUS_CATEGORIES.find(
        (x) => String(x.id) === text || x.key === lower || x.name.toLowerCase() === lower,
      );
      if (!c) throw noSuchValue(text, field);
      return [String(c.id)];
    }
    case 'resolution':
      if (lower === 'done' || text === '10000') return ['10000'];
      throw noSuchValue(text, field);
    case 'key':
    case 'parent': {
      const issue = site.state.issues.find((i) => i.key === text.toUpperCase() || i.id === text);
      if (!issue || !canSeeIssue(site, actor, issue)) {
        throw badRequest(`An issue with key '${text}' does not exist for field '${field.name}'.`);
      }
      return [issue.id];
    }
    case 'user':
      if (!site.user(text)) throw noSuchValue(text, field);
      return [text];
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n))
        throw badRequest(`Value '${text}' is invalid for the '${field.name}' field.`);
      return [n];
    }
    case 'date':
    case 'datetime': {
      const d = dateValue(text, now);
      if (!d) {
        throw badRequest(
          `Date value '${text}' for field '${field.name}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
        );
      }
      return [field.type === 'date' ? dayOf(d) : d.getTime()];
    }
    default:
      return [lower];
  }
}

function canSeeProject(env: Env, projectId: string): boolean {
  const p = env.site.state.projects.find((x) => x.id === projectId);
  return !!p && canBrowse(env.site, env.actor, p);
}

/** Normalises a stored value for comparison with resolved atoms. */
function normalise(field: JqlField, v: unknown): unknown {
  if (field.type === 'datetime') return new Date(v as string).getTime();
  if (field.type === 'date') return String(v).slice(0, 10);
  if (typeof v === 'string' && ['labels', 'string', 'group', 'text', 'object'].includes(field.type))
    return v.toLowerCase();
  return v;
}

const valuesOf = (field: JqlField, v: unknown): unknown[] =>
  (Array.isArray(v) ? v : [v]).map((x) => normalise(field, x));

const EQUALITY_TYPES = new Set([
  'project',
  'issuetype',
  'status',
  'statusCategory',
  'resolution',
  'key',
  'parent',
  'user',
  'labels',
  'number',
  'string',
  'group',
  'date',
  'datetime',
]);
const ORDERED_TYPES = new Set(['number', 'date', 'datetime', 'key']);
const TEXT_TYPES = new Set(['text', 'object']);

function compileTerminal(env: Env, clause: TerminalClause): Predicate {
  const start = clause.field.position?.[0] ?? -1;
  const field = resolveField(env.site, clause.field, env.aliasFields.has(start));
  const op = (clause.operator?.value ?? '').toLowerCase();
  if (!clause.operator || !clause.operand)
    throw badRequest(`Error in the JQL Query: the clause on '${field.name}' is incomplete.`);
  if (clause.predicates.length > 0 || op.startsWith('was') || op === 'changed') {
    throw badRequest(
      `History searches ('${op.toUpperCase()}' and predicates) are not supported by the local Jira host.`,
    );
  }
  const list = atoms(clause.operand);
  const wantsEmpty = list.some((a) => a.kind === 'empty');
  const concrete = list.filter((a): a is Exclude<Atom, { kind: 'empty' }> => a.kind !== 'empty');
  const empty = (i: IssueRec): boolean => isEmpty(field.get(i));

  if (op === 'is' || op === 'is not') {
    if (!wantsEmpty || concrete.length > 0) throw badRequest(`The operator '${op}' only supports EMPTY or NULL.`);
    return op === 'is' ? empty : (i) => !empty(i);
  }
  if (op === '~' || op === '!~') {
    if (!TEXT_TYPES.has(field.type)) throw notSupported(op, field);
    const first = concrete[0];
    if (concrete.length !== 1 || !first || first.kind !== 'value')
      throw badRequest(`The operator '${op}' needs one text value.`);
    const match = textMatcher(first.text, field);
    return op === '~'
      ? (i) => !empty(i) && match(String(field.get(i)))
      : (i) => !empty(i) && !match(String(field.get(i)));
  }
  if (['=', '!=', 'in', 'not in'].includes(op)) {
    if (!EQUALITY_TYPES.has(field.type)) throw notSupported(op, field);
    if ((op === '=' || op === '!=') && clause.operand.operandType === 'list')
      throw badRequest(`The operator '${op}' does not support a list of values; use IN.`);
    const wanted = new Set(concrete.flatMap((a) => resolveAtom(env, field, a)));
    const hit = (i: IssueRec): boolean => valuesOf(field, field.get(i)).some((v) => wanted.has(v));
    if (op === '=' || op === 'in') return (i) => (empty(i) ? wantsEmpty : hit(i));
    return (i) => (empty(i) ? false : !hit(i));
  }
  if (['<', '<=', '>', '>='].includes(op)) {
    if (!ORDERED_TYPES.has(field.type)) throw notSupported(op, field);
    const first = concrete[0];
    if (concrete.length !== 1 || !first) throw badRequest(`The operator '${op}' needs exactly one value.`);
    const bound = resolveAtom(env, field, first)[0];
    const cmp = compareFor(env, field);
    const test = (c: number): boolean => (op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
    return (i) => {
      if (empty(i)) return false;
      const c = cmp(field.get(i), bound);
      return c !== null && test(c);
    };
  }
  throw badRequest(`The operator '${op}' is not supported by the local Jira host.`);
}

function compareFor(env: Env, field: JqlField): (stored: unknown, bound: unknown) => number | null {
  if (field.type === 'key') {
    const pos = (id: unknown) => {
      const issue = env.site.state.issues.find((i) => i.id === id);
      return issue ? { project: issue.projectId, n: Number(issue.key.split('-')[1]) } : null;
    };
    return (stored, bound) => {
      const a = pos(stored);
      const b = pos(bound);
      return a && b && a.project === b.project ? a.n - b.n : null;
    };
  }
  return (stored, bound) => {
    const a = normalise(field, stored);
    if (typeof a === 'number' && typeof bound === 'number') return a - bound;
    return String(a).localeCompare(String(bound));
  };
}

/** Jira-like text search: every term must start a word (prefix match stands in for stemming); "…" is a phrase. */
function textMatcher(query: string, field: JqlField): (text: string) => boolean {
  const trimmed = query.trim();
  if (trimmed === '') throw badRequest(`The field '${field.name}' does not support searching for an empty string.`);
  if (trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    const phrase = trimmed.slice(1, -1).toLowerCase();
    return (text) => text.toLowerCase().includes(phrase);
  }
  const terms = trimmed
    .toLowerCase()
    .split(/[^\p{L}\p{N}*?]+/u)
    .filter(Boolean);
  return (text) => {
    const words = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    return terms.every((term) => {
      if (term.includes('*') || term.includes('?')) {
        const re = new RegExp(
          `^${term
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        );
        return words.some((w) => re.test(w));
      }
      return words.some((w) => w.startsWith(term));
    });
  };
}
