// Jira's "AI pilots" page (Apps menu): the whole portfolio the viewer may browse, drawn by the macro's own
// Portfolio component from the macro's own resolver key.
import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Loading } from '@ui/Loading';
import { ALL_PILOTS } from '@ui/portfolio-config';
import { usePortfolio } from '@ui/usePortfolio';
import { LoadFailure } from '../../macro/src/LoadFailure';
import { Portfolio } from '../../macro/src/Portfolio';

export function App() {
  const [siteUrl, setSiteUrl] = useState('');
  const { state, reload } = usePortfolio(ALL_PILOTS);
  useEffect(() => {
    view
      .getContext()
      .then((context) => setSiteUrl(context.siteUrl ?? ''))
      .catch(() => undefined);
  }, []);
  return (
    <Box padding="space.300" testId="global-page-root">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          AI pilots
        </Heading>
        {state.status === 'loading' ? <Loading label="Loading the AI pilot portfolio…" /> : null}
        {state.status === 'failed' ? <LoadFailure error={state.error} onRetry={reload} /> : null}
        {state.status === 'ready' ? <Portfolio view={state.view} config={ALL_PILOTS} siteUrl={siteUrl} /> : null}
      </Stack>
    </Box>
  );
}
