// The table's query as the person shapes it (find text, phase, verdict, sorted column) and the words that go with
// it. Rows are filtered and ordered on the server (portfolio/rows); this only builds the query and describes what
// has been loaded of its answer.
import type { Verdict } from '@core/diagnostic';
import type { Phase } from '@core/pilot';
import { DEFAULT_ORDERS, type RowOrder, type RowSort } from '@core/portfolio-rows';

export interface RowFilter {
  text: string;
  phase: Phase | null;
  verdict: Verdict | null;
}

export const NO_FILTER: RowFilter = { text: '', phase: null, verdict: null };

export interface RowOrdering {
  sort: RowSort;
  order: RowOrder;
}

/** A query of portfolio/rows without its cursor: one list, one order, one set of filters. */
export interface PageQuery extends RowFilter, RowOrdering {
  list: 'all' | 'kill';
}

/** Whether a filter narrows the rows (text is matched trimmed, as the server does). */
export function isFiltering(filter: RowFilter): boolean {
  return filter.text.trim() !== '' || filter.phase !== null || filter.verdict !== null;
}

/** The order the macro's configured sort opens in (the first view's rows come in this order). */
export function defaultOrdering(sort: RowSort): RowOrdering {
  return { sort, order: DEFAULT_ORDERS[sort] };
}

/** The table's query: the text trimmed, so typing a trailing space asks nothing new of the server. */
export function tableQuery(filter: RowFilter, ordering: RowOrdering): PageQuery {
  return {
    list: 'all',
    sort: ordering.sort,
    order: ordering.order,
    phase: filter.phase,
    verdict: filter.verdict,
    text: filter.text.trim(),
  };
}

/** The kill list's query (the server orders it longest stalled first whatever the sort). */
export function killListQuery(sort: RowSort): PageQuery {
  return { list: 'kill', ...defaultOrdering(sort), ...NO_FILTER };
}

/** Two queries ask for the same rows in the same order. */
export function sameQuery(a: PageQuery, b: PageQuery): boolean {
  return (
    a.list === b.list &&
    a.sort === b.sort &&
    a.order === b.order &&
    a.phase === b.phase &&
    a.verdict === b.verdict &&
    a.text === b.text
  );
}

const count = (n: number) => new Intl.NumberFormat(undefined).format(n);

/**
 * What the loaded rows are of the whole: "Showing 50 of 1,234 pilots" when the total is known (no filter), "50
 * shown, more available" under filters (the server counts only the unfiltered list), "Showing all …" once no page
 * is left.
 */
export function countLine({
  shown,
  total,
  filtering,
  more,
  noun = 'pilot',
}: {
  shown: number;
  total: number;
  filtering: boolean;
  more: boolean;
  noun?: string;
}): string {
  const nouns = (n: number) => `${noun}${n === 1 ? '' : 's'}`;
  if (filtering)
    return more ? `${count(shown)} shown, more available` : `Showing all ${count(shown)} matching ${nouns(shown)}`;
  if (!more) return `Showing all ${count(shown)} ${nouns(shown)}`;
  return `Showing ${count(shown)} of ${count(Math.max(total, shown))} ${nouns(total)}`;
}

/** The header's next order on activation: the other direction on the sorted column, the column's default on another. */
export function nextOrdering(current: RowOrdering, clicked: RowSort): RowOrdering {
  if (current.sort === clicked) return { sort: clicked, order: current.order === 'ASC' ? 'DESC' : 'ASC' };
  return defaultOrdering(clicked);
}

/** The figures were computed before today (both days ISO, YYYY-MM-DD, so the strings compare as the days). */
export function isBehind(asOf: string, today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) && /^\d{4}-\d{2}-\d{2}$/.test(today) && asOf < today;
}
