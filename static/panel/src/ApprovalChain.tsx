// The approval chain: each reviewer the project expects, its state (not contacted → conversation scheduled →
// blockers listed → cleared), conversation date, notes and blockers; one reviewer is edited at a time in its own
// form (lazy-loaded), and a saved blocker can become a Jira sub-task of the pilot. Writes go through `perform`, so a
// CONFLICT shows the other person's chain instead of overwriting it.
import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { REVIEWER_STATE_LABELS, reviewerProgress } from '@core/approvals';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import type { PanelView, ReviewerView } from '@ui/outputs';
import { Section } from '@ui/Section';
import { REVIEWER_APPEARANCE } from './approval-labels';
import type { Perform } from './PilotPanel';

const ReviewerForm = lazy(() => import('./ReviewerForm'));

interface Props {
  view: PanelView;
  readOnly: boolean;
  perform: Perform;
}

export const reviewerSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function ApprovalChain({ view, readOnly, perform }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ResultError | null>(null);
  const { approvals } = view;

  if (approvals.unreadable) {
    return (
      <Section id="approvals" title="Approval chain" testId="approval-chain">
        <SectionMessage appearance="error" title="The approval chain cannot be read" testId="approvals-unreadable">
          <Text as="p">{`${approvals.unreadable} Nothing can be changed here until a Jira admin repairs it.`}</Text>
        </SectionMessage>
      </Section>
    );
  }

  const progress = reviewerProgress(approvals.reviewers, view.today);

  async function makeSubtask(reviewer: ReviewerView, blockerId: string, text: string) {
    setBusy(blockerId);
    setError(null);
    const outcome = await perform(
      () =>
        callBackend('panel/approvals-subtask', {
          expectedApprovalsVersion: approvals.version,
          reviewer: reviewer.name,
          blockerId,
        }),
      `"${text}" is now a sub-task`,
    );
    setBusy(null);
    if (!outcome.ok && outcome.error.code !== 'CONFLICT') setError(outcome.error);
  }

  return (
    <Section
      id="approvals"
      title="Approval chain"
      testId="approval-chain"
      description={
        <Text color="color.text.subtle" testId="approvals-progress">
          {`${progress.scheduled} of ${progress.expected} reviewers have a conversation scheduled or held; ${progress.cleared} cleared.`}
        </Text>
      }
    >
      {error ? <ErrorBanner error={error} testId="approvals-error" /> : null}
      <Box as="ul">
        {approvals.reviewers.map((reviewer) => {
          const slug = reviewerSlug(reviewer.name);
          const open = editing === reviewer.name;
          return (
            <Box as="li" key={reviewer.name} testId={`reviewer-${slug}`} paddingBlock="space.100">
              <Stack space="space.075">
                <Inline space="space.100" alignBlock="center" shouldWrap>
                  <Text weight="bold">{reviewer.name}</Text>
                  <Lozenge appearance={REVIEWER_APPEARANCE[reviewer.state]} testId={`reviewer-${slug}-state`}>
                    {REVIEWER_STATE_LABELS[reviewer.state]}
                  </Lozenge>
                  {reviewer.conversationDate ? (
                    <Text color="color.text.subtle">{`conversation ${reviewer.conversationDate}`}</Text>
                  ) : null}
                  {!readOnly && !open ? (
                    <Button
                      onClick={() => setEditing(reviewer.name)}
                      aria-expanded={false}
                      testId={`reviewer-${slug}-edit`}
                    >
                      {`Update ${reviewer.name}`}
                    </Button>
                  ) : null}
                </Inline>
                {reviewer.notes ? <Text size="small">{reviewer.notes}</Text> : null}
                {reviewer.blockers.length > 0 ? (
                  <Box as="ul" testId={`reviewer-${slug}-blockers`}>
                    {reviewer.blockers.map((b) => (
                      <Box as="li" key={b.id}>
                        <Inline space="space.100" alignBlock="center" shouldWrap>
                          <Lozenge appearance={b.done ? 'success' : 'default'}>{b.done ? 'Done' : 'Open'}</Lozenge>
                          <Text>{b.text}</Text>
                          {b.subtaskId ? (
                            <Text
                              color="color.text.subtle"
                              testId={`blocker-${b.id}-subtask`}
                            >{`sub-task ${b.subtaskKey ?? b.subtaskId}`}</Text>
                          ) : !readOnly ? (
                            <Button
                              spacing="compact"
                              onClick={() => void makeSubtask(reviewer, b.id, b.text)}
                              isLoading={busy === b.id}
                              isDisabled={busy !== null}
                              aria-label={`Make sub-task for blocker "${b.text}"`}
                              testId={`blocker-${b.id}-make-subtask`}
                            >
                              Make sub-task
                            </Button>
                          ) : null}
                        </Inline>
                      </Box>
                    ))}
                  </Box>
                ) : null}
                {open ? (
                  <Suspense fallback={<Loading label="Loading the reviewer form" />}>
                    <ReviewerForm view={view} reviewer={reviewer} perform={perform} onClose={() => setEditing(null)} />
                  </Suspense>
                ) : null}
              </Stack>
            </Box>
          );
        })}
      </Box>
    </Section>
  );
}
