// One checkbox per Jira project the person can browse. A saved project missing from that list (deleted, renamed,
// or hidden from this person) still shows, ticked, so it can be removed rather than silently kept.
import { MACRO_CONFIG_LABELS } from '@contract/labels';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { Fieldset } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { plural } from '@ui/format';
import { callBackend } from '@ui/invoke';
import { FieldError } from '@ui/LabelledField';
import { Loading } from '@ui/Loading';
import type { ProjectOption } from '@ui/outputs';

/** Above this many projects a filter box helps find one; below it the list is short enough to scan. */
const FILTER_FROM = 8;

const list = xcss({
  maxHeight: '15rem',
  overflowY: 'auto',
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  paddingInline: 'space.100',
  paddingBlock: 'space.050',
});

type ProjectsState =
  { status: 'loading' } | { status: 'failed'; error: ResultError } | { status: 'ready'; projects: ProjectOption[] };

interface Props {
  selected: string[];
  onChange: (keys: string[]) => void;
  error?: string;
}

/** ADS Checkbox suffixes its testId ("--hidden-checkbox"); the dialog's tests name the input itself. */
function tagInput(testId: string) {
  return (input: HTMLInputElement | null) => input?.setAttribute('data-testid', testId);
}

export function ProjectPicker({ selected, onChange, error }: Props) {
  const [state, setState] = useState<ProjectsState>({ status: 'loading' });
  const [filter, setFilter] = useState('');

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await callBackend('portfolio/projects', {});
    setState(result.ok ? { status: 'ready', projects: result.data } : { status: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const options = useMemo(() => {
    const known = state.status === 'ready' ? state.projects : [];
    const knownKeys = new Set(known.map((p) => p.key));
    const missing: Array<ProjectOption & { missing?: boolean }> = selected
      .filter((key) => !knownKeys.has(key))
      .map((key) => ({
        id: `missing-${key}`,
        key,
        name: state.status === 'ready' ? 'not found, or you cannot browse it' : '',
        missing: true,
      }));
    return [...missing, ...known];
  }, [state, selected]);

  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? options.filter((p) => p.key.toLocaleLowerCase().includes(needle) || p.name.toLocaleLowerCase().includes(needle))
    : options;

  const toggle = (key: string, checked: boolean) => {
    onChange(checked ? [...selected.filter((k) => k !== key), key] : selected.filter((k) => k !== key));
  };

  return (
    <Fieldset legend={MACRO_CONFIG_LABELS.projectKeys}>
      <Stack space="space.100" testId="config-projects">
        <Text size="small" color="color.text.subtle">
          {selected.length === 0
            ? 'None chosen: use a JQL filter below instead, or choose at least one project.'
            : `${plural(selected.length, 'project')} chosen: ${selected.join(', ')}`}
        </Text>
        {state.status === 'loading' ? (
          <Loading label="Loading the projects you can browse…" size="small" testId="config-projects-loading" />
        ) : null}
        {state.status === 'failed' ? (
          <ErrorBanner
            error={state.error}
            onRetry={() => void load()}
            title="The project list did not load"
            advice="Retry, or use a JQL filter such as project in (PAY, OPS) below instead."
            testId="config-projects-load-error"
          />
        ) : null}
        {state.status === 'ready' && options.length === 0 ? (
          <Text as="p" testId="config-projects-none">
            You cannot browse any Jira project on this site. Ask a Jira admin for access, or use a JQL filter below.
          </Text>
        ) : null}
        {options.length >= FILTER_FROM ? (
          <Textfield
            aria-label="Filter projects by key or name"
            placeholder="Filter projects by key or name"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            isCompact
            testId="config-projects-filter"
          />
        ) : null}
        {options.length > 0 ? (
          <Box xcss={list}>
            {shown.length === 0 ? <Text color="color.text.subtle">No project matches “{filter}”.</Text> : null}
            {shown.map((p) => (
              <Checkbox
                key={p.id}
                ref={tagInput(`config-project-${p.key}`)}
                name="config-projects"
                value={p.key}
                isChecked={selected.includes(p.key)}
                onChange={(e) => toggle(p.key, e.currentTarget.checked)}
                isInvalid={Boolean(error)}
                aria-describedby={error ? 'config-projects-error' : undefined}
                label={p.name ? `${p.key} · ${p.name}` : p.key}
              />
            ))}
          </Box>
        ) : null}
        <FieldError id="config-projects" error={error} />
      </Stack>
    </Fieldset>
  );
}
