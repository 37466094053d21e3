// The macro's pure helpers for the paged portfolio: the table's query and count line, the columns' server sorts,
// and the CSV export that pages portfolio/rows until the cursor runs out (or stops without a file).
import { parse } from 'csv-parse/sync';
import type { Result } from '../../src/contract/envelope';
import type { PortfolioRow, PortfolioRowsPage } from '../../src/contract/views';
import { ROW_SORTS } from '../../src/contract/schemas';
import { DEFAULT_ORDERS } from '../../src/core/portfolio-rows';
import { COLUMNS, columnOfSort, csvHeader, csvRecord, sortOfColumn } from '../../static/macro/src/columns';
import { collectCsv } from '../../static/macro/src/csv-export';
import {
  countLine,
  defaultOrdering,
  isBehind,
  isFiltering,
  killListQuery,
  nextOrdering,
  NO_FILTER,
  sameQuery,
  tableQuery,
} from '../../static/macro/src/row-query';

function row(key: string, overrides: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    key,
    summary: `Summary of ${key}`,
    projectKey: key.split('-')[0]!,
    owner: null,
    phase: 'post-demo',
    score: 3,
    verdict: 'heading-to-purgatory',
    evidenceScore: 3,
    mismatches: [],
    daysSinceDemo: 120,
    stalled: true,
    daysStalled: 30,
    gatePassed: false,
    gateFailures: [],
    workstreams: { done: 1, total: 8 },
    nextMilestone: null,
    monthlyRunCost: 1000,
    decisionDue: true,
    decisionOverdue: false,
    ...overrides,
  };
}

describe('the table query', () => {
  it.each([
    [NO_FILTER, false],
    [{ ...NO_FILTER, text: '   ' }, false],
    [{ ...NO_FILTER, text: ' pay ' }, true],
    [{ ...NO_FILTER, phase: 'paused' as const }, true],
    [{ ...NO_FILTER, verdict: 'not-assessed' as const }, true],
  ])('isFiltering(%j) is %s', (filter, expected) => {
    expect(isFiltering(filter)).toBe(expected);
  });

  it('opens in the macro’s configured sort and its default order, and trims the text it asks', () => {
    for (const sort of ROW_SORTS) expect(defaultOrdering(sort)).toEqual({ sort, order: DEFAULT_ORDERS[sort] });
    expect(tableQuery({ text: '  fraud ', phase: 'pilot', verdict: null }, { sort: 'score', order: 'DESC' })).toEqual({
      list: 'all',
      sort: 'score',
      order: 'DESC',
      phase: 'pilot',
      verdict: null,
      text: 'fraud',
    });
    expect(killListQuery('monthlyRunCost')).toEqual({
      list: 'kill',
      sort: 'monthlyRunCost',
      order: 'DESC',
      phase: null,
      verdict: null,
      text: '',
    });
  });

  it('tells queries apart by every field', () => {
    const base = tableQuery(NO_FILTER, defaultOrdering('key'));
    expect(sameQuery(base, { ...base })).toBe(true);
    for (const change of [
      { list: 'kill' as const },
      { sort: 'score' as const },
      { order: 'DESC' as const },
      { phase: 'pilot' as const },
      { verdict: 'not-assessed' as const },
      { text: 'x' },
    ]) {
      expect(sameQuery(base, { ...base, ...change })).toBe(false);
    }
  });

  it('flips the order on the sorted column and opens another column in its default order', () => {
    expect(nextOrdering({ sort: 'score', order: 'ASC' }, 'score')).toEqual({ sort: 'score', order: 'DESC' });
    expect(nextOrdering({ sort: 'score', order: 'DESC' }, 'score')).toEqual({ sort: 'score', order: 'ASC' });
    expect(nextOrdering({ sort: 'key', order: 'ASC' }, 'daysSinceDemo')).toEqual({
      sort: 'daysSinceDemo',
      order: 'DESC',
    });
  });
});

describe('the count line', () => {
  it.each([
    [{ shown: 50, total: 1234, filtering: false, more: true }, 'Showing 50 of 1,234 pilots'],
    [{ shown: 27, total: 27, filtering: false, more: false }, 'Showing all 27 pilots'],
    [{ shown: 1, total: 1, filtering: false, more: false }, 'Showing all 1 pilot'],
    [{ shown: 50, total: 1234, filtering: true, more: true }, '50 shown, more available'],
    [{ shown: 12, total: 1234, filtering: true, more: false }, 'Showing all 12 matching pilots'],
    [{ shown: 50, total: 64, filtering: false, more: true, noun: 'stalled pilot' }, 'Showing 50 of 64 stalled pilots'],
  ])('%j reads %s', (input, expected) => {
    expect(countLine(input)).toBe(expected);
  });
});

