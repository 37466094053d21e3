// One way to show a failed call: a title and advice per error code, the server's message, any field problems no
// control shows, and Retry where trying again can help.
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ErrorCode, FieldIssue, ResultError } from '@contract/envelope';
import { issueSentence } from '@contract/labels';

type Appearance = 'warning' | 'error' | 'information';

const PRESENTATION: Record<ErrorCode, { title: string; advice: string; appearance: Appearance; retry: boolean }> = {
  VALIDATION_FAILED: {
    title: 'Some fields need attention',
    advice: 'Fix the fields marked below, then try again.',
    appearance: 'error',
    retry: false,
  },
  FORBIDDEN: {
    title: 'You do not have permission',
    advice: 'Ask a Jira or project admin for access.',
    appearance: 'error',
    retry: false,
  },
  NOT_FOUND: {
    title: 'Not found',
    advice: 'It may have been deleted or moved. Reload the page.',
    appearance: 'error',
    retry: false,
  },
  NOT_A_PILOT: {
    title: 'Not an AI Pilot',
    advice: 'This applies to AI Pilot issues only.',
    appearance: 'information',
    retry: false,
  },
  CONFLICT: {
    title: 'Someone else changed this',
    advice: 'The latest saved values are shown now. Apply your change again.',
    appearance: 'warning',
    retry: false,
  },
  NEEDS_AUTHENTICATION: {
    title: 'Allow access',
    advice: 'Use the "Allow access" prompt Jira shows for Pilot-to-Production to let it read Jira as you, then retry.',
    appearance: 'warning',
    retry: true,
  },
  JIRA_REJECTED: {
    title: 'Jira refused the change',
    advice: 'Check the message from Jira, adjust, and try again.',
    appearance: 'error',
    retry: false,
  },
  RATE_LIMITED: {
    title: 'Jira is busy',
    advice: 'Wait a few seconds, then retry.',
    appearance: 'warning',
    retry: true,
  },
  UPSTREAM_UNAVAILABLE: {
    title: 'Jira is not answering',
    advice: 'Retry in a moment.',
    appearance: 'warning',
    retry: true,
  },
  INTERNAL: {
    title: 'Something went wrong',
    advice: 'Nothing was changed. Retry, and reload the page if it keeps happening.',
    appearance: 'error',
    retry: true,
  },
};

interface Props {
  error: ResultError;
  /** Shown only for codes where trying again can help. */
  onRetry?: () => void;
  /** Issues no control shows; defaults to none (the controls show theirs). */
  unplaced?: FieldIssue[];
  title?: string;
  /** What to do next, where the surface knows better than the code's default advice (e.g. "edit the macro"). */
  advice?: string;
  testId?: string;
}

export function ErrorBanner({ error, onRetry, unplaced = [], title, advice, testId = 'error-banner' }: Props) {
  const p = PRESENTATION[error.code] ?? PRESENTATION.INTERNAL;
  const actions =
    onRetry && p.retry
      ? [
          <SectionMessageAction key="retry" onClick={onRetry} testId={`${testId}-retry`}>
            Retry
          </SectionMessageAction>,
        ]
      : undefined;
  return (
    <Box testId={testId}>
      <SectionMessage appearance={p.appearance} title={title ?? p.title} actions={actions}>
        <Stack space="space.100">
          <Text as="p">{error.message}</Text>
          {unplaced.length > 0 ? (
            <Box as="ul">
              {unplaced.map((issue) => (
                <Box as="li" key={`${issue.field}:${issue.message}`}>
                  <Text>{issueSentence(issue)}</Text>
                </Box>
              ))}
            </Box>
          ) : null}
          <Text as="p" color="color.text.subtle">
            {advice ?? p.advice}
          </Text>
        </Stack>
      </SectionMessage>
    </Box>
  );
}
