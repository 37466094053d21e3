import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives';
import type { EvidenceMismatch } from '@core/evidence';

/** Every answer Jira contradicts, named: the self-reported score only counts where the evidence backs it. */
export function Mismatches({ mismatches }: { mismatches: EvidenceMismatch[] }) {
  if (mismatches.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title="Self-reported vs evidence" testId="mismatches">
      <Box as="ul">
        {mismatches.map((m) => (
          <Box as="li" key={`${m.questionId}:${m.kind}`}>
            <Text>{m.message}</Text>
          </Box>
        ))}
      </Box>
    </SectionMessage>
  );
}
