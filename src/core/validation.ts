// One shape for refusals, so every form (decision, waiver) can show each problem beside its own field at once.
export interface FieldError {
  field: string;
  message: string;
}

export type Validation = { ok: true } | { ok: false; errors: FieldError[] };

/** Free-text limit shared by decision and waiver forms: long enough for a paragraph, short enough for a Jira property. */
export const MAX_TEXT_LENGTH = 2000;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a required text field from untrusted input. Returns the trimmed text, or records why it is refused;
 * whitespace-only counts as missing because a blank rationale is no rationale.
 */
export function requiredText(
  input: Record<string, unknown>,
  field: string,
  missingMessage: string,
  errors: FieldError[],
  maxLength: number = MAX_TEXT_LENGTH,
): string | null {
  const raw = input[field];
  if (raw === undefined || raw === null) {
    errors.push({ field, message: missingMessage });
    return null;
  }
  if (typeof raw !== 'string') {
    errors.push({ field, message: `${field} must be text` });
    return null;
  }
  const text = raw.trim();
  if (!hasVisibleText(text)) {
    errors.push({ field, message: missingMessage });
    return null;
  }
  if (text.length > maxLength) {
    errors.push({ field, message: `Keep it to ${maxLength} characters (it has ${text.length})` });
    return null;
  }
  return text;
}

/**
 * Zero-width and direction-control characters, soft hyphens and the other default-ignorable code points render
 * as nothing: a text made only of them and white space says nothing, so it counts as missing.
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}]/gu;

export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}
