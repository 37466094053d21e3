// The headline numbers for the people who fund the pilots: the seed's baseline (how many score 0-3), the kill list
// and the money it ties up, the review decisions waiting, and what kills have already recovered.
import type { ReactNode } from 'react';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { LOW_SCORE_MAX } from '@core/portfolio';
import { formatMoney } from '@ui/format';
import type { PortfolioView } from '@ui/outputs';

const strip = xcss({
  backgroundColor: 'color.background.neutral.subtle.hovered',
  borderRadius: 'radius.medium',
});

function Figure({
  label,
  name,
  children,
  tone,
}: {
  label: string;
  name: string;
  children: ReactNode;
  tone?: 'danger' | 'warning';
}) {
  return (
    <Stack space="space.050">
      <Text size="small" color="color.text.subtlest">
        {label}
      </Text>
      <Box testId={`summary-${name}`}>
        <Text
          weight="bold"
          size="large"
          color={tone === 'danger' ? 'color.text.danger' : tone === 'warning' ? 'color.text.warning' : 'color.text'}
        >
          {children}
        </Text>
      </Box>
    </Stack>
  );
}

export function SummaryStrip({ summary }: { summary: PortfolioView['summary'] }) {
  const flag = (n: number, tone: 'danger' | 'warning') => (n > 0 ? tone : undefined);
  return (
    <Box as="section" xcss={strip} padding="space.150" testId="summary" aria-label="Portfolio summary">
      <Inline space="space.300" rowSpace="space.150" shouldWrap alignBlock="start">
        <Figure label="Pilots" name="total">
          {summary.total}
        </Figure>
        <Figure label={`Scoring 0-${LOW_SCORE_MAX}`} name="low-score" tone={flag(summary.lowScore, 'warning')}>
          {summary.lowScore}
        </Figure>
        <Figure label="Heading to purgatory" name="purgatory" tone={flag(summary.headingToPurgatory, 'warning')}>
          {summary.headingToPurgatory}
        </Figure>
        <Figure label="Stalled now" name="stalled" tone={flag(summary.stalled, 'danger')}>
          {summary.stalled}
        </Figure>
        <Figure
          label="Monthly cost of stalled pilots"
          name="stalled-cost"
          tone={flag(summary.stalledMonthlyCost, 'danger')}
        >
          {formatMoney(summary.stalledMonthlyCost)}
        </Figure>
        <Figure label="Decisions due" name="decisions-due" tone={flag(summary.decisionsDue, 'warning')}>
          {summary.decisionsDue}
        </Figure>
        <Figure label="Decisions overdue" name="decisions-overdue" tone={flag(summary.decisionsOverdue, 'danger')}>
          {summary.decisionsOverdue}
        </Figure>
        <Figure label="Monthly cost recovered by kills" name="recovered">
          {formatMoney(summary.recoveredMonthlyCost)}
        </Figure>
      </Inline>
    </Box>
  );
}
