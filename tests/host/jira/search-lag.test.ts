// Search is eventually consistent, as /search/jql documents ("recent updates might not be immediately visible"):
// writes reach JQL once the index catches up, and reconcileIssues (at most 50 ids) reads the named issues as
// they are now. The lag here is the default (until catchUpSearch()), or measured on the site's own clock.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { createJira } from '../../../host/jira';
import {
  ALICE,
  APP,
  APP_ID,
  ENV_ID,
  FORGE_FIELDS,
  checker,
  create,
  createTestSite,
  finish,
  jql,
  type Send,
  type TestSite,
} from './fixture';
import { createTally, withOpenApiChecks } from '../../../host/openapi';

let site: TestSite;
let alice: Send;

beforeEach(() => {
  site = createTestSite();
  alice = site.as(ALICE);
});

afterEach(() => {
  expect(finish(site.tally, 'host-search-lag')).toEqual([]);
});

const keys = (res: { body: unknown }): string[] => (res.body as any).issues.map((i: any) => i.key);
const post = (send: Send, body: Record<string, unknown>) =>
  send('POST', '/rest/api/3/search/jql', { fields: ['summary'], ...body });

describe('search trails writes', () => {
  it('does not see a new issue until the index catches up', async () => {
    const created = await create(alice, 'PIL', 'Fresh pilot');
    expect(keys(await alice('GET', jql('project = PIL')))).toEqual([]);
    expect(
      ((await alice('POST', '/rest/api/3/search/approximate-count', { jql: 'project = PIL' })).body as any).count,
    ).toBe(0);
    // The issue itself is there: only search lags.
    expect((await alice('GET', `/rest/api/3/issue/${created.key}`)).status).toBe(200);
    site.jira.catchUpSearch();
    expect(keys(await alice('GET', jql('project = PIL')))).toEqual([created.key]);
  });

  it('answers with the indexed copy of an edited issue: old values match, new ones do not', async () => {
    const created = await create(alice, 'PIL', 'Before');
    site.jira.catchUpSearch();
    expect((await alice('PUT', `/rest/api/3/issue/${created.key}`, { fields: { summary: 'After' } })).status).toBe(204);
    const stale = await post(alice, { jql: 'summary ~ "Before"' });
    expect(keys(stale)).toEqual([created.key]);
    expect((stale.body as any).issues[0].fields.summary).toBe('Before');
    expect(keys(await post(alice, { jql: 'summary ~ "After"' }))).toEqual([]);
  });

  it('sees issue property writes only after the lag too', async () => {
    const created = await create(alice, 'PIL', 'With a property');
    site.jira.catchUpSearch();
    await alice('PUT', `/rest/api/3/issue/${created.id}/properties/flag`, { on: true });
    expect((await post(alice, { jql: 'project = PIL', properties: ['flag'] })).body).toMatchObject({
      issues: [{ key: created.key, properties: {} }],
    });
    site.jira.catchUpSearch();
    expect((await post(alice, { jql: 'project = PIL', properties: ['flag'] })).body).toMatchObject({
      issues: [{ properties: { flag: { on: true } } }],
    });
  });

  it('reflects the issues named in reconcileIssues as they are now, and only those (POST body)', async () => {
    const a = await create(alice, 'PIL', 'Reconciled');
    const b = await create(alice, 'PIL', 'Not reconciled');
    const res = await post(alice, { jql: 'project = PIL ORDER BY key ASC', reconcileIssues: [Number(a.id)] });
    expect(res.status).toBe(200);
    expect(keys(res)).toEqual([a.key]);
    expect(keys(res)).not.toContain(b.key);
  });

  it('drops a reconciled issue that no longer matches', async () => {
    const a = await create(alice, 'PIL', 'Matches now');
    site.jira.catchUpSearch();
    await alice('PUT', `/rest/api/3/issue/${a.key}`, { fields: { summary: 'Renamed' } });
    expect(keys(await post(alice, { jql: 'summary ~ "Matches"' }))).toEqual([a.key]);
    expect(keys(await post(alice, { jql: 'summary ~ "Matches"', reconcileIssues: [Number(a.id)] }))).toEqual([]);
  });

  it('takes reconcileIssues as a query parameter of GET', async () => {
    const a = await create(alice, 'PIL', 'By GET');
    expect(keys(await alice('GET', jql('project = PIL', `&reconcileIssues=${a.id}`)))).toEqual([a.key]);
  });

  it('refuses more than 50 reconcileIssues, as documented', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => 10000 + i);
    const res = await post(alice, { jql: 'project = PIL', reconcileIssues: ids });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/reconcileIssues.*50/);
    expect((await post(alice, { jql: 'project = PIL', reconcileIssues: ids.slice(0, 50) })).status).toBe(200);
  });

  it('does not reveal issues the caller cannot browse through reconcileIssues', async () => {
    const secret = await create(site.as(APP), 'SEC', 'Hidden');
    expect(keys(await post(alice, { jql: 'summary ~ "Hidden"', reconcileIssues: [Number(secret.id)] }))).toEqual([]);
  });
});

describe('a timed lag', () => {
  it('takes a write in once its lag has passed on the site clock', async () => {
    const now = { value: new Date('2026-03-01T12:00:00.000Z') };
    const tally = createTally();
    const jira = createJira({
      appId: APP_ID,
      envId: ENV_ID,
      forgeFields: FORGE_FIELDS,
      clock: () => now.value,
      searchLagMs: 2000,
    });
    jira.addUser({ accountId: 'u-admin', displayName: 'Ada Admin', siteAdmin: true });
    jira.addProject({ key: 'PIL', name: 'AI Pilots', leadAccountId: 'u-admin' });
    const checked = withOpenApiChecks(jira, checker(), tally);
    const admin: Send = (method, path, body) =>
      checked.handle({ method, path, body, principal: { kind: 'user', accountId: 'u-admin' } });
    const created = await create(admin, 'PIL', 'Timed');
    now.value = new Date('2026-03-01T12:00:01.999Z');
    expect(keys(await admin('GET', jql('project = PIL')))).toEqual([]);
    now.value = new Date('2026-03-01T12:00:02.000Z');
    expect(keys(await admin('GET', jql('project = PIL')))).toEqual([created.key]);
    expect(finish(tally, 'host-search-lag-timed')).toEqual([]);
  });
});
