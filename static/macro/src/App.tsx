// The portfolio macro on a Confluence page: reads the macro's saved config, asks for the portfolio as the viewing
// user, and shows it; an unconfigured macro says how to configure it, a failed load says what to change.
import { useCallback, useEffect, useState } from 'react';
import { view } from '@forge/bridge';
import { Box } from '@atlaskit/primitives';
import type { MacroConfig } from '@contract/schemas';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import { readMacroConfig, type ConfigProblem } from '@ui/macro-config';
import type { PortfolioFirstView } from '@ui/outputs';
import { LoadFailure } from './LoadFailure';
import { NotConfigured } from './NotConfigured';
import { Portfolio } from './Portfolio';

type State =
  | { status: 'reading' }
  | { status: 'context-failed'; error: ResultError }
  | { status: 'not-configured'; problems: ConfigProblem[] }
  | { status: 'loading'; config: MacroConfig; siteUrl: string }
  | { status: 'failed'; config: MacroConfig; siteUrl: string; error: ResultError }
  | { status: 'ready'; config: MacroConfig; siteUrl: string; view: PortfolioFirstView };

export function App() {
  const [state, setState] = useState<State>({ status: 'reading' });

  const load = useCallback(async (config: MacroConfig, siteUrl: string) => {
    setState({ status: 'loading', config, siteUrl });
    const result = await callBackend('portfolio/first', { config });
    setState(
      result.ok
        ? { status: 'ready', config, siteUrl, view: result.data }
        : { status: 'failed', config, siteUrl, error: result.error },
    );
  }, []);

  useEffect(() => {
    let live = true;
    view
      .getContext()
      .then((context) => {
        if (!live) return;
        const reading = readMacroConfig(context.extension);
        if (reading.status === 'valid') void load(reading.config, context.siteUrl ?? '');
        else setState({ status: 'not-configured', problems: reading.status === 'invalid' ? reading.problems : [] });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const detail = error instanceof Error ? error.message : String(error);
        setState({
          status: 'context-failed',
          error: { code: 'INTERNAL', message: `Confluence did not hand over the macro's settings (${detail}).` },
        });
      });
    return () => {
      live = false;
    };
  }, [load]);

  return (
    <Box padding="space.100" testId="portfolio-root">
      {state.status === 'reading' || state.status === 'loading' ? (
        <Loading label="Loading the AI pilot portfolio…" />
      ) : null}
      {state.status === 'context-failed' ? (
        <ErrorBanner error={state.error} advice="Reload the page." testId="load-error" />
      ) : null}
      {state.status === 'not-configured' ? <NotConfigured problems={state.problems} /> : null}
      {state.status === 'failed' ? (
        <LoadFailure error={state.error} onRetry={() => void load(state.config, state.siteUrl)} />
      ) : null}
      {state.status === 'ready' ? <Portfolio view={state.view} config={state.config} siteUrl={state.siteUrl} /> : null}
    </Box>
  );
}
