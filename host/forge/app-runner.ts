// Runs the app's real handlers the way Forge invokes them: resolvers with the bridge's call shape, product
// events through the manifest's filter and ignoreSelf (asynchronously, possibly several times, with retries
// on InvocationError), the scheduled trigger, queue consumers, the workflow validator and the install event.
import { randomUUID } from 'node:crypto';
import type { Faults } from './faults';
import { evaluateFilter } from './filter-expression';
import { runInvocation, type Invocation, type InvocationStats } from './invocation';
import { functionDecl, type Manifest } from './manifest';

type Handler = (...args: unknown[]) => unknown;
export type AppModule = Record<string, unknown>;

export interface Delivery {
  functionKey: string;
  eventType: string;
  attempt: number;
  outcome: 'ok' | 'retry' | 'error' | 'filtered' | 'gave-up';
  detail?: string;
  /** The platform calls this delivery made (REST and KVS). */
  stats?: InvocationStats;
}

export interface RunnerOptions {
  installationId: string;
  cloudId: string;
  /** The app's own Jira account: events it caused are dropped when the trigger sets ignoreSelf. */
  appAccountId: string;
  faults: Faults;
  /** Milliseconds the host waits per second of retryAfter (1000 in real time; tests shrink it). */
  msPerRetrySecond: number;
  maxRetries?: number;
  /** Print when the platform stops retrying a delivery (off in tests, which read `deliveries` instead). */
  reportGiveUps?: boolean;
  /** The clock invocations are timed by and the queue's events-per-minute limit counts on (Date.now unless told). */
  now?: () => number;
}

/** How long one invocation of a function took, on the runner's clock. */
export interface InvocationTiming {
  functionKey: string;
  moduleKey: string;
  startedAt: number;
  durationMs: number;
}

/** A push the platform refuses: the status and body its publish endpoint answers. */
export interface QueueRefusal {
  status: number;
  body: { message: string };
}

export interface ProductEvent {
  eventType: string;
  atlassianId?: string;
  [key: string]: unknown;
}

export class AppRunner {
  readonly deliveries: Delivery[] = [];
  readonly lastStats: Map<string, InvocationStats> = new Map();
  /** Tests shorten a function's time limit to exercise what the app does when it runs out of time. */
  readonly timeoutOverrides: Map<string, number> = new Map();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Every invocation's duration, latest MAX_TIMINGS kept (a long-running `npm start` host does not grow without bound). */
  readonly timings: InvocationTiming[] = [];
  /** The longest invocation per function, over the runner's whole life. */
  private readonly longest = new Map<string, InvocationTiming>();
  /** Async events concurrency: per key (per installation, across queues), the running count and who waits. */
  private readonly slots = new Map<string, { running: number; waiting: Array<() => void> }>();
  /** When each event of the last minute was pushed (the 500-a-minute limit). */
  private readonly pushedAt: number[] = [];

