// Setup, workstream template, graduation gate and stall rule on one page, saved together with the version they
// were based on. A CONFLICT replaces the form with the other admin's settings rather than overwriting them.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';
import { flagSuccess } from '@ui/flags';
import { formatInstant } from '@ui/format';
import { callBackend } from '@ui/invoke';
import { indexIssues, unplacedIssues } from '@ui/issues';
import type { SettingsPageView, StoredSettings } from '@ui/outputs';
import { UNKNOWN_USER } from '@contract/people';
import { Section } from '@ui/Section';
import { AuditTrail } from './AuditTrail';
import { GateCoverage } from './GateCoverage';
import { GateForm } from './GateForm';
import { draftOfSettings, sameSettingsDraft, toSettings, type SettingsDraft } from './settings-draft';
import { SetupSteps } from './SetupSteps';
import { ShippedTemplate } from './ShippedTemplate';
import { StallRuleFields } from './StallRuleFields';
import { RemindersToggle } from './RemindersToggle';
import { ReviewersField } from './ReviewersField';
import { TemplateTable } from './TemplateTable';

/** Issue paths a control on this page shows; the rest are listed in the save banner. */
function isPlaced(field: string): boolean {
  return /^settings\.(template(\.\d+\.(id|name|ownerTeam|startWeek|mustCompleteBefore|evidenceRole))?|gate\.(minScore|requiredYes(\.\d+)?|requiredWorkstreamsDone(\.\d+)?|modelMetric(\.(name|min))?|requireProductionOwner|requireProductionDate|requireProductionCriteria)|stallRule\.(thresholdDays|decisionGraceDays)|reminders(\.enabled)?|reviewers(\.\d+)?)$/.test(
    field,
  );
}

function isStoredSettings(value: unknown): value is StoredSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.version === 'number' && typeof v.settings === 'object' && v.settings !== null;
}

export function SettingsEditor({ initialPage }: { initialPage: SettingsPageView }) {
  const [page, setPage] = useState(initialPage);
  const [base, setBase] = useState<SettingsDraft>(() => draftOfSettings(initialPage.settings));
  const [draft, setDraft] = useState<SettingsDraft>(base);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const issues = indexIssues(error?.issues);
  const dirty = !sameSettingsDraft(base, draft);

  function adopt(
    next: Pick<SettingsPageView, 'version' | 'settings' | 'updatedAt' | 'updatedBy'> & Partial<SettingsPageView>,
  ) {
    const fresh = draftOfSettings(next.settings);
    setPage((current) => ({ ...current, ...next }));
    setBase(fresh);
    setDraft(fresh);
  }

  async function save() {
    const parsed = toSettings(draft);
    if (!parsed.ok) {
      setError({
        code: 'VALIDATION_FAILED',
        message: parsed.issues.map((i) => i.message).join('; '),
        issues: parsed.issues,
      });
      return;
    }
    setSaving(true);
    setError(null);
    const result = await callBackend('settings/save', { expectedVersion: page.version, settings: parsed.settings });
    setSaving(false);
    if (result.ok) {
      setConflict(null);
      adopt(result.data);
      flagSuccess('Settings saved', 'New pilots use the new template; the gate and stall rule apply from now on.');
      return;
    }
    if (result.error.code === 'CONFLICT' && isStoredSettings(result.error.current)) {
      adopt(result.error.current);
      setConflict(result.error.message);
      return;
    }
    setError(result.error);
  }

  return (
    <Stack space="space.300">
      <Stack space="space.100">
        <Heading size="large" as="h1">
          AI Pilot settings
        </Heading>
        <Text color="color.text.subtle">
          {page.updatedAt
            ? `Version ${page.version}, last saved ${formatInstant(page.updatedAt)} by ${page.audit.find((a) => a.byAccountId === page.updatedBy)?.byName ?? UNKNOWN_USER}.`
            : 'Using the default settings; nothing has been saved yet.'}
        </Text>
      </Stack>
      {conflict ? (
        <SectionMessage appearance="warning" title="Another admin changed these settings" testId="conflict-message">
          <Text as="p">{conflict}</Text>
        </SectionMessage>
      ) : null}
      <SetupSteps initial={page.setup} />
      <GateCoverage />
      <Section
        id="template"
        title="Workstream template"
        description={
          <Text color="color.text.subtle">
            One sub-task is created per row when a pilot is created. Start week 1 is the pilot start.
          </Text>
        }
      >
        <TemplateTable draft={draft} onDraft={setDraft} issues={issues} isDisabled={saving} />
      </Section>
      <ShippedTemplate
        version={page.version}
        isDisabled={saving}
        hasUnsavedChanges={dirty}
        onAdopted={(next) => {
          setConflict(null);
          setError(null);
          adopt(next);
        }}
      />
      <Section
        id="gate"
        title="Graduation gate"
        description={
          <Text color="color.text.subtle">
            The graduation transition is refused until every criterion is met or waived.
          </Text>
        }
      >
        <GateForm draft={draft} onDraft={setDraft} issues={issues} isDisabled={saving} />
      </Section>
      <Section id="stall" title="Stall rule">
        <StallRuleFields draft={draft} onDraft={setDraft} issues={issues} isDisabled={saving} />
      </Section>
      <Section id="reminders" title="Reminders">
        <RemindersToggle draft={draft} onDraft={setDraft} isDisabled={saving} />
      </Section>
      <Section
        id="reviewers"
        title="Approval chain reviewers"
        description={
          <Text color="color.text.subtle">
            Each pilot's owner holds a preliminary conversation with every reviewer listed here (week 4).
          </Text>
        }
      >
        <ReviewersField draft={draft} onDraft={setDraft} issues={issues} isDisabled={saving} />
      </Section>
      {error ? (
        <ErrorBanner error={error} unplaced={unplacedIssues(error.issues, isPlaced)} testId="save-error" />
      ) : null}
      <Box>
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <Button
            appearance="primary"
            onClick={() => void save()}
            isDisabled={saving}
            isLoading={saving}
            testId="save-settings"
          >
            Save settings
          </Button>
          {dirty ? (
            <Button
              onClick={() => {
                setDraft(base);
                setError(null);
              }}
              isDisabled={saving}
              testId="discard-settings"
            >
              Discard changes
            </Button>
          ) : null}
          <Heading size="xxsmall" as="span">
            {dirty ? 'Unsaved changes' : 'All changes saved'}
          </Heading>
        </Inline>
      </Box>
      <AuditTrail entries={page.audit} />
    </Stack>
  );
}
