// Reminders on or off for this project: the daily scan's nudges through Jira's notifications (decision due,
// waiver expiring, milestone late, paused pilot resuming). Saved with the rest of the settings, and audited.
import { Checkbox } from '@atlaskit/checkbox';
import { HelperMessage } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { SETTINGS_LABELS } from '@contract/labels';
import type { SettingsDraft } from './settings-draft';

interface Props {
  draft: SettingsDraft;
  onDraft: (update: (draft: SettingsDraft) => SettingsDraft) => void;
  isDisabled: boolean;
}

export function RemindersToggle({ draft, onDraft, isDisabled }: Props) {
  return (
    <Stack space="space.050">
      <Checkbox
        id="reminders-enabled"
        name="reminders-enabled"
        label={SETTINGS_LABELS.remindersEnabled}
        isChecked={draft.remindersEnabled}
        onChange={(e) => {
          const enabled = e.currentTarget.checked;
          onDraft((d) => ({ ...d, remindersEnabled: enabled }));
        }}
        isDisabled={isDisabled}
        aria-describedby="reminders-enabled-helper"
        testId="reminders-enabled"
      />
      <div id="reminders-enabled-helper">
        <HelperMessage>
          Jira notifies the people who owe the next step, once per episode: a review decision due or overdue (production
          owner, project lead, reporter), a gate waiver expiring within 7 days or expired (who granted it, owner), a
          milestone passed with its workstream not done (sub-task assignee, owner), a paused pilot&apos;s resumption day
          (owner, who paused it).
        </HelperMessage>
      </div>
    </Stack>
  );
}
