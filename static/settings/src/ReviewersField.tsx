// The reviewers every pilot's approval chain expects: one named row each, added, removed and reordered by keyboard.
// Names are checked here as the server checks them (same core rule); the server refuses anything else by field.
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { MAX_REVIEWERS, MAX_REVIEWER_NAME } from '@core/approvals';
import type { IssueMap } from '@ui/issues';
import { describedBy, FieldError, LabelledField } from '@ui/LabelledField';
import type { SettingsDraft } from './settings-draft';

interface Props {
  draft: SettingsDraft;
  onDraft: (update: (draft: SettingsDraft) => SettingsDraft) => void;
  issues: IssueMap;
  isDisabled: boolean;
}

export function ReviewersField({ draft, onDraft, issues, isDisabled }: Props) {
  const set = (reviewers: string[]) => onDraft((d) => ({ ...d, reviewers }));
  const listError = issues['settings.reviewers'];
  const move = (i: number, by: number) => {
    const next = [...draft.reviewers];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item ?? '');
    set(next);
  };
  return (
    <Stack space="space.100" testId="reviewers-field">
      <Text color="color.text.subtle">{`Up to ${MAX_REVIEWERS} reviewers, each named once (letters, digits, spaces, "&", "/", "." and "-").`}</Text>
      <Box as="ul">
        {draft.reviewers.map((name, i) => {
          const id = `reviewer-${i}`;
          const error = issues[`settings.reviewers.${i}`];
          return (
            <Box as="li" key={i}>
              <Inline space="space.100" alignBlock="end" shouldWrap>
                <LabelledField id={id} label={`Reviewer ${i + 1}`} error={error}>
                  <Textfield
                    id={id}
                    value={name}
                    maxLength={MAX_REVIEWER_NAME + 10}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      set(draft.reviewers.map((n, j) => (j === i ? value : n)));
                    }}
                    isDisabled={isDisabled}
                    isInvalid={Boolean(error)}
                    aria-describedby={describedBy(id, error)}
                    testId={id}
                  />
                </LabelledField>
                <Button
                  onClick={() => move(i, -1)}
                  isDisabled={isDisabled || i === 0}
                  aria-label={`Move reviewer ${i + 1} up`}
                >
                  Up
                </Button>
                <Button
                  onClick={() => move(i, 1)}
                  isDisabled={isDisabled || i === draft.reviewers.length - 1}
                  aria-label={`Move reviewer ${i + 1} down`}
                >
                  Down
                </Button>
                <Button
                  onClick={() => set(draft.reviewers.filter((_, j) => j !== i))}
                  isDisabled={isDisabled}
                  aria-label={`Remove reviewer ${i + 1}${name ? ` (${name})` : ''}`}
                  testId={`remove-reviewer-${i}`}
                >
                  Remove
                </Button>
              </Inline>
            </Box>
          );
        })}
      </Box>
      <FieldError id="reviewers-list" error={listError} />
      <Box>
        <Button
          onClick={() => set([...draft.reviewers, ''])}
          isDisabled={isDisabled || draft.reviewers.length >= MAX_REVIEWERS}
          testId="add-reviewer"
        >
          Add reviewer
        </Button>
      </Box>
    </Stack>
  );
}
