// The kill list: stalled pilots, longest stalled first, a page at a time from the server. Its count is the
// summary's (every stalled pilot the viewer may see); "Show more" appends the next page.
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import type { MacroConfig } from '@contract/schemas';
import type { PortfolioRowsPage } from '@contract/views';
import { ErrorBanner } from '@ui/ErrorBanner';
import { Section } from '@ui/Section';
import type { ColumnKey } from './columns';
import { COLUMNS } from './columns';
import { CELLS } from './PilotCells';
import { countLine, killListQuery } from './row-query';
import { ShowMore } from './ShowMore';
import { useRowPages } from './useRowPages';

const KILL_COLUMNS: readonly ColumnKey[] = ['key', 'owner', 'stalled', 'monthlyRunCost', 'decision'];
const scroller = xcss({ overflowX: 'auto' });

interface Props {
  config: MacroConfig;
  first: PortfolioRowsPage;
  stalled: number;
  siteUrl: string;
}

export function KillList({ config, first, stalled, siteUrl }: Props) {
  const query = killListQuery(config.sort);
  const pages = useRowPages(config, query, { query, page: first });
  const columns = KILL_COLUMNS.map((key) => COLUMNS.find((c) => c.key === key)!);
  return (
    <Section id="kill-list" title={`Kill list (${stalled})`} testId="kill-list">
      <Stack space="space.150">
        {stalled === 0 && pages.rows.length === 0 && !pages.more ? (
          <Text as="p" testId="kill-list-empty">
            No pilot is stalled past its project’s threshold.
          </Text>
        ) : (
          <>
            <Box testId="kill-list-count" aria-live="polite">
              <Text size="small" color="color.text.subtle">
                {`${countLine({ shown: pages.rows.length, total: stalled, filtering: false, more: pages.more, noun: 'stalled pilot' })}, longest stalled first`}
              </Text>
            </Box>
            <Box xcss={scroller} tabIndex={0} role="region" aria-label="Kill list table (scrolls sideways)">
              <DynamicTableStateless
                label="Kill list: stalled pilots, longest stalled first"
                head={{ cells: columns.map((c) => ({ key: c.key, content: c.label })) }}
                rows={pages.rows.map((row) => ({
                  key: row.key,
                  testId: `kill-list-row-${row.key}`,
                  cells: columns.map((c) => ({ key: c.key, content: CELLS[c.key](row, siteUrl) })),
                }))}
                isLoading={pages.status === 'loading'}
                testId="kill-list-table"
              />
            </Box>
          </>
        )}
        {pages.status === 'failed' && pages.error ? (
          <ErrorBanner error={pages.error} onRetry={pages.retry} testId="kill-list-error" />
        ) : null}
        <ShowMore pages={pages} what="stalled pilots" testId="kill-list-more" />
      </Stack>
    </Section>
  );
}
