// Keeping the portfolio store current, and reading the portfolio from it.
// Write side: a change to a pilot (a panel save, a decision, an approval, a graduation, a sub-task moving, a new
// or deleted issue) asks for its row to be refreshed; the refresh reads the pilot as the app from Jira and the
// app's own records (the same assessment the JQL portfolio makes), writes the row, and folds the project's
// aggregate again. The daily scan rewrites every row and folds every project, so anything a change missed is
// repaired within a day. Read side: the first view is the browsable projects (asked of Jira as the viewer), the
// project aggregates and the first page of each list: a handful of calls whatever the number of pilots.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { daysBetween, type IsoDate } from '../core/dates';
import { combineVariants, foldProject, type ProjectAggregate, type RowFacts } from '../core/portfolio-aggregate';
import {
  normalizedNeedle,
  orderOf,
  rowMatches,
  ROWS_PAGE,
  searchTextOf,
  sortKeysOf,
  type RowFilterQuery,
} from '../core/portfolio-rows';
import { summarizeCycleTime } from '../core/cycle-time';
import type { MacroConfig } from '../contract/schemas';
import type { PortfolioFirstView, PortfolioRow, PortfolioRowsPage } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError, isRetryableStorageError, ProductError } from '../adapters/errors';
import { claim, releaseClaim } from '../adapters/claims.store';
import { getIssue, type JiraIssue } from '../adapters/jira/issues.api';
import { searchJql } from '../adapters/jira/search.api';
import {
  anyPending,
  drainStarted,
  markPendingAgain,
  MAX_REFRESH_IDS,
  requestDrain,
  takePending,
} from '../adapters/portfolio-queue';
import { browsableProjects } from '../adapters/jira/browsable-projects.api';
import {
  aggregateClaimKey,
  cursorKey,
  deleteAggregate,
  deleteRow,
  dirtyMark,
  ENTITY_PAGE,
  markDirty,
  projectRows,
  queryRowPage,
  readAggregates,
  readRow,
  markStoreReady,
  storeReadyDay,
  writeAggregate,
  writeRow,
  type RowCondition,
  type StoredRow,
} from '../adapters/portfolio.store';
import {
  assessPortfolioPage,
  nameOwners,
  portfolioJql,
  trend,
  type AssessedRow,
  type PageFacts,
  type SettingsCache,
} from './portfolio.use-case';
import { isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

// ---------------------------------------------------------------------------------------------------------------
// Write side

export function storedRowOf(a: AssessedRow, day: IsoDate): StoredRow | null {
  // Custom entity strings must not be empty: a pilot Jira gave no project cannot be filed under one.
  if (!a.projectId || !a.projectKey) return null;
  return {
    ...sortKeysOf(a.row, day),
    issueId: a.issueId,
    projectId: a.projectId,
    projectKey: a.projectKey,
    phase: a.row.phase,
    verdict: a.row.verdict,
    stalled: !a.row.unreadable && a.row.stalled,
    decisionDue: !a.row.unreadable && a.row.decisionDue,
    searchText: searchTextOf(a.row),
    written: new Date().toISOString(),
    data: { row: a.row, pilot: a.pilot, graduation: a.graduation, thresholdDays: a.thresholdDays, day },
  };
}

export interface RowWriteOutcome {
  written: number;
  /** One line per pilot whose row could not be written (the scan repairs it next time). */
  failures: string[];
  /** Projects whose aggregate is now behind its rows. */
  projects: Set<string>;
  /** Projects whose fold failed (their numbers stay behind the rows until a fold succeeds). */
  foldFailures?: string[];
  /** A pilot could not be read or dropped for a reason that passes (Jira or storage 429/5xx): worth a retry. */
  retryable?: boolean;
}

/** Writes the rows of assessed pilots (each on its own: one failure costs one row) and marks their projects dirty. */
export async function writePortfolioRows(
  assessed: readonly AssessedRow[],
  day: IsoDate,
  options: { previous?: Map<string, string> } = {},
): Promise<RowWriteOutcome> {
  const outcome: RowWriteOutcome = { written: 0, failures: [], projects: new Set() };
  const results = await Promise.allSettled(
    assessed.map(async (a) => {
      const row = storedRowOf(a, day);
      if (!row) {
        await deleteRow(a.issueId);
        return a;
      }
      await writeRow(row);
      return a;
    }),
  );
  results.forEach((result, i) => {
    const a = assessed[i]!;
    if (result.status === 'fulfilled') {
      outcome.written += 1;
      if (a.projectId) outcome.projects.add(a.projectId);
    } else
      outcome.failures.push(
        `${a.row.key}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
      );
    const before = options.previous?.get(a.issueId);
    if (before && before !== a.projectId) outcome.projects.add(before);
  });
  await Promise.all([...outcome.projects].map((p) => markDirty(p)));
  return outcome;
}

/**
 * Refreshes the rows of these issues from Jira (as the app) and the app's records, then folds the projects they
 * are in (and were in). An issue that is gone, or no longer an AI Pilot, loses its row.
 */
export async function refreshPilots(issueIds: readonly string[]): Promise<RowWriteOutcome> {
  return refreshPilotsOn(issueIds, today(), true);
}

async function refreshPilotsOn(issueIds: readonly string[], day: IsoDate, fold: boolean): Promise<RowWriteOutcome> {
  const ids = [...new Set(issueIds)];
  const previous = new Map<string, string>();
  const gone: string[] = [];
  // One pilot Jira will not give now keeps its old row; the others are refreshed all the same.
  const unread: Array<{ id: string; error: unknown }> = [];
  const issues = (
    await Promise.all(
      ids.map(async (id) => {
        const before = await readRow(id).catch(() => undefined);
        if (before) previous.set(id, before.projectId);
        try {
          const issue = await getIssue('app', id, PILOT_FIELDS, PILOT_PROPERTIES);
          if (isPilot(issue)) return [issue];
        } catch (error) {
          if (!(error instanceof ProductError && error.status === 404)) {
            unread.push({ id, error });
            return [];
          }
        }
        gone.push(id);
        return [];
      }),
    )
  ).flat();
  const settings: SettingsCache = new Map();
  const outcome = await writePortfolioRows(await assessPortfolioPage(issues, day, settings), day, { previous });
  for (const { id, error } of unread) {
    outcome.failures.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    if ((error instanceof ProductError && error.retryable) || isRetryableStorageError(error)) outcome.retryable = true;
  }
  for (const id of gone) {
    try {
      await deleteRow(id);
    } catch (error) {
      outcome.failures.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
      if (isRetryableStorageError(error)) outcome.retryable = true;
      continue;
    }
    const before = previous.get(id);
    if (before) {
      outcome.projects.add(before);
      await markDirty(before);
    }
  }
  if (fold) outcome.foldFailures = (await foldProjects([...outcome.projects])).failures;
  return outcome;
}

/** Projects folded at once: each fold reads its own rows a page at a time. */
const FOLD_CONCURRENCY = 8;

/** Folds each project's aggregate from its rows, several at once; one project failing does not stop the others. */
export async function foldProjects(projectIds: readonly string[]): Promise<{ folded: number; failures: string[] }> {
  const failures: string[] = [];
  let folded = 0;
  const queue = [...new Set(projectIds)];
  const worker = async () => {
    for (let projectId = queue.shift(); projectId !== undefined; projectId = queue.shift()) {
      try {
        if (await foldProjectAggregate(projectId)) folded += 1;
      } catch (error) {
        failures.push(`${projectId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FOLD_CONCURRENCY, queue.length) }, worker));
  return { folded, failures };
}

const FOLD_CLAIM_SECONDS = 600;
const MAX_FOLDS = 5;

/**
 * One folder per project at a time (a claim). The folder reads the project's dirty mark, folds every row, writes
 * the aggregate and reads the mark again: a row written meanwhile changed the mark, so it folds again. After
 * releasing the claim it looks once more, so a writer that found the claim taken is never left unfolded.
 * Returns false when another folder holds the claim (that folder sees this change's mark).
 */
export async function foldProjectAggregate(projectId: string): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_FOLDS; attempt += 1) {
    if (!(await claim(aggregateClaimKey(projectId), FOLD_CLAIM_SECONDS))) return false;
    let seen: string | null;
    try {
      for (;;) {
        seen = await dirtyMark(projectId);
        await foldOnce(projectId);
        if ((await dirtyMark(projectId)) === seen) break;
      }
    } finally {
      await releaseClaim(aggregateClaimKey(projectId));
    }
    if ((await dirtyMark(projectId)) === seen) return true;
  }
  return true;
}

