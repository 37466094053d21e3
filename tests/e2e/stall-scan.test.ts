// The daily stall scan on the demo data: it flags exactly the pilots the core says are stalled, clears the mark
// when a pilot recovers, changes nothing on a second run or when two runs overlap, continues through the queue
// when it runs out of time, and stores a daily snapshot per project.
import { addDays, dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, jql, panel, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const STALLED = '"AI Pilot stall status".Status = stalled';

beforeAll(async () => {
  host = await startHost();
});
afterAll(() => stopHost(host));

/**
 * One daily run. Jira's search trails writes; a daily scan starts long after the day's edits were indexed, and
 * what it writes is read back here once the index has caught up again.
 */
async function scan(): Promise<void> {
  host.jira.catchUpSearch();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  host.jira.catchUpSearch();
}

async function coreStalled(): Promise<string[]> {
  const stalled: string[] = [];
  for (const key of await jql(host, 'issuetype = "AI Pilot" ORDER BY key')) {
    const view = unwrap(await panel<PanelView>(host, key, admin, 'panel/load'));
    if (view.assessment.stall.stalled) stalled.push(key);
  }
  return stalled.sort();
}

const appFieldState = () => JSON.stringify(host.jira.state.issues.map((i) => [i.key, i.custom]));

it('flags exactly the pilots the core says are stalled', async () => {
  await scan();
  const expected = await coreStalled();
  expect(expected.length).toBeGreaterThanOrEqual(6);
  expect((await jql(host, `issuetype = "AI Pilot" AND ${STALLED} ORDER BY key`)).sort()).toEqual(expected);
  const overdue = await jql(host, 'issuetype = "AI Pilot" AND "AI Pilot stall status".DecisionDue = "true"');
  expect(overdue.length).toBeGreaterThan(0);
});

it('changes nothing on a second run, nor when two runs overlap', async () => {
  const before = appFieldState();
  const writesBefore = host.jira.state.issues.reduce((n, i) => n + i.history.length, 0);
  await scan();
  expect(appFieldState()).toBe(before);
  await Promise.all([
    host.runner.runScheduledTrigger('daily-stall-scan'),
    host.runner.runScheduledTrigger('daily-stall-scan'),
  ]);
  await host.runner.idle();
  expect(appFieldState()).toBe(before);
  expect(host.jira.state.issues.reduce((n, i) => n + i.history.length, 0)).toBe(writesBefore);
});

it('clears the mark when a stalled pilot recovers', async () => {
  const [key] = await jql(host, `issuetype = "AI Pilot" AND ${STALLED} ORDER BY key`);
  const view = unwrap(await panel<PanelView>(host, key!, DEMO_USERS.member.accountId, 'panel/load'));
  const p = view.record.pilot;
  const yes = Object.fromEntries(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((q) => [q, { answer: 'yes' }]));
  unwrap(
    await panel(host, key!, DEMO_USERS.member.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: {
        pilotStart: p.pilotStart,
        demoDate: p.demoDate,
        productionDate: addDays(dayOf(new Date()), 20),
        milestones: p.milestones,
        people: { ...p.people, productionOwner: DEMO_USERS.priya.accountId },
        monthlyRunCost: p.monthlyRunCost,
        modelMetric: p.modelMetric,
        diagnostic: yes,
        productionSpecUrl: 'https://wiki.example.com/spec',
      },
    }),
  );
  await scan();
  expect(await jql(host, `key = ${key} AND ${STALLED}`)).toEqual([]);
  expect((await jql(host, `issuetype = "AI Pilot" AND ${STALLED} ORDER BY key`)).sort()).toEqual(await coreStalled());
});

