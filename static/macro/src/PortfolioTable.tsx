// Every pilot in the portfolio as a sortable, filterable, paged table, and the CSV export of exactly the rows the
// filters leave, in the table's order, across all pages.
import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import type { RowType } from '@atlaskit/dynamic-table/types';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { VERDICT_LABELS, VERDICTS } from '@core/diagnostic';
import { PHASE_LABELS, PHASES } from '@core/pilot';
import { plural } from '@ui/format';
import { LabelledField } from '@ui/LabelledField';
import { LazySelect, type SelectChoice } from '@ui/LazySelect';
import type { SortKey } from '@ui/macro-config';
import type { PortfolioRow } from '@ui/outputs';
import { COLUMNS, csvTable, DEFAULT_ORDER, filterRows, isColumnKey, isFiltering, NO_FILTER, sortRows, type ColumnKey, type RowFilter, type SortOrder } from './columns';
import { downloadCsv, toCsv } from './csv';
import { CELLS } from './PilotCells';

export const ROWS_PER_PAGE = 25;

const scroller = xcss({ overflowX: 'auto' });
/** Twelve columns stay legible: narrower than this, the table scrolls sideways instead of squeezing. */
const tableWidth = xcss({ minWidth: '68rem' });
const filterWidth = xcss({ minWidth: '12rem' });

const PHASE_OPTIONS: SelectChoice[] = [{ label: 'All phases', value: null }, ...PHASES.map((p) => ({ label: PHASE_LABELS[p], value: p }))];
const VERDICT_OPTIONS: SelectChoice[] = [{ label: 'All verdicts', value: null }, ...VERDICTS.map((v) => ({ label: VERDICT_LABELS[v], value: v }))];


interface Props {
  rows: PortfolioRow[];
  defaultSort: SortKey;
  today: string;
  siteUrl: string;
}

export function PortfolioTable({ rows, defaultSort, today, siteUrl }: Props) {
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [sort, setSort] = useState<{ key: ColumnKey; order: SortOrder }>(DEFAULT_ORDER[defaultSort]);
  const [page, setPage] = useState(1);

  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort.key, sort.order), [rows, filter, sort]);

  const changeFilter = (patch: Partial<RowFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  // The table sorts its rows again by each cell's `key`; giving every cell the row's rank in our order (reversed
  // for DESC, which the table reverses back) makes its order ours: empty values last, ties by issue key.
  const tableRows: RowType[] = shown.map((row, index) => {
    const rank = sort.order === 'ASC' ? index : shown.length - index;
    return {
      key: row.key,
      testId: `row-${row.key}`,
      // A pilot whose stored data could not be read is one flagged row: its key, then why, and nothing else.
      cells: COLUMNS.map((c, i) => ({
        key: rank,
        content: !row.unreadable || c.key === 'key' ? CELLS[c.key](row, siteUrl) : i === 1 ? <Text color="color.text.danger">{row.unreadable}</Text> : null,
      })),
    };
  });

  const exportCsv = () => downloadCsv(`ai-pilot-portfolio-${today}.csv`, toCsv(csvTable(shown)));

  return (
    <Stack space="space.150" testId="portfolio-table-section">
      <Inline space="space.150" rowSpace="space.100" shouldWrap alignBlock="end">
        <Box xcss={filterWidth}>
          <LabelledField id="table-filter" label="Find pilots">
            <Textfield
              id="table-filter"
              value={filter.text}
              placeholder="Key, summary or owner"
              onChange={(e) => changeFilter({ text: e.currentTarget.value })}
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
        {isFiltering(filter) ? (
          <Button appearance="subtle" onClick={() => changeFilter(NO_FILTER)} testId="clear-filters">
            Clear filters
          </Button>
        ) : null}
        <Button onClick={exportCsv} isDisabled={shown.length === 0} testId="export-csv">
          {`Export ${plural(shown.length, 'pilot')} as CSV`}
        </Button>
      </Inline>
      <Box testId="table-count" aria-live="polite">
        <Text size="small" color="color.text.subtle">
          {shown.length === rows.length ? `Showing all ${plural(rows.length, 'pilot')}` : `Showing ${shown.length} of ${plural(rows.length, 'pilot')}`}
        </Text>
      </Box>
      <Box xcss={scroller} tabIndex={0} role="region" aria-label="AI pilots table (scrolls sideways)" testId="portfolio-table">
        <Box xcss={tableWidth}>
          <DynamicTableStateless
            label="AI pilots"
            head={{ cells: COLUMNS.map((c) => ({ key: c.key, content: c.label, isSortable: true })) }}
            rows={tableRows}
            rowsPerPage={ROWS_PER_PAGE}
            page={page}
            onSetPage={setPage}
            sortKey={sort.key}
            sortOrder={sort.order}
            onSort={(data: { key?: unknown; sortOrder?: unknown }) => {
              if (!isColumnKey(data.key)) return;
              setSort({ key: data.key, order: data.sortOrder === 'DESC' ? 'DESC' : 'ASC' });
              setPage(1);
            }}
            emptyView={
              <Box padding="space.200" testId="no-matches">
                <Stack space="space.100" alignInline="center">
                  <Text as="p">No pilot matches these filters.</Text>
                  <Text as="p" color="color.text.subtle">
                    Shorten the search text or choose All phases and All verdicts to widen them.
                  </Text>
                  <Button onClick={() => changeFilter(NO_FILTER)}>Clear filters</Button>
                </Stack>
              </Box>
            }
            testId="portfolio-table"
          />
        </Box>
      </Box>
    </Stack>
  );
}
