// Every pilot in the portfolio, a page at a time from the server: the find text, phase and verdict filters and the
// sortable headers (only the orders the server can page in) start a fresh query; "Show more" appends the next
// page; the CSV export fetches every page of the same query.
import { useEffect, useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import type { RowType } from '@atlaskit/dynamic-table/types';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { VERDICT_LABELS, VERDICTS } from '@core/diagnostic';
import { PHASE_LABELS, PHASES } from '@core/pilot';
import type { MacroConfig } from '@contract/schemas';
import type { PortfolioRowsPage } from '@contract/views';
import { ErrorBanner } from '@ui/ErrorBanner';
import { LabelledField } from '@ui/LabelledField';
import { LazySelect, type SelectChoice } from '@ui/LazySelect';
import { columnOfSort, COLUMNS, sortOfColumn } from './columns';
import { CsvExport } from './CsvExport';
import { CELLS } from './PilotCells';
import {
  countLine,
  defaultOrdering,
  isFiltering,
  nextOrdering,
  NO_FILTER,
  tableQuery,
  type RowFilter,
  type RowOrdering,
} from './row-query';
import { ShowMore } from './ShowMore';
import { useRowPages } from './useRowPages';

const scroller = xcss({ overflowX: 'auto' });
/** Twelve columns stay legible: narrower than this, the table scrolls sideways instead of squeezing. */
const tableWidth = xcss({ minWidth: '68rem' });
const filterWidth = xcss({ minWidth: '12rem' });

const PHASE_OPTIONS: SelectChoice[] = [
  { label: 'All phases', value: null },
  ...PHASES.map((p) => ({ label: PHASE_LABELS[p], value: p })),
];
const VERDICT_OPTIONS: SelectChoice[] = [
  { label: 'All verdicts', value: null },
  ...VERDICTS.map((v) => ({ label: VERDICT_LABELS[v], value: v })),
];

/** Typing pauses this long before the text is asked of the server (Enter asks at once). */
const TEXT_DEBOUNCE_MS = 400;

interface Props {
  config: MacroConfig;
  first: PortfolioRowsPage;
  /** Pilots in the unfiltered list. */
  rowCount: number;
  today: string;
  siteUrl: string;
}

export function PortfolioTable({ config, first, rowCount, today, siteUrl }: Props) {
  const opening = defaultOrdering(config.sort);
  // `typed` is the text box; `filter` is what the server was asked (the text once typing pauses or on Enter).
  const [typed, setTyped] = useState('');
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [ordering, setOrdering] = useState<RowOrdering>(opening);

  useEffect(() => {
    if (typed.trim() === filter.text.trim()) return;
    const timer = setTimeout(() => setFilter((f) => ({ ...f, text: typed })), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, filter.text]);

  const query = tableQuery(filter, ordering);
  const pages = useRowPages(config, query, { query: tableQuery(NO_FILTER, opening), page: first });
  const filtering = isFiltering(filter);

  const changeFilter = (patch: Partial<RowFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const clearFilters = () => {
    setTyped('');
    setFilter(NO_FILTER);
  };
  const submitText = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') changeFilter({ text: event.currentTarget.value });
  };

  // The table orders its rows again by each cell's `key`; giving every cell the row's place in the server's order
  // (reversed for DESC, which the table reverses back) keeps the server's order.
  const tableRows: RowType[] = pages.rows.map((row, index) => {
    const rank = ordering.order === 'ASC' ? index : pages.rows.length - index;
    return {
      key: row.key,
      testId: `row-${row.key}`,
      // A pilot whose stored data could not be read is one flagged row: its key, then why, and nothing else.
      cells: COLUMNS.map((c, i) => ({
        key: rank,
        content:
          !row.unreadable || c.key === 'key' ? (
            CELLS[c.key](row, siteUrl)
          ) : i === 1 ? (
            <Text color="color.text.danger">{row.unreadable}</Text>
          ) : null,
      })),
    };
  });

  const loading = pages.status === 'loading';
  const nothing = pages.rows.length === 0 && !pages.more;

  return (
    <Stack space="space.150" testId="portfolio-table-section">
      <Inline space="space.150" rowSpace="space.100" shouldWrap alignBlock="end">
        <Box xcss={filterWidth}>
          <LabelledField id="table-filter" label="Find pilots">
            <Textfield
              id="table-filter"
              value={typed}
              placeholder="Key or summary"
              onChange={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={submitText}
              isCompact
              testId="table-filter"
            />
          </LabelledField>
        </Box>
        <Box xcss={filterWidth} testId="filter-phase">
          <LabelledField id="filter-phase" label="Phase">
            <LazySelect
              inputId="filter-phase"
              isCompact
              options={PHASE_OPTIONS}
              value={filter.phase}
              onChange={(value) => changeFilter({ phase: PHASES.find((p) => p === value) ?? null })}
            />
          </LabelledField>
        </Box>
        <Box xcss={filterWidth} testId="filter-verdict">
          <LabelledField id="filter-verdict" label="Verdict">
            <LazySelect
              inputId="filter-verdict"
              isCompact
              options={VERDICT_OPTIONS}
              value={filter.verdict}
              onChange={(value) => changeFilter({ verdict: VERDICTS.find((v) => v === value) ?? null })}
            />
          </LabelledField>
        </Box>
        {filtering || typed !== '' ? (
          <Button appearance="subtle" onClick={clearFilters} testId="clear-filters">
            Clear filters
          </Button>
        ) : null}
        <CsvExport
          config={config}
          query={query}
          filename={`ai-pilot-portfolio-${today}.csv`}
          total={filtering ? null : rowCount}
        />
      </Inline>
      <Box testId="table-count" aria-live="polite">
        <Text size="small" color="color.text.subtle">
          {loading
            ? 'Loading pilots…'
            : countLine({ shown: pages.rows.length, total: rowCount, filtering, more: pages.more })}
        </Text>
      </Box>
      {pages.status === 'failed' && pages.error ? (
        <ErrorBanner
          error={pages.error}
          title="The pilots for these filters did not load"
          onRetry={pages.retry}
          testId="table-error"
        />
      ) : null}
      <Box
        xcss={scroller}
        tabIndex={0}
        role="region"
        aria-label="AI pilots table (scrolls sideways)"
        aria-busy={loading || pages.status === 'loading-more'}
        testId="portfolio-table"
      >
        <Box xcss={tableWidth}>
          <DynamicTableStateless
            label="AI pilots"
            head={{ cells: COLUMNS.map((c) => ({ key: c.key, content: c.label, isSortable: c.sort !== undefined })) }}
            rows={tableRows}
            sortKey={columnOfSort(ordering.sort)}
            sortOrder={ordering.order}
            isLoading={loading}
            onSort={(data: { key?: unknown }) => {
              const sort = sortOfColumn(data.key);
              if (sort) setOrdering((o) => nextOrdering(o, sort));
            }}
            emptyView={
              loading ? (
                <Box padding="space.200" testId="table-loading">
                  <Text as="p" color="color.text.subtle">
                    Loading pilots…
                  </Text>
                </Box>
              ) : pages.status === 'failed' ? undefined : nothing ? (
                <Box padding="space.200" testId="no-matches">
                  <Stack space="space.100" alignInline="center">
                    <Text as="p">{filtering ? 'No pilot matches these filters.' : 'No pilot to show.'}</Text>
                    {filtering ? (
                      <>
                        <Text as="p" color="color.text.subtle">
                          Shorten the search text or choose All phases and All verdicts to widen them.
                        </Text>
                        <Button onClick={clearFilters} testId="no-matches-clear">
                          Clear filters
                        </Button>
                      </>
                    ) : null}
                  </Stack>
                </Box>
              ) : (
                <Box padding="space.200" testId="none-yet">
                  <Text as="p">No pilot matched in the part searched so far. Show more to keep looking.</Text>
                </Box>
              )
            }
            testId="portfolio-table"
          />
        </Box>
      </Box>
      <ShowMore pages={pages} what="pilots" testId="table-more" />
    </Stack>
  );
}
