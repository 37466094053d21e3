// JQL operands: literal values, EMPTY, lists and the functions this host implements (currentUser and the date
// functions), plus Jira's date syntax ('2026-01-31', '2026/01/31 10:00', '-90d', '-4w 2d').
import type { Operand } from '@atlaskit/jql-ast';
import { badRequest } from '../errors';

export type Atom =
  { kind: 'value'; text: string } | { kind: 'empty' } | { kind: 'function'; name: string; args: string[] };

export function atoms(operand: Operand): Atom[] {
  switch (operand.operandType) {
    case 'value':
      return [{ kind: 'value', text: operand.value }];
    case 'keyword':
      return [{ kind: 'empty' }];
    case 'function':
      return [{ kind: 'function', name: operand.function.value, args: operand.arguments.map((a) => a.value) }];
    case 'list':
      return operand.values.flatMap(atoms);
  }
}

export const functionText = (a: { name: string; args: string[] }): string => `${a.name}(${a.args.join(', ')})`;

const DATE_FUNCTIONS = [
  'now',
  'startofday',
  'endofday',
  'startofweek',
  'endofweek',
  'startofmonth',
  'endofmonth',
  'startofyear',
  'endofyear',
];

export const isDateFunction = (name: string): boolean => DATE_FUNCTIONS.includes(name.toLowerCase());

const UNIT_MS: Record<string, number> = { w: 7 * 86400000, d: 86400000, h: 3600000, m: 60000 };

/** '-90d', '2w', '-4w 2d', '+1h 30m' → milliseconds; null when not a period. */
export function parsePeriod(text: string): number | null {
  const m = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(text.trim());
  if (!m) return null;
  let ms = 0;
  for (const part of (m[2] as string).matchAll(/(\d+)\s*([wdhm])/g))
    ms += Number(part[1]) * (UNIT_MS[part[2] as string] as number);
  return m[1] === '-' ? -ms : ms;
}

/** Absolute JQL dates, read in UTC (the host's time zone). */
export function parseAbsoluteDate(text: string): Date | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

function startOf(unit: 'day' | 'week' | 'month' | 'year', d: Date): Date {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  if (unit === 'year') return new Date(Date.UTC(y, 0, 1));
  if (unit === 'month') return new Date(Date.UTC(y, mo, 1));
  if (unit === 'day') return new Date(Date.UTC(y, mo, day));
  // Jira's weeks start on Sunday in the default locale.
  return new Date(Date.UTC(y, mo, day - d.getUTCDay()));
}

function shift(d: Date, amount: number, unit: string): Date {
  const out = new Date(d.getTime());
  if (unit === 'y') out.setUTCFullYear(out.getUTCFullYear() + amount);
  else if (unit === 'M') out.setUTCMonth(out.getUTCMonth() + amount);
  else out.setTime(out.getTime() + amount * (UNIT_MS[unit] ?? 86400000));
  return out;
}

const DEFAULT_UNIT: Record<string, string> = { day: 'd', week: 'w', month: 'M', year: 'y' };

/** Evaluates a date function at `now`; throws Jira's 400 for a bad argument. */
export function dateFunction(name: string, args: string[], now: Date): Date {
  const lower = name.toLowerCase();
  if (lower === 'now') return now;
  const m = /^(start|end)of(day|week|month|year)$/.exec(lower);
  if (!m) throw badRequest(`Unable to find JQL function '${name}(${args.join(', ')})'.`);
  const unit = m[2] as 'day' | 'week' | 'month' | 'year';
  let base = now;
  if (args[0] !== undefined && args[0] !== '') {
    const a = /^([-+]?\d+)([yMwdhm]?)$/.exec(args[0].replace(/\s+/g, ''));
    if (!a) throw badRequest(`The argument '${args[0]}' of function '${name}' is not a valid period.`);
    base = shift(now, Number(a[1]), a[2] || (DEFAULT_UNIT[unit] as string));
  }
  const start = startOf(unit, base);
  if (m[1] === 'start') return start;
  const next =
    unit === 'day'
      ? shift(start, 1, 'd')
      : unit === 'week'
        ? shift(start, 1, 'w')
        : unit === 'month'
          ? shift(start, 1, 'M')
          : shift(start, 1, 'y');
  return new Date(next.getTime() - 1);
}

/** A date operand value: absolute date, period relative to now, or null when unreadable. */
export function dateValue(text: string, now: Date): Date | null {
  const absolute = parseAbsoluteDate(text);
  if (absolute) return absolute;
  const period = parsePeriod(text);
  return period === null ? null : new Date(now.getTime() + period);
}
