// The gadget's view: the macro's summary strip, then the kill list and the decisions due, from the same
// portfolio/load the Confluence macro calls (the macro's resolver, as the viewer).
import { Stack, Text } from '@atlaskit/primitives';
import EmptyState from '@atlaskit/empty-state';
import { Loading } from '@ui/Loading';
import { gadgetPortfolioConfig } from '@ui/portfolio-config';
import { usePortfolio } from '@ui/usePortfolio';
import { LoadFailure } from '../../macro/src/LoadFailure';
import { SummaryStrip } from '../../macro/src/SummaryStrip';
import { PilotList } from './PilotList';

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
  const rows = state.view.rows.filter((r) => !r.unreadable);
  const killList = rows.filter((r) => r.stalled).sort((a, b) => b.daysStalled - a.daysStalled || (a.key < b.key ? -1 : 1));
  const decisions = rows.filter((r) => r.decisionDue || r.decisionOverdue).sort((a, b) => Number(b.decisionOverdue) - Number(a.decisionOverdue) || b.daysStalled - a.daysStalled);
  return (
    <Stack space="space.200">
      <SummaryStrip summary={state.view.summary} />
      <PilotList id="kill-list" title="Kill list" empty="No pilot is stalled past its project’s threshold." rows={killList} siteUrl={siteUrl} detail={(r) => `stalled ${r.daysStalled} d`} />
      <PilotList
        id="decisions-due"
        title="Decisions due"
        empty="No review decision is due."
        rows={decisions}
        siteUrl={siteUrl}
        detail={(r) => (r.decisionOverdue ? 'overdue' : 'due')}
      />
      <Text size="small" color="color.text.subtlest" testId="gadget-footer">
        {`As of ${state.view.today}: ${config.projectKeys.join(', ')}${state.view.unavailableProjects > 0 ? ` (${state.view.unavailableProjects} hidden from you or gone)` : ''}`}
      </Text>
    </Stack>
  );
}
