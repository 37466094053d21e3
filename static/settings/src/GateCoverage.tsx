// Which transitions into a done status run the graduation gate on this project's AI Pilot workflows; a button adds
// the gate where the workflow belongs to this project alone, and the lines say what a Jira admin must do elsewhere.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import type { GateCoverageView } from '@ui/outputs';
import { Section } from '@ui/Section';

const STATE = {
  covered: { label: 'Gate runs', appearance: 'success' },
  added: { label: 'Gate added now', appearance: 'new' },
  missing: { label: 'No gate', appearance: 'removed' },
} as const;

export function GateCoverage() {
  const [view, setView] = useState<GateCoverageView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);

  async function run(apply: boolean) {
    setBusy(true);
    setError(null);
    const result = await callBackend('settings/gate-coverage', { apply });
    setBusy(false);
    if (result.ok) setView(result.data);
    else setError(result.error);
  }

  const missing = view?.workflows.some((w) => w.transitions.some((t) => t.state === 'missing')) ?? false;
  return (
    <Section
      id="gate-coverage"
      title="Graduation gate on the workflow"
      description={
        <Text color="color.text.subtle">
          A pilot graduates only through a transition that runs the gate; any other move into a done status counts as
          closed without graduation.
        </Text>
      }
    >
      {view ? (
        <Stack space="space.150" testId="gate-coverage">
          {view.workflows.map((w) => (
            <Stack key={w.workflowName} space="space.050">
              <Text weight="bold">
                {w.workflowName}
                {w.sharedWithOtherProjects > 0
                  ? ` (shared with ${w.sharedWithOtherProjects} other project${w.sharedWithOtherProjects === 1 ? '' : 's'})`
                  : ''}
              </Text>
              <Box as="ul">
                {w.transitions.map((t) => (
                  <Box as="li" key={`${t.name}-${t.toStatus}`} testId={`gate-coverage-${t.name}`}>
                    <Inline space="space.100" alignBlock="center">
                      <Lozenge appearance={STATE[t.state].appearance}>{STATE[t.state].label}</Lozenge>
                      <Text>
                        {t.name} → {t.toStatus}
                      </Text>
                    </Inline>
                  </Box>
                ))}
              </Box>
            </Stack>
          ))}
          {view.lines.map((line) => (
            <Text as="p" key={line}>
              {line}
            </Text>
          ))}
        </Stack>
      ) : null}
      {error ? <ErrorBanner error={error} onRetry={() => void run(false)} testId="gate-coverage-error" /> : null}
      <Inline space="space.100">
        <Button onClick={() => void run(false)} isDisabled={busy} testId="check-gate-coverage">
          Check transitions
        </Button>
        {missing ? (
          <Button
            appearance="primary"
            onClick={() => void run(true)}
            isDisabled={busy}
            isLoading={busy}
            testId="add-gate"
          >
            Add the gate where the app can
          </Button>
        ) : null}
      </Inline>
    </Section>
  );
}
