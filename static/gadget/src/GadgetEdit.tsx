// The gadget's edit view: the macro dialog's project picker (only projects the viewer can browse), and how often
// Jira refreshes the gadget. Saving hands both to Jira with view.submit; Jira keeps them for this gadget.
import { useState } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Fieldset } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';
import { Inline, Stack } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { savedRefresh, type GadgetConfiguration } from '@ui/portfolio-config';
import { ProjectPicker } from '../../macro-config/src/ProjectPicker';

const REFRESH_CHOICES = [
  { value: '', label: 'Never (refresh by hand)' },
  { value: '15', label: 'Every 15 minutes' },
  { value: '30', label: 'Every 30 minutes' },
  { value: '60', label: 'Every hour' },
];

export function GadgetEdit({ configuration }: { configuration: unknown }) {
  const saved =
    typeof configuration === 'object' && configuration !== null
      ? (configuration as { projectKeys?: unknown }).projectKeys
      : undefined;
  const [projectKeys, setProjectKeys] = useState<string[]>(
    Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string') : [],
  );
  const [refresh, setRefresh] = useState<string>(String(savedRefresh(configuration) ?? ''));
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const problem = attempted && projectKeys.length === 0 ? 'Choose at least one project.' : undefined;

  const save = async () => {
    setAttempted(true);
    if (projectKeys.length === 0) {
      document.querySelector<HTMLElement>('input[name="config-projects"]')?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const submitted: GadgetConfiguration = { projectKeys, ...(refresh ? { refresh: Number(refresh) } : {}) };
    try {
      await view.submit(submitted);
    } catch (e) {
      setError({
        code: 'INTERNAL',
        message: `Jira did not take the settings (${e instanceof Error ? e.message : String(e)}).`,
      });
      setSaving(false);
    }
  };

  return (
    <Stack space="space.200" testId="gadget-edit">
      <ProjectPicker selected={projectKeys} onChange={setProjectKeys} error={problem} />
      <Fieldset legend="Refresh">
        <RadioGroup
          name="gadget-refresh"
          value={refresh}
          options={REFRESH_CHOICES.map((c) => ({
            name: 'gadget-refresh',
            value: c.value,
            label: c.label,
            testId: `gadget-refresh-${c.value || 'never'}`,
          }))}
          onChange={(e) => setRefresh(e.currentTarget.value)}
        />
      </Fieldset>
      {error ? <ErrorBanner error={error} testId="gadget-save-error" /> : null}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isDisabled={saving} testId="gadget-save">
          Save
        </Button>
      </Inline>
    </Stack>
  );
}
