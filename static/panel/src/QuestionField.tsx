// One diagnostic question: yes / no / unknown, a note, an evidence link, and what Jira shows for it.
import { RadioGroup } from '@atlaskit/radio';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { Box, Grid, Stack, Text, xcss } from '@atlaskit/primitives';
import { fieldLabel } from '@contract/labels';
import type { QuestionEvidence } from '@core/evidence';
import { ANSWERS, type Answer } from '@core/pilot';
import type { Question } from '@core/questions';
import { MAX_TEXT_LENGTH } from '@core/validation';
import type { IssueMap } from '@ui/issues';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import type { AnswerDraft } from './draft';
import { PageLink } from './PageLink';

const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };

const card = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.small',
});

interface Props {
  question: Question;
  number: number;
  value: AnswerDraft;
  onChange: (value: AnswerDraft) => void;
  evidence: QuestionEvidence | undefined;
  /** A page the evidence names (Q4: the production pathway page), shown as a link under "Jira shows". */
  evidenceLink?: { url: string; title: string } | null;
  issues: IssueMap;
  isDisabled: boolean;
}

export function QuestionField({
  question,
  number,
  value,
  onChange,
  evidence,
  evidenceLink,
  issues,
  isDisabled,
}: Props) {
  const id = question.id;
  const path = `pilot.diagnostic.${id}`;
  const answerError = issues[`${path}.answer`] ?? issues[path];
  const noteError = issues[`${path}.note`];
  const urlError = issues[`${path}.evidenceUrl`];
  return (
    <Box xcss={card} padding="space.150" testId={`question-${id}`}>
      <Stack space="space.100">
        <Text id={`${id}-text`} weight="medium">{`Q${number}. ${question.text}`}</Text>
        <RadioGroup
          id={`answer-${id}`}
          name={`answer-${id}`}
          aria-labelledby={`${id}-text`}
          value={value.answer}
          options={ANSWERS.map((a) => ({ name: `answer-${id}`, value: a, label: ANSWER_LABELS[a] }))}
          onChange={(e) => onChange({ ...value, answer: e.currentTarget.value as Answer })}
          isDisabled={isDisabled}
          isInvalid={Boolean(answerError)}
          testId={`answer-${id}`}
        />
        <FieldError id={`answer-${id}`} error={answerError} />
        {evidence ? (
          <Text size="small" color={evidence.supported ? 'color.text.success' : 'color.text.subtle'}>
            {`Jira shows: ${evidence.evidence}`}
          </Text>
        ) : null}
        {evidenceLink ? (
          <Text size="small">
            <PageLink
              url={evidenceLink.url}
              testId={`evidence-link-${id}`}
            >{`Production pathway page: ${evidenceLink.title}`}</PageLink>
          </Text>
        ) : null}
        <Grid templateColumns="repeat(auto-fit, minmax(220px, 1fr))" gap="space.150">
          <LabelledField id={`${id}-note`} label={fieldLabel(`${path}.note`)} error={noteError}>
            <TextArea
              id={`${id}-note`}
              value={value.note}
              maxLength={MAX_TEXT_LENGTH}
              minimumRows={1}
              onChange={(e) => onChange({ ...value, note: e.currentTarget.value })}
              isDisabled={isDisabled}
              isInvalid={Boolean(noteError)}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={describedBy(`${id}-note`, noteError)}
              testId={`note-${id}`}
            />
          </LabelledField>
          <LabelledField id={`${id}-evidence`} label={fieldLabel(`${path}.evidenceUrl`)} error={urlError}>
            <Textfield
              id={`${id}-evidence`}
              type="url"
              placeholder="https://"
              value={value.evidenceUrl}
              onChange={(e) => onChange({ ...value, evidenceUrl: e.currentTarget.value })}
              isDisabled={isDisabled}
              isInvalid={Boolean(urlError)}
              aria-describedby={describedBy(`${id}-evidence`, urlError)}
              testId={`evidence-${id}`}
            />
          </LabelledField>
        </Grid>
      </Stack>
    </Box>
  );
}
