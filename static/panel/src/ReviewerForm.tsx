// One reviewer's state, conversation date, notes and blockers, saved together with the chain version it was based
// on. Moving back a state asks for a reason; every refusal is shown beside its own field.
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Fieldset } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import {
  MAX_BLOCKER_TEXT,
  MAX_REVIEWER_NOTES,
  REVIEWER_STATES,
  REVIEWER_STATE_LABELS,
  stateRank,
  type ReviewerState,
} from '@core/approvals';
import type { ResultError } from '@contract/envelope';
import { APPROVAL_LABELS } from '@contract/labels';
import { DateField } from '@ui/DateField';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import type { PanelView, ReviewerView } from '@ui/outputs';
import type { Perform } from './PilotPanel';
import { reviewerSlug } from './ApprovalChain';

const frame = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.small',
});

interface BlockerDraft {
  key: string;
  id: string | null;
  text: string;
  done: boolean;
  subtask: string | null;
}

interface Props {
  view: PanelView;
  reviewer: ReviewerView;
  perform: Perform;
  onClose: () => void;
}

let counter = 0;

export default function ReviewerForm({ view, reviewer, perform, onClose }: Props) {
  const slug = `rf-${reviewerSlug(reviewer.name)}`;
  const [state, setState] = useState<ReviewerState>(reviewer.state);
  const [date, setDate] = useState(reviewer.conversationDate ?? '');
  const [notes, setNotes] = useState(reviewer.notes);
  const [reason, setReason] = useState('');
  const [blockers, setBlockers] = useState<BlockerDraft[]>(() =>
    reviewer.blockers.map((b) => ({
      key: b.id,
      id: b.id,
      text: b.text,
      done: b.done,
      subtask: b.subtaskId ? (b.subtaskKey ?? b.subtaskId) : null,
    })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);
  const goingBack = stateRank(state) < stateRank(reviewer.state);
  const placed = (field: string) =>
    /^update\.(state|conversationDate|notes|reason|blockers(\.\d+\.(text|done|id))?)$/.test(field);

  const change = (key: string, patch: Partial<BlockerDraft>) =>
    setBlockers((list) => list.map((b) => (b.key === key ? { ...b, ...patch } : b)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await perform(
      () =>
        callBackend('panel/approvals-update', {
          expectedApprovalsVersion: view.approvals.version,
          update: {
            reviewer: reviewer.name,
            state,
            conversationDate: date === '' ? null : date,
            notes,
            reason: goingBack ? reason : null,
            blockers: blockers.map((b) => ({ id: b.id, text: b.text, done: b.done })),
          },
        }),
      `${reviewer.name}: ${REVIEWER_STATE_LABELS[state]}`,
    );
    setBusy(false);
    if (outcome.ok || outcome.error.code === 'CONFLICT') onClose();
    else setError(outcome.error);
  }

  return (
    <Box xcss={frame} padding="space.150" testId={`${slug}-form`}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Update ${reviewer.name}`}>
        <Stack space="space.150">
          <Fieldset legend={APPROVAL_LABELS.state}>
            <RadioGroup
              name={`${slug}-state`}
              value={state}
              options={REVIEWER_STATES.map((value) => ({
                name: `${slug}-state`,
                value,
                label: REVIEWER_STATE_LABELS[value],
                testId: `${slug}-state-${value}`,
              }))}
              onChange={(e) => setState(REVIEWER_STATES.find((s) => s === e.currentTarget.value) ?? reviewer.state)}
              isDisabled={busy}
              isInvalid={Boolean(issues['update.state'])}
              aria-describedby={describedBy(`${slug}-state`, issues['update.state'])}
            />
            <FieldError id={`${slug}-state`} error={issues['update.state']} />
          </Fieldset>
          <DateField
            id={`${slug}-date`}
            label={APPROVAL_LABELS.conversationDate}
            value={date}
            onChange={setDate}
            isDisabled={busy}
            error={issues['update.conversationDate']}
            helper="The day of the 30-minute preliminary conversation."
            testId={`${slug}-date`}
          />
          {goingBack ? (
            <LabelledField id={`${slug}-reason`} label={APPROVAL_LABELS.reason} error={issues['update.reason']}>
              <TextArea
                id={`${slug}-reason`}
                value={reason}
                maxLength={MAX_REVIEWER_NOTES}
                onChange={(e) => setReason(e.currentTarget.value)}
                isInvalid={Boolean(issues['update.reason'])}
                aria-describedby={describedBy(`${slug}-reason`, issues['update.reason'])}
                isDisabled={busy}
                minimumRows={2}
                testId={`${slug}-reason`}
              />
            </LabelledField>
          ) : null}
          <LabelledField id={`${slug}-notes`} label={APPROVAL_LABELS.notes} error={issues['update.notes']}>
            <TextArea
              id={`${slug}-notes`}
              value={notes}
              maxLength={MAX_REVIEWER_NOTES}
              onChange={(e) => setNotes(e.currentTarget.value)}
              isInvalid={Boolean(issues['update.notes'])}
              aria-describedby={describedBy(`${slug}-notes`, issues['update.notes'])}
              isDisabled={busy}
              minimumRows={2}
              testId={`${slug}-notes`}
            />
          </LabelledField>
          <Fieldset legend={APPROVAL_LABELS.blockers}>
            <Stack space="space.100">
              {blockers.length === 0 ? <Text color="color.text.subtle">No blockers listed.</Text> : null}
              {blockers.map((b, i) => {
                const textId = `${slug}-blocker-${i}`;
                const textError = issues[`update.blockers.${i}.text`] ?? issues[`update.blockers.${i}.id`];
                const doneError = issues[`update.blockers.${i}.done`];
                return (
                  <Inline key={b.key} space="space.100" alignBlock="end" shouldWrap>
                    <LabelledField id={textId} label={`Blocker ${i + 1}`} error={textError}>
                      <Textfield
                        id={textId}
                        value={b.text}
                        maxLength={MAX_BLOCKER_TEXT}
                        onChange={(e) => change(b.key, { text: e.currentTarget.value })}
                        isInvalid={Boolean(textError)}
                        aria-describedby={describedBy(textId, textError)}
                        isDisabled={busy}
                        testId={textId}
                      />
                    </LabelledField>
                    <Stack space="space.050">
                      <Checkbox
                        label={b.subtask ? `Done (from ${b.subtask} in Jira)` : 'Done'}
                        isChecked={b.done}
                        isDisabled={busy || b.subtask !== null}
                        onChange={(e) => change(b.key, { done: e.currentTarget.checked })}
                        isInvalid={Boolean(doneError)}
                        aria-describedby={describedBy(`${textId}-done`, doneError)}
                        testId={`${textId}-done`}
                      />
                      <FieldError id={`${textId}-done`} error={doneError} />
                    </Stack>
                    {b.subtask === null ? (
                      <Button
                        onClick={() => setBlockers((list) => list.filter((x) => x.key !== b.key))}
                        isDisabled={busy}
                        aria-label={`Remove blocker ${i + 1}`}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Inline>
                );
              })}
              <FieldError id={`${slug}-blockers`} error={issues['update.blockers']} />
              <Box>
                <Button
                  onClick={() => {
                    counter += 1;
                    setBlockers((list) => [
                      ...list,
                      { key: `new_${counter}`, id: null, text: '', done: false, subtask: null },
                    ]);
                  }}
                  isDisabled={busy}
                  testId={`${slug}-add-blocker`}
                >
                  Add blocker
                </Button>
              </Box>
            </Stack>
          </Fieldset>
          {error ? (
            <ErrorBanner error={error} unplaced={unplacedIssues(error.issues, placed)} testId={`${slug}-error`} />
          ) : null}
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isDisabled={busy} isLoading={busy} testId={`${slug}-save`}>
              {`Save ${reviewer.name}`}
            </Button>
            <Button onClick={onClose} isDisabled={busy} testId={`${slug}-cancel`}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
