// A written waiver of one gate criterion with an expiry date (admins only; the server checks again).
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { WAIVER_LABELS } from '@contract/labels';
import { MAX_TEXT_LENGTH } from '@core/validation';
import { DateField } from '@ui/DateField';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import { describedBy, LabelledField } from '@ui/LabelledField';
import type { PanelView } from '@ui/outputs';
import type { Perform } from './PilotPanel';

const frame = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.small',
});

const PLACED = new Set(['waiver.reason', 'waiver.expiresOn']);

interface Props {
  criterion: string;
  label: string;
  view: PanelView;
  perform: Perform;
  onClose: () => void;
}

export default function WaiverForm({ criterion, label, view, perform, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);
  const idBase = `waiver-${criterion.replace(/[^a-z0-9-]/gi, '-')}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await perform(
      () =>
        callBackend('panel/waive', { expectedVersion: view.record.version, waiver: { criterion, reason, expiresOn } }),
      `"${label}" waived until ${expiresOn}`,
    );
    setBusy(false);
    if (outcome.ok) onClose();
    else if (outcome.error.code === 'CONFLICT') onClose();
    else setError(outcome.error);
  }

  return (
    <Box xcss={frame} padding="space.150" testId="waiver-form">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Waive ${label}`}>
        <Stack space="space.150">
          <Text weight="bold">{`Waive: ${label}`}</Text>
          <Text size="small" color="color.text.subtle">
            A waiver passes this one criterion until it expires. It is recorded in the audit trail.
          </Text>
          <LabelledField id={`${idBase}-reason`} label={WAIVER_LABELS.reason} error={issues['waiver.reason']}>
            <TextArea
              id={`${idBase}-reason`}
              value={reason}
              maxLength={MAX_TEXT_LENGTH}
              onChange={(e) => setReason(e.currentTarget.value)}
              isInvalid={Boolean(issues['waiver.reason'])}
              aria-invalid={issues['waiver.reason'] ? true : undefined}
              aria-describedby={describedBy(`${idBase}-reason`, issues['waiver.reason'])}
              isDisabled={busy}
              minimumRows={2}
            />
          </LabelledField>
          <DateField
            id={`${idBase}-expires`}
            label={WAIVER_LABELS.expiresOn}
            value={expiresOn}
            min={view.today}
            onChange={setExpiresOn}
            isDisabled={busy}
            error={issues['waiver.expiresOn']}
          />
          {error ? (
            <ErrorBanner
              error={error}
              unplaced={unplacedIssues(error.issues, (f) => PLACED.has(f))}
              testId="waiver-error"
            />
          ) : null}
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isDisabled={busy} isLoading={busy} testId="waiver-submit">
              Waive criterion
            </Button>
            <Button onClick={onClose} isDisabled={busy}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
