// Workstream sub-tasks exactly once per pilot, whatever the platform does: every event delivered three times at
// once, a fifth of the app's Jira calls answered 429 with Retry-After, retries through Forge's InvocationError.
import { DEFAULT_TEMPLATE } from '../../src/core/workstreams';
import type { LocalHost } from '../../host/host';
import type { PanelView } from '../../src/contract/views';
import { createPilot, panel, startHost, stopHost, unwrap } from '../support/local-host';

jest.setTimeout(240_000);

let host: LocalHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => {
  host.faults.clearTargeted();
  return stopHost(host);
});

type StoredIssue = LocalHost['jira']['state']['issues'][number];
const issues = () => host.jira.state.issues;
const parentOf = (issue: StoredIssue) => issue.parentId;

it('creates exactly 100 × 8 workstream sub-tasks with every event delivered 3 times and 20% of calls rate limited', async () => {
  host.faults.set({ rateLimitShare: 0.2, retryAfterSeconds: 1, eventDeliveries: 3, seed: 42 });
  const pilots: Array<{ id: string; key: string }> = [];
  for (let i = 1; i <= 100; i += 1) pilots.push(await createPilot(host, 'OPS', `Load pilot ${i}`));
  await host.runner.idle();

  const injected = host.faults.injected.rateLimited;
  host.faults.set({});
  // The app makes fewer Jira calls than it used to (the mapping is stored in app storage, not an issue property).
  expect(injected).toBeGreaterThan(40);
  const deliveries = host.runner.deliveries.filter(
    (d) => d.functionKey === 'on-pilot-issue' && d.eventType === 'avi:jira:created:issue' && d.attempt === 0,
  );
  expect(deliveries.length).toBeGreaterThanOrEqual(300);
  expect(host.runner.deliveries.some((d) => d.functionKey === 'on-pilot-issue' && d.outcome === 'retry')).toBe(true);

  const byParent = new Map<string, StoredIssue[]>();
  for (const issue of issues()) {
    const parent = parentOf(issue);
    if (parent) byParent.set(parent, [...(byParent.get(parent) ?? []), issue]);
  }
  const expectedNames = DEFAULT_TEMPLATE.map((r) => r.name).sort();
  for (const pilot of pilots) {
    const names = (byParent.get(pilot.id) ?? []).map((s) => s.summary).sort();
    expect({ pilot: pilot.key, names }).toEqual({ pilot: pilot.key, names: expectedNames });
  }
  expect(pilots.reduce((n, p) => n + (byParent.get(p.id)?.length ?? 0), 0)).toBe(100 * DEFAULT_TEMPLATE.length);
});

it('does nothing for an event delivered late, after the sub-tasks exist', async () => {
  const pilot = await createPilot(host, 'PAY', 'Late delivery pilot');
  await host.runner.idle();
  const before = issues().filter((i) => parentOf(i) === pilot.id).length;
  host.runner.emitProductEvent({
    eventType: 'avi:jira:created:issue',
    atlassianId: 'u-member',
    issue: { id: pilot.id, key: pilot.key, fields: { issueType: { name: 'AI Pilot' } } },
  });
  await host.runner.idle();
  expect(before).toBe(DEFAULT_TEMPLATE.length);
  expect(issues().filter((i) => parentOf(i) === pilot.id)).toHaveLength(DEFAULT_TEMPLATE.length);
});

it('finishes a half-successful run without duplicating what the first run created', async () => {
  // 503s in the middle: some bulk calls and property writes fail, the platform retries the rest.
  host.faults.set({ serverErrorShare: 0.35, retryAfterSeconds: 1, eventDeliveries: 1, seed: 7 });
  const created = [];
  for (let i = 0; i < 10; i += 1) created.push(await createPilot(host, 'RISK', `Flaky pilot ${i}`));
  await host.runner.idle();
  host.faults.set({});
  for (const pilot of created)
    expect(issues().filter((i) => parentOf(i) === pilot.id)).toHaveLength(DEFAULT_TEMPLATE.length);
});

it('ignores the app’s own writes (ignoreSelf) and issues that are not AI Pilots (filter)', async () => {
  await host.asUser('u-member', 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Not a pilot' },
  });
  await host.runner.idle();
  const filtered = host.runner.deliveries.filter((d) => d.outcome === 'filtered');
  expect(filtered.some((d) => d.detail === 'ignoreSelf')).toBe(true);
  expect(filtered.some((d) => d.detail === 'expression')).toBe(true);
});