describe('the figures-as-of note', () => {
  it('shows only for a day before today', () => {
    expect(isBehind('2026-12-01', '2026-12-02')).toBe(true);
    expect(isBehind('2026-12-02', '2026-12-02')).toBe(false);
    expect(isBehind('2026-12-03', '2026-12-02')).toBe(false);
    expect(isBehind('', '2026-12-02')).toBe(false);
  });
});

describe('the columns', () => {
  it('make exactly the server’s orders sortable, each on one column', () => {
    const sortable = COLUMNS.filter((c) => c.sort !== undefined).map((c) => c.sort);
    expect([...sortable].sort()).toEqual([...ROW_SORTS].sort());
    for (const sort of ROW_SORTS) expect(sortOfColumn(columnOfSort(sort))).toBe(sort);
    expect(sortOfColumn('owner')).toBeNull();
    expect(sortOfColumn('nonsense')).toBeNull();
  });

  it('export a record field for field under the header', () => {
    const header = csvHeader();
    const record = csvRecord(row('PAY-7', { mismatches: ['a', 'b'], monthlyRunCost: null, decisionOverdue: true }));
    expect(record).toHaveLength(header.length);
    const named = Object.fromEntries(header.map((h, i) => [h, record[i]]));
    expect(named).toMatchObject({
      Key: 'PAY-7',
      'Evidence mismatches': '2',
      'Mismatch details': 'a\nb',
      'Monthly run cost': '',
      'Review decision': 'Overdue',
    });
  });
});

describe('the CSV export', () => {
  const pages: PortfolioRowsPage[] = [
    { rows: [row('PAY-1'), row('PAY-2', { summary: '=HYPERLINK("x")' })], nextCursor: 'c1' },
    { rows: [], nextCursor: 'c2' },
    { rows: [row('PAY-3', { summary: 'Commas, "quotes"' })], nextCursor: null },
  ];
  const byCursor = new Map<string | null, PortfolioRowsPage>([
    [null, pages[0]!],
    ['c1', pages[1]!],
    ['c2', pages[2]!],
  ]);

  it('asks page after page until the cursor runs out, including empty pages, and builds every row', async () => {
    const asked: Array<string | null> = [];
    const progress: number[] = [];
    const outcome = await collectCsv({
      fetchPage: async (cursor) => {
        asked.push(cursor);
        return { ok: true, data: byCursor.get(cursor)! };
      },
      onProgress: (n) => progress.push(n),
    });
    expect(asked).toEqual([null, 'c1', 'c2']);
    expect(progress).toEqual([2, 2, 3]);
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    const records = parse(outcome.parts.join(''), { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.Key)).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
    expect(records[1]!.Summary).toBe(`'=HYPERLINK("x")`);
    expect(records[2]!.Summary).toBe('Commas, "quotes"');
  });

  it('stops on a failed page with the error and the rows so far, and gives no file', async () => {
    const outcome = await collectCsv({
      fetchPage: async (cursor): Promise<Result<PortfolioRowsPage>> =>
        cursor === null
          ? { ok: true, data: pages[0]! }
          : { ok: false, error: { code: 'RATE_LIMITED', message: 'Jira is busy.' } },
    });
    expect(outcome).toEqual({ status: 'failed', rows: 2, error: { code: 'RATE_LIMITED', message: 'Jira is busy.' } });
  });

  it('stops when cancelled, before asking for the next page', async () => {
    let cancelled = false;
    const asked: Array<string | null> = [];
    const outcome = await collectCsv({
      fetchPage: async (cursor) => {
        asked.push(cursor);
        cancelled = true;
        return { ok: true, data: byCursor.get(cursor)! };
      },
      isCancelled: () => cancelled,
    });
    expect(outcome.status).toBe('cancelled');
    expect(asked).toEqual([null]);
  });

  it('refuses a cursor handed out twice instead of looping', async () => {
    const outcome = await collectCsv({
      fetchPage: async () => ({ ok: true, data: { rows: [row('PAY-1')], nextCursor: 'same' } }),
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.rows).toBe(2);
  });
});
