// The CSV export of every row the viewer may see under the table's filters and sort: page after page of
// portfolio/rows until the server says there is none left, each page turned into CSV records as it arrives (the
// columns are columns.ts's), so the file is never held twice and the person sees how far it has got. Nothing is
// handed over unless every page came: a failure or a cancel answers without a file.
import type { Result, ResultError } from '@contract/envelope';
import type { PortfolioRowsPage } from '@contract/views';
import { csvHeader, csvRecord } from './columns';
import { toCsv } from './csv';

export type ExportOutcome =
  | { status: 'done'; parts: string[]; rows: number }
  | { status: 'failed'; error: ResultError; rows: number }
  | { status: 'cancelled'; rows: number };

export interface ExportOptions {
  /** Asks for the page after `cursor` (null: the first page) with the table's query. */
  fetchPage: (cursor: string | null) => Promise<Result<PortfolioRowsPage>>;
  /** Rows collected so far, after each page. */
  onProgress?: (rows: number) => void;
  /** Checked before each page is asked for and once it arrives. */
  isCancelled?: () => boolean;
}

export async function collectCsv({
  fetchPage,
  onProgress,
  isCancelled = () => false,
}: ExportOptions): Promise<ExportOutcome> {
  const parts = [toCsv([csvHeader()])];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let rows = 0;
  for (;;) {
    if (isCancelled()) return { status: 'cancelled', rows };
    const result = await fetchPage(cursor);
    if (isCancelled()) return { status: 'cancelled', rows };
    if (!result.ok) return { status: 'failed', error: result.error, rows };
    const page = result.data;
    if (page.rows.length > 0) parts.push(toCsv(page.rows.map(csvRecord)));
    rows += page.rows.length;
    onProgress?.(rows);
    if (page.nextCursor === null) return { status: 'done', parts, rows };
    // A page marker handed out twice would loop for ever: stop and say so rather than download a partial file.
    if (seen.has(page.nextCursor)) {
      return {
        status: 'failed',
        rows,
        error: {
          code: 'INTERNAL',
          message: 'The portfolio handed back a page it had already sent, so the export stopped.',
        },
      };
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}
