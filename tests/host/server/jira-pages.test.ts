// The host's own Jira pages, over HTTP as a browser gets them: the Create form starts on a project that has the AI
// Pilot type and answers a refusal in words that name the form's fields (not raw JSON); the issue's Details sidebar
// shows the app's object fields through the manifest's view.formatter.
import { HostServer } from '../../../host/server/server';
import type { LocalHost } from '../../../host/host';
import { DEMO_USERS, startHost, stopHost } from '../../support/local-host';

let host: LocalHost;
let server: HostServer;
let url: string;
beforeAll(async () => {
  host = await startHost();
  server = new HostServer(host, DEMO_USERS.admin.accountId);
  url = await server.listen(0);
});
afterAll(async () => {
  await server.close();
  await stopHost(host);
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function projectsWithPilotType(): Promise<string[]> {
  const res = await host.asUser(DEMO_USERS.admin.accountId, 'GET', '/rest/api/3/project/search?expand=issueTypes');
  const values = (res.body as { values: Array<{ key: string; issueTypes: Array<{ name: string }> }> }).values;
  return values.filter((p) => p.issueTypes.some((t) => t.name === 'AI Pilot')).map((p) => p.key);
}

const create = (fields: Record<string, string>) =>
  fetch(`${url}/host/issues`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

it('starts the Create form on a project that has the AI Pilot type, and creating there succeeds', async () => {
  const html = await (await fetch(`${url}/`)).text();
  const select = /<select name="project">([\s\S]*?)<\/select>/.exec(html)![1]!;
  const options = [...select.matchAll(/<option value="([^"]+)"( selected)?/g)];
  // What a browser submits: the selected option, or the first one when none is.
  const chosen = (options.find((o) => o[2]) ?? options[0])![1]!;
  const withType = await projectsWithPilotType();
  expect(withType).not.toContain(options[0]![1]); // the first project in the list lacks the type
  expect(withType).toContain(chosen);
  const res = await create({ project: chosen, issuetype: 'AI Pilot', summary: 'Created from the form' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(new RegExp(`^/jira/browse/${chosen}-\\d+$`));
  await host.runner.idle();
});

it("answers a refusal with Jira's reasons under the form's labels, not raw JSON", async () => {
  const withoutType = (await (await fetch(`${url}/`)).text()).match(
    /<option value="([^"]+)"[^>]*>[^<]*\(no AI Pilot type\)/,
  )![1]!;
  const html = await (await create({ project: withoutType, issuetype: 'AI Pilot', summary: 'Wrong project' })).text();
  const error = /<ul class="error" role="alert" data-testid="create-error">([\s\S]*?)<\/ul>/.exec(html)![1]!;
  expect(text(error)).toMatch(/Type: \S/);
  expect(html).not.toMatch(/"errors"|"errorMessages"|<pre/);
  const blank = await (await create({ project: 'OPS', issuetype: 'AI Pilot', summary: '' })).text();
  expect(text(/data-testid="create-error">([\s\S]*?)<\/ul>/.exec(blank)![1]!)).toMatch(/Summary: \S/);
});

it("shows the app's object fields in the Details sidebar through the manifest's formatter", async () => {
  const html = await (await fetch(`${url}/jira/browse/PAY-1`)).text();
  const details = text(/<table data-testid="issue-fields">([\s\S]*?)<\/table>/.exec(html)![1]!);
  expect(details).toMatch(/AI Pilot diagnostic (\d\/7 yes, \S+|Not assessed)/);
  expect(details).toMatch(/AI Pilot stall status (Stalled \d+ days|On track|Not scanned)/);
  expect(details).not.toMatch(/[{}]/);
});
