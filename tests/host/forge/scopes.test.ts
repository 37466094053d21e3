// The platform's scope check, in the host: every REST call the app sends is held against the OpenAPI document's
// scope sets (classic or granular) and the manifest's permissions.scopes; a call outside them is Jira's 403.
import api, { route } from '@forge/api';
import type { LocalHost } from '../../../host/host';
import { projectSettingsContext, invokeAs } from '../../../host/forge/contexts';
import { DEMO_USERS, startHost, stopHost } from '../../support/local-host';

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

const withScopes = (scopes: string[]) => {
  host.manifest.permissions.scopes = scopes;
};

describe('REST calls the app makes are checked against its scopes', () => {
  it('refuses a Jira call whose classic and granular scopes are both missing: 403 in Jira error shape, listing both sets', async () => {
    withScopes(manifestScopes.filter((s) => s !== 'manage:jira-project'));
    const response = await api.asApp().requestJira(route`/rest/api/3/screenscheme`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errorMessages: string[] };
    expect(body.errorMessages).toHaveLength(1);
    expect(body.errorMessages[0]).toMatch(
      /^Access to the resource was denied due to missing scope grants\. Your app was granted the following scopes: \[read:jira-work,/,
    );
    expect(body.errorMessages[0]).toContain(' * [manage:jira-project]\n');
    expect(body.errorMessages[0]).toContain(' * [read:screen-scheme:jira, read:issue-type-screen-scheme:jira]\n');
  });

  it('lets the call through with the classic scope, or with every scope of the granular set, but not half of it', async () => {
    expect((await api.asApp().requestJira(route`/rest/api/3/screenscheme`)).status).toBe(200);
    withScopes(['read:screen-scheme:jira', 'read:issue-type-screen-scheme:jira']);
    expect((await api.asApp().requestJira(route`/rest/api/3/screenscheme`)).status).toBe(200);
    withScopes(['read:screen-scheme:jira']);
    expect((await api.asApp().requestJira(route`/rest/api/3/screenscheme`)).status).toBe(403);
  });

  it('needs no scope where the document lists an empty set (app custom field values)', async () => {
    withScopes([]);
    const response = await api.asApp().requestJira(route`/rest/api/3/app/field/value`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ updates: [] }),
    });
    expect(response.status).not.toBe(403);
  });

  it('checks Confluence calls too (the manifest has no Confluence page-read scope), in the Confluence error shape', async () => {
    const response = await api.asApp().requestConfluence(route`/wiki/api/v2/pages/1`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: Array<{ status: number; code: string; detail: string }> };
    expect(body.errors[0]).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(body.errors[0]!.detail).toContain(' * [read:page:confluence]\n');
  });

  it('does not check what people do in the product itself (host pages and tests calling as a user)', async () => {
    withScopes([]);
    expect((await host.asApp('GET', '/rest/api/3/screenscheme')).status).toBe(200);
  });
});

describe("the app's project setup", () => {
  const setup = async (key: string) => {
    const project = host.jira.addProject({
      key,
      name: `Setup check ${key}`,
      leadAccountId: DEMO_USERS.admin.accountId,
    });
    const context = projectSettingsContext(host, DEMO_USERS.admin.accountId, project);
    return invokeAs<{ ok: boolean; error?: { code: string; message: string } }>(
      host,
      'jira:projectSettingsPage',
      context,
      DEMO_USERS.admin.accountId,
      'settings/setup',
      {},
    );
  };

  beforeAll(() => {
    host.jira.addUser({
      accountId: DEMO_USERS.admin.accountId,
      displayName: DEMO_USERS.admin.displayName,
      siteAdmin: true,
    });
    host.consent.add(DEMO_USERS.admin.accountId);
  });

  it('fails without manage:jira-project (the screens it adds its fields to need it)', async () => {
    withScopes(manifestScopes.filter((s) => s !== 'manage:jira-project'));
    const result = await setup('SCA');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain('manage:jira-project');
  });

  it('works with the manifest as it is', async () => {
    const result = await setup('SCB');
    expect(result).toMatchObject({ ok: true });
  });
});
