// Template from what shipped: pick a graduated pilot, preview the template its history gives against the current
// one (rows added, removed, rescheduled, re-owned, moved), and adopt it as the next template version. The server
// re-checks admin rights and recomputes the template on adopt; this page only shows and asks.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Fieldset } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { flagSuccess } from '@ui/flags';
import { formatInstant } from '@ui/format';
import { callBackend } from '@ui/invoke';
import { Loading } from '@ui/Loading';
import type { SettingsPageView, ShippedPilotOption, ShippedTemplatePreview } from '@ui/outputs';
import { Section } from '@ui/Section';

type Pilots =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; error: ResultError }
  | { status: 'ready'; pilots: ShippedPilotOption[] };

const CHANGE: Record<
  ShippedTemplatePreview['diff'][number]['change'],
  { label: string; appearance: 'success' | 'removed' | 'moved' | 'default' }
> = {
  added: { label: 'Added', appearance: 'success' },
  removed: { label: 'Removed', appearance: 'removed' },
  changed: { label: 'Changed', appearance: 'moved' },
  unchanged: { label: 'Same', appearance: 'default' },
};

interface Props {
  /** The settings version the page shows; a preview made against another one cannot be adopted. */
  version: number;
  /** Called with the saved page after adopting. */
  onAdopted: (page: SettingsPageView) => void;
  isDisabled: boolean;
  /** The form above has unsaved changes: adopting would replace them, so it waits until they are saved or discarded. */
  hasUnsavedChanges: boolean;
}

export function ShippedTemplate({ version, onAdopted, isDisabled, hasUnsavedChanges }: Props) {
  const [pilots, setPilots] = useState<Pilots>({ status: 'idle' });
  const [chosen, setChosen] = useState<string | null>(null);
  const [preview, setPreview] = useState<ShippedTemplatePreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'adopt' | null>(null);
  const [error, setError] = useState<ResultError | null>(null);

  async function findPilots() {
    setPilots({ status: 'loading' });
    setPreview(null);
    const result = await callBackend('settings/shipped-pilots', {});
    setPilots(result.ok ? { status: 'ready', pilots: result.data } : { status: 'failed', error: result.error });
    if (result.ok) setChosen(result.data[0]?.key ?? null);
  }

  async function showPreview() {
    if (!chosen) return;
    setBusy('preview');
    setError(null);
    const result = await callBackend('settings/shipped-preview', { issueKey: chosen });
    setBusy(null);
    if (result.ok) setPreview(result.data);
    else {
      setPreview(null);
      setError(result.error);
    }
  }

  async function adopt() {
    if (!preview) return;
    setBusy('adopt');
    setError(null);
    const result = await callBackend('settings/shipped-adopt', {
      expectedVersion: preview.version,
      issueKey: preview.pilot.key,
      proposal: preview.proposal,
    });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPreview(null);
    onAdopted(result.data);
    flagSuccess(
      `Template version ${result.data.version} adopted`,
      `New pilots are seeded with the workstreams of ${preview.pilot.key}.`,
    );
  }

  const stale = preview !== null && preview.version !== version;
  return (
    <Section
      id="shipped-template"
      title="Template from what shipped"
      testId="shipped-template"
      description={
        <Text color="color.text.subtle">
          Make the template what a graduated pilot really did: which workstreams it ran, the week each started, the
          milestone each was done by.
        </Text>
      }
    >
      {pilots.status === 'idle' ? (
        <Box>
          <Button onClick={() => void findPilots()} isDisabled={isDisabled} testId="shipped-find">
            Find graduated pilots
          </Button>
        </Box>
      ) : null}
      {pilots.status === 'loading' ? (
        <Loading label="Finding graduated pilots…" size="small" testId="shipped-loading" />
      ) : null}
      {pilots.status === 'failed' ? (
        <ErrorBanner error={pilots.error} onRetry={() => void findPilots()} testId="shipped-list-error" />
      ) : null}
      {pilots.status === 'ready' && pilots.pilots.length === 0 ? (
        <Text testId="shipped-none">
          No pilot of this project has graduated through the gate yet, or none you can see.
        </Text>
      ) : null}
      {pilots.status === 'ready' && pilots.pilots.length > 0 ? (
        <Stack space="space.100">
          <Fieldset legend="Graduated pilot">
            <RadioGroup
              name="shipped-pilot"
              value={chosen}
              options={pilots.pilots.map((p) => ({
                name: 'shipped-pilot',
                value: p.key,
                label: `${p.key} ${p.summary} (graduated ${formatInstant(p.graduatedAt)})`,
                testId: `shipped-pilot-${p.key}`,
              }))}
              onChange={(e) => {
                setChosen(e.currentTarget.value);
                setPreview(null);
              }}
              testId="shipped-pilots"
            />
          </Fieldset>
          <Box>
            <Button
              onClick={() => void showPreview()}
              isDisabled={isDisabled || !chosen || busy !== null}
              isLoading={busy === 'preview'}
              testId="shipped-preview"
            >
              Preview the template
            </Button>
          </Box>
        </Stack>
      ) : null}
      {error ? <ErrorBanner error={error} unplaced={error.issues ?? []} testId="shipped-error" /> : null}
      {preview ? <PreviewDetails preview={preview} /> : null}
      {preview ? (
        <Stack space="space.100">
          {stale ? (
            <SectionMessage appearance="warning" title="The settings changed since this preview" testId="shipped-stale">
              <Text as="p">Preview the template again before adopting it.</Text>
            </SectionMessage>
          ) : null}
          {hasUnsavedChanges ? (
            <Text testId="shipped-unsaved">
              Save or discard your changes to the settings above before adopting a template.
            </Text>
          ) : null}
          <Box>
            <Button
              appearance="primary"
              onClick={() => void adopt()}
              isDisabled={isDisabled || hasUnsavedChanges || busy !== null || stale || preview.problems.length > 0}
              isLoading={busy === 'adopt'}
              testId="shipped-adopt"
            >
              {`Adopt as template version ${preview.version + 1}`}
            </Button>
          </Box>
        </Stack>
      ) : null}
    </Section>
  );
}