async function foldOnce(projectId: string): Promise<void> {
  const facts: RowFacts[] = [];
  let projectKey = '';
  let thresholdDays: number | null = null;
  let asOf: IsoDate | null = null;
  for await (const page of projectRows(projectId)) {
    for (const row of page) {
      facts.push({ pilot: row.data.pilot, graduation: row.data.graduation });
      projectKey ||= row.projectKey;
      thresholdDays ??= row.data.thresholdDays;
      if (asOf === null || row.data.day < asOf) asOf = row.data.day;
    }
  }
  if (facts.length === 0) await deleteAggregate(projectId);
  else await writeAggregate(foldProject({ projectId, projectKey, thresholdDays }, facts, asOf ?? today()));
}

// ---------------------------------------------------------------------------------------------------------------
// Read side

/** The projects a portfolio config covers for this viewer. */
interface Scope {
  config: MacroConfig;
  day: IsoDate;
  /** Projects with pilots (aggregates) this viewer may browse and the config includes. */
  visible: ProjectAggregate[];
  visibleIds: Set<string>;
  /** Projects with pilots the viewer may not see or the config leaves out. */
  hiddenIds: string[];
  unavailableProjects: number;
}

async function scopeOf(config: MacroConfig): Promise<Scope | null> {
  const [ready, read, browsable] = await Promise.all([storeReadyDay(), readAggregates(), browsableProjects()]);
  if (ready === null) return null;
  let { aggregates } = read;
  if (read.unreadable.length > 0) {
    // An aggregate storage gives back unreadable would drop its project from every view: fold it again from its rows.
    const refolded = await foldProjects(read.unreadable);
    if (refolded.failures.length) console.warn(`Portfolio aggregates not refolded: ${refolded.failures.join('; ')}`);
    aggregates = (await readAggregates()).aggregates;
  }
  const browsableIds = new Set(browsable.map((p) => p.id));
  const browsableKeys = new Set(browsable.map((p) => p.key));
  const chosen = config.projectKeys.length ? new Set(config.projectKeys) : null;
  const visible = aggregates.filter(
    (a) => browsableIds.has(a.projectId) && (chosen === null || chosen.has(a.projectKey)),
  );
  const visibleIds = new Set(visible.map((a) => a.projectId));
  return {
    config,
    day: today(),
    visible,
    visibleIds,
    hiddenIds: aggregates.filter((a) => !visibleIds.has(a.projectId)).map((a) => a.projectId),
    unavailableProjects: config.projectKeys.filter((k) => !browsableKeys.has(k)).length,
  };
}