it('finishes seeding in the daily run when Jira stayed down longer than the platform retries', async () => {
  host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 30, eventDeliveries: 1 });
  const pilot = await createPilot(host, 'PAY', 'Seeded by the daily run');
  await host.runner.idle();
  host.faults.set({});
  expect(host.runner.deliveries.some((d) => d.functionKey === 'on-pilot-issue' && d.outcome === 'gave-up')).toBe(true);
  expect(issues().filter((i) => parentOf(i) === pilot.id)).toHaveLength(0);
  expect(host.kvs.state[`seed-pending:${pilot.id}`]).toBeDefined();

  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  try {
    jest.setSystemTime(new Date(Date.now() + 60 * 60_000));
    await Promise.all([
      host.runner.runScheduledTrigger('daily-stall-scan'),
      host.runner.runScheduledTrigger('daily-stall-scan'),
    ]);
    await host.runner.idle();
  } finally {
    jest.useRealTimers();
  }
  expect(
    issues()
      .filter((i) => parentOf(i) === pilot.id)
      .map((i) => i.summary)
      .sort(),
  ).toEqual(DEFAULT_TEMPLATE.map((r) => r.name).sort());
  expect(host.kvs.state[`seed-pending:${pilot.id}`]).toBeUndefined();
});

it("a member's own sub-task carrying a copied row-id property is not taken for a workstream when seeding finishes later", async () => {
  host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 30, eventDeliveries: 1 });
  const pilot = await createPilot(host, 'PAY', 'Seeded after a forged row');
  await host.runner.idle();
  host.faults.set({});
  expect(issues().filter((i) => parentOf(i) === pilot.id)).toHaveLength(0);
  // Before seeding finishes, a member adds a sub-task of their own claiming to be a template row, and closes it.
  const row = DEFAULT_TEMPLATE[0]!;
  const forged = await host.asUser('u-member', 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PAY' }, parent: { key: pilot.key }, issuetype: { name: 'Sub-task' }, summary: row.name },
  });
  expect(forged.status).toBe(201);
  const forgedId = (forged.body as { id: string }).id;
  expect(
    (
      await host.asUser('u-member', 'PUT', `/rest/api/3/issue/${forgedId}/properties/ai-pilot-workstream`, {
        rowId: row.id,
        pilotId: pilot.id,
      })
    ).status,
  ).toBeLessThan(300);
  host.jira.catchUpSearch();

  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  try {
    jest.setSystemTime(new Date(Date.now() + 60 * 60_000));
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await host.runner.idle();
  } finally {
    jest.useRealTimers();
  }
  const mapping = host.kvs.state[`workstreams:${pilot.id}`]?.value as {
    rows: Record<string, string>;
    complete: boolean;
  };
  expect(mapping.complete).toBe(true);
  expect(Object.values(mapping.rows)).not.toContain(forgedId);
  expect(mapping.rows[row.id]).toBeDefined();
});

it('is not blocked by a seeding lock whose run died, though Forge has not deleted the expired key yet', async () => {
  // Seeding gives up (Jira down), and a run that died holding the lock left it behind with its 2-minute TTL.
  host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 30, eventDeliveries: 1 });
  const pilot = await createPilot(host, 'PAY', 'Seeded past a dead lock');
  await host.runner.idle();
  host.faults.set({});
  expect(issues().filter((i) => parentOf(i) === pilot.id)).toHaveLength(0);
  const at = Date.now();
  host.kvs.state[`seed-lock:${pilot.id}`] = {
    value: { at: new Date(at).toISOString() },
    createdAt: at,
    updatedAt: at,
    expiresAt: at + 120_000,
  };

  // An hour later the TTL has passed, but expired keys linger for up to 48 hours (the host's default lag).
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  try {
    jest.setSystemTime(new Date(at + 60 * 60_000));
    expect(host.kvs.handle('/api/v1/get', { key: `seed-lock:${pilot.id}` }).status).toBe(200);
    // Two runs find the same dead lock: exactly one takes it over (no duplicate sub-tasks below).
    await Promise.all([
      host.runner.runScheduledTrigger('daily-stall-scan'),
      host.runner.runScheduledTrigger('daily-stall-scan'),
    ]);
    await host.runner.idle();
  } finally {
    jest.useRealTimers();
  }
  expect(
    issues()
      .filter((i) => parentOf(i) === pilot.id)
      .map((i) => i.summary)
      .sort(),
  ).toEqual(DEFAULT_TEMPLATE.map((r) => r.name).sort());
});

it('a failed write after a successful bulk create still ends with exactly one sub-task per row', async () => {
  // The bulk create succeeds; the write that records its result (mapping and done marker, one KVS transaction)
  // answers 500 twice. The platform retries the event; the retry finds the sub-tasks by their row ids.
  host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/transaction$/, key: /^workstreams:/, times: 2 });
  const pilot = await createPilot(host, 'PAY', 'Recorded late');
  await host.runner.idle();
  expect(host.faults.injected.targeted).toBe(2);
  const subtasks = issues().filter((i) => parentOf(i) === pilot.id);
  expect(subtasks.map((s) => s.summary).sort()).toEqual(DEFAULT_TEMPLATE.map((r) => r.name).sort());
  const mapping = host.kvs.state[`workstreams:${pilot.id}`]?.value as {
    rows: Record<string, string>;
    complete: boolean;
  };
  expect(mapping.complete).toBe(true);
  expect(Object.keys(mapping.rows).sort()).toEqual(DEFAULT_TEMPLATE.map((r) => r.id).sort());
  expect(new Set(Object.values(mapping.rows))).toEqual(new Set(subtasks.map((s) => s.id)));
  expect(host.kvs.state[`seeded:${pilot.id}`]).toBeDefined();
});

