// Cycle time: days from a pilot's demo to its production (the day the app recorded it passing the graduation gate),
// for graduated pilots, per project and per quarter of graduation, next to each project's stall threshold.
import { daysBetween, type IsoDate } from './dates';

export interface GraduatedPilot {
  key: string;
  projectKey: string;
  /** The demo date of the pilot's record; null when it was never set (then it has no cycle time). */
  demoDate: IsoDate | null;
  /** The day its graduation was recorded (closure record). */
  graduatedOn: IsoDate;
}

export interface CycleTimeGroup {
  /** A project key, or a quarter such as "2026-Q2". */
  label: string;
  pilots: number;
  medianDays: number;
  minDays: number;
  maxDays: number;
}

export interface CycleTimeSummary {
  /** Graduated pilots with a demo date on or before their graduation. */
  pilots: number;
  /** Null when no pilot counts. */
  medianDays: number | null;
  byProject: Array<CycleTimeGroup & { stallThresholdDays: number | null }>;
  byQuarter: CycleTimeGroup[];
  /** Graduated pilots without a usable demo date, by key (said, never counted). */
  withoutDemo: string[];
}

/** The median of whole days (the mean of the middle two, rounded to one decimal, for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}

export function quarterOf(day: IsoDate): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

function group(label: string, days: number[]): CycleTimeGroup {
  return {
    label,
    pilots: days.length,
    medianDays: median(days)!,
    minDays: Math.min(...days),
    maxDays: Math.max(...days),
  };
}

/**
 * The summary over the pilots given (the caller passes only those the viewer may see). A demo after the
 * graduation day is a record that says something impossible: that pilot is listed as without a demo.
 */
export function summarizeCycleTime(
  pilots: readonly GraduatedPilot[],
  stallThresholdDays: ReadonlyMap<string, number>,
): CycleTimeSummary {
  const counted: Array<{ projectKey: string; quarter: string; days: number }> = [];
  const withoutDemo: string[] = [];
  for (const p of pilots) {
    const days = p.demoDate ? daysBetween(p.demoDate, p.graduatedOn) : null;
    if (days === null || days < 0) withoutDemo.push(p.key);
    else counted.push({ projectKey: p.projectKey, quarter: quarterOf(p.graduatedOn), days });
  }
  const groups = (keyOf: (c: (typeof counted)[number]) => string) => {
    const map = new Map<string, number[]>();
    for (const c of counted) map.set(keyOf(c), [...(map.get(keyOf(c)) ?? []), c.days]);
    return [...map.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([label, days]) => group(label, days));
  };
  return {
    pilots: counted.length,
    medianDays: median(counted.map((c) => c.days)),
    byProject: groups((c) => c.projectKey).map((g) => ({
      ...g,
      stallThresholdDays: stallThresholdDays.get(g.label) ?? null,
    })),
    byQuarter: groups((c) => c.quarter),
    withoutDemo: [...withoutDemo].sort(),
  };
}
