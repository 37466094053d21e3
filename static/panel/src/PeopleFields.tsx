import { Grid } from '@atlaskit/primitives';
import type { IssueMap } from '@ui/issues';
import { PERSON_ROLES, type PilotDraft } from './draft';
import { UserPicker } from './UserPicker';

interface Props {
  draft: PilotDraft;
  onDraft: (update: (draft: PilotDraft) => PilotDraft) => void;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

export function PeopleFields({ draft, onDraft, names, onName, issues, isDisabled }: Props) {
  return (
    <Grid templateColumns="repeat(auto-fit, minmax(220px, 1fr))" gap="space.150">
      {PERSON_ROLES.map(({ role, label }) => {
        const accountId = draft.people[role];
        return (
          <UserPicker
            key={role}
            id={`person-${role}`}
            label={label}
            accountId={accountId}
            displayName={accountId ? (names[accountId] ?? null) : null}
            onChange={(user) => {
              if (user) onName(user.accountId, user.displayName);
              onDraft((d) => ({ ...d, people: { ...d.people, [role]: user?.accountId ?? null } }));
            }}
            isDisabled={isDisabled}
            error={issues[`pilot.people.${role}`]}
            testId={`person-${role}`}
          />
        );
      })}
    </Grid>
  );
}
