// Network latency for the app's calls, so figures mean what a person on a real site feels. Every call that leaves
// the app's code waits `meanMs` give or take a third (300 ms → 200-400 ms), drawn from a seeded generator so a run
// is reproducible: from a function, whatever passes __forge_fetch__ (Jira and Confluence REST, Forge KVS, queue
// publishes; host/forge/runtime.ts); from Custom UI, requestJira/requestConfluence (the server's bridge). KVS calls
// are delayed too: on Forge they are REST calls to the storage service (Forge's storage overview: hosted storage is
// optimised "for durability and persistence at the expense of performance"), so treating them as free would flatter
// any design that reads storage in sequence. Off (0 ms) unless asked for: tests and the demo are unchanged. Tests
// pass a `sleep` that only records, so they check the delays without measuring time.
export interface LatencyOptions {
  /** Mean delay per call in ms; 0 turns latency off. */
  meanMs?: number;
  /** Seed of the jitter (mulberry32); the same seed gives the same sequence of delays. */
  seed?: number;
  /** How a delay is waited for (a timer by default; tests record instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** Share of the mean a delay may differ by: 300 ms ± 100 ms. */
export const JITTER = 1 / 3;
/** Delays kept for inspection (the latest only, so a long-running `npm start` host does not grow without bound). */
const MAX_KEPT = 10_000;

export type LatencyTarget = 'jira' | 'confluence' | 'kvs' | 'queue' | 'other';

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Latency {
  private meanMs: number;
  private state: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Each delay applied, in call order (target and ms). */
  readonly applied: Array<{ target: LatencyTarget; ms: number }> = [];

  constructor(options: LatencyOptions = {}) {
    this.meanMs = checkMean(options.meanMs ?? 0);
    this.state = options.seed ?? 1;
    this.sleep = options.sleep ?? timerSleep;
  }

  get mean(): number {
    return this.meanMs;
  }

  /** Changes the mean (and restarts the jitter from `seed` when given); 0 turns latency off. */
  set(meanMs: number, seed?: number): void {
    this.meanMs = checkMean(meanMs);
    if (seed !== undefined) this.state = seed;
  }

  /** The next delay: a whole number of ms, uniform in mean ± a third. */
  next(): number {
    if (this.meanMs <= 0) return 0;
    const spread = this.meanMs * JITTER;
    return Math.round(this.meanMs - spread + 2 * spread * this.random());
  }

  /** Waits the next delay before a call to `target` goes through (nothing when latency is off). */
  async wait(target: LatencyTarget): Promise<void> {
    const ms = this.next();
    if (ms <= 0) return;
    this.applied.push({ target, ms });
    if (this.applied.length > MAX_KEPT) this.applied.splice(0, this.applied.length - MAX_KEPT);
    await this.sleep(ms);
  }

  // mulberry32, as the fault modes use
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

function checkMean(meanMs: number): number {
  if (!Number.isFinite(meanMs) || meanMs < 0) throw new Error(`Latency must be a number of ms ≥ 0 (got ${meanMs})`);
  return meanMs;
}

/** `--latency N` from a command line (absent: 0). */
export function latencyArg(args: readonly string[]): number {
  const i = args.indexOf('--latency');
  if (i < 0) return 0;
  const value = Number(args[i + 1]);
  if (args[i + 1] === undefined || !Number.isFinite(value) || value < 0)
    throw new Error(`--latency takes a number of ms ≥ 0 (got ${args[i + 1] ?? 'nothing'})`);
  return value;
}
