import Spinner from '@atlaskit/spinner';
import { Box, Inline, Text } from '@atlaskit/primitives';

/** A labelled spinner: the label is read out and shown, so a slow load never looks like an empty page. */
export function Loading({
  label,
  size = 'large',
  testId = 'loading',
}: {
  label: string;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
}) {
  return (
    <Box padding="space.200" testId={testId} role="status">
      <Inline space="space.100" alignBlock="center">
        <Spinner size={size} label={label} />
        <Text color="color.text.subtle">{label}</Text>
      </Inline>
    </Box>
  );
}
