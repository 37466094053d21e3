// One list of portfolio rows, paged from the server (portfolio/rows): the first page comes with the first view
// when the query is the one it was computed for; a changed query starts again from the first page; "show more"
// asks for the next page and appends it. A failed page keeps what is loaded and can be asked for again. Answers
// to a query the person has since changed are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResultError } from '@contract/envelope';
import type { MacroConfig } from '@contract/schemas';
import type { PortfolioRow, PortfolioRowsPage } from '@contract/views';
import { callBackend } from '@ui/invoke';
import { sameQuery, type PageQuery } from './row-query';

export type PagesStatus = 'ready' | 'loading' | 'loading-more' | 'failed' | 'failed-more';

export interface RowPages {
  rows: PortfolioRow[];
  /** More rows may follow (the server handed out a cursor). */
  more: boolean;
  status: PagesStatus;
  error: ResultError | null;
  loadMore: () => void;
  /** Asks again for whatever failed (the first page of the query, or the next page), keeping the loaded rows. */
  retry: () => void;
}

interface State {
  rows: PortfolioRow[];
  nextCursor: string | null;
  status: PagesStatus;
  error: ResultError | null;
}

export function useRowPages(
  config: MacroConfig,
  query: PageQuery,
  first: { query: PageQuery; page: PortfolioRowsPage } | null,
): RowPages {
  const fromFirst = first !== null && sameQuery(first.query, query);
  const [state, setState] = useState<State>(() =>
    fromFirst
      ? { rows: first.page.rows, nextCursor: first.page.nextCursor, status: 'ready', error: null }
      : { rows: [], nextCursor: null, status: 'loading', error: null },
  );
  // Bumped on every new query: an answer carries the generation it was asked in and is dropped if stale.
  const generation = useRef(0);
  const queryKey = JSON.stringify(query);
  const configKey = JSON.stringify(config);
  const current = useRef({ config, query });
  current.current = { config, query };

  const fetchPage = useCallback(async (cursor: string | null, gen: number) => {
    const { config: c, query: q } = current.current;
    const result = await callBackend('portfolio/rows', { config: c, query: { ...q, cursor } });
    if (gen !== generation.current) return;
    setState((s) => {
      if (!result.ok) return { ...s, status: cursor === null ? 'failed' : 'failed-more', error: result.error };
      const rows = cursor === null ? result.data.rows : [...s.rows, ...result.data.rows];
      return { rows, nextCursor: result.data.nextCursor, status: 'ready', error: null };
    });
  }, []);

  // The query (by value) whose rows the state holds or is loading: the first view's page answers the first render
  // when it was computed for this query; any other query, or a change back, asks the server.
  const asked = useRef<string | null>(fromFirst ? `${configKey}|${queryKey}` : null);
  useEffect(() => {
    const key = `${configKey}|${queryKey}`;
    if (asked.current === key) return;
    asked.current = key;
    generation.current += 1;
    const gen = generation.current;
    setState({ rows: [], nextCursor: null, status: 'loading', error: null });
    void fetchPage(null, gen);
  }, [queryKey, configKey, fetchPage]);

  const cursor = state.nextCursor;
  const busy = state.status === 'loading' || state.status === 'loading-more';
  const loadMore = useCallback(() => {
    if (busy || cursor === null) return;
    setState((s) => ({ ...s, status: 'loading-more', error: null }));
    void fetchPage(cursor, generation.current);
  }, [busy, cursor, fetchPage]);

  const failed = state.status;
  const retry = useCallback(() => {
    if (failed === 'failed-more') {
      loadMore();
    } else if (failed === 'failed') {
      setState((s) => ({ ...s, status: 'loading', error: null }));
      void fetchPage(null, generation.current);
    }
  }, [failed, loadMore, fetchPage]);

  return {
    rows: state.rows,
    more: state.nextCursor !== null,
    status: state.status,
    error: state.error,
    loadMore,
    retry,
  };
}
