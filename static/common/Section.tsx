import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';

const frame = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
});

interface Props {
  title: string;
  id: string;
  children: ReactNode;
  testId?: string;
  /** Right-aligned controls beside the title (e.g. a Preview button). */
  description?: ReactNode;
}

/** A titled, bordered region; the heading names the region for assistive technology. */
export function Section({ title, id, children, testId, description }: Props) {
  return (
    <Box as="section" xcss={frame} padding="space.200" aria-labelledby={`${id}-heading`} testId={testId}>
      <Stack space="space.150">
        <Heading size="small" as="h2" id={`${id}-heading`}>
          {title}
        </Heading>
        {description}
        {children}
      </Stack>
    </Box>
  );
}