  constructor(
    private readonly app: AppModule,
    readonly manifest: Manifest,
    private readonly options: RunnerOptions,
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Runs one invocation (runInvocation) and records how long it took. */
  private timed<T>(
    details: { functionKey: string; moduleKey: string; timeoutMs: number; accountId?: string },
    fn: (invocation: Invocation) => Promise<T>,
  ): Promise<T> {
    const startedAt = this.now();
    return runInvocation({ ...details, startedAt, now: () => this.now() }, fn).finally(() =>
      this.recordTiming({
        functionKey: details.functionKey,
        moduleKey: details.moduleKey,
        startedAt,
        durationMs: this.now() - startedAt,
      }),
    );
  }

  private recordTiming(timing: InvocationTiming): void {
    this.timings.push(timing);
    if (this.timings.length > MAX_TIMINGS) this.timings.splice(0, this.timings.length - MAX_TIMINGS);
    const known = this.longest.get(timing.functionKey);
    if (!known || timing.durationMs > known.durationMs) this.longest.set(timing.functionKey, timing);
  }

  /** The longest invocation of `functionKey` (of any function when absent) so far, or null when none ran. */
  longestInvocation(functionKey?: string): InvocationTiming | null {
    if (functionKey) return this.longest.get(functionKey) ?? null;
    let out: InvocationTiming | null = null;
    for (const t of this.longest.values()) if (!out || t.durationMs > out.durationMs) out = t;
    return out;
  }

  /** Forgets the recorded durations (a benchmark measures one run). */
  resetTimings(): void {
    this.timings.length = 0;
    this.longest.clear();
  }

  private handler(functionKey: string): { fn: Handler; timeoutMs: number } {
    const decl = functionDecl(this.manifest, functionKey);
    const exportName = decl.handler.split('.').pop() ?? '';
    const fn = this.app[exportName];
    if (typeof fn !== 'function')
      throw new Error(`src/index.ts does not export ${exportName} (function ${functionKey})`);
    return {
      fn: fn as Handler,
      timeoutMs: this.timeoutOverrides.get(functionKey) ?? (decl.timeoutSeconds ?? 25) * 1000,
    };
  }

  private runtimePayload(accountId: string | undefined) {
    return {
      principal: accountId ? { accountId } : undefined,
      installContext: `ari:cloud:jira::site/${this.options.cloudId}`,
      license: { isActive: true },
      installation: { ari: `ari:cloud:ecosystem::installation/${this.options.installationId}` },
    };
  }

  /** What the bridge's `invoke` does: the module's resolver function, with the Custom UI context. */
  async invokeResolver(
    moduleKey: string,
    resolverFunction: string,
    call: { functionKey: string; payload: unknown },
    context: Record<string, unknown>,
    accountId: string,
  ): Promise<{ result: unknown; stats: InvocationStats }> {
    const { fn, timeoutMs } = this.handler(resolverFunction);
    return this.timed({ functionKey: resolverFunction, moduleKey, timeoutMs, accountId }, async (invocation) => {
      const result = await fn(
        { call: { ...call, jobId: undefined }, context: { ...context, moduleKey, cloudId: this.options.cloudId } },
        this.runtimePayload(accountId),
      );
      this.lastStats.set(`invoke:${call.functionKey}`, invocation.stats);
      return { result, stats: invocation.stats };
    });
  }

  /**
   * A function module the product calls directly with a payload for the person looking (an issue context's
   * dynamicProperties, a macro's adfExport): asUser() inside it acts as that person.
   */
  async invokeFunction(functionKey: string, moduleKey: string, payload: unknown, accountId: string): Promise<unknown> {
    const { fn, timeoutMs } = this.handler(functionKey);
    return this.timed({ functionKey, moduleKey, timeoutMs, accountId }, () =>
      Promise.resolve(fn(payload, this.runtimePayload(accountId))),
    );
  }

  /**
   * An `action` module's function, called as Forge does (function-reference/arguments): `(payload, context)` with
   * the person in `context.principal`, so asUser() in the function acts as them. host/forge/actions.ts builds the
   * payload for Rovo or Automation and checks inputs and answer.
   */
  async invokeAction(
    moduleKey: string,
    functionKey: string,
    payload: Record<string, unknown>,
    accountId: string,
  ): Promise<unknown> {
    const { fn, timeoutMs } = this.handler(functionKey);
    return this.timed({ functionKey, moduleKey, timeoutMs, accountId }, async (invocation) => {
      const result = await fn(payload, this.runtimePayload(accountId));
      this.lastStats.set(`action:${moduleKey}`, invocation.stats);
      return result;
    });
  }

  /** Fires a product event to every trigger subscribed to it; returns at once, like the platform. */
  /** Benchmarks switch product events off while they load data straight through the REST API. */
  deliverEvents = true;

  emitProductEvent(event: ProductEvent): void {
    if (!this.deliverEvents) return;
    for (const trigger of this.manifest.modules.trigger ?? []) {
      if (!trigger.events.includes(event.eventType)) continue;
      // Forge: an event caused by the app's own API call (asApp or asUser) is self-generated; ignoreSelf drops it.
      if (
        trigger.filter?.ignoreSelf &&
        (event.selfGenerated === true || event.atlassianId === this.options.appAccountId)
      ) {
        this.deliveries.push({
          functionKey: trigger.function,
          eventType: event.eventType,
          attempt: 0,
          outcome: 'filtered',
          detail: 'ignoreSelf',
        });
        continue;
      }
      if (trigger.filter?.expression) {
        let pass: boolean;
        try {
          pass = evaluateFilter(trigger.filter.expression, { event });
        } catch (error) {
          pass = trigger.filter.onError === 'RECEIVE_AND_LOG';
          console.warn(`[host] filter of ${trigger.key} failed: ${String(error)}`);
        }
        if (!pass) {
          this.deliveries.push({
            functionKey: trigger.function,
            eventType: event.eventType,
            attempt: 0,
            outcome: 'filtered',
            detail: 'expression',
          });
          continue;
        }
      }
      for (let copy = 0; copy < Math.max(1, this.options.faults.config.eventDeliveries); copy += 1) {
        this.track(
          this.deliverWithRetries(
            trigger.function,
            trigger.key,
            { ...event, context: { cloudId: this.options.cloudId, moduleKey: trigger.key } },
            0,
          ),
        );
      }
    }
  }

  private async deliverWithRetries(
    functionKey: string,
    moduleKey: string,
    event: Record<string, unknown>,
    attempt: number,
  ): Promise<void> {
    const { fn, timeoutMs } = this.handler(functionKey);
    const eventType = String(event.eventType);
    let result: unknown;
    let stats: InvocationStats | undefined;
    try {
      result = await this.timed({ functionKey, moduleKey, timeoutMs }, (invocation) => {
        stats = invocation.stats;
        return Promise.resolve(
          fn(event, { installContext: `ari:cloud:jira::site/${this.options.cloudId}`, principal: undefined }),
        );
      });
    } catch (error) {
      this.deliveries.push({ functionKey, eventType, attempt, outcome: 'error', detail: String(error) });
      console.error(`[host] ${functionKey} threw on ${eventType}:`, error);
      return;
    }
    const retry = asInvocationError(result);
    if (!retry) {
      this.deliveries.push({ functionKey, eventType, attempt, outcome: 'ok', ...(stats ? { stats } : {}) });
      return;
    }
    this.deliveries.push({
      functionKey,
      eventType,
      attempt,
      outcome: 'retry',
      detail: retry.retryReason,
      ...(stats ? { stats } : {}),
    });
    if (attempt >= (this.options.maxRetries ?? 4)) {
      this.deliveries.push({ functionKey, eventType, attempt, outcome: 'gave-up' });
      if (this.options.reportGiveUps !== false)
        console.warn(`[host] ${functionKey} asked for a retry after ${attempt} retries; Forge gives up here`);
      return;
    }
    await delay(retry.retryAfter * this.options.msPerRetrySecond);
    await this.deliverWithRetries(
      functionKey,
      moduleKey,
      {
        ...event,
        retryContext: { retryCount: attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData },
      },
      attempt + 1,
    );
  }

  async runScheduledTrigger(key: string): Promise<InvocationStats> {
    const decl = (this.manifest.modules.scheduledTrigger ?? []).find((s) => s.key === key);
    if (!decl) throw new Error(`manifest.yml has no scheduled trigger "${key}"`);
    const { fn, timeoutMs } = this.handler(decl.function);
    return this.timed({ functionKey: decl.function, moduleKey: key, timeoutMs }, async (invocation) => {
      await fn({ context: { cloudId: this.options.cloudId, moduleKey: key }, contextToken: randomUUID() });
      return invocation.stats;
    });
  }

  /**
   * Queue.push lands here: each event goes to the consumer asynchronously, at least once, as async events v2 does
   * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api-version-2-upgrade/): the
   * consumer's `function` is called with an AsyncEvent `{ body, queueName, jobId, eventId, retryContext? }` and the
   * invocation context. @forge/events 3 only pushes `app-event-2`; a consumer still declared the v1 way
   * (`resolver: { function, method }`) is never given the event, so its queue never drains.
   */
  pushToQueue(
    queueName: string,
    events: unknown[],
    push: { jobId?: string; schema?: string } = {},
  ): QueueRefusal | null {
    const consumer = (this.manifest.modules.consumer ?? []).find((c) => c.queue === queueName);
    if (!consumer) throw new Error(`No consumer for queue ${queueName}`);
    const schema = push.schema ?? ASYNC_EVENT_V2_SCHEMA;
    const jobId = push.jobId ?? randomUUID();
    const refusal =
      schema !== ASYNC_EVENT_V2_SCHEMA
        ? `the host delivers only async events v2 (${ASYNC_EVENT_V2_SCHEMA}); this push is ${schema}`
        : !consumer.function
          ? `consumer "${consumer.key}" has no \`function\`: async events v2 (@forge/events 3) invoke a function with an AsyncEvent; the v1 \`resolver: { function, method }\` shape receives nothing`
          : null;
    if (!refusal) {
      const limited = this.pushLimits(consumer.function!, events);
      if (limited) {
        console.error(`[host] queue ${queueName}: push refused (${limited.status}): ${limited.body.message}`);
        return limited;
      }
    }
    for (const event of events) {
      if (refusal) {
        const functionKey = consumer.function ?? consumer.resolver?.function ?? consumer.key;
        this.deliveries.push({
          functionKey,
          eventType: 'avi:forge:app:event',
          attempt: 0,
          outcome: 'error',
          detail: refusal,
        });
        console.error(`[host] queue ${queueName}: ${refusal}`);
        continue;
      }
      const pushed = (event ?? {}) as {
        body?: unknown;
        delayInSeconds?: number;
        concurrency?: { key: string; limit: number };
      };
      const asyncEvent = { ...pushed, queueName, jobId, eventId: randomUUID() };
      this.track(
        this.consume(
          consumer.function!,
          consumer.key,
          asyncEvent,
          0,
          new Date().toISOString(),
          (pushed.delayInSeconds ?? 0) * this.options.msPerRetrySecond,
          pushed.concurrency,
        ),
      );
    }
    return null;
  }

  /**
   * The limits of https://developer.atlassian.com/platform/forge/limits-async-events/ for each installation: 50
   * events and 200 KB a push, 100 KB an event for a consumer whose function may run longer than 55 s, 500 events
   * a minute (answered 429, which @forge/events raises as RateLimitError). The SDK checks the first two before
   * sending; the host checks them again for pushes that do not come through it. A `concurrency` must have a key
   * and a limit of at least 1 (async-events-api, "Controlling processing concurrency"). The status of refusals
   * other than 429 is not documented: 400 here.
   */
  private pushLimits(functionKey: string, events: unknown[]): QueueRefusal | null {
    const refuse = (status: number, message: string): QueueRefusal => ({ status, body: { message } });
    if (events.length === 0) return refuse(400, 'No events to push.');
    if (events.length > MAX_EVENTS_PER_PUSH)
      return refuse(
        400,
        `At most ${MAX_EVENTS_PER_PUSH} events can be pushed in one request; this push has ${events.length}.`,
      );
    const kb = Buffer.byteLength(JSON.stringify(events)) / 1024;
    if (kb > MAX_PUSH_KB)
      return refuse(400, `The events of one push may total ${MAX_PUSH_KB} KB; these are ${Math.ceil(kb)} KB.`);
    const longRunning = (functionDecl(this.manifest, functionKey).timeoutSeconds ?? 55) > 55;
    for (const event of events) {
      const eventKb = Buffer.byteLength(JSON.stringify(event)) / 1024;
      if (longRunning && eventKb > MAX_LONG_RUNNING_EVENT_KB)
        return refuse(
          400,
          `An event for a function with a timeout over 55 seconds may be ${MAX_LONG_RUNNING_EVENT_KB} KB; this one is ${Math.ceil(eventKb)} KB.`,
        );
      const concurrency = (event as { concurrency?: unknown } | null)?.concurrency;
      if (concurrency !== undefined) {
        const c = concurrency as { key?: unknown; limit?: unknown };
        if (
          typeof c !== 'object' ||
          c === null ||
          typeof c.key !== 'string' ||
          c.key === '' ||
          typeof c.limit !== 'number' ||
          !Number.isInteger(c.limit) ||
          c.limit < 1
        ) {
          return refuse(
            400,
            "An event's concurrency must have a key (a string) and a limit (a whole number, at least 1).",
          );
        }
      }
    }
    const now = this.now();
    while (this.pushedAt.length && this.pushedAt[0]! <= now - 60_000) this.pushedAt.shift();
    if (this.pushedAt.length + events.length > MAX_EVENTS_PER_MINUTE) {
      return refuse(
        429,
        `At most ${MAX_EVENTS_PER_MINUTE} events can be pushed in a minute; ${this.pushedAt.length} were pushed in the last minute and this push has ${events.length}.`,
      );
    }
    for (let i = 0; i < events.length; i += 1) this.pushedAt.push(now);
    return null;
  }

  /**
   * One delivery of an event, then its retries. Events that share a concurrency key wait for a slot, as Forge runs
   * at most `limit` of them at once (per installation, whatever their queue); the others run as soon as they are
   * due, all at once. A retry gives its slot back while it waits.
   */
  private async consume(
    functionKey: string,
    moduleKey: string,
    asyncEvent: Record<string, unknown>,
    attempt: number,
    startTime: string,
    delayMs: number,
    concurrency?: { key: string; limit: number },
  ): Promise<void> {
    const { fn, timeoutMs } = this.handler(functionKey);
    await delay(delayMs);
    const release = await this.acquire(concurrency);
    let retry: ReturnType<typeof asInvocationError> = null;
    try {
      let stats: InvocationStats | undefined;
      const context = {
        installContext: `ari:cloud:jira::site/${this.options.cloudId}`,
        principal: undefined,
        cloudId: this.options.cloudId,
        moduleKey,
      };
      const result = await this.timed({ functionKey, moduleKey, timeoutMs }, (invocation) => {
        stats = invocation.stats;
        return Promise.resolve(fn(asyncEvent, context));
      });
      retry = asInvocationError(result);
      this.deliveries.push({
        functionKey,
        eventType: 'avi:forge:app:event',
        attempt,
        outcome: retry ? 'retry' : 'ok',
        ...(stats ? { stats } : {}),
      });
    } catch (error) {
      this.deliveries.push({
        functionKey,
        eventType: 'avi:forge:app:event',
        attempt,
        outcome: 'error',
        detail: String(error),
      });
      console.error(`[host] consumer ${functionKey} failed:`, error);
    } finally {
      release();
    }
    if (retry && attempt < (this.options.maxRetries ?? 4)) {
      const remainingTimeMs = Math.max(0, Date.parse(startTime) + QUEUE_RETENTION_MS - Date.now());
      const retryContext = {
        retryCount: attempt + 1,
        retryReason: retry.retryReason,
        retryData: retry.retryData,
        retentionWindow: { startTime, remainingTimeMs },
      };
      await this.consume(
        functionKey,
        moduleKey,
        { ...asyncEvent, retryContext },
        attempt + 1,
        startTime,
        retry.retryAfter * this.options.msPerRetrySecond,
        concurrency,
      );
    }
  }

  /** A slot under the event's concurrency key (at once when it has none); call the result to give it back. */
  private async acquire(concurrency?: { key: string; limit: number }): Promise<() => void> {
    if (!concurrency) return () => undefined;
    let slot = this.slots.get(concurrency.key);
    if (!slot) this.slots.set(concurrency.key, (slot = { running: 0, waiting: [] }));
    const s = slot;
    if (s.running >= concurrency.limit) await new Promise<void>((resolve) => s.waiting.push(resolve));
    else s.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter (the running count stays), or is freed.
      const next = s.waiting.shift();
      if (next) next();
      else s.running -= 1;
    };
  }

