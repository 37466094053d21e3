// The pilot's workstream sub-tasks (one per template row) with their Jira state and due date.
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { PanelView } from '@ui/outputs';
import { Section } from '@ui/Section';
import { WORKSTREAM_APPEARANCE, WORKSTREAM_LABEL } from './labels';
import { TemplateSource } from './TemplateSource';

interface Props {
  view: PanelView;
  progress: { done: number; total: number };
}

export function Workstreams({ view, progress }: Props) {
  const value = progress.total === 0 ? 0 : progress.done / progress.total;
  return (
    <Section id="workstreams" title="Workstreams" testId="workstreams">
      {view.seeding === 'pending' ? (
        <Inline space="space.100" alignBlock="center" testId="seeding-pending">
          <Spinner size="small" label="Creating sub-tasks" />
          <Text>Workstream sub-tasks are being created…</Text>
        </Inline>
      ) : null}
      <Stack space="space.050">
        <ProgressBar
          value={value}
          ariaLabel={`Workstream progress: ${progress.done} of ${progress.total} done`}
          appearance={value === 1 ? 'success' : 'default'}
        />
        <Text size="small" testId="workstream-progress">{`${progress.done}/${progress.total} done`}</Text>
        <TemplateSource source={view.templateSource} />
      </Stack>
      {view.workstreams.length === 0 ? (
        <Text color="color.text.subtle">The project's workstream template has no rows.</Text>
      ) : (
        <Box as="ul">
          {view.workstreams.map((w) => (
            <Box as="li" key={w.rowId} testId={`workstream-${w.rowId}`}>
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Lozenge appearance={WORKSTREAM_APPEARANCE[w.state]}>{WORKSTREAM_LABEL[w.state]}</Lozenge>
                <Text weight="medium">{w.name}</Text>
                {w.issueKey ? <Text color="color.text.subtle">{w.issueKey}</Text> : null}
                <Text size="small" color="color.text.subtlest">
                  {`${w.ownerTeam}${w.dueDate ? ` · due ${w.dueDate}` : ''}`}
                </Text>
              </Inline>
            </Box>
          ))}
        </Box>
      )}
    </Section>
  );
}
