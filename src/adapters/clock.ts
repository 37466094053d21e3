// The one place the app reads the clock; the core always receives the day as a parameter.
import { dayOf, type IsoDate } from '../core/dates';

export function today(): IsoDate {
  return dayOf(new Date());
}
