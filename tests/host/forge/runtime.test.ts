// The Forge runtime of the local host: unmodified @forge/api and @forge/kvs reach the in-process products through
// the runtime's globals, asUser is limited to what that person may see, and the fault modes do what tests need.
import api, { NeedsAuthenticationError, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { LocalHost } from '../../../host/host';
import { DEMO_USERS, jql, startHost, stopHost } from '../../support/local-host';
import { runInvocation } from '../../../host/forge/invocation';

let host: LocalHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => stopHost(host));

const asUserSearch = (accountId: string, query: string) =>
  runInvocation({ functionKey: 'test', moduleKey: 'test', timeoutMs: 25_000, accountId }, async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: query, fields: ['project'], maxResults: 100 }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { issues: Array<{ key: string; fields: { project: { key: string } } }> },
    };
  });

describe('asUser and asApp through the unmodified SDK', () => {
  it('shows the restricted viewer no issue of the project they cannot browse', async () => {
    const viewer = await asUserSearch(DEMO_USERS.viewer.accountId, 'issuetype = "AI Pilot" ORDER BY key');
    expect(viewer.status).toBe(200);
    const projects = new Set(viewer.body.issues.map((i) => i.fields.project.key));
    expect(projects.has('RISK')).toBe(false);
    expect(projects).toEqual(new Set(['PAY', 'OPS']));
    const admin = await asUserSearch(DEMO_USERS.admin.accountId, 'issuetype = "AI Pilot" ORDER BY key');
    expect(admin.body.issues.some((i) => i.fields.project.key === 'RISK')).toBe(true);
  });

  it('refuses the viewer a RISK issue by key, as Jira does (404)', async () => {
    const [riskKey] = await jql(host, 'project = RISK AND issuetype = "AI Pilot" ORDER BY key');
    const response = await runInvocation(
      { functionKey: 't', moduleKey: 't', timeoutMs: 25_000, accountId: DEMO_USERS.viewer.accountId },
      () => api.asUser().requestJira(route`/rest/api/3/issue/${riskKey!}`),
    );
    expect(response.status).toBe(404);
    const asApp = await api.asApp().requestJira(route`/rest/api/3/issue/${riskKey!}`);
    expect(asApp.status).toBe(200);
  });

  it('asks a person who has not allowed access for consent (NeedsAuthenticationError)', async () => {
    await expect(asUserSearch(DEMO_USERS.noa.accountId, 'project = PAY')).rejects.toBeInstanceOf(
      NeedsAuthenticationError,
    );
  });

  it('round-trips KVS through @forge/kvs, including an atomic FAIL_IF_EXISTS claim', async () => {
    await kvs.set('test:key', { a: 1 });
    expect(await kvs.get('test:key')).toEqual({ a: 1 });
    expect(await kvs.get('test:missing')).toBeUndefined();
    await kvs.set('test:claim', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(kvs.set('test:claim', 2, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({
      code: 'KEY_ALREADY_EXISTS',
    });
    expect(await kvs.get('test:claim')).toBe(1);
  });
});

describe('fault modes', () => {
  afterEach(() => host.faults.set({}));

  it('answers a chosen share of calls with 429 and Retry-After', async () => {
    host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 7 });
    const response = await api.asApp().requestJira(route`/rest/api/3/myself`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('answers 503 with Retry-After when asked', async () => {
    host.faults.set({ serverErrorShare: 1, retryAfterSeconds: 3 });
    const response = await api.asApp().requestJira(route`/rest/api/3/myself`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('delivers an event 3 times when asked, concurrently, to the trigger', async () => {
    host.faults.set({ eventDeliveries: 3 });
    const before = host.runner.deliveries.length;
    const created = await host.asUser(DEMO_USERS.member.accountId, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'AI Pilot' }, summary: 'Delivered thrice' },
    });
    const id = (created.body as { id: string }).id;
    await host.runner.idle();
    const firstAttempts = host.runner.deliveries
      .slice(before)
      .filter(
        (d) =>
          d.functionKey === 'on-pilot-issue' &&
          d.eventType === 'avi:jira:created:issue' &&
          d.attempt === 0 &&
          d.outcome !== 'filtered',
      );
    expect(firstAttempts).toHaveLength(3);
    expect(host.jira.state.issues.filter((i) => i.parentId === id)).toHaveLength(8);
  });
});

describe("the app's Jira client under rate limits", () => {
  afterEach(() => host.faults.set({}));

  it('waits out a short Retry-After in-process, but not beyond what the invocation has left', async () => {
    const { jiraJson } = await import('../../../src/adapters/jira/jira.client');
    const { z } = await import('zod');
    const call = () =>
      jiraJson(
        { as: 'app', route: route`/rest/api/3/myself`, endpoint: 'GET /rest/api/3/myself' },
        z.looseObject({ accountId: z.string() }),
      );
    host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 1 });
    setTimeout(() => host.faults.set({}), 1_500);
    const started = Date.now();
    await expect(runInvocation({ functionKey: 't', moduleKey: 't', timeoutMs: 25_000 }, call)).resolves.toMatchObject({
      accountId: expect.any(String),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

    host.faults.set({ rateLimitShare: 1, retryAfterSeconds: 3 });
    const quick = Date.now();
    await expect(runInvocation({ functionKey: 't', moduleKey: 't', timeoutMs: 6_000 }, call)).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 3,
    });
    expect(Date.now() - quick).toBeLessThan(1_000);
  });
});
