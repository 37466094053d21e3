// Attack: the OpenAPI check refuses query parameters the operation does not document, on reads and writes alike.
import { ALICE, createTestSite, jql, type Send, type TestSite } from './jira/fixture';

let site: TestSite;
let alice: Send;
beforeEach(() => {
  site = createTestSite();
  alice = site.as(ALICE);
});

it('refuses an unknown query parameter beside documented ones', async () => {
  expect((await alice('GET', jql('project = PIL', '&maxResults=5'))).status).toBe(200);
  const res = await alice('GET', jql('project = PIL', '&reconcile=1'));
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/unknown parameter 'reconcile'/);
  const before = site.tally.violations.length;
  const put = await alice('PUT', '/rest/api/3/issue/PIL-1?notifyUserz=false', { fields: {} });
  expect(put.status).toBe(400);
  expect(JSON.stringify(put.body)).toMatch(/unknown parameter 'notifyUserz'/);
  expect(site.tally.violations.length).toBe(before + 1);
});
