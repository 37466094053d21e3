// The host's queue delivers events to consumer invocations at once, as Forge does; events that share a
// `concurrency` key run at most `limit` at a time; a push over Forge's async events limits is refused (50 events
// and 200 KB a push, 100 KB an event for a long-running consumer, 500 events a minute: 429); every invocation's
// duration is recorded per function. Nothing here waits on the clock: handlers wait on promises the test resolves,
// and the runner's clock is a counter the test moves.
import { Queue, RateLimitError, type AsyncEvent } from '@forge/events';
import { AppRunner, type AppModule } from '../../../host/forge/app-runner';
import { Faults } from '../../../host/forge/faults';
import type { Manifest } from '../../../host/forge/manifest';
import { installForgeGlobals } from '../../../host/forge/runtime';
import { KvsStore } from '../../../host/kvs/kvs-store';

beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // the refusals are asserted below
});

function runnerFor(app: AppModule, timeoutSeconds = 900): { runner: AppRunner; clock: { t: number } } {
  const manifest = {
    app: { id: 'ari:cloud:ecosystem::app/test' },
    permissions: { scopes: [] },
    modules: {
      function: [{ key: 'worker', handler: 'index.worker', timeoutSeconds }],
      consumer: [{ key: 'c', queue: 'pages', function: 'worker' }],
    },
    resources: [],
  } as Manifest;
  const clock = { t: 1_000_000 };
  const runner = new AppRunner(app, manifest, {
    installationId: 'i',
    cloudId: 'c',
    appAccountId: 'app',
    faults: new Faults(),
    msPerRetrySecond: 0,
    maxRetries: 2,
    now: () => clock.t,
  });
  return { runner, clock };
}

/** A consumer whose every invocation waits until the test lets it finish. */
function gatedWorker() {
  const running = new Set<number>();
  let most = 0;
  const gates = new Map<number, () => void>();
  const started: number[] = [];
  const worker = async (event: AsyncEvent) => {
    const n = (event.body as { n: number }).n;
    running.add(n);
    most = Math.max(most, running.size);
    started.push(n);
    await new Promise<void>((resolve) => gates.set(n, resolve));
    running.delete(n);
  };
  return { worker, running, started, gates, most: () => most };
}

/** Lets the event loop run until nothing more happens (the host's deliveries are promise chains). */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

it('starts every event at once when the push sets no concurrency', async () => {
  const w = gatedWorker();
  const { runner } = runnerFor({ worker: w.worker });
  expect(
    runner.pushToQueue(
      'pages',
      Array.from({ length: 10 }, (_, n) => ({ body: { n } })),
    ),
  ).toBeNull();
  await settle();
  expect(w.running.size).toBe(10);
  for (const open of w.gates.values()) open();
  await runner.idle();
  expect(runner.deliveries.filter((d) => d.outcome === 'ok')).toHaveLength(10);
});

it('runs at most `limit` events of one concurrency key at a time, across pushes, and delivers them all', async () => {
  const w = gatedWorker();
  const { runner } = runnerFor({ worker: w.worker });
  const concurrency = { key: 'scan', limit: 3 };
  runner.pushToQueue(
    'pages',
    Array.from({ length: 5 }, (_, n) => ({ body: { n }, concurrency })),
  );
  runner.pushToQueue(
    'pages',
    Array.from({ length: 4 }, (_, n) => ({ body: { n: 5 + n }, concurrency })),
  );
  await settle();
  expect(w.running.size).toBe(3);
  expect(runner.concurrencyOf('scan')).toEqual({ running: 3, waiting: 6 });
  // Finish them in an order of the test's choosing; each finished one lets exactly one waiting event in.
  while (w.started.length < 9 || w.running.size > 0) {
    const [first] = [...w.running];
    w.gates.get(first!)!();
    await settle();
    expect(w.running.size).toBeLessThanOrEqual(3);
  }
  await runner.idle();
  expect(w.most()).toBe(3);
  expect(new Set(w.started)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8]));
  expect(runner.concurrencyOf('scan')).toEqual({ running: 0, waiting: 0 });
});

