// The diagnostic panel of one AI Pilot issue: loads the PanelView, then hands it to the panel; load failures are
// shown by code (not a pilot, allow access, no permission, busy upstream with Retry).
import { useCallback, useEffect, useState } from 'react';
import { Box } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import type { PanelView } from '@ui/outputs';
import { LoadFailure } from './LoadFailure';
import { PilotPanel } from './PilotPanel';

type LoadState =
  { status: 'loading' } | { status: 'failed'; error: ResultError } | { status: 'ready'; view: PanelView };

export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await callBackend('panel/load', {});
    setState(result.ok ? { status: 'ready', view: result.data } : { status: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Box padding="space.100" testId="panel-root">
      {state.status === 'loading' ? <Loading label="Loading the pilot…" /> : null}
      {state.status === 'failed' ? <LoadFailure error={state.error} onRetry={() => void load()} /> : null}
      {state.status === 'ready' ? <PilotPanel initialView={state.view} /> : null}
    </Box>
  );
}