/** Rows are stored as of the day they were computed; day counts move on with the calendar until the next refresh. */
function aged(row: PortfolioRow, computedOn: IsoDate, day: IsoDate): PortfolioRow {
  const delta = Math.max(0, daysBetween(computedOn, day));
  if (delta === 0 || row.unreadable) return { ...row };
  return {
    ...row,
    daysSinceDemo: row.daysSinceDemo === null ? null : row.daysSinceDemo + delta,
    daysStalled: row.stalled ? row.daysStalled + delta : row.daysStalled,
  };
}

const storeCursor = z.object({ src: z.literal('store'), q: z.string(), c: z.string() }).strict();

/** What a page marker is valid for: the filter and order, and the store filters (which follow the viewer's projects). */
function fingerprint(scope: Scope, query: RowFilterQuery, filters: unknown): string {
  return JSON.stringify([
    scope.config.projectKeys,
    scope.config.pilots,
    query.list,
    query.sort,
    query.order,
    query.phase,
    query.verdict,
    normalizedNeedle(query.text),
    filters,
  ]);
}

/** How many store pages one request reads at most before answering with what it has (and a cursor). */
const MAX_ROUNDS = 5;

async function storePage(scope: Scope, query: RowFilterQuery, cursor: string | null): Promise<PortfolioRowsPage> {
  const decoded = cursor === null ? null : await openStoreCursor(cursor);
  if (scope.visible.length === 0) return { rows: [], nextCursor: null };
  const { by, ascending } = orderOf(query);
  // The effective query: the request's filters and the macro's pilot filter together.
  const effective: RowFilterQuery = { ...query };
  const conditions: RowCondition[] = [];
  if (query.phase !== null) conditions.push({ attribute: 'phase', condition: 'equalTo', value: query.phase });
  if (query.verdict !== null) conditions.push({ attribute: 'verdict', condition: 'equalTo', value: query.verdict });
  if (scope.config.pilots === 'purgatory')
    conditions.push({ attribute: 'verdict', condition: 'equalTo', value: 'heading-to-purgatory' });
  if (scope.config.pilots === 'stalled' && query.list !== 'kill')
    conditions.push({ attribute: 'stalled', condition: 'equalTo', value: true });
  const needle = normalizedNeedle(query.text);
  if (needle) conditions.push({ attribute: 'searchText', condition: 'contains', value: needle });
  // Filters take one operator: leave out the few hidden projects (and), or, when the viewer sees the few, name them (or).
  const filters =
    scope.hiddenIds.length <= scope.visibleIds.size
      ? {
          operator: 'and' as const,
          conditions: [
            ...scope.hiddenIds.map((id): RowCondition => ({
              attribute: 'projectId',
              condition: 'notEqualTo',
              value: id,
            })),
            ...conditions,
          ],
        }
      : {
          operator: 'or' as const,
          conditions: [...scope.visibleIds].map((id): RowCondition => ({
            attribute: 'projectId',
            condition: 'equalTo',
            value: id,
          })),
        };
  const q = fingerprint(scope, query, filters);
  // A marker from another filter, or from before the viewer's projects changed, was read with other store filters.
  if (decoded && decoded.q !== q)
    throw new AppError(
      'VALIDATION_FAILED',
      'query.cursor: this page marker belongs to another filter or order; start again from the first page.',
    );
  let kvsCursor = decoded?.c;
  const rows: StoredRow[] = [];
  for (let round = 0; round < MAX_ROUNDS && rows.length < ROWS_PAGE; round += 1) {
    const page = await queryRowPage({
      index: by,
      ascending,
      ...(query.list === 'kill' ? { beginsWith: 'S:' } : {}),
      filters,
      // A page of about ROWS_PAGE rows; when filters thin the pages out, read whole store pages.
      limit: round === 0 ? ROWS_PAGE : ENTITY_PAGE,
      ...(kvsCursor ? { cursor: kvsCursor } : {}),
    });
    // Whatever the store's filters did, only rows of visible projects that match the query are ever shown.
    rows.push(...page.rows.filter((r) => scope.visibleIds.has(r.projectId) && keeps(scope, effective, r)));
    kvsCursor = page.nextCursor ?? undefined;
    if (!kvsCursor) break;
  }
  return {
    rows: rows.map((r) => aged(r.data.row, r.data.day, scope.day)),
    nextCursor: kvsCursor ? await sealStoreCursor({ src: 'store', q, c: kvsCursor }) : null,
  };
}

