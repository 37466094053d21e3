import Textfield from '@atlaskit/textfield';
import { Grid } from '@atlaskit/primitives';
import { SETTINGS_LABELS } from '@contract/labels';
import type { IssueMap } from '@ui/issues';
import { describedBy, LabelledField } from '@ui/LabelledField';
import type { SettingsDraft } from './settings-draft';

interface Props {
  draft: SettingsDraft;
  onDraft: (update: (draft: SettingsDraft) => SettingsDraft) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

export function StallRuleFields({ draft, onDraft, issues, isDisabled }: Props) {
  const thresholdError = issues['settings.stallRule.thresholdDays'];
  const graceError = issues['settings.stallRule.decisionGraceDays'];
  return (
    <Grid templateColumns="repeat(auto-fit, minmax(240px, 1fr))" gap="space.150">
      <LabelledField
        id="stall-threshold"
        label={SETTINGS_LABELS.thresholdDays}
        error={thresholdError}
        helper="A post-demo pilot without a clear production pathway for longer than this lands on the kill list."
      >
        <Textfield
          id="stall-threshold"
          type="number"
          min={1}
          max={730}
          step={1}
          value={draft.thresholdDays}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onDraft((d) => ({ ...d, thresholdDays: value }));
          }}
          isDisabled={isDisabled}
          isInvalid={Boolean(thresholdError)}
          aria-describedby={describedBy('stall-threshold', thresholdError)}
          testId="stall-threshold"
        />
      </LabelledField>
      <LabelledField
        id="decision-grace"
        label={SETTINGS_LABELS.decisionGraceDays}
        error={graceError}
        helper="After this many days without a review decision, the decision is overdue."
      >
        <Textfield
          id="decision-grace"
          type="number"
          min={0}
          max={90}
          step={1}
          value={draft.decisionGraceDays}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onDraft((d) => ({ ...d, decisionGraceDays: value }));
          }}
          isDisabled={isDisabled}
          isInvalid={Boolean(graceError)}
          aria-describedby={describedBy('decision-grace', graceError)}
          testId="decision-grace"
        />
      </LabelledField>
    </Grid>
  );
}
