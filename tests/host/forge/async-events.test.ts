// Async events as @forge/events 3 sends them (v2, `app-event-2`): the consumer module names a function, which gets
// an AsyncEvent { body, queueName, jobId, eventId, retryContext? }. A consumer declared the v1 way
// (`resolver: { function, method }`) receives nothing, so a queue handed to it never drains.
import { Queue, InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { AppRunner, type AppModule } from '../../../host/forge/app-runner';
import { Faults } from '../../../host/forge/faults';
import type { Manifest } from '../../../host/forge/manifest';
import { installForgeGlobals } from '../../../host/forge/runtime';
import { KvsStore } from '../../../host/kvs/kvs-store';

beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // the host's refusals are asserted below
});

const RESOLVER_CALL_SHAPE = { call: { functionKey: 'scan-page' } };

function runnerFor(consumer: NonNullable<Manifest['modules']['consumer']>[number], app: AppModule): AppRunner {
  const manifest = {
    app: { id: 'ari:cloud:ecosystem::app/test' },
    permissions: { scopes: [] },
    modules: { function: [{ key: 'worker', handler: 'index.worker', timeoutSeconds: 900 }], consumer: [consumer] },
    resources: [],
  } as Manifest;
  return new AppRunner(app, manifest, {
    installationId: 'i',
    cloudId: 'c',
    appAccountId: 'app',
    faults: new Faults(),
    msPerRetrySecond: 0,
    maxRetries: 2,
  });
}

it('calls the consumer function with an AsyncEvent and the retry context on a retry', async () => {
  const seen: Array<AsyncEvent & { retryContext?: { retentionWindow?: { remainingTimeMs: number } } }> = [];
  const runner = runnerFor(
    { key: 'c', queue: 'pages', function: 'worker' },
    {
      worker: (event: AsyncEvent) => {
        seen.push(event);
        return seen.length === 1
          ? new InvocationError({
              retryAfter: 1,
              retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
              retryData: { page: 2 },
            })
          : undefined;
      },
    },
  );
  runner.pushToQueue('pages', [{ body: { page: 1 } }], { jobId: 'job-1' });
  await runner.idle();
  expect(seen).toHaveLength(2);
  expect(seen[0]).toMatchObject({ body: { page: 1 }, queueName: 'pages', jobId: 'job-1', eventId: expect.any(String) });
  expect(seen[0]).not.toHaveProperty('call');
  expect(seen[0]).not.toHaveProperty('retryContext');
  expect(seen[1]!.retryContext).toMatchObject({
    retryCount: 1,
    retryReason: 'FUNCTION_RETRY_REQUEST',
    retryData: { page: 2 },
    retentionWindow: { startTime: expect.any(String) },
  });
  expect(seen[1]!.retryContext!.retentionWindow!.remainingTimeMs).toBeGreaterThan(0);
  expect(runner.deliveries.map((d) => d.outcome)).toEqual(['retry', 'ok']);
});

it('gives a v1 consumer (resolver: {function, method}) nothing: the queue never drains', async () => {
  const calls: unknown[] = [];
  const runner = runnerFor(
    { key: 'c', queue: 'pages', resolver: { function: 'worker', method: 'scan-page' } },
    { worker: (arg: unknown) => void calls.push(arg) },
  );
  runner.pushToQueue('pages', [{ body: { page: 1 } }]);
  await runner.idle();
  expect(calls).toEqual([]);
  expect(calls).not.toContainEqual(expect.objectContaining(RESOLVER_CALL_SHAPE));
  expect(runner.deliveries).toEqual([
    expect.objectContaining({ functionKey: 'worker', outcome: 'error', detail: expect.stringMatching(/v1 `resolver/) }),
  ]);
});

it('takes the push from the unmodified @forge/events 3 SDK (app-event-2) and refuses any other schema', async () => {
  const bodies: unknown[] = [];
  const jobIds = new Set<string>();
  const runner = runnerFor(
    { key: 'c', queue: 'pages', function: 'worker' },
    {
      worker: (event: AsyncEvent) => {
        bodies.push(event.body);
        jobIds.add(event.jobId);
      },
    },
  );
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
  const { jobId } = await new Queue({ key: 'pages' }).push([{ body: { page: 1 } }, { body: { page: 2 } }]);
  await runner.idle();
  expect(bodies).toEqual([{ page: 1 }, { page: 2 }]);
  expect([...jobIds]).toEqual([jobId]);
  runner.pushToQueue('pages', [{ body: { page: 3 } }], { schema: 'ari:cloud:ecosystem::forge/app-event' });
  await runner.idle();
  expect(bodies).toHaveLength(2);
  expect(runner.deliveries.at(-1)).toMatchObject({
    outcome: 'error',
    detail: expect.stringMatching(/only async events v2/),
  });
});
