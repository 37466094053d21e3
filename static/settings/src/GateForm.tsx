// The graduation gate's criteria, with a preview of how the project's pilots fare under them before saving.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Fieldset } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Grid, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { SETTINGS_LABELS } from '@contract/labels';
import { questionLabel } from '@core/diagnostic';
import { QUESTIONS, type QuestionId } from '@core/questions';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, issuesUnder, type IssueMap } from '@ui/issues';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import { Loading } from '@ui/Loading';
import type { GatePreviewRow } from '@ui/outputs';
import { GatePreview } from './GatePreview';
import { toGate, type GateDraft, type SettingsDraft } from './settings-draft';

interface ScoreOption {
  label: string;
  value: number | null;
}
const SCORE_OPTIONS: ScoreOption[] = [
  { label: 'No minimum', value: null },
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ label: `${n} of 7`, value: n })),
];

interface Props {
  draft: SettingsDraft;
  onDraft: (update: (draft: SettingsDraft) => SettingsDraft) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

export function GateForm({ draft, onDraft, issues: saveIssues, isDisabled }: Props) {
  const [preview, setPreview] = useState<GatePreviewRow[] | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<ResultError | null>(null);
  // Problems found by the preview are shown at the same controls as problems found by saving.
  const issues: IssueMap = {
    ...saveIssues,
    ...indexIssues(previewError?.issues?.map((i) => ({ ...i, field: `settings.${i.field}` }))),
  };
  const gate = draft.gate;
  const setGate = (patch: Partial<GateDraft>) => onDraft((d) => ({ ...d, gate: { ...d.gate, ...patch } }));

  async function runPreview() {
    const local: { field: string; message: string }[] = [];
    const criteria = toGate(draft, local);
    if (local.length > 0) {
      setPreviewError({
        code: 'VALIDATION_FAILED',
        message: local.map((i) => i.message).join('; '),
        issues: local.map((i) => ({ ...i, field: i.field.replace(/^settings\./, '') })),
      });
      return;
    }
    setPreviewing(true);
    setPreviewError(null);
    const result = await callBackend('settings/preview-gate', { gate: criteria });
    setPreviewing(false);
    if (result.ok) setPreview(result.data);
    else setPreviewError(result.error);
  }

  const yesError = issuesUnder(issues, 'settings.gate.requiredYes').join('; ') || undefined;
  const rowsError = issuesUnder(issues, 'settings.gate.requiredWorkstreamsDone').join('; ') || undefined;
  const metricError = issues['settings.gate.modelMetric'];
  const metricNameError =
    [metricError, issues['settings.gate.modelMetric.name']].filter(Boolean).join('; ') || undefined;
  const metricMinError = issues['settings.gate.modelMetric.min'];

  return (
    <Stack space="space.200" testId="gate-form">
      <Box>
        <LabelledField id="gate-min-score" label={SETTINGS_LABELS.minScore} error={issues['settings.gate.minScore']}>
          <Select<ScoreOption>
            inputId="gate-min-score"
            options={SCORE_OPTIONS}
            value={SCORE_OPTIONS.find((o) => o.value === gate.minScore) ?? null}
            onChange={(o) => setGate({ minScore: o ? o.value : null })}
            isDisabled={isDisabled}
            isInvalid={Boolean(issues['settings.gate.minScore'])}
            descriptionId={describedBy('gate-min-score', issues['settings.gate.minScore'])}
            testId="gate-min-score"
          />
        </LabelledField>
      </Box>
      <Fieldset legend={SETTINGS_LABELS.requiredYes}>
        <Stack space="space.050" testId="gate-required-yes">
          {QUESTIONS.map((q) => (
            <Checkbox
              key={q.id}
              label={questionLabel(q.id)}
              name="gate-required-yes"
              value={q.id}
              isChecked={gate.requiredYes.includes(q.id)}
              onChange={(e) =>
                setGate({ requiredYes: toggle<QuestionId>(gate.requiredYes, q.id, e.currentTarget.checked) })
              }
              isDisabled={isDisabled}
              isInvalid={Boolean(yesError)}
            />
          ))}
        </Stack>
        <FieldError id="gate-required-yes" error={yesError} />
      </Fieldset>
      <Fieldset legend={SETTINGS_LABELS.requiredWorkstreamsDone}>
        <Stack space="space.050" testId="gate-required-workstreams">
          {draft.rows.length === 0 ? (
            <Text color="color.text.subtle">Add workstreams to the template first.</Text>
          ) : null}
          {draft.rows.map((row, i) => (
            <Checkbox
              key={row.key}
              label={row.name.trim() || `Unnamed row ${i + 1}`}
              name="gate-required-workstreams"
              value={row.key}
              isChecked={gate.requiredRows.includes(row.key)}
              onChange={(e) => setGate({ requiredRows: toggle(gate.requiredRows, row.key, e.currentTarget.checked) })}
              isDisabled={isDisabled}
              isInvalid={Boolean(rowsError)}
            />
          ))}
        </Stack>
        <FieldError id="gate-required-workstreams" error={rowsError} />
      </Fieldset>
      <Fieldset legend="Model metric (optional; accuracy alone is never enough)">
        <Grid templateColumns="repeat(auto-fit, minmax(200px, 1fr))" gap="space.150">
          <LabelledField id="gate-metric-name" label={SETTINGS_LABELS.metricName} error={metricNameError}>
            <Textfield
              id="gate-metric-name"
              placeholder="e.g. accuracy"
              value={gate.metricName}
              onChange={(e) => setGate({ metricName: e.currentTarget.value })}
              isDisabled={isDisabled}
              isInvalid={Boolean(metricNameError)}
              aria-describedby={describedBy('gate-metric-name', metricNameError)}
            />
          </LabelledField>
          <LabelledField id="gate-metric-min" label={SETTINGS_LABELS.metricMin} error={metricMinError}>
            <Textfield
              id="gate-metric-min"
              type="number"
              inputMode="decimal"
              value={gate.metricMin}
              onChange={(e) => setGate({ metricMin: e.currentTarget.value })}
              isDisabled={isDisabled}
              isInvalid={Boolean(metricMinError)}
              aria-describedby={describedBy('gate-metric-min', metricMinError)}
            />
          </LabelledField>
        </Grid>
      </Fieldset>
      <Fieldset legend="People and dates">
        <Checkbox
          label={SETTINGS_LABELS.requireProductionOwner}
          name="gate-require-owner"
          isChecked={gate.requireProductionOwner}
          onChange={(e) => setGate({ requireProductionOwner: e.currentTarget.checked })}
          isDisabled={isDisabled}
          testId="gate-require-owner"
        />
        <Checkbox
          label={SETTINGS_LABELS.requireProductionDate}
          name="gate-require-date"
          isChecked={gate.requireProductionDate}
          onChange={(e) => setGate({ requireProductionDate: e.currentTarget.checked })}
          isDisabled={isDisabled}
          testId="gate-require-date"
        />
        <Checkbox
          label={SETTINGS_LABELS.requireProductionCriteria}
          name="gate-require-criteria"
          isChecked={gate.requireProductionCriteria}
          onChange={(e) => setGate({ requireProductionCriteria: e.currentTarget.checked })}
          isDisabled={isDisabled}
          testId="gate-require-criteria"
        />
      </Fieldset>
      <Stack space="space.100">
        <Box>
          <Button
            onClick={() => void runPreview()}
            isDisabled={previewing || isDisabled}
            isLoading={previewing}
            testId="preview-gate"
          >
            Preview against current pilots
          </Button>
        </Box>
        <Text size="small" color="color.text.subtle">
          The preview uses the criteria above before they are saved, and the saved workstream template.
        </Text>
        {previewing ? <Loading label="Checking the project's pilots…" size="small" testId="preview-loading" /> : null}
        {previewError ? (
          <ErrorBanner error={previewError} onRetry={() => void runPreview()} testId="preview-error" />
        ) : null}
        {preview && !previewing ? <GatePreview rows={preview} /> : null}
      </Stack>
    </Stack>
  );
}