function keeps(scope: Scope, query: RowFilterQuery, row: StoredRow): boolean {
  const r = row.data.row;
  if (!rowMatches(r, query)) return false;
  if (scope.config.pilots === 'stalled' && (r.unreadable || !r.stalled)) return false;
  if (scope.config.pilots === 'purgatory' && (r.unreadable || r.verdict !== 'heading-to-purgatory')) return false;
  return true;
}

/** The store's cursor, sealed (AES-256-GCM, app-only key): the viewer can neither read nor forge it. */
async function sealStoreCursor(value: z.infer<typeof storeCursor>): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await cursorKey(), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

async function openStoreCursor(cursor: string): Promise<z.infer<typeof storeCursor>> {
  const key = await cursorKey();
  try {
    const raw = Buffer.from(cursor, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return storeCursor.parse(JSON.parse(text));
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      'query.cursor: this page marker is not one the portfolio gave out; reload the portfolio.',
    );
  }
}

/** `issuetype = "AI Pilot"`: every pilot the viewer may browse (the global page's config), however it is spaced or cased. */
const ALL_PILOTS_JQL = /^\s*issuetype\s*=\s*"ai pilot"\s*$/i;

/**
 * True when this config is answered from the store: chosen projects, or every pilot. Any other JQL filter is
 * answered by Jira as the viewer (the store cannot run JQL).
 */
export function storeAnswers(config: MacroConfig): boolean {
  return config.jql.trim() === '' || ALL_PILOTS_JQL.test(config.jql);
}

