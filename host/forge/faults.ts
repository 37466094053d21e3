// Fault modes for tests: answer a share of the app's REST calls with 429 + Retry-After or 503, and deliver each
// product event several times at once. A seeded generator keeps a failing run reproducible.
export interface FaultConfig {
  rateLimitShare: number;
  serverErrorShare: number;
  retryAfterSeconds: number;
  eventDeliveries: number;
  seed: number;
}

export const NO_FAULTS: FaultConfig = { rateLimitShare: 0, serverErrorShare: 0, retryAfterSeconds: 1, eventDeliveries: 1, seed: 1 };

/** One call to fail on purpose: the first app call whose method and path match, answered 503 with Retry-After. */
export interface TargetedFault {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
}

export class Faults {
  config: FaultConfig = { ...NO_FAULTS };
  injected = { rateLimited: 0, serverErrors: 0 };
  private state = 1;
  private targeted: TargetedFault[] = [];

  /** Fails the next app call matching `fault` once (e.g. to stop a run between two writes). */
  failOnce(fault: TargetedFault): void {
    this.targeted.push(fault);
  }

  set(config: Partial<FaultConfig>): void {
    this.config = { ...NO_FAULTS, ...config };
    this.state = this.config.seed || 1;
    this.injected = { rateLimited: 0, serverErrors: 0 };
  }

  /** A response to send instead of the real one, or null to let the call through. */
  maybeFail(method = '', path = ''): { status: number; headers: Record<string, string>; body: unknown } | null {
    const hit = this.targeted.findIndex((t) => t.method === method.toUpperCase() && t.path.test(path));
    if (hit >= 0) {
      const [t] = this.targeted.splice(hit, 1);
      this.injected.serverErrors += 1;
      return { status: 503, headers: { 'retry-after': String(t!.retryAfterSeconds) }, body: { errorMessages: ['Service unavailable.'], errors: {} } };
    }
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
      return { status: 503, headers: { 'retry-after': String(retryAfterSeconds) }, body: { errorMessages: ['Service unavailable.'], errors: {} } };
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
