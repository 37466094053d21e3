// Accelerate (owner + resourcing), pause (rationale + resumption date) or kill (reason). The server names every
// missing part in `issues` (decision.resumeOn …); each is shown at its own field.
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { RadioGroup } from '@atlaskit/radio';
import TextArea from '@atlaskit/textarea';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { DECISION_LABELS } from '@contract/labels';
import { addDays } from '@core/dates';
import { DECISION_KIND_LABELS, DECISION_KINDS, type DecisionKind } from '@core/decisions';
import { MAX_TEXT_LENGTH } from '@core/validation';
import { DateField } from '@ui/DateField';
import { ErrorBanner } from '@ui/ErrorBanner';
import { formatAmount } from '@ui/format';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import type { PanelView } from '@ui/outputs';
import type { Perform } from './PilotPanel';
import { UserPicker } from './UserPicker';

const PLACED = new Set([
  'decision.kind',
  'decision.ownerAccountId',
  'decision.resourcing',
  'decision.rationale',
  'decision.resumeOn',
  'decision.reason',
]);

const HELP: Record<DecisionKind, string> = {
  accelerate: 'Name a production owner and dedicate resourcing to reach production.',
  pause: 'Stop the clock with a written rationale; the stall clock restarts on the resumption date.',
  kill: 'Stop the pilot and recover its compute and engineering budget.',
};

interface Props {
  view: PanelView;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  readOnly: boolean;
  perform: Perform;
}

function TextAreaField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  disabled: boolean;
}) {
  return (
    <LabelledField id={props.id} label={props.label} error={props.error}>
      <TextArea
        id={props.id}
        value={props.value}
        maxLength={MAX_TEXT_LENGTH}
        minimumRows={2}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        isInvalid={Boolean(props.error)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, props.error)}
        isDisabled={props.disabled}
      />
    </LabelledField>
  );
}

export default function DecisionForm({ view, names, onName, readOnly, perform }: Props) {
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [owner, setOwner] = useState<string | null>(view.record.pilot.people.productionOwner);
  const [resourcing, setResourcing] = useState('');
  const [rationale, setRationale] = useState('');
  const [resumeOn, setResumeOn] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);
  const disabled = readOnly || busy;
  const cost = view.record.pilot.monthlyRunCost;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    if (!kind) {
      setError({
        code: 'VALIDATION_FAILED',
        message: 'Choose accelerate, pause or kill.',
        issues: [
          {
            field: 'decision.kind',
            message: 'Choose accelerate, pause or kill; continuing as before is not a review outcome',
          },
        ],
      });
      return;
    }
    const decision =
      kind === 'accelerate'
        ? { kind, ownerAccountId: owner ?? '', resourcing }
        : kind === 'pause'
          ? { kind, rationale, resumeOn }
          : { kind, reason };
    setBusy(true);
    setError(null);
    const outcome = await perform(
      () => callBackend('panel/decide', { expectedVersion: view.record.version, decision }),
      `Review decision recorded: ${DECISION_KIND_LABELS[kind]}`,
    );
    setBusy(false);
    if (!outcome.ok && outcome.error.code !== 'CONFLICT') setError(outcome.error);
  }

  return (
    <Box testId="decision-form">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Review decision">
        <Stack space="space.150">
          <Stack space="space.050">
            <Text id="decision-kind-label" weight="bold">
              {DECISION_LABELS.kind}
            </Text>
            <RadioGroup
              id="decision-kind"
              name="decision-kind"
              aria-labelledby="decision-kind-label"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as DecisionKind)}
              options={DECISION_KINDS.map((k) => ({
                name: 'decision-kind',
                value: k,
                label: DECISION_KIND_LABELS[k],
                testId: `decision-kind-${k}`,
              }))}
              isDisabled={disabled}
              isInvalid={Boolean(issues['decision.kind'])}
              testId="decision-kind"
            />
            <FieldError id="decision-kind" error={issues['decision.kind']} />
            {kind ? (
              <Text size="small" color="color.text.subtle">
                {HELP[kind]}
              </Text>
            ) : null}
          </Stack>
          {kind === 'accelerate' ? (
            <>
              <UserPicker
                id="decision-owner"
                label={DECISION_LABELS.ownerAccountId}
                accountId={owner}
                displayName={owner ? (names[owner] ?? null) : null}
                onChange={(user) => {
                  setOwner(user?.accountId ?? null);
                  if (user) onName(user.accountId, user.displayName);
                }}
                isDisabled={disabled}
                error={issues['decision.ownerAccountId']}
              />
              <TextAreaField
                id="decision-resourcing"
                label={DECISION_LABELS.resourcing}
                value={resourcing}
                onChange={setResourcing}
                error={issues['decision.resourcing']}
                disabled={disabled}
              />
            </>
          ) : null}
          {kind === 'pause' ? (
            <>
              <TextAreaField
                id="decision-rationale"
                label={DECISION_LABELS.rationale}
                value={rationale}
                onChange={setRationale}
                error={issues['decision.rationale']}
                disabled={disabled}
              />
              <DateField
                id="decision-resume-on"
                label={DECISION_LABELS.resumeOn}
                helper="The stall clock restarts on this day."
                value={resumeOn}
                min={addDays(view.today, 1)}
                onChange={setResumeOn}
                isDisabled={disabled}
                error={issues['decision.resumeOn']}
              />
            </>
          ) : null}
          {kind === 'kill' ? (
            <>
              <TextAreaField
                id="decision-reason"
                label={DECISION_LABELS.reason}
                value={reason}
                onChange={setReason}
                error={issues['decision.reason']}
                disabled={disabled}
              />
              <Box testId="cost-recovered">
                <Text as="p">
                  {cost === null
                    ? 'No monthly run cost is recorded for this pilot, so the kill list will show nothing recovered. Record the cost in the form below first if it has one.'
                    : `Killing recovers ${formatAmount(cost)} per month in run cost (compute, vendor, engineering).`}
                </Text>
              </Box>
            </>
          ) : null}
          {error ? (
            <ErrorBanner
              error={error}
              unplaced={unplacedIssues(error.issues, (f) => PLACED.has(f))}
              testId="decision-error"
            />
          ) : null}
          <Box>
            <Button
              type="submit"
              appearance={kind === 'kill' ? 'danger' : 'primary'}
              isDisabled={disabled}
              isLoading={busy}
              testId="decision-submit"
            >
              Record decision
            </Button>
          </Box>
        </Stack>
      </form>
    </Box>
  );
}
