// The one place the app reads the clock; the core always receives the day as a parameter.
import { dayOf, type IsoDate } from '../core/dates';

export function today(): IsoDate {
  return dayOf(new Date());
}

/** The current instant (ISO), for records that say when something happened. */
export function nowIso(): string {
  return new Date().toISOString();
}
