// One result envelope for every resolver. The UI branches on `code`, never on message text.
import type { z } from 'zod';
import { fieldLabel } from './labels';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NOT_A_PILOT',
  'CONFLICT',
  'NEEDS_AUTHENTICATION',
  'JIRA_REJECTED',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field in the payload, e.g. "answers.q2.note". Empty for the whole payload. */
  field: string;
  message: string;
}

export interface ResultError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Fresh server state returned with CONFLICT so the person can redo their change on top of it. */
  current?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResultError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: Omit<ResultError, 'code' | 'message'> = {},
): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Turns zod issues into sentences a person can act on, each naming the field as its form labels it (labels.ts). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const label = fieldLabel(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return {
          field: [field, ...issue.keys].filter(Boolean).join('.'),
          message: `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are' : 'is'} not a known field${field ? ` of ${label.replace(/^The /, 'the ')}` : ''}`,
        };
      case 'invalid_type':
        return {
          field,
          message: issue.input === undefined ? `${label} is required` : `${label} must be ${article(issue.expected)}`,
        };
      case 'too_big':
        return {
          field,
          message:
            issue.origin === 'string'
              ? `${label} is too long (at most ${String(issue.maximum)} characters)`
              : issue.origin === 'array'
                ? `${label} has too many entries (at most ${String(issue.maximum)})`
                : `${label} must be at most ${String(issue.maximum)}`,
        };
      case 'too_small':
        return {
          field,
          message:
            issue.origin === 'string'
              ? Number(issue.minimum) <= 1
                ? `${label} must not be empty`
                : `${label} is too short (at least ${String(issue.minimum)} characters)`
              : issue.origin === 'array'
                ? `${label} needs at least ${String(issue.minimum)} entr${Number(issue.minimum) === 1 ? 'y' : 'ies'}`
                : `${label} must be at least ${String(issue.minimum)}`,
        };
      case 'invalid_value':
        return { field, message: `${label} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
      default:
        return { field, message: `${label}: ${issue.message}` };
    }
  });
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  if (type === 'int' || type === 'integer') return 'a whole number';
  return `a ${type}`;
}
