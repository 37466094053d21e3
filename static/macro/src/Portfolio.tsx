// The opened portfolio: headline numbers, the seed's 30-day intervention, the charts (loaded after the first paint:
// recharts is the heaviest part of the page), cycle time, the kill list and the table of pilots. The numbers and
// charts cover every pilot the viewer may see; the lists hold their first page and ask the server for more.
import { lazy, Suspense } from 'react';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { MacroConfig } from '@contract/schemas';
import { Loading } from '@ui/Loading';
import type { PortfolioFirstView } from '@ui/outputs';
import { CycleTime } from './CycleTime';
import { FiguresAsOf } from './FiguresAsOf';
import { InterventionStrip } from './InterventionStrip';
import { KillList } from './KillList';
import { NoPilots } from './NoPilots';
import { PortfolioTable } from './PortfolioTable';
import { SummaryStrip } from './SummaryStrip';

const Charts = lazy(() => import('./Charts'));

interface Props {
  view: PortfolioFirstView;
  config: MacroConfig;
  siteUrl: string;
}

export function Portfolio({ view, config, siteUrl }: Props) {
  return (
    <Stack space="space.200">
      <SummaryStrip summary={view.summary} />
      <FiguresAsOf asOf={view.asOf} today={view.today} />
      {view.rowCount === 0 ? (
        <NoPilots config={config} />
      ) : (
        <>
          <InterventionStrip intervention={view.summary.intervention} />
          <Suspense fallback={<Loading label="Loading the charts…" size="small" testId="charts-loading" />}>
            <Charts distribution={view.distribution} summary={view.summary} trend={view.trend} today={view.today} />
          </Suspense>
          <CycleTime cycle={view.cycleTime} />
          <KillList config={config} first={view.killList} stalled={view.summary.stalled} siteUrl={siteUrl} />
          <PortfolioTable
            config={config}
            first={view.rows}
            rowCount={view.rowCount}
            today={view.today}
            siteUrl={siteUrl}
          />
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