const facts = (f: ShippedTemplatePreview['diff'][number]['before']) =>
  f ? `week ${f.startWeek} · ${f.ownerTeam}` : '—';

function PreviewDetails({ preview }: { preview: ShippedTemplatePreview }) {
  const observed = new Map(preview.observed.map((o) => [o.rowId, o]));
  const changed = preview.diff.filter((d) => d.change !== 'unchanged').length;
  return (
    <Stack space="space.150" testId="shipped-diff">
      <Text weight="bold">{`${preview.pilot.key} ${preview.pilot.summary}: pilot start ${preview.pilot.pilotStart}, graduated ${formatInstant(preview.pilot.graduatedAt)}. ${changed} of ${preview.diff.length} rows differ from the current template.`}</Text>
      <DynamicTable
        label="Difference from the current template"
        head={{
          cells: [
            { key: 'row', content: 'Workstream' },
            { key: 'change', content: 'Change' },
            { key: 'before', content: 'Now' },
            { key: 'after', content: 'From what shipped' },
            { key: 'real', content: 'What happened' },
            { key: 'details', content: 'Differences' },
          ],
        }}
        rows={preview.diff.map((d) => {
          const o = observed.get(d.rowId);
          return {
            key: d.rowId,
            testId: `shipped-diff-${d.rowId}`,
            cells: [
              { key: 'row', content: d.name },
              {
                key: 'change',
                content: <Lozenge appearance={CHANGE[d.change].appearance}>{CHANGE[d.change].label}</Lozenge>,
              },
              { key: 'before', content: facts(d.before) },
              { key: 'after', content: facts(d.after) },
              {
                key: 'real',
                content: o
                  ? `started week ${o.startWeek}, ${o.doneWeek === null ? 'not done' : `done week ${o.doneWeek}`}${o.assignee ? `, ${o.assignee}` : ''}`
                  : 'not in the pilot',
              },
              { key: 'details', content: d.differences.join('; ') || '—' },
            ],
          };
        })}
      />
      {preview.left.length ? (
        <Box testId="shipped-left">
          <Text weight="medium">Left out</Text>
          <Box as="ul">
            {preview.left.map((l) => (
              <Box as="li" key={`${l.name}-${l.reason}`}>
                <Text>{`${l.name}: ${l.reason}`}</Text>
              </Box>
            ))}
          </Box>
        </Box>
      ) : null}
      {preview.gateNoLongerRequires.length ? (
        <Text testId="shipped-gate">{`The gate will no longer require: ${preview.gateNoLongerRequires.join(', ')} (not in the new template).`}</Text>
      ) : null}
      <Inline space="space.100">
        <Text testId="shipped-rollout">
          {preview.rollout
            ? `Pilots in flight follow it as they follow any template change: ${preview.rollout.addedRows} new workstream(s) added to each, ${preview.rollout.movedRows} rescheduled on each pilot's own dates. Sub-tasks are never removed.`
            : 'Pilots in flight keep their sub-tasks and dates; new pilots are seeded from the new version.'}
        </Text>
      </Inline>
      {preview.problems.length ? (
        <SectionMessage appearance="error" title="This template cannot be adopted" testId="shipped-problems">
          <Box as="ul">
            {preview.problems.map((p) => (
              <Box as="li" key={p.field + p.message}>
                <Text>{p.message}</Text>
              </Box>
            ))}
          </Box>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
