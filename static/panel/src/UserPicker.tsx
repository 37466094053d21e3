// A labelled person picker. The select library is heavy, so it loads on demand; until then a disabled field
// shows the current person under the same label, keeping the layout and the accessible name stable.
import { lazy, Suspense } from 'react';
import Textfield from '@atlaskit/textfield';
import { LabelledField } from '@ui/LabelledField';
import { UNKNOWN_USER } from '@contract/people';

const UserSelect = lazy(() => import('./UserSelect'));

export interface PickedUser {
  accountId: string;
  displayName: string;
}

export interface UserPickerProps {
  id: string;
  label: string;
  accountId: string | null;
  displayName: string | null;
  onChange: (user: PickedUser | null) => void;
  isDisabled?: boolean;
  error?: string;
  testId?: string;
}

export function UserPicker(props: UserPickerProps) {
  const { id, label, accountId, displayName, error, testId } = props;
  return (
    <LabelledField id={id} label={label} error={error} testId={testId}>
      <Suspense
        fallback={
          <Textfield
            id={id}
            isDisabled
            value={accountId ? (displayName ?? UNKNOWN_USER) : ''}
            placeholder="Loading people search…"
          />
        }
      >
        <UserSelect {...props} />
      </Suspense>
    </LabelledField>
  );
}
