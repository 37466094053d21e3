// What each table column shows for one pilot. Lists behind a count (evidence mismatches, gate failures) open in
// place with the browser's own disclosure widget, so they are keyboard- and screen-reader-usable without a popup.
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { VERDICT_LABELS } from '@core/diagnostic';
import { PHASE_LABELS } from '@core/pilot';
import { QUESTIONS } from '@core/questions';
import { PHASE_APPEARANCE, VERDICT_APPEARANCE } from '@ui/appearances';
import { formatMoney, plural } from '@ui/format';
import type { PortfolioRow } from '@ui/outputs';
import type { ColumnKey } from './columns';
import { IssueLink } from './IssueLink';

const summaryText = xcss({ minWidth: '10rem', maxWidth: '18rem' });
const noWrap = xcss({ whiteSpace: 'nowrap' });
const list = xcss({ paddingInlineStart: 'space.200', marginBlock: 'space.050' });

function Disclosure({ summary, items, testId }: { summary: ReactNode; items: string[]; testId: string }) {
  return (
    <details data-testid={testId}>
      <summary>{summary}</summary>
      <Box as="ul" xcss={list}>
        {items.map((item) => (
          <Box as="li" key={item}>
            <Text size="small">{item}</Text>
          </Box>
        ))}
      </Box>
    </details>
  );
}

function Subtle({ children }: { children: string }) {
  return <Text color="color.text.subtlest">{children}</Text>;
}

export const CELLS: Record<ColumnKey, (row: PortfolioRow, siteUrl: string) => ReactNode> = {
  key: (row, siteUrl) => (
    <Stack space="space.025">
      <Box xcss={noWrap}>
        <IssueLink issueKey={row.key} siteUrl={siteUrl} testId={`link-${row.key}`} />
      </Box>
      <Box xcss={summaryText}>
        <Text size="small">{row.summary}</Text>
      </Box>
    </Stack>
  ),
  owner: (row) => (row.owner ? <Text>{row.owner}</Text> : <Subtle>Not named</Subtle>),
  phase: (row) => <Lozenge appearance={PHASE_APPEARANCE[row.phase]}>{PHASE_LABELS[row.phase]}</Lozenge>,
  score: (row) => (
    <Inline space="space.075" alignBlock="center" shouldWrap>
      <Text weight="bold">{`${row.score}/${QUESTIONS.length}`}</Text>
      <Lozenge appearance={VERDICT_APPEARANCE[row.verdict]}>{VERDICT_LABELS[row.verdict]}</Lozenge>
    </Inline>
  ),
  mismatches: (row) =>
    row.mismatches.length === 0 ? (
      <Subtle>None</Subtle>
    ) : (
      <Disclosure
        summary={plural(row.mismatches.length, 'mismatch', 'mismatches')}
        items={row.mismatches}
        testId={`mismatches-${row.key}`}
      />
    ),
  daysSinceDemo: (row) =>
    row.daysSinceDemo === null ? <Subtle>No demo yet</Subtle> : <Text>{String(row.daysSinceDemo)}</Text>,
  stalled: (row) =>
    row.stalled ? <Lozenge appearance="removed">{plural(row.daysStalled, 'day')}</Lozenge> : <Subtle>No</Subtle>,
  gate: (row) =>
    row.gatePassed ? (
      <Lozenge appearance="success">Passed</Lozenge>
    ) : row.gateFailures.length === 0 ? (
      <Lozenge appearance="removed">Not met</Lozenge>
    ) : (
      <Disclosure
        summary={<Lozenge appearance="removed">{`Not met (${row.gateFailures.length})`}</Lozenge>}
        items={row.gateFailures}
        testId={`gate-${row.key}`}
      />
    ),
  workstreams: (row) =>
    row.workstreams.total === 0 ? (
      <Subtle>None</Subtle>
    ) : (
      <Text>{`${row.workstreams.done}/${row.workstreams.total} done`}</Text>
    ),
  nextMilestone: (row) =>
    row.nextMilestone ? (
      <Stack space="space.025">
        <Text>{row.nextMilestone.label}</Text>
        <Text size="small" color="color.text.subtle">
          {row.nextMilestone.date}
        </Text>
      </Stack>
    ) : (
      <Subtle>None scheduled</Subtle>
    ),
  monthlyRunCost: (row) =>
    row.monthlyRunCost === null ? <Subtle>Not recorded</Subtle> : <Text>{formatMoney(row.monthlyRunCost)}</Text>,
  decision: (row) =>
    row.decisionOverdue ? (
      <Lozenge appearance="removed">Overdue</Lozenge>
    ) : row.decisionDue ? (
      <Lozenge appearance="moved">Due</Lozenge>
    ) : (
      <Subtle>None due</Subtle>
    ),
};
