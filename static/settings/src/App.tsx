// The project settings page of the app: loads the page view; only project admins get the editor.
import { useCallback, useEffect, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import type { SettingsPageView } from '@ui/outputs';
import { SettingsEditor } from './SettingsEditor';

type LoadState =
  { status: 'loading' } | { status: 'failed'; error: ResultError } | { status: 'ready'; page: SettingsPageView };

export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await callBackend('settings/load', {});
    setState(result.ok ? { status: 'ready', page: result.data } : { status: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Box padding="space.200" testId="settings-root">
      {state.status === 'loading' ? <Loading label="Loading the AI Pilot settings…" /> : null}
      {state.status === 'failed' ? (
        <ErrorBanner error={state.error} onRetry={() => void load()} testId="load-error" />
      ) : null}
      {state.status === 'ready' && !state.page.canAdminister ? (
        <SectionMessage
          appearance="information"
          title="Only project admins can set up AI Pilots in this project."
          testId="not-admin"
        >
          <Text as="p">
            Ask a project admin to change the workstream template, the graduation gate or the stall rule.
          </Text>
        </SectionMessage>
      ) : null}
      {state.status === 'ready' && state.page.canAdminister ? <SettingsEditor initialPage={state.page} /> : null}
    </Box>
  );
}
