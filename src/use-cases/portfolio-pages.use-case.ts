// The portfolio as the macro, gadget and global page open it: the first view (summary numbers, charts, cycle time,
// the first page of the kill list and of all rows) and further pages on demand, with the same filters applied on
// the server. A macro filtered by its own JQL runs that JQL as the viewer and pages the result in memory.
import { z } from 'zod';
import { DEFAULT_ORDERS, orderRows, ROWS_PAGE, type RowFilterQuery } from '../core/portfolio-rows';
import type { MacroConfig, RowQuery } from '../contract/schemas';
import type { PortfolioFirstView, PortfolioRow, PortfolioRowsPage, PortfolioView } from '../contract/views';
import { AppError } from '../adapters/errors';
import { loadPortfolio } from './portfolio.use-case';
import { openStorePortfolio, storeAnswers, storeRows } from './portfolio-store.use-case';

export function firstQuery(config: MacroConfig, list: 'all' | 'kill'): RowFilterQuery {
  return { list, sort: config.sort, order: DEFAULT_ORDERS[config.sort], phase: null, verdict: null, text: '' };
}

const memoryCursor = z.object({ src: z.literal('jql'), offset: z.number().int().min(0) }).strict();

function isMemoryCursor(cursor: string): boolean {
  try {
    return memoryCursor.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).success;
  } catch {
    return false;
  }
}

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      'query.cursor: this page marker is not one the portfolio gave out; reload the portfolio.',
    );
  }
}

function pageInMemory(
  rows: readonly PortfolioRow[],
  query: RowFilterQuery,
  today: string,
  offset: number,
): PortfolioRowsPage {
  const ordered = orderRows(rows, query, today);
  const page = ordered.slice(offset, offset + ROWS_PAGE);
  const next = offset + page.length;
  return { rows: page, nextCursor: next < ordered.length ? encodeCursor({ src: 'jql', offset: next }) : null };
}

function jqlFirstView(view: PortfolioView, config: MacroConfig): PortfolioFirstView {
  const { rows, ...rest } = view;
  return {
    ...rest,
    source: 'jql',
    asOf: view.today,
    rowCount: rows.length,
    killList: pageInMemory(rows, firstQuery(config, 'kill'), view.today, 0),
    rows: pageInMemory(rows, firstQuery(config, 'all'), view.today, 0),
  };
}

export async function openPortfolio(config: MacroConfig): Promise<PortfolioFirstView> {
  if (storeAnswers(config)) {
    const view = await openStorePortfolio(config, { all: firstQuery(config, 'all'), kill: firstQuery(config, 'kill') });
    if (view) return view;
  }
  return jqlFirstView(await loadPortfolio(config), config);
}

export async function portfolioRows(config: MacroConfig, query: RowQuery): Promise<PortfolioRowsPage> {
  const fromStore = query.cursor === null || !isMemoryCursor(query.cursor);
  if (storeAnswers(config) && fromStore) {
    const page = await storeRows(config, query, query.cursor);
    if (page) return page;
  }
  const offset = query.cursor === null ? 0 : decodeCursor(query.cursor, memoryCursor).offset;
  const view = await loadPortfolio(config);
  return pageInMemory(view.rows, query, view.today, offset);
}
