// The portfolio store: one `pilot-row` custom entity per pilot (Forge KVS custom entities, declared with their
// indexes in manifest.yml) holding the row the portfolio shows and the facts its numbers count, plus one aggregate
// per project (plain KVS key) folded from that project's rows. Only the app writes here; rows are derived from the
// app's own records and Jira, never from issue properties or custom fields.
import { kvs, Filter, FilterConditions, Sort, WhereConditions } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isAlreadyExists } from './claims.store';
import type { ProjectAggregate } from '../core/portfolio-aggregate';
import type { PortfolioPilot } from '../core/portfolio';
import type { GraduatedPilot } from '../core/cycle-time';
import type { SortKeys } from '../core/portfolio-rows';
import type { PortfolioRow } from '../contract/views';

export const ROW_ENTITY = 'pilot-row';
/** The indexes of manifest.yml's `pilot-row` entity. */
export const ROW_INDEXES = {
  rank: 'rank',
  stallKey: 'stallKey',
  scoreKey: 'scoreKey',
  demoKey: 'demoKey',
  costKey: 'costKey',
  project: 'by-project',
  written: 'written',
} as const;
/** Forge's largest query page. */
export const ENTITY_PAGE = 100;

export interface RowData {
  /** The owner is an account id here; the viewer's view names it. */
  row: PortfolioRow;
  pilot: PortfolioPilot | null;
  graduation: GraduatedPilot | null;
  thresholdDays: number | null;
  /** The day the row was computed on (its day counts move on from there). */
  day: string;
}

export interface StoredRow extends SortKeys {
  issueId: string;
  projectId: string;
  projectKey: string;
  phase: string;
  verdict: string;
  stalled: boolean;
  decisionDue: boolean;
  searchText: string;
  /** When the row was written (ISO instant): a full rebuild sweeps rows written before it started. */
  written: string;
  data: RowData;
}

const rowEntity = () => kvs.entity<StoredRow>(ROW_ENTITY);

export async function readRow(issueId: string): Promise<StoredRow | undefined> {
  return rowEntity().get(issueId);
}

export async function writeRow(row: StoredRow): Promise<void> {
  await rowEntity().set(row.issueId, row);
}

export async function deleteRow(issueId: string): Promise<void> {
  await rowEntity().delete(issueId);
}

export interface RowCondition {
  attribute: 'projectId' | 'phase' | 'verdict' | 'stalled' | 'searchText';
  condition: 'equalTo' | 'notEqualTo' | 'contains';
  value: string | boolean;
}

export interface RowPageRequest {
  index: keyof typeof ROW_INDEXES;
  ascending: boolean;
  /** On the index's range. */
  beginsWith?: string;
  lessThan?: string;
  /** Applied by the store in memory after the page is read (so a page may come back short or empty). */
  filters?: { operator: 'and' | 'or'; conditions: RowCondition[] };
  partition?: string;
  cursor?: string;
  limit?: number;
}

function condition(c: RowCondition) {
  if (c.condition === 'contains') return FilterConditions.contains(String(c.value));
  if (c.condition === 'notEqualTo') return FilterConditions.notEqualTo(c.value);
  return FilterConditions.equalTo(c.value);
}

export async function queryRowPage(request: RowPageRequest): Promise<{ rows: StoredRow[]; nextCursor: string | null }> {
  let query = rowEntity()
    .query()
    .index(ROW_INDEXES[request.index], request.partition !== undefined ? { partition: [request.partition] } : undefined)
    .sort(request.ascending ? Sort.ASC : Sort.DESC)
    .limit(request.limit ?? ENTITY_PAGE);
  if (request.beginsWith !== undefined) query = query.where(WhereConditions.beginsWith(request.beginsWith));
  else if (request.lessThan !== undefined) query = query.where(WhereConditions.lessThan(request.lessThan));
  if (request.filters && request.filters.conditions.length > 0) {
    const { operator, conditions } = request.filters;
    const [first, ...rest] = conditions as [RowCondition, ...RowCondition[]];
    if (operator === 'and') {
      const filter = new Filter<StoredRow>().and(first.attribute, condition(first));
      for (const c of rest) filter.and(c.attribute, condition(c));
      query = query.filters(filter);
    } else {
      const filter = new Filter<StoredRow>().or(first.attribute, condition(first));
      for (const c of rest) filter.or(c.attribute, condition(c));
      query = query.filters(filter);
    }
  }
  if (request.cursor) query = query.cursor(request.cursor);
  const page = await query.getMany();
  return { rows: page.results.map((r) => r.value), nextCursor: page.nextCursor ?? null };
}

