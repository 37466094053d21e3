// The Jira dashboard gadget: one app for both of Jira's entry points (context.extension.entryPoint is 'edit' in
// the gadget's edit view). Its saved projects are the gadget's own configuration, kept by Jira per gadget.
import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';
import { Box } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { Loading } from '@ui/Loading';
import { GadgetEdit } from './GadgetEdit';
import { GadgetView } from './GadgetView';

type State =
  | { status: 'reading' }
  | { status: 'failed'; error: ResultError }
  | { status: 'ready'; edit: boolean; configuration: unknown; siteUrl: string };

export function App() {
  const [state, setState] = useState<State>({ status: 'reading' });
  useEffect(() => {
    let live = true;
    view
      .getContext()
      .then((context) => {
        if (!live) return;
        const extension = (context.extension ?? {}) as { entryPoint?: unknown; gadgetConfiguration?: unknown };
        setState({
          status: 'ready',
          edit: extension.entryPoint === 'edit',
          configuration: extension.gadgetConfiguration,
          siteUrl: context.siteUrl ?? '',
        });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const detail = error instanceof Error ? error.message : String(error);
        setState({
          status: 'failed',
          error: { code: 'INTERNAL', message: `Jira did not hand over the gadget's settings (${detail}).` },
        });
      });
    return () => {
      live = false;
    };
  }, []);
  return (
    <Box padding="space.100" testId="gadget-root">
      {state.status === 'reading' ? <Loading label="Loading the AI pilot portfolio…" /> : null}
      {state.status === 'failed' ? (
        <ErrorBanner error={state.error} advice="Reload the dashboard." testId="gadget-context-error" />
      ) : null}
      {state.status === 'ready' && state.edit ? <GadgetEdit configuration={state.configuration} /> : null}
      {state.status === 'ready' && !state.edit ? (
        <GadgetView configuration={state.configuration} siteUrl={state.siteUrl} />
      ) : null}
    </Box>
  );
}
