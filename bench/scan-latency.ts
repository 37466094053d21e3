// The daily stall scan at real-site latency: every call the app makes (Jira REST, KVS, queue publishes) waits
// 300 ms ± a third from the seeded generator (host/forge/latency.ts), and the scan fans out over the queue, whose
// host delivers pages to several consumer invocations at once (at most the concurrency the pushes ask for).
//   stall_scan_10000_pilots_time_at_300ms: from the scheduled trigger's start to the end of the last consumer
//     invocation of that run (10,000 pilots in 20 projects).
//   stall_scan_50000_pilots_longest_invocation_at_300ms: the longest single invocation of that run, the trigger or
//     any consumer (50,000 pilots in 100 projects).
// Both run on the virtual clock (host/forge/virtual-clock.ts): sleeping for real through a 50,000-pilot scan takes
// hours of wall time and, on a shared two-core machine, would measure the in-process Jira's CPU (which on a site
// is inside each call's 300 ms) rather than the scan. On the virtual clock each call still costs its full latency
// and parallel calls overlap as they would on a site, so a duration is the time an invocation spends waiting on
// the network along its own critical path: what it would take on a site answering every call in 300 ms ± 100 ms.
// The app's own CPU time is left out (milliseconds per page against minutes of calls). The wall time of each run
// is printed to stderr beside it.
import type { LocalHost } from '../host/host';
import { VirtualClock } from '../host/forge/virtual-clock';
import type { InvocationTiming } from '../host/forge/app-runner';
import { dayOf } from '../src/core/dates';

type Report = (name: string, value: number | string, unit: string) => void;
type Loaded = (
  projects: number,
  pilots: number,
  options?: Record<string, unknown>,
) => Promise<{ host: LocalHost; keys: string[] }>;

const SCAN_FUNCTIONS = new Set(['stall-scan', 'stall-scan-worker']);

export interface ScanAtLatency {
  /** From the trigger's start to the end of the run's last invocation. */
  elapsedMs: number;
  longest: InvocationTiming;
  invocations: number;
  pages: number;
  wallMs: number;
}

/**
 * One daily scan of `pilots` pilots in `projects` projects at `latencyMs` a call, on the virtual clock (or, with
 * `realSleep`, sleeping for real on the wall clock: the check that both give the same durations at a small scale).
 */
export async function scanAtLatency(
  loaded: Loaded,
  projects: number,
  pilots: number,
  latencyMs: number,
  options: { realSleep?: boolean } = {},
): Promise<ScanAtLatency> {
  const clock = options.realSleep ? { now: Date.now } : new VirtualClock();
  const { host } = await loaded(
    projects,
    pilots,
    clock instanceof VirtualClock ? { latencySleep: clock.sleep, invocationClock: clock.now } : {},
  );
  try {
    const wallStarted = Date.now();
    host.latency.set(latencyMs, 1);
    host.runner.resetTimings();
    const deliveriesBefore = host.runner.deliveries.length;
    const started = clock.now();
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await host.runner.idle();
    host.latency.set(0);
    const wallMs = Date.now() - wallStarted;
    const scan = host.runner.timings.filter((t) => SCAN_FUNCTIONS.has(t.functionKey));
    const failed = host.runner.deliveries
      .slice(deliveriesBefore)
      .filter((d) => d.functionKey === 'stall-scan-worker' && d.outcome !== 'ok');
    if (failed.length)
      throw new Error(`${failed.length} stall-scan deliveries did not succeed: ${JSON.stringify(failed.slice(0, 3))}`);
    // The run finished: today's report and one snapshot per project (the merge runs when the last page lands).
    const today = dayOf(new Date());
    const report = host.kvs.state['scan-report:latest']?.value as { day?: string } | undefined;
    const snapshots = Object.keys(host.kvs.state).filter(
      (k) => k.startsWith('snapshot:') && k.endsWith(`:${today}`),
    ).length;
    if (report?.day !== today || snapshots !== projects)
      throw new Error(
        `The scan did not finish: report ${JSON.stringify(report)}, ${snapshots} snapshots of ${projects} projects`,
      );
    const longest = scan.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    const ended = Math.max(...scan.map((t) => t.startedAt + t.durationMs));
    const pages = scan.filter((t) => t.functionKey === 'stall-scan-worker').length;
    return { elapsedMs: ended - started, longest, invocations: scan.length, pages, wallMs };
  } finally {
    host.latency.set(0);
    await host.close();
  }
}

export async function scanLatencyFigures(report: Report, loaded: Loaded, latencyMs: number): Promise<void> {
  const small = await scanAtLatency(loaded, 20, 10_000, latencyMs);
  report(`stall_scan_10000_pilots_time_at_${latencyMs}ms`, small.elapsedMs, 'ms');
  console.error(
    `  (10,000 pilots: ${small.invocations} invocations, longest ${small.longest.functionKey} ${small.longest.durationMs} ms; ${Math.round(small.wallMs / 1000)} s of wall time)`,
  );
  const large = await scanAtLatency(loaded, 100, 50_000, latencyMs);
  report(`stall_scan_50000_pilots_longest_invocation_at_${latencyMs}ms`, large.longest.durationMs, 'ms');
  console.error(
    `  (50,000 pilots: ${large.invocations} invocations, longest ${large.longest.functionKey}, the whole run ${large.elapsedMs} ms; ${Math.round(large.wallMs / 1000)} s of wall time)`,
  );
}
