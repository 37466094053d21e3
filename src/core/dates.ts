// Calendar dates are ISO day strings ("2026-01-05"), compared and shifted in UTC so a pilot's week
// offsets and stall days never depend on the server's time zone.
import { addDays as addDaysFns, differenceInCalendarDays } from 'date-fns';
import { UTCDate } from '@date-fns/utc';

export type IsoDate = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day: rejects "2026-02-30" and "2026-13-01", accepts "2028-02-29". */
export function isIsoDate(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new UTCDate(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** The days the app accepts and stores: real calendar days from 1970 through 2199. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;

export function isSaneDay(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

function toUtc(day: IsoDate): UTCDate {
  if (!isIsoDate(day)) throw new RangeError(`"${day}" is not a calendar date (expected YYYY-MM-DD)`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new UTCDate(y, m - 1, d);
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return fromUtc(addDaysFns(toUtc(day), days));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from));
}

/** The UTC calendar day of an instant; the clock is always passed in, never read here. */
export function dayOf(instant: Date): IsoDate {
  return fromUtc(instant);
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return daysBetween(a, b) > 0;
}
