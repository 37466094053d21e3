// Remote issue links as Jira serves them: Link issues required, object.url and object.title required, and a
// globalId already on the issue updates that link (200) instead of adding another (201).
import { ADMIN, ALICE, BOB, createTestSite, type TestSite } from './fixture';

let site: TestSite;
let key: string;
beforeEach(async () => {
  site = createTestSite();
  const created = await site.as(ADMIN)('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'Linked' },
  });
  key = (created.body as { key: string }).key;
});
afterEach(() => expect(site.tally.violations).toEqual([]));

const link = (globalId: string, title: string) => ({
  globalId,
  object: { url: 'https://site/wiki/spaces/S/pages/1', title },
});

it('adds a link, then updates it in place for the same globalId', async () => {
  const first = await site.as(ALICE)('POST', `/rest/api/3/issue/${key}/remotelink`, link('page=1', 'Plan'));
  expect(first.status).toBe(201);
  const again = await site.as(ALICE)('POST', `/rest/api/3/issue/${key}/remotelink`, link('page=1', 'Plan v2'));
  expect(again.status).toBe(200);
  expect((again.body as { id: number }).id).toBe((first.body as { id: number }).id);
  const issue = site.jira.state.issues.find((i) => i.key === key)!;
  expect(issue.remoteLinks?.map((l) => l.title)).toEqual(['Plan v2']);
});

it('refuses someone without Link issues, and a link without a title', async () => {
  expect((await site.as(BOB)('POST', `/rest/api/3/issue/${key}/remotelink`, link('page=1', 'Plan'))).status).toBe(403);
  expect(
    (await site.as(ALICE)('POST', `/rest/api/3/issue/${key}/remotelink`, { object: { url: 'https://x' } })).status,
  ).toBe(400);
  // The OpenAPI document itself requires the title: the check counts the request as a violation too.
  expect(site.tally.violations.splice(0)).toEqual([expect.stringMatching(/required property 'title'/)]);
  expect(site.jira.state.issues.find((i) => i.key === key)!.remoteLinks ?? []).toEqual([]);
});