it('keeps the workstream mapping in app storage: a member rewriting the old issue property changes nothing', async () => {
  const pilot = await createPilot(host, 'OPS', 'Mapping in app storage');
  await host.runner.idle();
  const stored = host.kvs.state[`workstreams:${pilot.id}`]?.value as { rows: Record<string, string> };
  expect(Object.keys(stored.rows)).toHaveLength(DEFAULT_TEMPLATE.length);
  // The member points every row at one sub-task they then close, and claims seeding is complete.
  const one = Object.values(stored.rows)[0]!;
  const forged = Object.fromEntries(DEFAULT_TEMPLATE.map((r) => [r.id, one]));
  const put = await host.asUser('u-member', 'PUT', `/rest/api/3/issue/${pilot.key}/properties/ai-pilot-workstreams`, {
    rows: forged,
    complete: true,
  });
  expect(put.status).toBeLessThan(300);
  const view = unwrap(await panel<PanelView>(host, pilot.key, 'u-member', 'panel/load'));
  expect(new Set(view.workstreams.map((w) => w.issueId)).size).toBe(DEFAULT_TEMPLATE.length);
  expect(view.workstreams.map((w) => w.issueId).sort()).toEqual(Object.values(stored.rows).sort());
});

it('moves a mapping still kept in the old property into app storage on first read, keeping only the pilot’s own sub-tasks', async () => {
  const pilot = await createPilot(host, 'OPS', 'Legacy mapping');
  const other = await createPilot(host, 'OPS', 'Someone else’s pilot');
  await host.runner.idle();
  const own = (host.kvs.state[`workstreams:${pilot.id}`]?.value as { rows: Record<string, string> }).rows;
  const foreign = Object.values(
    (host.kvs.state[`workstreams:${other.id}`]?.value as { rows: Record<string, string> }).rows,
  )[0]!;
  // As an older version of the app left it: the mapping only in the issue property, one row pointing elsewhere, and
  // app storage begun after the pilot was created.
  delete host.kvs.state[`workstreams:${pilot.id}`];
  delete host.kvs.state['pilot-store:since'];
  const legacy = { ...own, 'model-dev': foreign };
  await host.asApp('PUT', `/rest/api/3/issue/${pilot.key}/properties/ai-pilot-workstreams`, {
    rows: legacy,
    complete: true,
  });
  const view = unwrap(await panel<PanelView>(host, pilot.key, 'u-member', 'panel/load'));
  const migrated = host.kvs.state[`workstreams:${pilot.id}`]?.value as {
    rows: Record<string, string>;
    migratedFrom?: string;
  };
  expect(migrated.migratedFrom).toBe('issue-property');
  expect(migrated.rows['model-dev']).toBeUndefined();
  expect(view.workstreams.find((w) => w.rowId === 'model-dev')?.issueId).toBeNull();
  // A later change to the property is not read again.
  await host.asApp('PUT', `/rest/api/3/issue/${pilot.key}/properties/ai-pilot-workstreams`, {
    rows: {},
    complete: false,
  });
  const again = unwrap(await panel<PanelView>(host, pilot.key, 'u-member', 'panel/load'));
  expect(again.workstreams.filter((w) => w.issueId).length).toBe(DEFAULT_TEMPLATE.length - 1);
});

it('ignores the old property on a pilot created since app storage began, even before its mapping is stored', async () => {
  const pilot = await createPilot(host, 'OPS', 'New pilot, property forged early');
  await host.runner.idle();
  const own = (host.kvs.state[`workstreams:${pilot.id}`]?.value as { rows: Record<string, string> }).rows;
  // The window between creation and seeding's first write: no mapping stored yet. A member writes the property,
  // pointing every row at one sub-task (which they could then close to meet "required workstreams done").
  delete host.kvs.state[`workstreams:${pilot.id}`];
  const one = Object.values(own)[0]!;
  const forged = Object.fromEntries(DEFAULT_TEMPLATE.map((r) => [r.id, one]));
  expect(
    (
      await host.asUser('u-member', 'PUT', `/rest/api/3/issue/${pilot.key}/properties/ai-pilot-workstreams`, {
        rows: forged,
        complete: true,
      })
    ).status,
  ).toBeLessThan(300);
  await panel<PanelView>(host, pilot.key, 'u-member', 'panel/load');
  const stored = host.kvs.state[`workstreams:${pilot.id}`]?.value as
    { rows: Record<string, string>; migratedFrom?: string } | undefined;
  expect(stored?.migratedFrom).toBeUndefined();
  expect(Object.values(stored?.rows ?? {}).filter((id) => id === one).length).toBeLessThanOrEqual(1);
});
