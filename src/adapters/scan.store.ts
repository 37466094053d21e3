// What the daily stall scan keeps in app storage: the per-project daily snapshots behind the trend charts and the
// report of the last run (including the pilots whose stored data could not be read). Also the one settings
// question the scan asks before it starts: the smallest stall threshold of any project.
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

export const snapshotSchema = z.object({
  day: z.string(),
  pilots: z.number(),
  stalled: z.number(),
  stalledMonthlyCost: z.number(),
  lowScore: z.number(),
  averageScore: z.number().nullable(),
  distribution: z.array(z.number()),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

async function* keysWithPrefix(prefix: string): AsyncGenerator<{ key: string; value: unknown }> {
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) yield r;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The smallest stall threshold any project has set, or `fallback` when none is smaller. */
export async function minStallThreshold(fallback: number): Promise<number> {
  let min = fallback;
  for await (const r of keysWithPrefix('settings:')) {
    const threshold = (r.value as { settings?: { stallRule?: { thresholdDays?: unknown } } })?.settings?.stallRule
      ?.thresholdDays;
    if (typeof threshold === 'number') min = Math.min(min, threshold);
  }
  return min;
}

export async function writeSnapshot(projectId: string, snapshot: Snapshot): Promise<void> {
  await kvs.set(`snapshot:${projectId}:${snapshot.day}`, snapshot);
}

export async function readSnapshots(projectId: string, limit = 90): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for await (const r of keysWithPrefix(`snapshot:${projectId}:`)) {
    const parsed = snapshotSchema.safeParse(r.value);
    if (parsed.success) out.push(parsed.data);
  }
  return out.slice(-limit);
}

export interface ScanReport {
  day: string;
  examined: number;
  changed: number;
  /** One line per pilot whose stored data could not be read; the scan went on with the rest. */
  unreadable: string[];
}

export const SCAN_REPORT_KEY = 'scan-report:latest';

export async function writeScanReport(report: ScanReport): Promise<void> {
  await kvs.set(SCAN_REPORT_KEY, report);
}

// The fan-out scan's bookkeeping (src/use-cases/stall-scan.use-case.ts): one record per run, written once the run
// knows how many pages it pushed, and one partial result per page, written when the page is done. A redelivered
// page writes the same key again; the day's snapshots are summed from the partials once all of them are there.
// Both expire on their own (Forge deletes them up to 48 hours after their TTL): nothing needs cleaning up.
const SCAN_BOOKKEEPING_TTL = { value: 3, unit: 'DAYS' } as const;

export const scanTotalsSchema = z.object({
  pilots: z.number(),
  stalled: z.number(),
  stalledMonthlyCost: z.number(),
  lowScore: z.number(),
  scoreSum: z.number(),
  scored: z.number(),
  distribution: z.array(z.number()),
});
export type ScanTotals = z.infer<typeof scanTotalsSchema>;

export const pagePartialSchema = z.object({
  index: z.number().int().min(0),
  /** Per project: the page's share of the day's snapshot. */
  totals: z.record(z.string(), scanTotalsSchema),
  examined: z.number().int().min(0),
  changed: z.number().int().min(0),
  unreadable: z.array(z.string()),
  remindersSent: z.number().int().min(0),
  /** Projects whose portfolio rows the page wrote (to fold when the run is complete). */
  portfolioProjects: z.array(z.string()).default([]),
});
export type PagePartial = z.infer<typeof pagePartialSchema>;

export const scanRunRecordSchema = z.object({
  day: z.string(),
  pages: z.number().int().min(0),
  reminders: z.boolean(),
  /** When the run began: portfolio rows written before it and not rewritten by its pages are swept. */
  startedAt: z.string().optional(),
});
export type ScanRunRecord = z.infer<typeof scanRunRecordSchema>;

const runKey = (runId: string) => `scan-run:${runId}`;
const partialPrefix = (runId: string) => `scan-page:${runId}:`;

export async function writeRunRecord(runId: string, run: ScanRunRecord): Promise<void> {
  await kvs.set(runKey(runId), run, { ttl: SCAN_BOOKKEEPING_TTL });
}

export async function readRunRecord(runId: string): Promise<ScanRunRecord | null> {
  const parsed = scanRunRecordSchema.safeParse(await kvs.get(runKey(runId)));
  return parsed.success ? parsed.data : null;
}

export async function writePagePartial(runId: string, partial: PagePartial): Promise<void> {
  await kvs.set(`${partialPrefix(runId)}${String(partial.index).padStart(6, '0')}`, partial, {
    ttl: SCAN_BOOKKEEPING_TTL,
  });
}

/** The run's page partials by page index (a value that does not parse is left out, so its page counts as not done). */
export async function readPagePartials(runId: string): Promise<Map<number, PagePartial>> {
  const out = new Map<number, PagePartial>();
  for await (const r of keysWithPrefix(partialPrefix(runId))) {
    const parsed = pagePartialSchema.safeParse(r.value);
    if (parsed.success) out.set(parsed.data.index, parsed.data);
  }
  return out;
}