it('hands the rest of a run to the queue when it is out of time, and the queued run finishes it', async () => {
  // Mark a pilot wrongly so there is work to do, then give the scheduled function no time at all.
  const [key] = await jql(host, `issuetype = "AI Pilot" AND ${STALLED} ORDER BY key`);
  const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
  const stallField = fields.find((f) => f.name === 'AI Pilot stall status')!.id;
  const issue = host.jira.state.issues.find((i) => i.key === key)!;
  const wrong = await host.asApp('POST', '/rest/api/3/app/field/value', {
    updates: [
      {
        customField: stallField,
        issueIds: [Number(issue.id)],
        value: { status: 'clear', daysStalled: 0, decisionDue: false, scannedOn: '2020-01-01' },
      },
    ],
  });
  expect(wrong.status).toBe(204);
  host.runner.timeoutOverrides.set('stall-scan', 1_000);
  const queued = host.runner.deliveries.filter(
    (d) => d.functionKey === 'stall-scan-worker' && d.outcome === 'ok',
  ).length;
  try {
    await scan();
  } finally {
    host.runner.timeoutOverrides.clear();
  }
  // The continuation went through the v2 consumer (an AsyncEvent to the consumer's function) and finished.
  expect(
    host.runner.deliveries.filter((d) => d.functionKey === 'stall-scan-worker' && d.outcome === 'ok').length,
  ).toBeGreaterThan(queued);
  expect(await jql(host, `key = ${key} AND ${STALLED}`)).toEqual([key]);
  // The day's snapshot, taken in the same run right after the scan marked the pilot again, counts it as stalled:
  // the run reads its own writes back through reconcileIssues, not through the lagging index.
  const stalledInProject = await jql(host, `project = ${issue.projectId} AND issuetype = "AI Pilot" AND ${STALLED}`);
  const snapshot = host.kvs.state[`snapshot:${issue.projectId}:${dayOf(new Date())}`]!.value as { stalled: number };
  expect(snapshot.stalled).toBe(stalledInProject.length);
});

it('stores a daily snapshot per project for the trend charts', async () => {
  const today = dayOf(new Date());
  const snapshots = Object.keys(host.kvs.state).filter((k) => k.startsWith('snapshot:') && k.endsWith(`:${today}`));
  expect(snapshots).toHaveLength(3);
  const history = Object.keys(host.kvs.state).filter((k) => k.startsWith('snapshot:'));
  expect(history.length).toBeGreaterThanOrEqual(3 * 30);
});

