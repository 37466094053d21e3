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

it("tells the app the scopes it has now, not the ones it had when the host started", () => {
  host.manifest.permissions.scopes = ['read:jira-work'];
  expect(getAppContext().permissions?.scopes).toEqual(['read:jira-work']);
});