  /** How many events under `key` run now and wait for a slot (tests check the limit holds). */
  concurrencyOf(key: string): { running: number; waiting: number } {
    const slot = this.slots.get(key);
    return { running: slot?.running ?? 0, waiting: slot?.waiting.length ?? 0 };
  }

  /** Jira calls this on a transition that has the app's validator. */
  async validateTransition(args: object): Promise<{ result: boolean; errorMessage?: string }> {
    const validator = (this.manifest.modules['jira:workflowValidator'] ?? []).find((v) => v.function);
    if (!validator?.function) return { result: true };
    const { fn, timeoutMs } = this.handler(validator.function);
    const result = await this.timed({ functionKey: validator.function, moduleKey: validator.key, timeoutMs }, () =>
      Promise.resolve(fn(args)),
    );
    const shaped = result as { result?: unknown; errorMessage?: unknown };
    return {
      result: shaped?.result === true,
      ...(typeof shaped?.errorMessage === 'string' ? { errorMessage: shaped.errorMessage } : {}),
    };
  }

  /** What Forge sends after `forge deploy` of a new version reaches an installation. */
  async runUpgraded(): Promise<void> {
    this.emitProductEvent({
      eventType: 'avi:forge:upgraded:app',
      id: randomUUID(),
      upgraderAccountId: 'system',
      app: { id: 'local' },
    });
    await this.idle();
  }

