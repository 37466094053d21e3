// The portfolio's row lists, paged: which rows a query keeps and in what order. The order of every list is a
// string key per row (the same strings the portfolio store indexes), so paging through the store and paging in
// memory over a JQL result give the same rows in the same order.
import type { Phase } from './pilot';
import type { Verdict } from './diagnostic';
import type { IsoDate } from './dates';

export type RowSort = 'key' | 'score' | 'daysSinceDemo' | 'monthlyRunCost';
export type RowOrder = 'ASC' | 'DESC';

export interface RowFilterQuery {
  list: 'all' | 'kill';
  sort: RowSort;
  order: RowOrder;
  phase: Phase | null;
  verdict: Verdict | null;
  text: string;
}

/** What ordering and filtering read of a row. */
export interface OrderableRow {
  key: string;
  summary: string;
  projectKey: string;
  phase: Phase;
  verdict: Verdict;
  score: number;
  monthlyRunCost: number | null;
  stalled: boolean;
  daysStalled: number;
  daysSinceDemo: number | null;
  unreadable?: string;
}

/** Rows per page of the table and of the kill list. */
export const ROWS_PAGE = 50;

const ISSUE_NUMBER = /-(\d+)$/;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Project key, then issue number: PAY-7 before PAY-10 before RISK-1. */
export function rankOf(key: string, projectKey: string): string {
  const number = ISSUE_NUMBER.exec(key)?.[1];
  return `${projectKey}:${number ? pad(Number(number), 10) : key}`;
}

/** The day a stalled pilot's stall began (today less the days stalled), so the oldest stall sorts first. */
export function stalledSinceOf(row: Pick<OrderableRow, 'stalled' | 'daysStalled'>, today: IsoDate): IsoDate | null {
  if (!row.stalled) return null;
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - row.daysStalled);
  return at.toISOString().slice(0, 10);
}

/** The demo day, from the days since it (null: no demo recorded). */
export function demoDayOf(row: Pick<OrderableRow, 'daysSinceDemo'>, today: IsoDate): IsoDate | null {
  if (row.daysSinceDemo === null) return null;
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - row.daysSinceDemo);
  return at.toISOString().slice(0, 10);
}

/** Whole cents, zero-padded; '-' (before every digit) when no cost is recorded. */
function costKey(cost: number | null): string {
  if (cost === null || !Number.isFinite(cost) || cost < 0) return '-';
  return pad(Math.min(Math.round(cost * 100), 1e17 - 1), 17);
}

export interface SortKeys {
  rank: string;
  /** `S:<stalled since>:<rank>` for a stalled pilot (the kill list), else `N:<rank>`. */
  stallKey: string;
  scoreKey: string;
  /** Demo day; a pilot without one sorts as the far future (fewest days since demo). */
  demoKey: string;
  costKey: string;
}

export function sortKeysOf(row: OrderableRow, today: IsoDate): SortKeys {
  const rank = rankOf(row.key, row.projectKey);
  const since = row.unreadable ? null : stalledSinceOf(row, today);
  return {
    rank,
    stallKey: since ? `S:${since}:${rank}` : `N:${rank}`,
    scoreKey: `${row.score}:${rank}`,
    demoKey: `${demoDayOf(row, today) ?? '9999-12-31'}:${rank}`,
    costKey: `${costKey(row.monthlyRunCost)}:${rank}`,
  };
}

/** The key a list is ordered by, and whether the index runs ascending for the asked order. */
export function orderOf(query: Pick<RowFilterQuery, 'list' | 'sort' | 'order'>): {
  by: keyof SortKeys;
  ascending: boolean;
} {
  if (query.list === 'kill') return { by: 'stallKey', ascending: true };
  switch (query.sort) {
    case 'key':
      return { by: 'rank', ascending: query.order === 'ASC' };
    case 'score':
      return { by: 'scoreKey', ascending: query.order === 'ASC' };
    case 'monthlyRunCost':
      return { by: 'costKey', ascending: query.order === 'ASC' };
    case 'daysSinceDemo':
      // More days since the demo is an earlier demo day.
      return { by: 'demoKey', ascending: query.order === 'DESC' };
  }
}

/** The lower-case text a query's `text` is matched against: key and summary. */
export function searchTextOf(row: Pick<OrderableRow, 'key' | 'summary'>): string {
  return `${row.key} ${row.summary}`.toLocaleLowerCase();
}

export function normalizedNeedle(text: string): string {
  return text.trim().toLocaleLowerCase();
}

export function rowMatches(row: OrderableRow, query: RowFilterQuery): boolean {
  if (query.list === 'kill' && (!row.stalled || row.unreadable)) return false;
  if (query.phase !== null && (row.unreadable || row.phase !== query.phase)) return false;
  if (query.verdict !== null && (row.unreadable || row.verdict !== query.verdict)) return false;
  const needle = normalizedNeedle(query.text);
  return needle === '' || searchTextOf(row).includes(needle);
}

/** The rows a query keeps, in its order (in memory: the JQL path, and the reference the store is tested against). */
export function orderRows<T extends OrderableRow>(rows: readonly T[], query: RowFilterQuery, today: IsoDate): T[] {
  const { by, ascending } = orderOf(query);
  const keyed = rows.filter((r) => rowMatches(r, query)).map((r) => ({ r, k: sortKeysOf(r, today)[by] }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) * (ascending ? 1 : -1));
  return keyed.map((x) => x.r);
}

/** The order a macro's configured sort shows first (most days since demo, lowest score, highest cost, key). */
export const DEFAULT_ORDERS: Record<RowSort, RowOrder> = {
  daysSinceDemo: 'DESC',
  score: 'ASC',
  monthlyRunCost: 'DESC',
  key: 'ASC',
};