/** Every row of one project, a page at a time. */
export async function* projectRows(projectId: string): AsyncGenerator<StoredRow[]> {
  let cursor: string | undefined;
  do {
    const page = await queryRowPage({
      index: 'project',
      partition: projectId,
      ascending: true,
      ...(cursor ? { cursor } : {}),
    });
    yield page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

// ---- per-project aggregates ----
const AGGREGATE_PREFIX = 'portfolio-agg:';
const DIRTY_PREFIX = 'portfolio-dirty:';
export const aggregateClaimKey = (projectId: string) => `portfolio-agg-claim:${projectId}`;

const count = z.number().int().min(0);
const step = z.object({ done: count, of: count });
const aggregateVariant = z.object({
  summary: z.object({
    total: count,
    byVerdict: z.record(z.string(), count),
    byPhase: z.record(z.string(), count),
    lowScore: count,
    headingToPurgatory: count,
    stalled: count,
    stalledMonthlyCost: z.number(),
    decisionsDue: count,
    decisionsOverdue: count,
    recoveredMonthlyCost: z.number(),
    intervention: z.object({ week1: step, week2: step, week3: step, week4: step }),
  }),
  distribution: z.array(count).length(8),
  graduations: z.array(
    z.object({ key: z.string(), projectKey: z.string(), demoDate: z.string().nullable(), graduatedOn: z.string() }),
  ),
  rows: count,
});
export const aggregateSchema = z.object({
  projectId: z.string(),
  projectKey: z.string(),
  thresholdDays: z.number().int().nullable(),
  asOf: z.string(),
  variants: z.object({ all: aggregateVariant, stalled: aggregateVariant, purgatory: aggregateVariant }),
});

export async function writeAggregate(aggregate: ProjectAggregate): Promise<void> {
  await kvs.set(`${AGGREGATE_PREFIX}${aggregate.projectId}`, aggregate);
}

export async function deleteAggregate(projectId: string): Promise<void> {
  await kvs.delete(`${AGGREGATE_PREFIX}${projectId}`);
}

/** Every project's aggregate (one KVS page per 100 projects); one that cannot be parsed is reported, not counted. */
export async function readAggregates(): Promise<{ aggregates: ProjectAggregate[]; unreadable: string[] }> {
  const aggregates: ProjectAggregate[] = [];
  const unreadable: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(AGGREGATE_PREFIX)).limit(ENTITY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    for (const { key, value } of page.results) {
      const parsed = aggregateSchema.safeParse(value);
      if (parsed.success) aggregates.push(parsed.data as ProjectAggregate);
      else unreadable.push(key.slice(AGGREGATE_PREFIX.length));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { aggregates, unreadable };
}

/** Marks a project's aggregate as behind its rows; returns the mark, which the folder compares before and after. */
export async function markDirty(projectId: string): Promise<string> {
  const mark = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await kvs.set(`${DIRTY_PREFIX}${projectId}`, mark);
  return mark;
}

export async function dirtyMark(projectId: string): Promise<string | null> {
  const value = await kvs.get<string>(`${DIRTY_PREFIX}${projectId}`);
  return typeof value === 'string' ? value : null;
}

// ---- readiness: the store answers the portfolio only once a full scan has filled it ----
const READY_KEY = 'portfolio-store:ready';
export async function markStoreReady(day: string): Promise<void> {
  await kvs.set(READY_KEY, { day });
}
export async function storeReadyDay(): Promise<string | null> {
  const value = z.object({ day: z.string() }).safeParse(await kvs.get(READY_KEY));
  return value.success ? value.data.day : null;
}

// ---- the key page markers are sealed with ----
// A store cursor says where the index read stopped: the sort value and id of the last row read, which may be a row
// of a project the viewer cannot browse. The viewer is only ever given it sealed with this app-only key.
const CURSOR_KEY = 'portfolio-store:cursor-key';
let cursorKeyCache: Buffer | null = null;

/** The app's cursor key (32 bytes), made once: of two first callers, one write wins and both use it. */
export async function cursorKey(): Promise<Buffer> {
  if (cursorKeyCache) return cursorKeyCache;
  const parse = (value: unknown) =>
    typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? Buffer.from(value, 'hex') : null;
  let key = parse(await kvs.get(CURSOR_KEY));
  if (!key) {
    try {
      await kvs.set(CURSOR_KEY, randomBytes(32).toString('hex'), { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    key = parse(await kvs.get(CURSOR_KEY));
    if (!key) throw new Error('The portfolio cursor key could not be read back.');
  }
  cursorKeyCache = key;
  return key;
}