it('records every invocation with its duration on the runner clock, and the longest per function', async () => {
  const w = gatedWorker();
  const { runner, clock } = runnerFor({ worker: w.worker });
  runner.pushToQueue('pages', [{ body: { n: 1 } }, { body: { n: 2 } }]);
  await settle();
  clock.t += 4_000;
  w.gates.get(1)!();
  await settle();
  clock.t += 6_000;
  w.gates.get(2)!();
  await runner.idle();
  expect(runner.timings.map((t) => t.durationMs).sort()).toEqual([10_000, 4_000].sort());
  expect(runner.longestInvocation('worker')).toMatchObject({
    functionKey: 'worker',
    moduleKey: 'c',
    durationMs: 10_000,
  });
  expect(runner.longestInvocation()).toMatchObject({ durationMs: 10_000 });
  expect(runner.longestInvocation('nothing')).toBeNull();
});

it('refuses a push over the documented limits: 50 events, 200 KB, 100 KB an event for a long-running consumer, a bad concurrency', () => {
  const { runner } = runnerFor({ worker: () => undefined });
  expect(
    runner.pushToQueue(
      'pages',
      Array.from({ length: 51 }, (_, n) => ({ body: { n } })),
    ),
  ).toMatchObject({ status: 400, body: { message: expect.stringMatching(/At most 50 events/) } });
  const kb = (n: number) => ({ body: { text: 'x'.repeat(n * 1024) } });
  expect(runner.pushToQueue('pages', [kb(90), kb(90), kb(30)])).toMatchObject({
    status: 400,
    body: { message: expect.stringMatching(/200 KB/) },
  });
  expect(runner.pushToQueue('pages', [kb(101)])).toMatchObject({
    status: 400,
    body: { message: expect.stringMatching(/over 55 seconds may be 100 KB/) },
  });
  expect(runner.pushToQueue('pages', [{ body: {}, concurrency: { key: 'k', limit: 0 } }])).toMatchObject({
    status: 400,
  });
  expect(runner.deliveries).toEqual([]);
  // A consumer within the 55 s default may take an event over 100 KB (the 200 KB a push still holds).
  const short = runnerFor({ worker: () => undefined }, 55).runner;
  expect(short.pushToQueue('pages', [kb(150)])).toBeNull();
});

it('answers 429 past 500 events a minute (RateLimitError in @forge/events), and takes pushes again a minute later', async () => {
  const { runner, clock } = runnerFor({ worker: () => undefined });
  installForgeGlobals({
    jira: { handle: () => Promise.reject(new Error('no Jira here')) },
    confluence: { handle: () => Promise.reject(new Error('no Confluence here')) },
    kvs: new KvsStore({}),
    faults: new Faults(),
    appId: 'ari:cloud:ecosystem::app/test',
    environmentId: 'env',
    installationId: 'inst',
    scopes: () => ['storage:app'],
    hasConsent: () => false,
    reportAccounts: () => ({ status: 404, body: {} }),
    onQueuePush: (queue, events, push) => runner.pushToQueue(queue, events, push),
    onKvsChange: () => undefined,
  });
  const queue = new Queue({ key: 'pages' });
  for (let i = 0; i < 10; i += 1) await queue.push(Array.from({ length: 50 }, (_, n) => ({ body: { n } })));
  await expect(queue.push({ body: { n: 501 } })).rejects.toBeInstanceOf(RateLimitError);
  clock.t += 60_000;
  await expect(queue.push({ body: { n: 501 } })).resolves.toMatchObject({ jobId: expect.any(String) });
  await runner.idle();
  expect(runner.deliveries.filter((d) => d.outcome === 'ok')).toHaveLength(501);
});
