// Which invocation a platform call belongs to, so the host can count REST calls per invoke (the benchmark's
// figures) and give each invocation its own time limit.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface InvocationStats {
  rest: number;
  restByPath: string[];
  kvs: number;
}

export interface Invocation {
  id: string;
  functionKey: string;
  moduleKey: string;
  startedAt: number;
  timeoutMs: number;
  /** The clock the invocation is timed by (its remaining time is counted on it). */
  now: () => number;
  /** The user the invocation runs for (resolvers), used by asUser() without an explicit account. */
  accountId?: string;
  stats: InvocationStats;
}

const store = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return store.getStore();
}

export function runInvocation<T>(
  details: {
    functionKey: string;
    moduleKey: string;
    timeoutMs: number;
    accountId?: string;
    startedAt?: number;
    now?: () => number;
  },
  fn: (invocation: Invocation) => Promise<T>,
): Promise<T> {
  const now = details.now ?? Date.now;
  const invocation: Invocation = {
    id: randomUUID(),
    ...details,
    now,
    startedAt: details.startedAt ?? now(),
    stats: { rest: 0, restByPath: [], kvs: 0 },
  };
  return store.run(invocation, () => fn(invocation));
}