describe('fanned out over the queue', () => {
  const today = () => dayOf(new Date());
  const snapshotsOfToday = () =>
    Object.fromEntries(
      Object.entries(host.kvs.state)
        .filter(([k]) => k.startsWith('snapshot:') && k.endsWith(`:${today()}`))
        .map(([k, v]) => [k, v.value]),
    );
  const report = () =>
    host.kvs.state['scan-report:latest']?.value as {
      day: string;
      examined: number;
      changed: number;
      unreadable: string[];
    };

  /** Starts a run of small pages and keeps its pages instead of delivering them; returns them in push order. */
  async function capturedRun(
    runId: string,
    pageSize: number,
  ): Promise<Array<{ body: { index: number; issueIds: string[] } }>> {
    const captured: Array<{ body: { index: number; issueIds: string[] } }> = [];
    const push = host.runner.pushToQueue.bind(host.runner);
    host.runner.pushToQueue = (queue, events, options) => {
      const pages = (events as Array<{ body: { kind?: string } }>).filter((e) => e.body.kind === 'stall-scan-page');
      captured.push(...(pages as typeof captured));
      const rest = events.filter((e) => !pages.includes(e as (typeof pages)[number]));
      return rest.length ? push(queue, rest, options) : null;
    };
    try {
      host.jira.catchUpSearch();
      push('stall-scan-pages', [{ body: { kind: 'stall-scan-run', runId, day: today(), reminders: true, pageSize } }]);
      await host.runner.idle();
    } finally {
      host.runner.pushToQueue = push;
    }
    return captured;
  }

  it('sums pages that finish in any order into the same snapshots, once the last one lands', async () => {
    await scan();
    const expected = snapshotsOfToday();
    const expectedReport = report();
    for (const key of Object.keys(expected)) delete host.kvs.state[key];
    const pages = await capturedRun('out-of-order', 4);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.map((p) => p.body.index)).toEqual(pages.map((_, i) => i));
    // Last page first, then the others from the end; nothing is summed until every page is there.
    const order = [...pages].reverse();
    for (const [n, page] of order.entries()) {
      host.runner.pushToQueue('stall-scan-pages', [page]);
      await host.runner.idle();
      if (n < order.length - 1) expect(snapshotsOfToday()).toEqual({});
    }
    expect(snapshotsOfToday()).toEqual(expected);
    expect(report()).toEqual(expectedReport);
  });

  it('changes nothing more when a page is delivered again, before or after the run is merged', async () => {
    // A pilot marked wrongly, so its page has something to write.
    const [key] = await jql(host, `issuetype = "AI Pilot" AND ${STALLED} ORDER BY key`);
    const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
    const stallField = fields.find((f) => f.name === 'AI Pilot stall status')!.id;
    const issue = host.jira.state.issues.find((i) => i.key === key)!;
    await host.asApp('POST', '/rest/api/3/app/field/value', {
      updates: [
        {
          customField: stallField,
          issueIds: [Number(issue.id)],
          value: { status: 'clear', daysStalled: 0, decisionDue: false, scannedOn: '2020-01-01' },
        },
      ],
    });
    host.jira.catchUpSearch();
    const pages = await capturedRun('redelivered', 4);
    const mine = pages.find((p) => p.body.issueIds.includes(issue.id))!;
    const others = pages.filter((p) => p !== mine);
    // The app's mirror writes (the host logs every call the app makes).
    const writes = () => host.faults.calls.filter((c) => c === 'POST /rest/api/3/app/field/value').length;
    const stallOf = () =>
      (host.jira.state.issues.find((i) => i.id === issue.id)!.custom[stallField] as { status: string }).status;
    const before = writes();
    // Its page, twice, before the others (search has not caught up: the second delivery reads the first's write back).
    host.runner.pushToQueue('stall-scan-pages', [mine]);
    await host.runner.idle();
    expect(writes()).toBe(before + 1);
    expect(stallOf()).toBe('stalled');
    host.runner.pushToQueue('stall-scan-pages', [mine]);
    await host.runner.idle();
    expect(writes()).toBe(before + 1);
    expect(snapshotsOfToday()[`snapshot:${issue.projectId}:${today()}`]).toBeDefined(); // earlier runs' snapshots of today
    for (const page of others) host.runner.pushToQueue('stall-scan-pages', [page]);
    await host.runner.idle();
    host.jira.catchUpSearch();
    expect(await jql(host, `key = ${key} AND ${STALLED}`)).toEqual([key]);
    const merged = snapshotsOfToday();
    const state = appFieldState();
    const notifications = host.jira.notifications().length;
    // After the merge: every page again, at once; the same snapshots, no write, no reminder.
    host.runner.pushToQueue('stall-scan-pages', pages);
    await host.runner.idle();
    expect(writes()).toBe(before + 1);
    expect(appFieldState()).toBe(state);
    expect(snapshotsOfToday()).toEqual(merged);
    expect(host.jira.notifications()).toHaveLength(notifications);
    const stalledInProject = await jql(host, `project = ${issue.projectId} AND issuetype = "AI Pilot" AND ${STALLED}`);
    expect((merged[`snapshot:${issue.projectId}:${today()}`] as { stalled: number }).stalled).toBe(
      stalledInProject.length,
    );
  });

  it('runs pages at once: the others finish while one is held mid-way, and the run still merges once', async () => {
    const pages = await capturedRun('concurrent', 3);
    const key = 'stall-scan-pages';
    const ok = () =>
      host.runner.deliveries.filter((d) => d.functionKey === 'stall-scan-worker' && d.outcome === 'ok').length;
    const okBefore = ok();
    const hold = host.faults.hold('POST', /^\/rest\/api\/3\/search\/jql$/);
    host.runner.pushToQueue(
      'stall-scan-pages',
      pages.map((p) => ({ ...p, concurrency: { key, limit: 50 } })),
    );
    await hold.reached;
    // Wait for events, not the clock: the loop ends as soon as every other page is through.
    for (let i = 0; i < 100_000 && ok() < okBefore + pages.length - 1; i += 1)
      await new Promise((resolve) => setImmediate(resolve));
    expect(ok()).toBe(okBefore + pages.length - 1);
    expect(host.runner.concurrencyOf(key)).toEqual({ running: 1, waiting: 0 });
    hold.release();
    await host.runner.idle();
    expect(ok()).toBe(okBefore + pages.length);
    expect(host.runner.concurrencyOf(key)).toEqual({ running: 0, waiting: 0 });
    expect(host.runner.longestInvocation('stall-scan-worker')).toMatchObject({
      functionKey: 'stall-scan-worker',
      durationMs: expect.any(Number),
    });
  });

  it('delivers a page that failed as a whole again, and the run merges once it succeeds', async () => {
    const pages = await capturedRun('failing-page', 10);
    const expected = snapshotsOfToday();
    for (const key of Object.keys(expected)) delete host.kvs.state[key];
    // Storage refuses one page's partial once: that page asks Forge for another delivery.
    host.faults.failNext({ target: 'kvs', key: /^scan-page:failing-page:/, times: 1, status: 500 });
    host.runner.pushToQueue('stall-scan-pages', pages);
    await host.runner.idle();
    const worker = host.runner.deliveries
      .filter((d) => d.functionKey === 'stall-scan-worker')
      .slice(-(pages.length + 1));
    expect(worker.filter((d) => d.outcome === 'retry')).toHaveLength(1);
    expect(worker.filter((d) => d.outcome === 'ok')).toHaveLength(pages.length);
    expect(snapshotsOfToday()).toEqual(expected);
  });
});
