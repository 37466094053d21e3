// The portfolio macro's config dialog: reads the macro's saved config (none while inserting), then hands it to the
// form. Saving and cancelling go back to Confluence through the bridge.
import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';
import { Box } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { Loading } from '@ui/Loading';
import { ConfigForm } from './ConfigForm';
import { draftOf, type ConfigDraft } from './config-draft';

type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; error: ResultError }
  | { status: 'ready'; draft: ConfigDraft; isInserting: boolean };

export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    view
      .getContext()
      .then((context) => {
        const extension: unknown = context.extension;
        if (!live) return;
        const saved =
          typeof extension === 'object' && extension !== null ? (extension as { config?: unknown }).config : undefined;
        setState({ status: 'ready', draft: draftOf(saved), isInserting: saved === undefined || saved === null });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const detail = error instanceof Error ? error.message : String(error);
        setState({
          status: 'failed',
          error: { code: 'INTERNAL', message: `Confluence did not hand over the macro's settings (${detail}).` },
        });
      });
    return () => {
      live = false;
    };
  }, []);

  return (
    <Box padding="space.200" testId="config-root">
      {state.status === 'loading' ? <Loading label="Loading the portfolio settings…" /> : null}
      {state.status === 'failed' ? (
        <ErrorBanner
          error={state.error}
          advice="Close this dialog and open the macro's settings again."
          testId="config-load-error"
        />
      ) : null}
      {state.status === 'ready' ? <ConfigForm initialDraft={state.draft} isInserting={state.isInserting} /> : null}
    </Box>
  );
}
