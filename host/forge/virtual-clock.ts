// A virtual clock for benchmarks at real-site latency and a scale where sleeping for real would take hours: the
// latency module's injectable `sleep` (host/forge/latency.ts) waits on this clock instead of a timer, and the
// runner times invocations on it (LocalHost `invocationClock`). Time moves only when every piece of work in the
// process is waiting on it: then it jumps to the earliest wake-up and wakes whoever waits for that instant. So
// concurrent calls overlap exactly as they would on a site (ten parallel calls of 300 ms take 300 ms, ten calls in
// sequence take 3 s), and an invocation's duration is the network time on its own critical path: what it would
// spend on a site where every call takes that long. What it leaves out is CPU time, the app's and the in-process
// products' (on a site the products' time is inside each call's latency, and the app's own work per pilot is
// microseconds against a 300 ms call), so it cannot flatter a design that calls in sequence: every call still
// costs its full latency. Real timers (retry back-offs) do not hold the clock back; a wait on one is not counted.
export class VirtualClock {
  private t: number;
  private seq = 0;
  /** Sleepers, earliest first (ties in the order they began). */
  private readonly timers: Array<{ at: number; seq: number; wake: () => void }> = [];
  private scheduled = false;
  /** Sleeps begun so far: time moves only after a turn of the event loop in which none began. */
  private begun = 0;

  constructor(start = Date.now()) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((wake) => {
      const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, wake };
      let i = this.timers.length;
      while (i > 0 && this.timers[i - 1]!.at > timer.at) i -= 1;
      this.timers.splice(i, 0, timer);
      this.begun += 1;
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const seen = this.begun;
    setImmediate(() => this.tick(seen));
  }

  /**
   * One turn of the event loop after the last sleep began: if another began meanwhile, work is still going on, so
   * wait a turn more; otherwise everything waits on the clock, which moves to the earliest wake-up.
   */
  private tick(seen: number): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    if (this.begun !== seen) return this.schedule();
    const at = this.timers[0]!.at;
    this.t = Math.max(this.t, at);
    while (this.timers.length && this.timers[0]!.at === at) this.timers.shift()!.wake();
    this.begun += 1; // the woken work runs before the next turn: let it begin its next sleeps first
    this.schedule();
  }
}
