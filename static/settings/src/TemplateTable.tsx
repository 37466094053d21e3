// The workstream template as an editable table: one row per sub-task a new pilot gets. Rows move with
// labelled buttons ("Move Data access requests up"), so ordering works from the keyboard.
import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { MILESTONES, type MilestoneKey } from '@core/pilot';
import { EVIDENCE_ROLE_LABELS, EVIDENCE_ROLES, type EvidenceRole } from '@core/workstreams';
import { ErrorMessage } from '@atlaskit/form';
import { fieldLabel, SETTINGS_LABELS } from '@contract/labels';
import type { IssueMap } from '@ui/issues';
import { describedBy, FieldError } from '@ui/LabelledField';
import { newRow, type RowDraft, type SettingsDraft } from './settings-draft';

interface Option<V extends string> {
  label: string;
  value: V;
}

const MILESTONE_OPTIONS: Option<MilestoneKey>[] = MILESTONES.map((m) => ({ label: m.label, value: m.key }));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ROLE_OPTIONS: Option<EvidenceRole>[] = EVIDENCE_ROLES.map((r) => ({
  label: capitalise(EVIDENCE_ROLE_LABELS[r]),
  value: r,
}));

interface Props {
  draft: SettingsDraft;
  onDraft: (update: (draft: SettingsDraft) => SettingsDraft) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

export function TemplateTable({ draft, onDraft, issues, isDisabled }: Props) {
  // After adding a row focus its name; after moving a row keep focus on its move button (or the other one when
  // the row reached an end and the button it used is now disabled), so keyboard users never lose their place.
  const pendingFocus = useRef<string[] | null>(null);
  useEffect(() => {
    const candidates = pendingFocus.current;
    if (!candidates) return;
    pendingFocus.current = null;
    for (const id of candidates) {
      const element = document.getElementById(id);
      if (element && !(element as HTMLButtonElement).disabled) {
        element.focus();
        return;
      }
    }
  });

  const update = (key: string, patch: Partial<RowDraft>) =>
    onDraft((d) => ({ ...d, rows: d.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  const move = (index: number, key: string, by: -1 | 1) => {
    pendingFocus.current = by < 0 ? [`row-${key}-up`, `row-${key}-down`] : [`row-${key}-down`, `row-${key}-up`];
    onDraft((d) => {
      const rows = [...d.rows];
      const [row] = rows.splice(index, 1);
      if (row) rows.splice(index + by, 0, row);
      return { ...d, rows };
    });
  };
  const remove = (key: string) =>
    onDraft((d) => ({
      ...d,
      rows: d.rows.filter((r) => r.key !== key),
      gate: { ...d.gate, requiredRows: d.gate.requiredRows.filter((k) => k !== key) },
    }));
  const add = () => {
    const row = newRow();
    pendingFocus.current = [`row-${row.key}-name`];
    onDraft((d) => ({ ...d, rows: [...d.rows, row] }));
  };

  const tableErrors = issues['settings.template'];
  const rows = draft.rows.map((row, i) => {
    const path = `settings.template.${i}`;
    const n = i + 1;
    const title = row.name.trim() || `row ${n}`;
    const nameError = [issues[`${path}.name`], issues[`${path}.id`]].filter(Boolean).join('; ') || undefined;
    const teamError = issues[`${path}.ownerTeam`];
    const weekError = issues[`${path}.startWeek`];
    const milestoneError = issues[`${path}.mustCompleteBefore`];
    const roleError = issues[`${path}.evidenceRole`];
    const id = `row-${row.key}`;
    return {
      key: row.key,
      testId: `template-row-${i}`,
      cells: [
        {
          key: 'name',
          content: (
            <Stack space="space.050">
              <Textfield
                id={`${id}-name`}
                aria-label={fieldLabel(`${path}.name`)}
                value={row.name}
                onChange={(e) => update(row.key, { name: e.currentTarget.value })}
                isDisabled={isDisabled}
                isInvalid={Boolean(nameError)}
                aria-describedby={describedBy(`${id}-name`, nameError)}
                isCompact
              />
              <FieldError id={`${id}-name`} error={nameError} />
            </Stack>
          ),
        },
        {
          key: 'team',
          content: (
            <Stack space="space.050">
              <Textfield
                id={`${id}-team`}
                aria-label={fieldLabel(`${path}.ownerTeam`)}
                value={row.ownerTeam}
                onChange={(e) => update(row.key, { ownerTeam: e.currentTarget.value })}
                isDisabled={isDisabled}
                isInvalid={Boolean(teamError)}
                aria-describedby={describedBy(`${id}-team`, teamError)}
                isCompact
              />
              <FieldError id={`${id}-team`} error={teamError} />
            </Stack>
          ),
        },
        {
          key: 'week',
          content: (
            <Stack space="space.050">
              <Textfield
                id={`${id}-week`}
                aria-label={fieldLabel(`${path}.startWeek`)}
                type="number"
                min={1}
                max={104}
                step={1}
                value={row.startWeek}
                onChange={(e) => update(row.key, { startWeek: e.currentTarget.value })}
                isDisabled={isDisabled}
                isInvalid={Boolean(weekError)}
                aria-describedby={describedBy(`${id}-week`, weekError)}
                isCompact
                width={80}
              />
              <FieldError id={`${id}-week`} error={weekError} />
            </Stack>
          ),
        },
        {
          key: 'milestone',
          content: (
            <Stack space="space.050">
              <Select<Option<MilestoneKey>>
                inputId={`${id}-milestone`}
                aria-label={fieldLabel(`${path}.mustCompleteBefore`)}
                options={MILESTONE_OPTIONS}
                value={MILESTONE_OPTIONS.find((o) => o.value === row.mustCompleteBefore) ?? null}
                onChange={(o) => o && update(row.key, { mustCompleteBefore: o.value })}
                isDisabled={isDisabled}
                isInvalid={Boolean(milestoneError)}
                descriptionId={describedBy(`${id}-milestone`, milestoneError)}
                spacing="compact"
                menuPlacement="auto"
              />
              <FieldError id={`${id}-milestone`} error={milestoneError} />
            </Stack>
          ),
        },
        {
          key: 'role',
          content: (
            <Stack space="space.050">
              <Select<Option<EvidenceRole>>
                inputId={`${id}-role`}
                aria-label={fieldLabel(`${path}.evidenceRole`)}
                options={ROLE_OPTIONS}
                value={ROLE_OPTIONS.find((o) => o.value === row.evidenceRole) ?? null}
                onChange={(o) => update(row.key, { evidenceRole: o ? o.value : null })}
                isClearable
                placeholder="None"
                isDisabled={isDisabled}
                isInvalid={Boolean(roleError)}
                descriptionId={describedBy(`${id}-role`, roleError)}
                spacing="compact"
                menuPlacement="auto"
              />
              <FieldError id={`${id}-role`} error={roleError} />
            </Stack>
          ),
        },
        {
          key: 'actions',
          content: (
            <Inline space="space.050">
              <Button
                id={`${id}-up`}
                spacing="compact"
                onClick={() => move(i, row.key, -1)}
                isDisabled={isDisabled || i === 0}
                aria-label={`Move ${title} up`}
              >
                Up
              </Button>
              <Button
                id={`${id}-down`}
                spacing="compact"
                onClick={() => move(i, row.key, 1)}
                isDisabled={isDisabled || i === draft.rows.length - 1}
                aria-label={`Move ${title} down`}
              >
                Down
              </Button>
              <Button
                spacing="compact"
                appearance="subtle"
                onClick={() => remove(row.key)}
                isDisabled={isDisabled || draft.rows.length === 1}
                aria-label={`Remove ${title}`}
              >
                Remove
              </Button>
            </Inline>
          ),
        },
      ],
    };
  });

  return (
    <Stack space="space.150">
      <Box testId="template-table">
        <DynamicTable
          label={SETTINGS_LABELS.template}
          head={{
            cells: [
              { key: 'name', content: 'Workstream' },
              { key: 'team', content: 'Owner team' },
              { key: 'week', content: 'Start week' },
              { key: 'milestone', content: 'Must complete before' },
              { key: 'role', content: 'Evidence for' },
              { key: 'actions', content: 'Order' },
            ],
          }}
          rows={rows}
          emptyView={<Box padding="space.100">The template has no rows; add at least one.</Box>}
        />
      </Box>
      {tableErrors ? <ErrorMessage testId="template-error">{tableErrors}</ErrorMessage> : null}
      <Box>
        <Button onClick={add} isDisabled={isDisabled || draft.rows.length >= 50} testId="add-row">
          Add workstream
        </Button>
      </Box>
    </Stack>
  );
}
