// What the project needs for AI Pilots (issue types, scheme, screens), step by step, and a button that puts in
// place everything the Jira API allows; manual steps say exactly what to click.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { flagSuccess } from '@ui/flags';
import { callBackend } from '@ui/invoke';
import type { SetupReport, StepState } from '@ui/outputs';
import { Section } from '@ui/Section';

const STATE: Record<StepState, { label: string; appearance: 'success' | 'new' | 'moved' | 'removed' }> = {
  'in-place': { label: 'In place', appearance: 'success' },
  'done-now': { label: 'Done now', appearance: 'new' },
  manual: { label: 'Manual step', appearance: 'moved' },
  missing: { label: 'Missing', appearance: 'removed' },
};

export function SetupSteps({ initial }: { initial: SetupReport | null }) {
  const [report, setReport] = useState(initial);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    const result = await callBackend('settings/setup', {});
    setRunning(false);
    if (result.ok) {
      setReport(result.data);
      flagSuccess(result.data.ready ? 'Project set up for AI Pilots' : 'Setup ran; some steps need you');
    } else setError(result.error);
  }

  return (
    <Section id="setup" title="Project setup">
      {report === null ? (
        <Text color="color.text.subtle">
          The setup status of this project could not be read. Run the setup to check and fix it.
        </Text>
      ) : (
        <Stack space="space.150">
          {report.ready ? (
            <SectionMessage
              appearance="success"
              title={`${report.projectKey} is ready for AI Pilots`}
              testId="setup-ready"
            >
              <Text as="p">
                The AI Pilot issue type, the workstream sub-task type and the app's fields are in place.
              </Text>
            </SectionMessage>
          ) : (
            <SectionMessage
              appearance="information"
              title={`${report.projectKey} needs setting up`}
              testId="setup-not-ready"
            >
              <Text as="p">
                Run the setup to put in place what the app can; follow the manual steps for the rest, then run it again
                to check.
              </Text>
            </SectionMessage>
          )}
          <Box as="ol" testId="setup-steps">
            {report.steps.map((step) => (
              <Box as="li" key={step.id} testId={`setup-step-${step.id}`}>
                <Stack space="space.050">
                  <Inline space="space.100" alignBlock="center">
                    <Lozenge appearance={STATE[step.state].appearance}>{STATE[step.state].label}</Lozenge>
                    <Text weight="bold">{step.label}</Text>
                  </Inline>
                  <Text
                    color={step.state === 'manual' || step.state === 'missing' ? 'color.text' : 'color.text.subtle'}
                  >
                    {step.detail}
                  </Text>
                </Stack>
              </Box>
            ))}
          </Box>
        </Stack>
      )}
      {error ? <ErrorBanner error={error} onRetry={() => void run()} testId="setup-error" /> : null}
      <Box>
        <Button
          appearance={report?.ready ? 'default' : 'primary'}
          onClick={() => void run()}
          isDisabled={running}
          isLoading={running}
          testId="run-setup"
        >
          Set up project
        </Button>
      </Box>
    </Section>
  );
}
