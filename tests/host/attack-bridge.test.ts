// Attack: @forge/bridge's requestJira from a Custom UI frame acts as the person viewing it. Like asUser(), it needs
// that person's consent (Forge asks for it; the app gets no data first), and an issue it changes is the app's own
// doing: the event is self-generated (Forge's product events reference), so ignoreSelf drops it. The host's bridge
// answered without consent and delivered the event as if the person had made the change in Jira.
import { NeedsAuthenticationError } from '@forge/api';
import type { LocalHost } from '../../host/host';
import { HostServer, type Frame } from '../../host/server/server';
import { DEMO_USERS, startHost, stopHost } from '../support/local-host';

let host: LocalHost;
let server: HostServer;
const admin = DEMO_USERS.admin.accountId;
beforeAll(async () => {
  host = await startHost({ demo: false });
  host.jira.addUser({ accountId: admin, displayName: DEMO_USERS.admin.displayName, siteAdmin: true });
  host.jira.addProject({ key: 'BRG', name: 'Bridge', leadAccountId: admin });
  server = new HostServer(host, admin);
});
afterAll(() => stopHost(host));

const frame = (): Frame => ({
  id: 'f1',
  colorMode: 'light',
  resource: 'panel',
  moduleKey: 'pilot-panel',
  resolverFunction: null,
  accountId: admin,
  context: () => ({}),
});
const createIssue = () =>
  server.bridgeCall(frame(), 'fetchProduct', {
    product: 'jira',
    restPath: '/rest/api/3/issue',
    fetchRequestInit: {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({
        fields: { project: { key: 'BRG' }, issuetype: { name: 'Task' }, summary: 'From the frame' },
      }),
    },
  }) as Promise<{ status: number }>;

it('asks for consent before requestJira acts as the person', async () => {
  host.consent.delete(admin);
  await expect(createIssue()).rejects.toBeInstanceOf(NeedsAuthenticationError);
});

it("marks what requestJira changes as the app's own (self-generated)", async () => {
  host.consent.add(admin);
  const seen: Array<Record<string, unknown>> = [];
  host.jira.onEvent((e) => seen.push(e as unknown as Record<string, unknown>));
  expect((await createIssue()).status).toBe(201);
  expect(seen).toEqual([expect.objectContaining({ eventType: 'avi:jira:created:issue', selfGenerated: true })]);
});
