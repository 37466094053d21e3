import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { GatePreviewRow } from '@ui/outputs';

/** Which of the project's pilots would pass the gate as drafted, and why the others would not. */
export function GatePreview({ rows }: { rows: GatePreviewRow[] }) {
  const passing = rows.filter((r) => r.passes).length;
  if (rows.length === 0) {
    return (
      <Box testId="gate-preview">
        <Text color="color.text.subtle">There are no AI Pilot issues in this project yet.</Text>
      </Box>
    );
  }
  return (
    <Stack space="space.100" testId="gate-preview">
      <Text weight="bold">{`${passing} of ${rows.length} pilots would pass`}</Text>
      <DynamicTable
        label="Gate preview"
        head={{
          cells: [
            { key: 'key', content: 'Pilot' },
            { key: 'result', content: 'Gate' },
            { key: 'reasons', content: 'Reasons' },
          ],
        }}
        rows={rows.map((r) => ({
          key: r.key,
          testId: `gate-preview-${r.key}`,
          cells: [
            { key: 'key', content: `${r.key} ${r.summary}` },
            {
              key: 'result',
              content: <Lozenge appearance={r.passes ? 'success' : 'removed'}>{r.passes ? 'Passes' : 'Fails'}</Lozenge>,
            },
            {
              key: 'reasons',
              content:
                r.failures.length === 0 ? (
                  <Text color="color.text.subtle">Every criterion met or waived</Text>
                ) : (
                  <Box as="ul">
                    {r.failures.map((f) => (
                      <Box as="li" key={f}>
                        <Text>{f}</Text>
                      </Box>
                    ))}
                  </Box>
                ),
            },
          ],
        }))}
      />
    </Stack>
  );
}
