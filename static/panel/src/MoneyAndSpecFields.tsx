import Textfield from '@atlaskit/textfield';
import { Grid } from '@atlaskit/primitives';
import { PILOT_LABELS } from '@contract/labels';
import type { IssueMap } from '@ui/issues';
import { describedBy, LabelledField } from '@ui/LabelledField';
import type { PilotDraft } from './draft';

interface Props {
  draft: PilotDraft;
  onDraft: (update: (draft: PilotDraft) => PilotDraft) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

type TextKey = 'monthlyRunCost' | 'metricName' | 'metricValue' | 'productionSpecUrl';

export function MoneyAndSpecFields({ draft, onDraft, issues, isDisabled }: Props) {
  const field = (
    key: TextKey,
    id: string,
    label: string,
    issuePath: string,
    extra: { type?: string; helper?: string; placeholder?: string; inputMode?: 'decimal' } = {},
  ) => {
    const error = issues[issuePath];
    return (
      <LabelledField id={id} label={label} error={error} helper={extra.helper}>
        <Textfield
          id={id}
          type={extra.type ?? 'text'}
          inputMode={extra.inputMode}
          placeholder={extra.placeholder}
          value={draft[key]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onDraft((d) => ({ ...d, [key]: value }));
          }}
          isDisabled={isDisabled}
          isInvalid={Boolean(error)}
          aria-describedby={describedBy(id, error)}
          testId={id}
        />
      </LabelledField>
    );
  };
  return (
    <Grid templateColumns="repeat(auto-fit, minmax(200px, 1fr))" gap="space.150">
      {field('monthlyRunCost', 'monthly-run-cost', PILOT_LABELS.monthlyRunCost, 'pilot.monthlyRunCost', {
        type: 'number',
        inputMode: 'decimal',
        helper: 'Compute, vendor and engineering spend per month.',
      })}
      {field(
        'metricName',
        'metric-name',
        `${PILOT_LABELS.metricName} (optional)`,
        issues['pilot.modelMetric'] ? 'pilot.modelMetric' : 'pilot.modelMetric.name',
        {
          placeholder: 'e.g. accuracy',
        },
      )}
      {field('metricValue', 'metric-value', `${PILOT_LABELS.metricValue} (optional)`, 'pilot.modelMetric.value', {
        type: 'number',
        inputMode: 'decimal',
      })}
      {field('productionSpecUrl', 'production-spec', PILOT_LABELS.productionSpecUrl, 'pilot.productionSpecUrl', {
        type: 'url',
        placeholder: 'https://',
      })}
    </Grid>
  );
}
