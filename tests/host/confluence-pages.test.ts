// The in-process Confluence's page creation, checked against the v2 OpenAPI document: who may add pages (404 as the
// document says), title uniqueness per space, ADF bodies with this app's macros, and the createPage body check
// (a body is one of the two documented shapes, never neither or both).
import { createConfluence } from '../../host/confluence';
import { createOpenApiChecker } from '../../host/openapi/checker';
import type { Principal } from '../../host/jira/types';

const APP = '00000000-0000-4000-8000-000000000000';
const ENV = 'env-1';
const checker = createOpenApiChecker();
const alice: Principal = { kind: 'user', accountId: 'alice' };
const bob: Principal = { kind: 'user', accountId: 'bob' };
const carol: Principal = { kind: 'user', accountId: 'carol' };

function site() {
  const confluence = createConfluence({ appId: `ari:cloud:ecosystem::app/${APP}`, envId: ENV });
  const space = confluence.addSpace({
    key: 'DOC',
    name: 'Docs',
    authorId: 'alice',
    permissions: { alice: ['view', 'create'], bob: ['view'] },
  });
  const open = confluence.addSpace({ key: 'OPEN', name: 'Open', authorId: 'alice' });
  const send = async (principal: Principal, method: string, path: string, body?: unknown) => {
    const check = checker.checkRequest({ method, path, body });
    expect(check.violations).toEqual([]);
    const res = await confluence.handle({ method, path, body, principal });
    expect(checker.checkResponse(check.operationId!, res)).toEqual([]);
    return res;
  };
  return { confluence, space, open, send };
}

const adf = (content: unknown[]) => ({
  representation: 'atlas_doc_format',
  value: JSON.stringify({ type: 'doc', version: 1, content }),
});

it('lists only the spaces a person may view', async () => {
  const { send } = site();
  const keys = async (p: Principal) =>
    ((await send(p, 'GET', '/wiki/api/v2/spaces')).body as { results: Array<{ key: string }> }).results.map(
      (s) => s.key,
    );
  expect(await keys(alice)).toEqual(['DOC', 'OPEN']);
  expect(await keys(carol)).toEqual(['OPEN']);
});

it("creates a page with an ADF body; this app's extension nodes become its macros", async () => {
  const { confluence, space, send } = site();
  const macro = {
    type: 'extension',
    attrs: {
      extensionType: 'com.atlassian.ecosystem',
      extensionKey: `${APP}/${ENV}/static/pilot-portfolio`,
      localId: 'm-1',
      parameters: { localId: 'm-1', extensionTitle: 'AI pilot portfolio', guestParams: { jql: 'key = PAY-1' } },
    },
  };
  const res = await send(alice, 'POST', '/wiki/api/v2/pages', {
    spaceId: space.id,
    status: 'current',
    title: 'Pathway',
    body: adf([{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }, macro]),
  });
  expect(res.status).toBe(200);
  const page = confluence.state.pages.find((p) => p.id === (res.body as { id: string }).id)!;
  expect(page.macros).toEqual([
    { moduleKey: 'pilot-portfolio', localId: 'm-1', title: 'AI pilot portfolio', config: { jql: 'key = PAY-1' } },
  ]);
  const read = await send(alice, 'GET', `/wiki/api/v2/pages/${page.id}?body-format=storage`);
  expect(JSON.stringify(read.body)).toContain('<p>Hello</p>');
  expect(JSON.stringify(read.body)).toContain('static/pilot-portfolio');
  // The page cannot be read by someone who cannot view its space.
  expect((await send(carol, 'GET', `/wiki/api/v2/pages/${page.id}`)).status).toBe(404);
});

it('refuses with 404 whoever may not add pages to the space, and nothing is created', async () => {
  const { confluence, space, send } = site();
  for (const who of [bob, carol]) {
    const res = await send(who, 'POST', '/wiki/api/v2/pages', { spaceId: space.id, title: 'Nope', body: adf([]) });
    expect(res.status).toBe(404);
  }
  expect(confluence.state.pages).toHaveLength(0);
});

it('refuses a second current page with the same title in the space (any case), not in another space', async () => {
  const { space, open, send } = site();
  expect(
    (await send(alice, 'POST', '/wiki/api/v2/pages', { spaceId: space.id, title: 'Plan', body: adf([]) })).status,
  ).toBe(200);
  const dup = await send(alice, 'POST', '/wiki/api/v2/pages', { spaceId: space.id, title: 'PLAN', body: adf([]) });
  expect(dup.status).toBe(400);
  expect(JSON.stringify(dup.body)).toMatch(/title already exists/);
  expect(
    (await send(alice, 'POST', '/wiki/api/v2/pages', { spaceId: open.id, title: 'Plan', body: adf([]) })).status,
  ).toBe(200);
});

it('refuses a published page without a title, and an ADF body that is not an ADF document', async () => {
  const { space, send } = site();
  expect((await send(alice, 'POST', '/wiki/api/v2/pages', { spaceId: space.id, body: adf([]) })).status).toBe(400);
  const bad = await send(alice, 'POST', '/wiki/api/v2/pages', {
    spaceId: space.id,
    title: 'X',
    body: { representation: 'atlas_doc_format', value: '{"type":"paragraph"}' },
  });
  expect(bad.status).toBe(400);
});

it('checks the createPage body as one of its two documented shapes', () => {
  const check = (body: unknown) =>
    checker.checkRequest({ method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: '1', title: 'T', body } })
      .violations;
  expect(check({ representation: 'storage', value: '<p>x</p>' })).toEqual([]);
  expect(check({ storage: { representation: 'storage', value: '<p>x</p>' } })).toEqual([]);
  expect(check({ representation: 'html', value: '<p>x</p>' })).not.toEqual([]);
  expect(
    check({ representation: 'storage', value: 'x', storage: { representation: 'storage', value: 'x' } }),
  ).not.toEqual([]);
  expect(check({ nothing: true })).not.toEqual([]);
});
