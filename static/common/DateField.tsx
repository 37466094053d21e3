// A calendar day as the browser's own date input inside an ADS Textfield: keyboard-usable, localised by the
// browser, and far lighter than a date-picker component. Empty means "no date".
import Textfield from '@atlaskit/textfield';
import { describedBy, LabelledField } from './LabelledField';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  isDisabled?: boolean;
  error?: string;
  helper?: string;
  min?: string;
  testId?: string;
}

export function DateField({ id, label, value, onChange, isDisabled, error, helper, min, testId }: Props) {
  return (
    <LabelledField id={id} label={label} error={error} helper={helper}>
      <Textfield
        id={id}
        type="date"
        value={value}
        min={min}
        onChange={(e) => onChange(e.currentTarget.value)}
        isDisabled={isDisabled}
        isInvalid={Boolean(error)}
        aria-describedby={describedBy(id, error)}
        testId={testId}
      />
    </LabelledField>
  );
}
