// Label, control, helper text and the field's own error, wired together by id so screen readers announce the
// error with the control (controls pass `describedBy(id, error)` as aria-describedby).
import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives';

export function errorId(id: string): string {
  return `${id}-error`;
}

export function describedBy(id: string, error: string | undefined): string | undefined {
  return error ? errorId(id) : undefined;
}

interface Props {
  id: string;
  label: string;
  error?: string;
  helper?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function LabelledField({ id, label, error, helper, children, testId }: Props) {
  return (
    <Stack space="space.050" testId={testId}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {helper && !error ? <HelperMessage>{helper}</HelperMessage> : null}
      {error ? (
        <Box id={errorId(id)}>
          <ErrorMessage testId={`${id}-error`}>{error}</ErrorMessage>
        </Box>
      ) : null}
    </Stack>
  );
}

/** An error for a control that has its own accessible name (radio groups, table cells) and no visible label. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <Box id={errorId(id)}>
      <ErrorMessage testId={`${id}-error`}>{error}</ErrorMessage>
    </Box>
  );
}
