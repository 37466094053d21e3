// A single-choice ADS select over string values, in its own chunk (see LazySelect): react-select and its popper
// are a third of an app's initial weight, and the surrounding form is usable before they arrive.
import Select from '@atlaskit/select';

export interface SelectChoice {
  label: string;
  value: string | null;
}

export interface SingleSelectProps {
  inputId: string;
  options: SelectChoice[];
  value: string | null;
  onChange: (value: string | null) => void;
  isInvalid?: boolean;
  descriptionId?: string;
  isCompact?: boolean;
}

export default function SingleSelect({
  inputId,
  options,
  value,
  onChange,
  isInvalid,
  descriptionId,
  isCompact,
}: SingleSelectProps) {
  return (
    <Select<SelectChoice>
      inputId={inputId}
      options={options}
      value={options.find((o) => o.value === value) ?? options[0] ?? null}
      onChange={(o) => onChange(o?.value ?? null)}
      isInvalid={isInvalid}
      descriptionId={descriptionId}
      spacing={isCompact ? 'compact' : 'default'}
      menuPlacement="auto"
    />
  );
}