  async runInstalled(): Promise<void> {
    this.emitProductEvent({
      eventType: 'avi:forge:installed:app',
      id: randomUUID(),
      installerAccountId: 'system',
      app: { id: 'local' },
    });
    await this.idle();
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves when every asynchronous delivery (including retries and fan-out) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

function asInvocationError(result: unknown): { retryAfter: number; retryReason: string; retryData?: unknown } | null {
  if (typeof result !== 'object' || result === null) return null;
  const r = result as {
    _retry?: unknown;
    retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
  };
  if (r._retry !== true) return null;
  return {
    retryAfter: r.retryOptions?.retryAfter ?? 1,
    retryReason: r.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
    retryData: r.retryOptions?.retryData,
  };
}

/** The `schema` @forge/events 3 puts on every push (queue.js). */
export const ASYNC_EVENT_V2_SCHEMA = 'ari:cloud:ecosystem::forge/app-event-2';
/** https://developer.atlassian.com/platform/forge/limits-async-events/ (per installation). */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_KB = 200;
export const MAX_LONG_RUNNING_EVENT_KB = 100;
export const MAX_EVENTS_PER_MINUTE = 500;
/** Invocation durations kept in `timings`. */
const MAX_TIMINGS = 100_000;
/** Async events are kept (and retried) for 24 hours by default. */
const QUEUE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A wait of 0 ms does not go through a timer: an event due now is delivered in the same turn. */
const delay = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
