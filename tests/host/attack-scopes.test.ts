// Attack: every platform call an app makes is held to its manifest's scopes, not only REST calls. Forge's storage
// docs: "Using the @forge/kvs package requires the storage:app scope in your manifest file". The host served KVS to
// an app without it, so a manifest that dropped storage:app would have passed every local test.
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { LocalHost } from '../../host/host';
import { startHost, stopHost } from '../support/local-host';

let host: LocalHost;
let manifestScopes: string[];
beforeAll(async () => {
  host = await startHost({ demo: false });
  manifestScopes = [...host.manifest.permissions.scopes];
});
afterEach(() => {
  host.manifest.permissions.scopes = [...manifestScopes];
});
afterAll(() => stopHost(host));

it('refuses KVS reads and writes without storage:app, and serves them with it', async () => {
  host.manifest.permissions.scopes = manifestScopes.filter((s) => s !== 'storage:app');
  await expect(kvs.set('attack:1', { on: true })).rejects.toThrow(/storage:app/);
  await expect(kvs.get('attack:1')).rejects.toThrow(/storage:app/);
  host.manifest.permissions.scopes = [...manifestScopes];
  await kvs.set('attack:1', { on: true });
  expect(await kvs.get('attack:1')).toEqual({ on: true });
});

it('tells the app the scopes it has now, not the ones it had when the host started', () => {
  host.manifest.permissions.scopes = ['read:jira-work'];
  expect(getAppContext().permissions?.scopes).toEqual(['read:jira-work']);
});

describe('events the app causes as a user are its own', () => {
  // Forge's product events reference: "When your app makes an API call that triggers an event your app is also
  // subscribed to, the resulting event is considered self-generated"; ignoreSelf discards it, and without the filter
  // it arrives with `selfGenerated: true`. The host only knew the app's asApp() writes as the app's own.
  it('drops an issue event caused by an asUser() call under ignoreSelf, and marks it selfGenerated', async () => {
    const { DEMO_USERS } = await import('../support/local-host');
    const admin = DEMO_USERS.admin.accountId;
    host.jira.addUser({ accountId: admin, displayName: DEMO_USERS.admin.displayName, siteAdmin: true });
    host.consent.add(admin);
    host.jira.addProject({ key: 'ATK', name: 'Attack', leadAccountId: admin });
    const seen: Array<Record<string, unknown>> = [];
    host.jira.onEvent((e) => seen.push(e as unknown as Record<string, unknown>));
    const before = host.runner.deliveries.length;
    const { default: api, route } = await import('@forge/api');
    const response = await api.asUser(admin).requestJira(route`/rest/api/3/issue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fields: { project: { key: 'ATK' }, issuetype: { name: 'Task' }, summary: 'Written by the app as a user' },
      }),
    });
    expect(response.status).toBe(201);
    await host.runner.idle();
    expect(seen).toEqual([
      expect.objectContaining({
        eventType: 'avi:jira:created:issue',
        selfGenerated: true,
        byApp: false,
        atlassianId: admin,
      }),
    ]);
    const deliveries = host.runner.deliveries.slice(before).filter((d) => d.eventType === 'avi:jira:created:issue');
    expect(deliveries).toEqual([
      expect.objectContaining({ functionKey: 'on-pilot-issue', outcome: 'filtered', detail: 'ignoreSelf' }),
    ]);
  });

  it('does not mark what a person does in Jira itself as self-generated', async () => {
    const { DEMO_USERS } = await import('../support/local-host');
    const seen: Array<Record<string, unknown>> = [];
    host.jira.onEvent((e) => seen.push(e as unknown as Record<string, unknown>));
    const res = await host.asUser(DEMO_USERS.admin.accountId, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'ATK' }, issuetype: { name: 'Task' }, summary: 'Typed in Jira' },
    });
    expect(res.status).toBe(201);
    expect(seen).toEqual([expect.objectContaining({ selfGenerated: false })]);
  });
});
