import { Box, Grid, Stack, Text } from '@atlaskit/primitives';
import { MILESTONES, type ProductionDateChange } from '@core/pilot';
import { PILOT_LABELS } from '@contract/labels';
import { personName } from '@contract/people';
import { DateField } from '@ui/DateField';
import { formatInstant } from '@ui/format';
import type { IssueMap } from '@ui/issues';
import type { PilotDraft } from './draft';

interface Props {
  draft: PilotDraft;
  onDraft: (update: (draft: PilotDraft) => PilotDraft) => void;
  history: ProductionDateChange[];
  names: Record<string, string>;
  issues: IssueMap;
  isDisabled: boolean;
}

const COLUMNS = 'repeat(auto-fit, minmax(180px, 1fr))';

export function DatesFields({ draft, onDraft, history, names, issues, isDisabled }: Props) {
  return (
    <Stack space="space.200">
      <Grid templateColumns={COLUMNS} gap="space.150">
        <DateField
          id="pilot-start"
          label={PILOT_LABELS.pilotStart}
          value={draft.pilotStart}
          onChange={(v) => onDraft((d) => ({ ...d, pilotStart: v }))}
          isDisabled={isDisabled}
          error={issues['pilot.pilotStart']}
        />
        <DateField
          id="demo-date"
          label={PILOT_LABELS.demoDate}
          value={draft.demoDate}
          onChange={(v) => onDraft((d) => ({ ...d, demoDate: v }))}
          isDisabled={isDisabled}
          error={issues['pilot.demoDate']}
        />
        <DateField
          id="production-date"
          label={PILOT_LABELS.productionDate}
          value={draft.productionDate}
          onChange={(v) => onDraft((d) => ({ ...d, productionDate: v }))}
          isDisabled={isDisabled}
          error={issues['pilot.productionDate']}
          helper="Every change is kept in the slip history."
        />
      </Grid>
      <Stack space="space.050" testId="slip-history">
        <Text weight="bold">Production date slip history</Text>
        {history.length === 0 ? (
          <Text color="color.text.subtle">The production date has not changed.</Text>
        ) : (
          <Box as="ol">
            {history.map((change) => (
              <Box as="li" key={`${change.at}-${change.to ?? 'none'}`}>
                <Text>{`${change.from ?? 'none'} → ${change.to ?? 'none'}, by ${personName(names, change.byAccountId)}, ${formatInstant(change.at)}`}</Text>
              </Box>
            ))}
          </Box>
        )}
      </Stack>
      <Stack space="space.100">
        <Text weight="bold">Milestones</Text>
        <Grid templateColumns={COLUMNS} gap="space.150" testId="milestones">
          {MILESTONES.map((m) => (
            <DateField
              key={m.key}
              id={`milestone-${m.key}`}
              label={m.label}
              value={draft.milestones[m.key]}
              onChange={(v) => onDraft((d) => ({ ...d, milestones: { ...d.milestones, [m.key]: v } }))}
              isDisabled={isDisabled}
              error={issues[`pilot.milestones.${m.key}`]}
            />
          ))}
        </Grid>
      </Stack>
    </Stack>
  );
}
