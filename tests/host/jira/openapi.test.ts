// The OpenAPI checker: malformed requests are refused like Jira would and recorded, responses are validated, and
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
// the minimal Confluence passes its own document.
import { createConfluence } from '../../../host/confluence';
import { createOpenApiChecker, createTally, withOpenApiChecks } from '../../../host/openapi';
import type { RestRequest, RestResponse } from '../../../host/jira';
import { ALICE, APP, APP_ID, ENV_ID, checker, createTestSite, finish } from './fixture';

const tally = createTally();
afterAll(() => {
  expect(finish(tally, 'jira-openapi')).toEqual([]);
});

describe('loading', () => {
  it('loads both documents well under 3 s', () => {
    const fresh = createOpenApiChecker();
    expect(fresh.loadMs).toBeLessThan(3000);
  });
});

describe('requests that break the spec', () => {
  it('a bulk body with issueUpdates as a string: 400 naming the problem, a recorded violation, no issue created', async () => {
    const bad = createTally();
    const site = createTestSite(bad);
    const res = await site.as(APP)('POST', '/rest/api/3/issue/bulk', { issueUpdates: 'PIL-1' });
    expect(res.status).toBe(400);
    expect((res.body as any).errorMessages[0]).toMatch(/createIssues: body\.issueUpdates must be array/);
    expect((res.body as any).errors).toEqual({});
    expect(bad.violations).toEqual(['POST /rest/api/3/issue/bulk request: body.issueUpdates must be array']);
    expect(site.jira.state.issues).toHaveLength(0);
  });

  it.each([
    ['GET', '/rest/api/3/search/jql?jql=project%3DPIL&maxResults=lots', undefined, 'query.maxResults must be integer'],
    ['GET', '/rest/api/3/issuetype/project?projectId=PIL', undefined, 'query.projectId must be integer'],
    ['GET', '/rest/api/3/issuetype/project', undefined, "query must have required property 'projectId'"],
    [
      'POST',
      '/rest/api/3/issuetype',
      { name: 'X', type: 'epic' },
      'body.type must be equal to one of the allowed values',
    ],
    [
      'POST',
      '/rest/api/3/app/field/value',
      { updates: [{ customField: 'pilot-score', issueIds: ['PIL-1'], value: 1 }] },
      'body.updates.0.issueIds.0 must be integer',
    ],
    [
      'PUT',
      '/rest/api/3/issuetypescheme/10001/issuetype',
      { ids: ['1'] },
      "body must have required property 'issueTypeIds'",
    ],
    ['PUT', '/rest/api/3/issue/PIL-1/properties/p', undefined, 'body is required'],
    ['GET', '/rest/api/3/myself', { unexpected: true }, 'body given, but the operation takes none'],
    [
      'GET',
      '/rest/api/3/issue/PIL-1?fields=summary&notifyUsers=false',
      undefined,
      "query has unknown parameter 'notifyUsers'",
    ],
    ['GET', '/wiki/api/v2/pages/1?body-format=storage&expand=body', undefined, "query has unknown parameter 'expand'"],
  ])('%s %s is refused', async (method, path, body, violation) => {
    const bad = createTally();
    const site = createTestSite(bad);
    const res = await site.as(APP)(method, path, body);
    expect(res.status).toBe(400);
    expect(bad.violations.join('\n')).toContain(violation);
  });

  it('a path or method outside the spec is a violation (and the host answers 404/405)', async () => {
    const bad = createTally();
    const site = createTestSite(bad);
    expect((await site.as(APP)('GET', '/rest/api/3/pilot/everything')).status).toBe(404);
    expect((await site.as(APP)('DELETE', '/rest/api/3/myself')).status).toBe(405);
    expect(bad.violations).toEqual([
      'GET /rest/api/3/pilot/everything request: GET /rest/api/3/pilot/everything is not an operation of the Jira platform v3 OpenAPI document',
      'DELETE /rest/api/3/myself request: DELETE /rest/api/3/myself is not an operation of the Jira platform v3 OpenAPI document',
    ]);
  });
});

