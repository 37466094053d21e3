// The loaded portfolio: headline numbers, the seed's 30-day intervention, the charts (loaded after the first paint:
// recharts is the heaviest part of the page) and the table of pilots.
import { lazy, Suspense } from 'react';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { MacroConfig } from '@contract/schemas';
import { Loading } from '@ui/Loading';
import type { PortfolioView } from '@ui/outputs';
import { CycleTime } from './CycleTime';
import { InterventionStrip } from './InterventionStrip';
import { NoPilots } from './NoPilots';
import { PortfolioTable } from './PortfolioTable';
import { SummaryStrip } from './SummaryStrip';

const Charts = lazy(() => import('./Charts'));

interface Props {
  view: PortfolioView;
  config: MacroConfig;
  siteUrl: string;
}

export function Portfolio({ view, config, siteUrl }: Props) {
  return (
    <Stack space="space.200">
      <SummaryStrip summary={view.summary} />
      {view.rows.length === 0 ? (
        <NoPilots config={config} />
      ) : (
        <>
          <InterventionStrip intervention={view.summary.intervention} />
          <Suspense fallback={<Loading label="Loading the charts…" size="small" testId="charts-loading" />}>
            <Charts distribution={view.distribution} summary={view.summary} trend={view.trend} today={view.today} />
          </Suspense>
          <CycleTime cycle={view.cycleTime} />
          <PortfolioTable rows={view.rows} defaultSort={config.sort} today={view.today} siteUrl={siteUrl} />
        </>
      )}
      {view.unavailableProjects > 0 ? (
        <Box testId="unavailable-projects">
          <Text size="small" color="color.text.subtle">
            {view.unavailableProjects === 1
              ? 'One project in this macro’s settings is hidden from you or no longer exists; its pilots are not counted here.'
              : `${view.unavailableProjects} projects in this macro’s settings are hidden from you or no longer exist; their pilots are not counted here.`}
          </Text>
        </Box>
      ) : null}
      <Box testId="portfolio-jql">
        <Text size="small" color="color.text.subtlest">
          {`As of ${view.today}, showing the pilots you may see in Jira that match `}
          <code>{view.jql}</code>
        </Text>
      </Box>
    </Stack>
  );
}
