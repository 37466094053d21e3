// compileJql: JQL text → {matches, compare} for the issues the actor can browse.
import type { IssueRec } from '../state';
import type { Actor, Site } from '../site';
import { badRequest } from '../errors';
import { canSeeIssue } from '../permissions';
import { parseJql } from './parse';
import { compileClause, type Env, type Predicate } from './clauses';
import { compileOrderBy, type Comparator } from './order';

export interface CompiledJql {
  /** True when the query has a WHERE clause (Jira's search endpoints refuse unbounded queries). */
  bounded: boolean;
  matches: Predicate;
  compare: Comparator;
}

export const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

export function compileJql(site: Site, actor: Actor, jql: string): CompiledJql {
  const parsed = parseJql(jql);
  const env: Env = { site, actor, now: site.now(), aliasFields: parsed.aliasFields };
  const where = parsed.query?.where ?? undefined;
  const filter: Predicate = where ? compileClause(env, where) : () => true;
  const compare = compileOrderBy(env, parsed.query?.orderBy ?? undefined);
  return { bounded: where !== undefined, matches: (i) => canSeeIssue(site, actor, i) && filter(i), compare };
}

/**
 * Runs a bounded query over the search index (which trails writes): matching visible issues, sorted. Issues whose
 * ids are in `reconcile` are read as they are now.
 */
export function runJql(site: Site, actor: Actor, jql: string, reconcile: ReadonlySet<string> = new Set()): IssueRec[] {
  const compiled = compileJql(site, actor, jql);
  if (!compiled.bounded) throw badRequest(UNBOUNDED);
  return site.searchIndex.view(site.state.issues, reconcile).filter(compiled.matches).sort(compiled.compare);
}