describe('responses', () => {
  it('flags a response that breaks its schema or uses an undocumented success status', async () => {
    const bad = createTally();
    const fake = (res: RestResponse) => withOpenApiChecks({ handle: async (_req: RestRequest) => res }, checker(), bad);
    await fake({ status: 200, headers: {}, body: { id: 10000, key: 'PIL-1', self: 'relative', unknown: true } }).handle(
      { method: 'GET', path: '/rest/api/3/issue/PIL-1', principal: APP },
    );
    await fake({ status: 201, headers: {}, body: undefined }).handle({
      method: 'GET',
      path: '/rest/api/3/myself',
      principal: APP,
    });
    expect(bad.violations).toEqual([
      "GET /rest/api/3/issue/PIL-1 → 200 response: body must NOT have additional properties 'unknown'",
      'GET /rest/api/3/issue/PIL-1 → 200 response: body.id must be string',
      'GET /rest/api/3/issue/PIL-1 → 200 response: body.self must match format "uri"',
      'GET /rest/api/3/myself → 201 response: status 201 is not documented (documented: 200, 401)',
    ]);
    expect(bad.checked).toBe(4);
  });

  it('passes well-formed traffic and counts each request and response', async () => {
    const site = createTestSite(tally);
    const before = tally.checked;
    expect((await site.as(ALICE)('GET', '/rest/api/3/project/search?maxResults=1')).status).toBe(200);
    expect(tally.checked - before).toBe(2);
    expect(tally.violations).toEqual([]);
  });
});

describe('Confluence', () => {
  const setup = () => {
    const confluence = createConfluence({
      appId: APP_ID,
      envId: ENV_ID,
      clock: () => new Date('2026-03-01T12:00:00.000Z'),
    });
    confluence.addSpace({ key: 'PMO', name: 'Programme office', authorId: 'u-admin' });
    confluence.addSpace({ key: 'ENG', name: 'Engineering', authorId: 'u-admin' });
    const page = confluence.addPage({
      spaceKey: 'PMO',
      title: 'AI pilot portfolio',
      authorId: 'u-admin',
      text: '<p>All our pilots.</p>',
      macros: [
        { moduleKey: 'pilot-portfolio', title: 'AI pilot portfolio', config: { jql: 'project = PIL', stallDays: 90 } },
      ],
    });
    return { confluence, page, checked: withOpenApiChecks(confluence, checker(), tally) };
  };

  it('serves pages with the macro stored in the body (storage and ADF)', async () => {
    const { page, checked, confluence } = setup();
    const storage = await checked.handle({
      method: 'GET',
      path: `/wiki/api/v2/pages/${page.id}?body-format=storage`,
      principal: ALICE,
    });
    expect(storage.status).toBe(200);
    const body = storage.body as any;
    expect(body).toMatchObject({ id: page.id, title: 'AI pilot portfolio', status: 'current', version: { number: 1 } });
    expect(body.body.storage.value).toContain('<p>All our pilots.</p>');
    expect(body.body.storage.value).toContain(`00000000-0000-4000-8000-000000000000/${ENV_ID}/static/pilot-portfolio`);
    expect(body.body.storage.value).toContain('<ac:adf-parameter key="jql">project = PIL</ac:adf-parameter>');
    confluence.setMacroConfig(page.id, page.macros[0]!.localId, { jql: 'project = OPS' });
    const adf = await checked.handle({
      method: 'GET',
      path: `/wiki/api/v2/pages/${page.id}?body-format=atlas_doc_format`,
      principal: ALICE,
    });
    const doc = JSON.parse((adf.body as any).body.atlas_doc_format.value);
    expect(doc.content[1]).toMatchObject({
      type: 'extension',
      attrs: { extensionType: 'com.atlassian.ecosystem', parameters: { guestParams: { jql: 'project = OPS' } } },
    });
    expect((adf.body as any).version.number).toBe(2);
    const missing = await checked.handle({ method: 'GET', path: '/wiki/api/v2/pages/1', principal: ALICE });
    expect(missing.status).toBe(404);
  });

  it('lists spaces with cursor paging', async () => {
    const { checked } = setup();
    const first = await checked.handle({ method: 'GET', path: '/wiki/api/v2/spaces?limit=1', principal: ALICE });
    expect((first.body as any).results.map((s: any) => s.key)).toEqual(['PMO']);
    const next = (first.body as any)._links.next as string;
    expect(next).toMatch(/cursor=/);
    const second = await checked.handle({ method: 'GET', path: next, principal: ALICE });
    expect((second.body as any).results.map((s: any) => s.key)).toEqual(['ENG']);
    expect((second.body as any)._links.next).toBeUndefined();
    const byKey = await checked.handle({ method: 'GET', path: '/wiki/api/v2/spaces?keys=ENG', principal: ALICE });
    expect((byKey.body as any).results).toHaveLength(1);
  });

  it('a non-numeric page id breaks the Confluence document', async () => {
    const bad = createTally();
    const { confluence } = setup();
    const res = await withOpenApiChecks(confluence, checker(), bad).handle({
      method: 'GET',
      path: '/wiki/api/v2/pages/abc',
      principal: ALICE,
    });
    expect(res.status).toBe(400);
    expect(bad.violations).toEqual(['GET /wiki/api/v2/pages/abc request: path.id must be integer']);
  });
});
