import EmptyState from '@atlaskit/empty-state';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ConfigProblem } from '@ui/macro-config';

/** Shown until the macro has a config the contract accepts; a saved config that no longer fits names its problems. */
export function NotConfigured({ problems }: { problems: ConfigProblem[] }) {
  return (
    <EmptyState
      testId="not-configured"
      header="Configure the portfolio"
      headingLevel={2}
      description={
        <Stack space="space.100">
          <Text as="p">
            {problems.length > 0
              ? 'The saved settings of this AI pilot portfolio no longer fit. Edit the page, select this macro and choose Edit (the pencil) to fix them:'
              : 'Choose which AI pilots this portfolio shows: edit the page, select this macro and choose Edit (the pencil), then pick projects or a JQL filter.'}
          </Text>
          {problems.length > 0 ? (
            <Box as="ul" testId="config-problems">
              {problems.map((p) => (
                <Box as="li" key={`${p.field}:${p.message}`}>
                  <Text>{p.message}</Text>
                </Box>
              ))}
            </Box>
          ) : null}
        </Stack>
      }
    />
  );
}
