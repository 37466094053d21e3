// Jira's timestamp format ("2026-01-15T10:30:00.000+0000") and day arithmetic in UTC.

/** ISO instant → Jira REST datetime string. */
export function jiraDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Parses an ISO-8601 date-time (Jira accepts "+0000" offsets too); null when unparseable. */
export function parseDateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(normalised);
  return Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? null : d.toISOString();
}

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
