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
    const threshold = (r.value as { settings?: { stallRule?: { thresholdDays?: unknown } } })?.settings?.stallRule?.thresholdDays;
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
