// Fault modes for tests: answer a share of the app's REST calls with 429 + Retry-After or 503, and deliver each
// product event several times at once. A seeded generator keeps a failing run reproducible. Tests can also fail
// the next calls to one endpoint or KVS key (failNext), hold one call until released (to interleave two invocations deterministically),
// and read the log of the app's product calls (to count writes).
export interface FaultConfig {
  rateLimitShare: number;
  serverErrorShare: number;
  retryAfterSeconds: number;
  eventDeliveries: number;
  seed: number;
}

export const NO_FAULTS: FaultConfig = {
  rateLimitShare: 0,
  serverErrorShare: 0,
  retryAfterSeconds: 1,
  eventDeliveries: 1,
  seed: 1,
};

/** One targeted fault: the next `times` calls that match fail with `status` (a KVS or Jira 5xx, say). */
export interface TargetedFault {
  target: 'kvs' | 'jira' | 'queue';
  /** KVS: the operation path (e.g. /api/v1/set, /api/v1/transaction); Jira: "METHOD /path"; queue: the queue name. */
  operation?: RegExp;
  /** KVS: a key the request touches; Jira: the request path with its query. */
  key?: RegExp;
  times: number;
  status?: number;
}

/** The call log keeps the latest calls only, so a long-running `npm start` host does not grow without bound. */
const MAX_CALLS = 100_000;

interface Hold {
  method: string;
  path: RegExp;
  reached: () => void;
  released: Promise<void>;
}

export class Faults {
  config: FaultConfig = { ...NO_FAULTS };
  /** Every product REST call the app made (`METHOD /path`), in order, across invocations. */
  readonly calls: string[] = [];
  private holds: Hold[] = [];

  /** Holds the next app call to `METHOD path` until `release()`; `reached` resolves once the call is waiting. */
  hold(method: string, path: RegExp): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const reachedPromise = new Promise<void>((r) => (reached = r));
    this.holds.push({ method: method.toUpperCase(), path, reached, released });
    return { reached: reachedPromise, release };
  }

  /** Records the call and waits while a hold applies to it. */
  async pass(method: string, path: string): Promise<void> {
    const bare = path.split('?')[0] ?? path;
    this.calls.push(`${method.toUpperCase()} ${bare}`);
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
    const i = this.holds.findIndex((h) => h.method === method.toUpperCase() && h.path.test(bare));
    if (i < 0) return;
    const [hold] = this.holds.splice(i, 1);
    hold!.reached();
    await hold!.released;
  }

  injected = { rateLimited: 0, serverErrors: 0, targeted: 0 };
  private state = 1;
  private targeted: TargetedFault[] = [];

  /** Adds a targeted fault (kept across set(); cleared by clearTargeted() or when used up). */
  failNext(fault: TargetedFault): void {
    this.targeted.push({ ...fault });
  }

  /** Drops targeted faults and holds not used up, so they do not carry into the next test on a shared host. */
  clearTargeted(): void {
    this.targeted = [];
    this.holds = [];
  }

  /** A targeted failure for this call, or null. `keys` are the KVS keys the request touches, or the Jira path. */
  maybeFailTargeted(
    target: TargetedFault['target'],
    operation: string,
    keys: string[],
  ): { status: number; headers: Record<string, string>; body: unknown } | null {
    const fault = this.targeted.find(
      (f) =>
        f.target === target &&
        f.times > 0 &&
        (!f.operation || f.operation.test(operation)) &&
        (!f.key || keys.some((k) => f.key!.test(k))),
    );
    if (!fault) return null;
    fault.times -= 1;
    this.injected.targeted += 1;
    const status = fault.status ?? 500;
    if (target === 'kvs')
      return {
        status,
        headers: {},
        body: { code: 'INTERNAL_SERVER_ERROR', message: 'The storage service had an internal error.' },
      };
    if (target === 'queue') return { status, headers: {}, body: { message: 'The event could not be published.' } };
    const retryAfter = { 'retry-after': String(this.config.retryAfterSeconds) };
    if (status === 429)
      return {
        status,
        headers: { ...retryAfter, 'ratelimit-reason': 'jira-burst-based' },
        body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
      };
    return {
      status,
      headers: status === 503 ? retryAfter : {},
      body: { errorMessages: [status === 503 ? 'Service unavailable.' : 'Internal server error.'], errors: {} },
    };
  }

  set(config: Partial<FaultConfig>): void {
    this.config = { ...NO_FAULTS, ...config };
    this.state = this.config.seed || 1;
    this.injected = { rateLimited: 0, serverErrors: 0, targeted: 0 };
  }

  /** A response to send instead of the real one, or null to let the call through. */
  maybeFail(): { status: number; headers: Record<string, string>; body: unknown } | null {
    const { rateLimitShare, serverErrorShare, retryAfterSeconds } = this.config;
    if (rateLimitShare <= 0 && serverErrorShare <= 0) return null;
    const roll = this.next();
    if (roll < rateLimitShare) {
      this.injected.rateLimited += 1;
      return {
        status: 429,
        headers: { 'retry-after': String(retryAfterSeconds), 'ratelimit-reason': 'jira-burst-based' },
        body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
      };
    }
    if (roll < rateLimitShare + serverErrorShare) {
      this.injected.serverErrors += 1;
      return {
        status: 503,
        headers: { 'retry-after': String(retryAfterSeconds) },
        body: { errorMessages: ['Service unavailable.'], errors: {} },
      };
    }
    return null;
  }

  // mulberry32
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
