// Async people search through the panel's resolver (Jira applies the viewer's browse-users permission).
import { useCallback, useRef, useState } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import { Text } from '@atlaskit/primitives';
import { callBackend } from '@ui/invoke';
import { errorId } from '@ui/LabelledField';
import type { UserPickerProps } from './UserPicker';
import { UNKNOWN_USER } from '@contract/people';

interface Option {
  label: string;
  value: string;
}

const SEARCH_DELAY_MS = 250;

export default function UserSelect({ id, accountId, displayName, onChange, isDisabled, error }: UserPickerProps) {
  const [searchError, setSearchError] = useState<string | null>(null);
  const latest = useRef(0);

  const loadOptions = useCallback(async (input: string): Promise<Option[]> => {
    const query = input.trim().slice(0, 100);
    const ticket = ++latest.current;
    if (!query) return [];
    // Wait for a pause in typing; a superseded search answers nothing (the select ignores stale answers anyway).
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS));
    if (ticket !== latest.current) return [];
    const result = await callBackend('panel/find-users', { query });
    if (!result.ok) {
      setSearchError(`People search failed: ${result.error.message}`);
      return [];
    }
    setSearchError(null);
    return result.data.map((u) => ({ label: u.displayName, value: u.accountId }));
  }, []);

  const value: Option | null = accountId ? { label: displayName ?? UNKNOWN_USER, value: accountId } : null;
  return (
    <>
      <AsyncSelect<Option>
        inputId={id}
        value={value}
        loadOptions={loadOptions}
        onChange={(option) => onChange(option ? { accountId: option.value, displayName: option.label } : null)}
        isClearable
        isDisabled={isDisabled}
        isInvalid={Boolean(error)}
        descriptionId={error ? errorId(id) : undefined}
        placeholder="Search people by name"
        noOptionsMessage={({ inputValue }) => (inputValue.trim() ? 'No matching people' : 'Type a name to search')}
        loadingMessage={() => 'Searching…'}
        menuPlacement="auto"
      />
      {searchError ? (
        <Text size="small" color="color.text.danger">
          {searchError}
        </Text>
      ) : null}
    </>
  );
}
