// Says how old the figures are when the oldest of them was computed before today (the daily scan refreshes the
// portfolio store; a pilot's own changes show within seconds).
import { Box, Text } from '@atlaskit/primitives';
import { isBehind } from './row-query';

export function FiguresAsOf({ asOf, today }: { asOf: string; today: string }) {
  if (!isBehind(asOf, today)) return null;
  return (
    <Box testId="figures-as-of" role="note">
      <Text size="small" color="color.text.subtle">
        {`Figures as of ${asOf}. The daily scan brings them up to date; a change to a pilot shows within seconds.`}
      </Text>
    </Box>
  );
}
