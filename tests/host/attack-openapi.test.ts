// Attack: the OpenAPI check refuses query parameters the operation does not document, in GET and POST alike, and
// an app call to a path outside the document never reaches the in-process Jira as if it were an operation.
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
  expect((await alice('PUT', '/rest/api/3/issue/PIL-1?notifyUser=false', { fields: {} })).status).toBe(400);
  expect(site.tally.violations.length).toBeGreaterThan(0);
});
