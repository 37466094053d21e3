// The stall clock in words: stalled for how long, whether a review decision is due or overdue, else why not.
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Text } from '@atlaskit/primitives';
import type { StallStatus as Stall } from '@core/stall';
import { plural } from '@ui/format';

export function StallStatus({ stall }: { stall: Stall }) {
  if (!stall.stalled) {
    return (
      <Box testId="stall-status">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance="success">Not stalled</Lozenge>
          <Text color="color.text.subtle">{stall.reason}</Text>
        </Inline>
      </Box>
    );
  }
  const since = stall.decisionDueSince ? ` since ${stall.decisionDueSince}` : '';
  const decision = stall.decisionOverdue
    ? { appearance: 'removed' as const, label: `Decision overdue${since}` }
    : stall.decisionDue
      ? { appearance: 'moved' as const, label: `Decision due${since}` }
      : { appearance: 'default' as const, label: 'Decision recorded' };
  return (
    <Box testId="stall-status">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance="removed" isBold>
          {`Stalled ${plural(stall.daysStalled, 'day')}`}
        </Lozenge>
        <Lozenge appearance={decision.appearance}>{decision.label}</Lozenge>
        <Text color="color.text.subtle">{stall.reason}</Text>
      </Inline>
    </Box>
  );
}
