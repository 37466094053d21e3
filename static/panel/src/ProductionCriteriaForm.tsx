// Production criteria, written before the demo: latency, availability, data sources, regulatory frameworks,
// rollback and monitoring. Saved on their own (panel/save-criteria) so they never ride along with a diagnostic
// save; the server checks every field again and names each one it refuses.
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { Box, Grid, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { fieldLabel } from '@contract/labels';
import { CRITERIA_LIMITS, definedBeforeDemo, type ProductionCriteria } from '@core/production-criteria';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import { describedBy, LabelledField } from '@ui/LabelledField';
import type { PanelView } from '@ui/outputs';
import { Section } from '@ui/Section';
import type { Perform } from './PilotPanel';

interface CriteriaDraft {
  latencyP95Ms: string;
  availabilityPercent: string;
  dataSources: string;
  regulatoryFrameworks: string;
  rollbackPlan: string;
  monitoring: string;
}

const FIELDS = [
  'latencyP95Ms',
  'availabilityPercent',
  'dataSources',
  'regulatoryFrameworks',
  'rollbackPlan',
  'monitoring',
] as const;

function draftOf(c: ProductionCriteria | null): CriteriaDraft {
  return {
    latencyP95Ms: c ? String(c.latencyP95Ms) : '',
    availabilityPercent: c ? String(c.availabilityPercent) : '',
    dataSources: c ? c.dataSources.join('\n') : '',
    regulatoryFrameworks: c ? c.regulatoryFrameworks.join('\n') : '',
    rollbackPlan: c?.rollbackPlan ?? '',
    monitoring: c?.monitoring ?? '',
  };
}

/** One entry per line (or per comma), blanks dropped. */
const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
const numberOrText = (text: string) =>
  text.trim() === '' ? null : Number.isFinite(Number(text.trim())) ? Number(text.trim()) : text.trim();

interface Props {
  view: PanelView;
  readOnly: boolean;
  perform: Perform;
}

export function ProductionCriteriaForm({ view, readOnly, perform }: Props) {
  const stored = view.record.productionCriteria;
  const [editing, setEditing] = useState(stored === null);
  const [draft, setDraft] = useState<CriteriaDraft>(() => draftOf(stored));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);
  const issueOf = (f: (typeof FIELDS)[number]) =>
    issues[`criteria.${f}`] ?? Object.entries(issues).find(([k]) => k.startsWith(`criteria.${f}.`))?.[1];
  const beforeDemo = definedBeforeDemo(stored, view.record.pilot.demoDate);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const criteria = {
      latencyP95Ms: numberOrText(draft.latencyP95Ms),
      availabilityPercent: numberOrText(draft.availabilityPercent),
      dataSources: list(draft.dataSources),
      regulatoryFrameworks: list(draft.regulatoryFrameworks),
      rollbackPlan: draft.rollbackPlan,
      monitoring: draft.monitoring,
    };
    const outcome = await perform(
      () => callBackend('panel/save-criteria', { expectedVersion: view.record.version, criteria }),
      'Production criteria saved',
    );
    setBusy(false);
    if (outcome.ok) setEditing(false);
    else if (outcome.error.code !== 'CONFLICT') setError(outcome.error);
  }

  const set = (field: keyof CriteriaDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const text = (field: 'latencyP95Ms' | 'availabilityPercent', helper: string) => (
    <LabelledField
      id={`criteria-${field}`}
      label={fieldLabel(`criteria.${field}`)}
      error={issueOf(field)}
      helper={helper}
    >
      <Textfield
        id={`criteria-${field}`}
        inputMode="decimal"
        value={draft[field]}
        onChange={(e) => set(field)(e.currentTarget.value)}
        isDisabled={busy}
        isInvalid={Boolean(issueOf(field))}
        aria-describedby={describedBy(`criteria-${field}`, issueOf(field))}
        testId={`criteria-${field}`}
      />
    </LabelledField>
  );
  const area = (field: 'dataSources' | 'regulatoryFrameworks' | 'rollbackPlan' | 'monitoring', helper?: string) => (
    <LabelledField
      id={`criteria-${field}`}
      label={fieldLabel(`criteria.${field}`)}
      error={issueOf(field)}
      helper={helper}
    >
      <TextArea
        id={`criteria-${field}`}
        value={draft[field]}
        maxLength={CRITERIA_LIMITS.text}
        minimumRows={2}
        onChange={(e) => set(field)(e.currentTarget.value)}
        isDisabled={busy}
        isInvalid={Boolean(issueOf(field))}
        aria-invalid={issueOf(field) ? true : undefined}
        aria-describedby={describedBy(`criteria-${field}`, issueOf(field))}
        testId={`criteria-${field}`}
      />
    </LabelledField>
  );

  return (
    <Section id="production-criteria" title="Production criteria" testId="production-criteria">
      <Text color="color.text.subtle">
        What production must hold, written before the demo: the pathway page and the graduation gate read these.
      </Text>
      {!editing && stored ? (
        <Stack space="space.100">
          <Box testId="criteria-summary">
            <Grid templateColumns="max-content 1fr" gap="space.100">
              <Text as="strong">{fieldLabel('criteria.latencyP95Ms')}</Text>
              <Text>{`${stored.latencyP95Ms} ms`}</Text>
              <Text as="strong">{fieldLabel('criteria.availabilityPercent')}</Text>
              <Text>{`${stored.availabilityPercent}%`}</Text>
              <Text as="strong">{fieldLabel('criteria.dataSources')}</Text>
              <Text>{stored.dataSources.join(', ')}</Text>
              <Text as="strong">{fieldLabel('criteria.regulatoryFrameworks')}</Text>
              <Text>{stored.regulatoryFrameworks.join(', ')}</Text>
              <Text as="strong">{fieldLabel('criteria.rollbackPlan')}</Text>
              <Text>{stored.rollbackPlan}</Text>
              <Text as="strong">{fieldLabel('criteria.monitoring')}</Text>
              <Text>{stored.monitoring}</Text>
            </Grid>
          </Box>
          <Text
            size="small"
            color={beforeDemo === false ? 'color.text.warning' : 'color.text.subtle'}
            testId="criteria-defined-on"
          >
            {`Defined on ${stored.definedOn}${beforeDemo === false ? ', after the demo' : ''}.`}
          </Text>
          {readOnly ? null : (
            <Box>
              <Button onClick={() => setEditing(true)} testId="criteria-edit">
                Edit production criteria
              </Button>
            </Box>
          )}
        </Stack>
      ) : readOnly ? (
        <Text testId="criteria-none">No production criteria yet.</Text>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate aria-label="Production criteria">
          <Stack space="space.150">
            <Grid templateColumns="repeat(auto-fit, minmax(200px, 1fr))" gap="space.150">
              {text('latencyP95Ms', '95th percentile response time, in milliseconds')}
              {text('availabilityPercent', 'For example 99.9')}
            </Grid>
            {area('dataSources', 'One per line')}
            {area('regulatoryFrameworks', 'One per line; write "None" if none apply')}
            {area('rollbackPlan')}
            {area('monitoring', 'What is monitored, what alerts, who is paged')}
            {error ? (
              <ErrorBanner
                error={error}
                unplaced={unplacedIssues(error.issues, (f) =>
                  FIELDS.some((k) => f === `criteria.${k}` || f.startsWith(`criteria.${k}.`)),
                )}
                testId="criteria-error"
              />
            ) : null}
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy} isLoading={busy} testId="criteria-save">
                Save production criteria
              </Button>
              {stored ? (
                <Button
                  onClick={() => {
                    setDraft(draftOf(stored));
                    setError(null);
                    setEditing(false);
                  }}
                  isDisabled={busy}
                >
                  Cancel
                </Button>
              ) : null}
            </Inline>
          </Stack>
        </form>
      )}
    </Section>
  );
}
