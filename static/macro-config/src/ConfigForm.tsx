// The form: which projects (or a JQL filter), which pilots, the default sort. Problems show beside their field
// once the person has tried to save, and follow their edits from then on.
import { MACRO_CONFIG_LABELS } from '@contract/labels';
import { useMemo, useState } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Fieldset } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';
import TextArea from '@atlaskit/textarea';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { PILOT_FILTERS, SORT_KEYS } from '@contract/schemas';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { LazySelect, type SelectChoice } from '@ui/LazySelect';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import { PILOT_FILTER_HELP, PILOT_FILTER_LABELS, SORT_LABELS, type ConfigField } from '@ui/macro-config';
import { checkDraft, type ConfigDraft } from './config-draft';
import { ProjectPicker } from './ProjectPicker';

const SORT_OPTIONS: SelectChoice[] = SORT_KEYS.map((value) => ({ value, label: SORT_LABELS[value] }));

/** After a refused save, keyboard and screen-reader users land on the first field that needs them. */
function focusField(field: ConfigField): void {
  const target =
    field === 'projectKeys'
      ? document.querySelector<HTMLElement>('input[name="config-projects"]')
      : field === 'jql' || field === 'sort'
        ? document.getElementById(`config-${field}`)
        : field === 'pilots'
          ? document.querySelector<HTMLElement>('input[name="config-pilots"]:checked')
          : null;
  target?.focus();
}

interface Props {
  initialDraft: ConfigDraft;
  isInserting: boolean;
}

export function ConfigForm({ initialDraft, isInserting }: Props) {
  const [draft, setDraft] = useState<ConfigDraft>(initialDraft);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ResultError | null>(null);

  const check = useMemo(() => checkDraft(draft), [draft]);
  const problems = useMemo(() => {
    const byField: Partial<Record<ConfigField, string>> = {};
    if (attempted && !check.ok) {
      for (const p of check.problems)
        byField[p.field] = byField[p.field] ? `${byField[p.field]} ${p.message}` : p.message;
    }
    return byField;
  }, [attempted, check]);

  const update = (patch: Partial<ConfigDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaveError(null);
  };

  const save = async () => {
    setAttempted(true);
    if (!check.ok) {
      focusField(check.problems[0]?.field ?? '');
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await view.submit({ config: check.config });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      setSaveError({ code: 'INTERNAL', message: `Confluence did not take the settings (${detail}).` });
      setSaving(false);
    }
  };

  const cancel = () => {
    void view.close().catch(() => undefined);
  };

  return (
    <Box
      as="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack space="space.250">
        <Text as="p" color="color.text.subtle">
          {isInserting
            ? 'Choose the AI pilots this portfolio shows. Each viewer sees only the pilots Jira lets them browse.'
            : 'Change the AI pilots this portfolio shows. Each viewer sees only the pilots Jira lets them browse.'}
        </Text>
        <ProjectPicker
          selected={draft.projectKeys}
          onChange={(projectKeys) => update({ projectKeys })}
          error={problems.projectKeys}
        />
        <LabelledField
          id="config-jql"
          label={`${MACRO_CONFIG_LABELS.jql} (optional)`}
          error={problems.jql}
          helper='Narrows the portfolio to AI Pilot issues that also match this JQL, e.g. labels = "q3-review". With projects chosen above, both apply. ORDER BY is ignored: the default sort is set below.'
        >
          <TextArea
            id="config-jql"
            name="jql"
            value={draft.jql}
            onChange={(e) => update({ jql: e.currentTarget.value })}
            isInvalid={Boolean(problems.jql)}
            aria-describedby={describedBy('config-jql', problems.jql)}
            minimumRows={3}
            resize="vertical"
            isMonospaced
            spellCheck={false}
            testId="config-jql"
          />
        </LabelledField>
        <Fieldset legend={MACRO_CONFIG_LABELS.pilots}>
          <Stack space="space.050">
            <RadioGroup
              name="config-pilots"
              value={draft.pilots}
              options={PILOT_FILTERS.map((value) => ({
                name: 'config-pilots',
                value,
                label: `${PILOT_FILTER_LABELS[value]}: ${PILOT_FILTER_HELP[value]}`,
                testId: `config-pilots-${value}`,
              }))}
              onChange={(e) => update({ pilots: PILOT_FILTERS.find((v) => v === e.currentTarget.value) ?? 'all' })}
              isInvalid={Boolean(problems.pilots)}
              testId="config-pilots"
            />
            <FieldError id="config-pilots" error={problems.pilots} />
          </Stack>
        </Fieldset>
        <LabelledField
          id="config-sort"
          label={MACRO_CONFIG_LABELS.sort}
          error={problems.sort}
          helper="Viewers can sort by any column; the table starts in this order."
        >
          <Box testId="config-sort">
            <LazySelect
              inputId="config-sort"
              options={SORT_OPTIONS}
              value={draft.sort}
              onChange={(value) => update({ sort: SORT_KEYS.find((k) => k === value) ?? 'daysSinceDemo' })}
              isInvalid={Boolean(problems.sort)}
              descriptionId={describedBy('config-sort', problems.sort)}
            />
          </Box>
        </LabelledField>
        {problems[''] ? (
          <ErrorBanner
            error={{ code: 'VALIDATION_FAILED', message: problems[''] }}
            advice="Review the settings above, then save."
            testId="config-problems"
          />
        ) : null}
        {saveError ? (
          <ErrorBanner
            error={saveError}
            advice="Try saving again; if it keeps failing, reload the page."
            testId="config-save-error"
          />
        ) : null}
        <Inline space="space.100" alignInline="end">
          <Button appearance="subtle" onClick={cancel} testId="config-cancel" isDisabled={saving}>
            Cancel
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving} testId="config-save">
            Save
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
