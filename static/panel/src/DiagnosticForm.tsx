// The editable part of the panel: the seven questions, dates and milestones, people, cost, model metric and
// production spec. One Save sends the whole PilotEdit with the version it was based on.
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { FieldIssue, ResultError } from '@contract/envelope';
import type { PilotAssessment } from '@core/assessment';
import { QUESTIONS } from '@core/questions';
import { ErrorBanner } from '@ui/ErrorBanner';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import type { PanelView } from '@ui/outputs';
import { Section } from '@ui/Section';
import { DatesFields } from './DatesFields';
import { toPilotEdit, type PilotDraft } from './draft';
import { MoneyAndSpecFields } from './MoneyAndSpecFields';
import { PeopleFields } from './PeopleFields';
import type { Perform } from './PilotPanel';
import { QuestionField } from './QuestionField';

/** Fields of `pilot.*` that a control on this form shows; any other issue is listed in the banner. */
function isPlaced(field: string): boolean {
  return /^pilot\.(diagnostic\.q[1-7](\.(answer|note|evidenceUrl))?|pilotStart|demoDate|productionDate|milestones\.\w+|people\.\w+|monthlyRunCost|modelMetric(\.(name|value))?|productionSpecUrl)$/.test(
    field,
  );
}

interface Props {
  view: PanelView;
  draft: PilotDraft;
  onDraft: (update: (draft: PilotDraft) => PilotDraft) => void;
  onDiscard: () => void;
  dirty: boolean;
  assessment: PilotAssessment;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  readOnly: boolean;
  perform: Perform;
}

export function DiagnosticForm({
  view,
  draft,
  onDraft,
  onDiscard,
  dirty,
  assessment,
  names,
  onName,
  readOnly,
  perform,
}: Props) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const issues = indexIssues(error?.issues);
  const disabled = readOnly || saving;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    const parsed = toPilotEdit(draft);
    if (!parsed.ok) {
      setError(localProblem(parsed.issues));
      return;
    }
    setSaving(true);
    setError(null);
    const outcome = await perform(
      () => callBackend('panel/save', { expectedVersion: view.record.version, pilot: parsed.edit }),
      'Pilot saved',
    );
    setSaving(false);
    if (!outcome.ok && outcome.error.code !== 'CONFLICT') setError(outcome.error);
  }

  const evidenceOf = (id: string) => assessment.evidence.perQuestion.find((q) => q.questionId === id);

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Pilot diagnostic">
      <Stack space="space.200">
        <Section id="diagnostic" title="Pilot Purgatory Diagnostic" testId="diagnostic-form">
          <Text color="color.text.subtle">
            Answer each question honestly: unknown counts as no. Three or more "no" means the pilot is heading to
            purgatory.
          </Text>
          {QUESTIONS.map((q, i) => (
            <QuestionField
              key={q.id}
              question={q}
              number={i + 1}
              value={draft.diagnostic[q.id]}
              onChange={(value) => onDraft((d) => ({ ...d, diagnostic: { ...d.diagnostic, [q.id]: value } }))}
              evidence={evidenceOf(q.id)}
              evidenceLink={q.id === 'q4' ? view.record.pathwayPage : null}
              issues={issues}
              isDisabled={disabled}
            />
          ))}
        </Section>
        <Section id="dates" title="Dates and milestones">
          <DatesFields
            draft={draft}
            onDraft={onDraft}
            history={view.record.pilot.productionDateHistory}
            names={names}
            issues={issues}
            isDisabled={disabled}
          />
        </Section>
        <Section id="people" title="People">
          <PeopleFields
            draft={draft}
            onDraft={onDraft}
            names={names}
            onName={onName}
            issues={issues}
            isDisabled={disabled}
          />
        </Section>
        <Section id="money" title="Cost, model metric and production spec">
          <MoneyAndSpecFields draft={draft} onDraft={onDraft} issues={issues} isDisabled={disabled} />
        </Section>
        {error ? (
          <ErrorBanner error={error} unplaced={unplacedIssues(error.issues, isPlaced)} testId="save-error" />
        ) : null}
        <Box>
          <Inline space="space.150" alignBlock="center" shouldWrap>
            <Button
              type="submit"
              appearance="primary"
              isDisabled={disabled}
              isLoading={saving}
              testId="save-diagnostic"
            >
              Save
            </Button>
            {dirty && !readOnly ? (
              <Button onClick={onDiscard} isDisabled={saving} testId="discard-changes">
                Discard changes
              </Button>
            ) : null}
            <Heading size="xxsmall" as="span">
              {readOnly ? 'Read only' : dirty ? 'Unsaved changes' : 'All changes saved'}
            </Heading>
          </Inline>
        </Box>
      </Stack>
    </form>
  );
}

function localProblem(issues: FieldIssue[]): ResultError {
  return { code: 'VALIDATION_FAILED', message: issues.map((i) => i.message).join('; '), issues };
}
