import { Box, Stack, Text } from '@atlaskit/primitives';
import { personName } from '@contract/people';
import { DECISION_KIND_LABELS } from '@core/decisions';
import type { RecordedDecision } from '@core/pilot';
import { formatAmount } from '@ui/format';
import { Section } from '@ui/Section';

function details(d: RecordedDecision, nameOf: (id: string) => string): string {
  switch (d.kind) {
    case 'accelerate':
      return `Production owner ${nameOf(d.ownerAccountId)}. Resourcing: ${d.resourcing}`;
    case 'pause':
      return `Paused until ${d.resumeOn}. Rationale: ${d.rationale}`;
    case 'kill':
      return `Reason: ${d.reason}. Monthly cost recovered: ${formatAmount(d.monthlyCostRecovered ?? null)}`;
  }
}

/** Every review decision, newest first: when, who, and what was decided. */
export function DecisionHistory({
  decisions,
  names,
}: {
  decisions: RecordedDecision[];
  names: Record<string, string>;
}) {
  const nameOf = (id: string) => personName(names, id);
  const newestFirst = [...decisions].reverse();
  return (
    <Section id="decision-history" title="Review decisions" testId="decision-history">
      {newestFirst.length === 0 ? (
        <Text color="color.text.subtle">No review decisions yet.</Text>
      ) : (
        <Box as="ol">
          {newestFirst.map((d, i) => (
            <Box as="li" key={`${d.decidedOn}-${i}`}>
              <Stack space="space.025">
                <Text weight="bold">{`${d.decidedOn} · ${DECISION_KIND_LABELS[d.kind]} · by ${nameOf(d.byAccountId)}`}</Text>
                <Text>{details(d, nameOf)}</Text>
              </Stack>
            </Box>
          ))}
        </Box>
      )}
    </Section>
  );
}
