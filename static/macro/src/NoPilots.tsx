// The portfolio matched no pilot: say which of the macro's filters to widen, in the order most likely to help.
import EmptyState from '@atlaskit/empty-state';
import { Box, Text } from '@atlaskit/primitives';
import type { MacroConfig } from '@contract/schemas';
import { PILOT_FILTER_LABELS } from '@ui/macro-config';

function advice(config: MacroConfig): string[] {
  const tips: string[] = [];
  if (config.pilots !== 'all') {
    tips.push(
      `This portfolio shows "${PILOT_FILTER_LABELS[config.pilots]}". Choose "${PILOT_FILTER_LABELS.all}" to include the rest.`,
    );
  }
  if (config.jql) tips.push(`The JQL filter (${config.jql}) may exclude every AI Pilot issue: loosen or remove it.`);
  if (config.projectKeys.length > 0) {
    tips.push(
      `Only ${config.projectKeys.join(', ')} ${config.projectKeys.length === 1 ? 'is' : 'are'} searched: add the projects that hold AI Pilot issues.`,
    );
  }
  tips.push('You see only the issues Jira lets you browse; someone with wider access may see more.');
  return tips;
}

export function NoPilots({ config }: { config: MacroConfig }) {
  return (
    <EmptyState
      testId="no-pilots"
      header="No AI pilots match this portfolio"
      headingLevel={2}
      description={
        <Box as="ul">
          {advice(config).map((tip) => (
            <Box as="li" key={tip}>
              <Text>{tip}</Text>
            </Box>
          ))}
        </Box>
      }
    />
  );
}