/** The first view from the store; null when the store is not filled yet (the caller runs the JQL portfolio). */
export async function openStorePortfolio(
  config: MacroConfig,
  first: { all: RowFilterQuery; kill: RowFilterQuery },
): Promise<PortfolioFirstView | null> {
  const scope = await scopeOf(config);
  if (!scope) return null;
  const variant = combineVariants(scope.visible.map((a) => a.variants[config.pilots]));
  const thresholds = new Map(
    scope.visible.flatMap((a) =>
      a.thresholdDays === null ? [] : [[a.projectKey, a.thresholdDays] as [string, number]],
    ),
  );
  const [killList, rows, daily] = await Promise.all([
    storePage(scope, first.kill, null),
    storePage(scope, first.all, null),
    trend(scope.visible.map((a) => a.projectId)),
  ]);
  await nameOwners([...killList.rows, ...rows.rows]);
  const asOf = scope.visible.reduce<IsoDate>((oldest, a) => (a.asOf < oldest ? a.asOf : oldest), scope.day);
  return {
    source: 'store',
    asOf,
    today: scope.day,
    jql: portfolioJql(config),
    unavailableProjects: scope.unavailableProjects,
    summary: variant.summary,
    distribution: variant.distribution,
    trend: daily,
    cycleTime: summarizeCycleTime(variant.graduations, thresholds),
    rowCount: variant.rows,
    killList,
    rows,
  };
}

/** A further page from the store; null when the store is not filled yet. */
export async function storeRows(
  config: MacroConfig,
  query: RowFilterQuery,
  cursor: string | null,
): Promise<PortfolioRowsPage | null> {
  const scope = await scopeOf(config);
  if (!scope) return null;
  const page = await storePage(scope, query, cursor);
  await nameOwners(page.rows);
  return page;
}

// ---------------------------------------------------------------------------------------------------------------
// Whole projects and the whole store (a settings change; the first fill; the daily repair)

export const portfolioJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('portfolio-pending') }).strict(),
  z
    .object({
      kind: z.literal('portfolio-project'),
      projectId: z.string().regex(/^\d{1,18}$/),
      pageToken: z.string().max(4000).optional(),
      day: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('portfolio-rebuild'),
      day: z.string(),
      since: z.string().optional(),
      pageToken: z.string().max(4000).optional(),
      projectIds: z.array(z.string()).max(10_000).optional(),
    })
    .strict(),
]);
export type PortfolioJobState = z.infer<typeof portfolioJobSchema>;

const RESERVE_MS = 60_000;

/**
 * Refreshes every pilot marked pending by a change, 50 at a time, until none is left (false) or the invocation
 * runs low (true: the caller queues another drain). A refresh Jira or storage refused for now marks its pilots
 * again and reports `retry`, so the platform delivers the drain again.
 */
export async function drainPendingRefreshes(remainingMs: () => number): Promise<{ more: boolean; retry: boolean }> {
  await drainStarted();
  for (;;) {
    if (remainingMs() < RESERVE_MS) return { more: true, retry: false };
    const ids = await takePending(MAX_REFRESH_IDS);
    if (!ids.length) return { more: false, retry: false };
    const outcome = await refreshPilots(ids);
    if (outcome.failures.length) console.warn(`Portfolio rows not written: ${outcome.failures.join('; ')}`);
    if (outcome.retryable || outcome.foldFailures?.length) {
      await markPendingAgain(ids);
      return { more: false, retry: true };
    }
  }
}
const WORK_MS = 240_000;

/**
 * Rewrites the rows of every pilot a JQL matches (as the app), a search page at a time, until done (null) or the
 * invocation's time runs low (the state to continue from). Rows of pilots the search no longer finds are swept
 * when the whole store was rebuilt.
 */
