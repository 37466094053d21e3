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

function encodeCursor(value: z.infer<typeof memoryCursor>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The offset a JQL-path page marker carries; null for any other marker (the store's, or a forged one). */
function memoryOffset(cursor: string): number | null {
  try {
    const parsed = memoryCursor.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.offset : null;
  } catch {
    return null;
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
  const offset = query.cursor === null ? 0 : memoryOffset(query.cursor);
  if (storeAnswers(config) && (query.cursor === null || offset === null)) {
    const page = await storeRows(config, query, query.cursor);
    if (page) return page;
  }
  if (offset === null) {
    throw new AppError(
      'VALIDATION_FAILED',
      'query.cursor: this page marker is not one the portfolio gave out; reload the portfolio.',
    );
  }
  const view = await loadPortfolio(config);
  return pageInMemory(view.rows, query, view.today, offset);
}
