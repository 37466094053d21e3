// Opens the portfolio through the macro's resolver key (portfolio/first: the summary, charts and the first page of
// each list), for every surface that shows it; further rows come page by page from portfolio/rows.
import { useCallback, useEffect, useState } from 'react';
import type { MacroConfig } from '@contract/schemas';
import type { ResultError } from '@contract/envelope';
import { callBackend } from './invoke';
import type { PortfolioFirstView } from './outputs';

export type PortfolioState =
  { status: 'loading' } | { status: 'failed'; error: ResultError } | { status: 'ready'; view: PortfolioFirstView };

export function usePortfolio(config: MacroConfig | null): { state: PortfolioState; reload: () => void } {
  const [state, setState] = useState<PortfolioState>({ status: 'loading' });
  const key = config ? JSON.stringify(config) : '';
  const load = useCallback(async () => {
    if (!config) return;
    setState({ status: 'loading' });
    const result = await callBackend('portfolio/first', { config });
    setState(result.ok ? { status: 'ready', view: result.data } : { status: 'failed', error: result.error });
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: () => void load() };
}
