import { Box, Stack, Text } from '@atlaskit/primitives';
import { UNKNOWN_USER } from '@contract/people';
import { formatInstant } from '@ui/format';
import type { AuditEntry } from '@ui/outputs';
import { Section } from '@ui/Section';

/** Every change to settings, gates, waivers and decisions: when, who, what. Newest first. */
export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  return (
    <Section id="audit" title="Audit trail" testId="audit-trail">
      {entries.length === 0 ? (
        <Text color="color.text.subtle">No changes recorded yet.</Text>
      ) : (
        <Box as="ol">
          {entries.map((entry, i) => (
            <Box as="li" key={`${entry.at}-${i}`}>
              <Stack space="space.025">
                <Text weight="bold">{`${formatInstant(entry.at)} · ${entry.subject} · ${entry.byName ?? UNKNOWN_USER}`}</Text>
                <Box as="ul">
                  {entry.changes.map((change, j) => (
                    <Box as="li" key={j}>
                      <Text>
                        {entry.accountNames?.length && j === entry.changes.length - 1
                          ? `${change}: ${entry.accountNames.join(', ')}`
                          : change}
                      </Text>
                    </Box>
                  ))}
                </Box>
              </Stack>
            </Box>
          ))}
        </Box>
      )}
    </Section>
  );
}