export async function rebuildRows(
  job: Extract<PortfolioJobState, { kind: 'portfolio-project' | 'portfolio-rebuild' }>,
  remainingMs: () => number,
): Promise<PortfolioJobState | null> {
  const day = job.day ?? today();
  // Rows written before the rebuild began and not rewritten by it are swept at its end.
  const since = job.kind === 'portfolio-rebuild' ? (job.since ?? new Date().toISOString()) : '';
  const jql =
    job.kind === 'portfolio-project'
      ? `project = ${job.projectId} AND issuetype = "AI Pilot" ORDER BY key ASC`
      : 'issuetype = "AI Pilot" ORDER BY key ASC';
  const projects = new Set(job.kind === 'portfolio-rebuild' ? (job.projectIds ?? []) : [job.projectId]);
  const settings: SettingsCache = new Map();
  let token = job.pageToken;
  const atStart = remainingMs();
  do {
    // Near the invocation's limit, or after WORK_MS of it (so no invocation runs long), the next one goes on.
    if (remainingMs() < RESERVE_MS || atStart - remainingMs() > WORK_MS)
      return {
        ...job,
        day,
        ...(token ? { pageToken: token } : {}),
        ...(job.kind === 'portfolio-rebuild' ? { since, projectIds: [...projects] } : {}),
      };
    const page = await pilotsPage(jql, token);
    const stored = await storePilotsPage(page.issues.filter(isPilot), day, settings);
    stored.projects.forEach((p) => projects.add(p));
    token = page.nextPageToken ?? undefined;
  } while (token);
  if (job.kind === 'portfolio-rebuild') await finishRebuild(since, day, [...projects]);
  else {
    const folded = await foldProjects([...projects]);
    if (folded.failures.length) console.warn(`Portfolio aggregates not folded: ${folded.failures.join('; ')}`);
  }
  return null;
}

/**
 * One page of pilot issues (fields PILOT_FIELDS, properties PILOT_PROPERTIES), as a full pass read them, written to
 * the store; returns the projects they are in. A row that cannot be written is logged: the next pass writes it.
 */
export async function storePilotsPage(
  issues: JiraIssue[],
  day: IsoDate,
  settings: SettingsCache = new Map(),
  facts?: PageFacts,
): Promise<{ projects: string[]; failures: string[] }> {
  const outcome = await writePortfolioRows(await assessPortfolioPage(issues, day, settings, facts), day);
  if (outcome.failures.length) console.warn(`Portfolio rows not written: ${outcome.failures.join('; ')}`);
  return { projects: [...outcome.projects], failures: outcome.failures };
}

/**
 * The end of a full pass that began at `since` (every pilot's row rewritten): rows it did not rewrite are checked
 * with Jira and refreshed or dropped, every project with rows is folded, and the store answers the portfolio from
 * now on. Running it twice does the same again.
 */
export async function finishRebuild(since: string, day: IsoDate, projectIds: readonly string[]): Promise<void> {
  const projects = new Set(projectIds);
  await sweepRows(since, day, projects);
  // Projects that had an aggregate but no pilot in this pass (all moved or deleted) are folded to nothing.
  (await readAggregates()).aggregates.forEach((a) => projects.add(a.projectId));
  const folded = await foldProjects([...projects]);
  if (folded.failures.length) console.warn(`Portfolio aggregates not folded: ${folded.failures.join('; ')}`);
  await markStoreReady(day);
  // Changes marked while the pass ran (a drain may have been lost with a claim) are drained now.
  if (await anyPending()) await requestDrain();
}

const NO_PILOT_TYPE = /does not exist for the field 'issuetype'/;

/** A page of pilots; a site where no project has the AI Pilot type yet has none (Jira answers 400 for the type). */
async function pilotsPage(
  jql: string,
  token: string | undefined,
): Promise<{ issues: JiraIssue[]; nextPageToken?: string | null }> {
  try {
    return await searchJql('app', {
      jql,
      fields: PILOT_FIELDS,
      properties: PILOT_PROPERTIES,
      maxResults: 100,
      ...(token ? { nextPageToken: token } : {}),
    });
  } catch (error) {
    if (error instanceof ProductError && error.status === 400 && error.messages.some((m) => NO_PILOT_TYPE.test(m)))
      return { issues: [] };
    throw error;
  }
}

/**
 * After a full pass that began at `since`, a row written before then belongs to an issue the search no longer
 * finds (deleted, moved out of sight, no longer an AI Pilot): Jira is asked about each, and the row is refreshed
 * (its write time moves past `since`) or dropped.
 */
async function sweepRows(since: string, day: IsoDate, projects: Set<string>): Promise<void> {
  for (;;) {
    const page = await queryRowPage({ index: 'written', ascending: true, lessThan: since, limit: ENTITY_PAGE });
    if (page.rows.length === 0) return;
    const outcome = await refreshPilotsOn(
      page.rows.map((r) => r.issueId),
      day,
      false,
    );
    outcome.projects.forEach((p) => projects.add(p));
    // A row Jira still shows but that could not be written keeps its old day: stop rather than loop on it.
    if (outcome.failures.length) return;
  }
}
