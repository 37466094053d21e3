// Loads the portfolio through the macro's resolver key (portfolio/load), for every surface that shows it.
import { useCallback, useEffect, useState } from 'react';
import type { MacroConfig } from '@contract/schemas';
import type { ResultError } from '@contract/envelope';
import { expandPortfolio } from '@contract/views';
import { callBackend } from './invoke';
import type { PortfolioView } from './outputs';

export type PortfolioState = { status: 'loading' } | { status: 'failed'; error: ResultError } | { status: 'ready'; view: PortfolioView };

export function usePortfolio(config: MacroConfig | null): { state: PortfolioState; reload: () => void } {
  const [state, setState] = useState<PortfolioState>({ status: 'loading' });
  const key = config ? JSON.stringify(config) : '';
  const load = useCallback(async () => {
    if (!config) return;
    setState({ status: 'loading' });
    const result = await callBackend('portfolio/load', { config });
    setState(result.ok ? { status: 'ready', view: expandPortfolio(result.data) } : { status: 'failed', error: result.error });
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: () => void load() };
}
