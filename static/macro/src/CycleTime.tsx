// Cycle time: days from demo to production for the graduated pilots on this page (only pilots the viewer may see),
// the median overall, per project next to its stall threshold, and per quarter of graduation.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { CycleTimeSummary } from '@ui/outputs';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export function CycleTime({ cycle }: { cycle: CycleTimeSummary }) {
  return (
    <Box as="section" aria-labelledby="cycle-time-heading" testId="cycle-time">
      <Stack space="space.100">
        <Heading size="small" as="h2" id="cycle-time-heading">
          Demo to production
        </Heading>
        {cycle.medianDays === null ? (
          <Text color="color.text.subtle" testId="cycle-time-none">
            No pilot here has graduated through the gate yet, so there is no cycle time to show.
          </Text>
        ) : (
          <>
            <Text testId="cycle-time-median">
              <Text weight="bold">{`Median ${days(cycle.medianDays)}`}</Text>
              {` from demo to production over ${cycle.pilots} graduated ${cycle.pilots === 1 ? 'pilot' : 'pilots'}.`}
            </Text>
            <DynamicTable
              label="Cycle time by project"
              testId="cycle-time-projects"
              head={{
                cells: [
                  { key: 'project', content: 'Project' },
                  { key: 'pilots', content: 'Graduated' },
                  { key: 'median', content: 'Median' },
                  { key: 'range', content: 'Fastest – slowest' },
                  { key: 'threshold', content: 'Stall threshold' },
                ],
              }}
              rows={cycle.byProject.map((p) => ({
                key: p.label,
                testId: `cycle-time-project-${p.label}`,
                cells: [
                  { key: 'project', content: p.label },
                  { key: 'pilots', content: String(p.pilots) },
                  {
                    key: 'median',
                    content:
                      p.stallThresholdDays !== null && p.medianDays > p.stallThresholdDays ? (
                        <Lozenge appearance="moved">{`${days(p.medianDays)}, past the threshold`}</Lozenge>
                      ) : (
                        days(p.medianDays)
                      ),
                  },
                  { key: 'range', content: `${days(p.minDays)} – ${days(p.maxDays)}` },
                  { key: 'threshold', content: p.stallThresholdDays === null ? '—' : days(p.stallThresholdDays) },
                ],
              }))}
            />
            <DynamicTable
              label="Cycle time by quarter of graduation"
              testId="cycle-time-quarters"
              head={{
                cells: [
                  { key: 'quarter', content: 'Graduated in' },
                  { key: 'pilots', content: 'Pilots' },
                  { key: 'median', content: 'Median' },
                ],
              }}
              rows={cycle.byQuarter.map((q) => ({
                key: q.label,
                cells: [
                  { key: 'quarter', content: q.label },
                  { key: 'pilots', content: String(q.pilots) },
                  { key: 'median', content: days(q.medianDays) },
                ],
              }))}
            />
          </>
        )}
        {cycle.withoutDemo.length ? (
          <Text size="small" color="color.text.subtle" testId="cycle-time-without-demo">
            {`Not counted (no demo date on or before graduation): ${cycle.withoutDemo.join(', ')}.`}
          </Text>
        ) : null}
      </Stack>
    </Box>
  );
}
