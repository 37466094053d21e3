// The gadget's view: the macro's summary strip, then the kill list and the decisions due, from the same
// portfolio/first the Confluence macro calls (the macro's resolver, as the viewer). The kill list comes a page at
// a time (portfolio/rows); a decision is due only on a stalled pilot, so the decisions listed are those among the
// kill list's loaded pages, against the summary's count.
import { Stack, Text } from '@atlaskit/primitives';
import EmptyState from '@atlaskit/empty-state';
import type { MacroConfig } from '@contract/schemas';
import { ErrorBanner } from '@ui/ErrorBanner';
import { Loading } from '@ui/Loading';
import type { PortfolioFirstView } from '@ui/outputs';
import { gadgetPortfolioConfig } from '@ui/portfolio-config';
import { usePortfolio } from '@ui/usePortfolio';
import { FiguresAsOf } from '../../macro/src/FiguresAsOf';
import { LoadFailure } from '../../macro/src/LoadFailure';
import { killListQuery } from '../../macro/src/row-query';
import { ShowMore } from '../../macro/src/ShowMore';
import { SummaryStrip } from '../../macro/src/SummaryStrip';
import { useRowPages } from '../../macro/src/useRowPages';
import { PilotList } from './PilotList';

function Lists({ config, view, siteUrl }: { config: MacroConfig; view: PortfolioFirstView; siteUrl: string }) {
  const query = killListQuery(config.sort);
  const pages = useRowPages(config, query, { query, page: view.killList });
  const killList = pages.rows.filter((r) => !r.unreadable);
  const decisions = killList
    .filter((r) => r.decisionDue || r.decisionOverdue)
    .sort((a, b) => Number(b.decisionOverdue) - Number(a.decisionOverdue) || b.daysStalled - a.daysStalled);
  return (
    <>
      <PilotList
        id="kill-list"
        title="Kill list"
        total={view.summary.stalled}
        empty="No pilot is stalled past its project’s threshold."
        rows={killList}
        siteUrl={siteUrl}
        detail={(r) => `stalled ${r.daysStalled} d`}
      >
        {pages.status === 'failed' && pages.error ? (
          <ErrorBanner error={pages.error} onRetry={pages.retry} testId="kill-list-error" />
        ) : null}
        <ShowMore pages={pages} what="stalled pilots" testId="kill-list-more" />
      </PilotList>
      <PilotList
        id="decisions-due"
        title="Decisions due"
        total={view.summary.decisionsDue}
        empty="No review decision is due."
        rows={decisions}
        siteUrl={siteUrl}
        detail={(r) => (r.decisionOverdue ? 'overdue' : 'due')}
        partial={pages.more ? 'The rest are further down the kill list: show more of it to list them.' : undefined}
      />
    </>
  );
}

export function GadgetView({ configuration, siteUrl }: { configuration: unknown; siteUrl: string }) {
  const config = gadgetPortfolioConfig(configuration);
  const { state, reload } = usePortfolio(config);
  if (!config) {
    return (
      <EmptyState
        testId="gadget-not-configured"
        header="Pick the projects to follow"
        headingLevel={2}
        description="Open this gadget's menu and choose Configure, then tick the projects whose AI pilots it should show."
      />
    );
  }
  if (state.status === 'loading') return <Loading label="Loading the AI pilot portfolio…" />;
  if (state.status === 'failed') return <LoadFailure error={state.error} onRetry={reload} />;
  return (
    <Stack space="space.200">
      <SummaryStrip summary={state.view.summary} />
      <FiguresAsOf asOf={state.view.asOf} today={state.view.today} />
      <Lists config={config} view={state.view} siteUrl={siteUrl} />
      <Text size="small" color="color.text.subtlest" testId="gadget-footer">
        {`As of ${state.view.today}: ${config.projectKeys.join(', ')}${state.view.unavailableProjects > 0 ? ` (${state.view.unavailableProjects} hidden from you or gone)` : ''}`}
      </Text>
    </Stack>
  );
}
