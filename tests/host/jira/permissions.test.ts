// Who sees and does what: a restricted user, the app's system user, site admins; users and projects endpoints.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ADMIN, ALICE, APP, BOB, create, createTestSite, finish, jql, type TestSite } from './fixture';

let site: TestSite;
let secKey: string;
let pilKey: string;

beforeAll(async () => {
  site = createTestSite();
  secKey = (await create(site.as(APP), 'SEC', 'Hidden pilot')).key;
  pilKey = (await create(site.as(ALICE), 'PIL', 'Visible pilot')).key;
  site.jira.catchUpSearch();
});
afterAll(() => {
  expect(finish(site.tally, 'jira-permissions')).toEqual([]);
});

const NOT_FOUND = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };
const ADMIN_ONLY = {
  errorMessages: ['You are not authorized to perform this action. Administrator privileges are required.'],
  errors: {},
};

describe('a user who cannot browse project SEC', () => {
  it('gets 404 for its issues, by key and by id, on every issue endpoint', async () => {
    const alice = site.as(ALICE);
    const id = site.jira.state.issues.find((i) => i.key === secKey)!.id;
    for (const path of [
      `/rest/api/3/issue/${secKey}`,
      `/rest/api/3/issue/${id}`,
      `/rest/api/3/issue/${secKey}/transitions`,
      `/rest/api/3/issue/${secKey}/properties`,
    ]) {
      const res = await alice('GET', path);
      expect([path, res.status, res.body]).toEqual([path, 404, NOT_FOUND]);
    }
    expect((await alice('PUT', `/rest/api/3/issue/${secKey}`, { fields: { summary: 'x' } })).body).toEqual(NOT_FOUND);
  });

  it('never finds its issues by search', async () => {
    const res = await site.as(ALICE)('GET', jql('created >= -1d', '&fields=summary'));
    expect((res.body as any).issues.map((i: any) => i.key)).toEqual([pilKey]);
    const app = await site.as(APP)('GET', jql('created >= -1d'));
    expect((app.body as any).issues.map((i: any) => i.key)).toEqual([secKey, pilKey]);
  });

  it('does not see the project', async () => {
    const alice = site.as(ALICE);
    const search = (await alice('GET', '/rest/api/3/project/search')).body as any;
    expect(search.values.map((p: any) => p.key)).toEqual(['OPS', 'PIL']);
    expect(search).toMatchObject({ startAt: 0, maxResults: 50, total: 2, isLast: true });
    expect((await alice('GET', '/rest/api/3/project/SEC')).body).toEqual({
      errorMessages: ["No project could be found with key 'SEC'."],
      errors: {},
    });
    const adminSearch = (await site.as(ADMIN)('GET', '/rest/api/3/project/search?keys=SEC&keys=PIL')).body as any;
    expect(adminSearch.values.map((p: any) => p.key)).toEqual(['PIL', 'SEC']);
  });

  it('cannot create there (400 errors.project), nor where it may only browse', async () => {
    const sec = await site.as(ALICE)('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: 'x' },
    });
    expect(sec).toMatchObject({
      status: 400,
      body: { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } },
    });
    const bob = await site.as(BOB)('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x' },
    });
    expect(bob).toMatchObject({
      status: 400,
      body: { errors: { project: 'You do not have permission to create issues in this project.' } },
    });
  });

  it('a browse-only user cannot edit (400 per field), transition or set properties (403)', async () => {
    const bob = site.as(BOB);
    const edit = await bob('PUT', `/rest/api/3/issue/${pilKey}`, { fields: { summary: 'changed' } });
    expect(edit).toMatchObject({
      status: 400,
      body: {
        errorMessages: [],
        errors: { summary: "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown." },
      },
    });
    expect(((await bob('GET', `/rest/api/3/issue/${pilKey}/transitions`)).body as any).transitions).toEqual([]);
    const move = await bob('POST', `/rest/api/3/issue/${pilKey}/transitions`, { transition: { id: '21' } });
    expect(move.status).toBe(400);
    expect((await bob('PUT', `/rest/api/3/issue/${pilKey}/properties/x`, { a: 1 })).status).toBe(403);
    expect((await bob('GET', `/rest/api/3/issue/${pilKey}?fields=summary`)).status).toBe(200);
  });
});

describe('admin-only configuration endpoints', () => {
  it.each([
    ['POST', '/rest/api/3/issuetype', { name: 'Nope' }],
    ['GET', '/rest/api/3/issuetypescheme/project?projectId=10000', undefined],
    ['GET', '/rest/api/3/issuetypescheme/mapping', undefined],
    ['PUT', '/rest/api/3/issuetypescheme/10001/issuetype', { issueTypeIds: ['10001'] }],
    ['GET', '/rest/api/3/issuetypescreenscheme/project?projectId=10000', undefined],
    ['GET', '/rest/api/3/screenscheme', undefined],
    ['GET', '/rest/api/3/screens/10000/tabs', undefined],
  ])('%s %s → 403 for a normal user', async (method, path, body) => {
    const res = await site.as(ALICE)(method, path, body);
    expect(res.status).toBe(403);
    expect(res.body).toEqual(ADMIN_ONLY);
  });

  it('a project admin reaches its project screen with ?projectKey=', async () => {
    site.jira.grant('OPS', 'u-bob', ['ADMINISTER_PROJECTS']);
    const ops = site.jira.state.projects.find((p) => p.key === 'OPS')!;
    const itss = site.jira.state.issueTypeScreenSchemes.find((s) => s.id === ops.issueTypeScreenSchemeId)!;
    const screenId = site.jira.state.screenSchemes.find(
      (s) => s.id === itss.mappings[0]!.screenSchemeId,
    )!.defaultScreenId;
    expect((await site.as(BOB)('GET', `/rest/api/3/screens/${screenId}/tabs?projectKey=OPS`)).status).toBe(200);
    expect((await site.as(BOB)('GET', `/rest/api/3/screens/${screenId}/tabs?projectKey=PIL`)).status).toBe(403);
  });
});

describe('GET /rest/api/3/mypermissions', () => {
  it('requires the permissions parameter', async () => {
    const res = await site.as(ALICE)('GET', '/rest/api/3/mypermissions');
    expect(res.status).toBe(400);
  });

  it('answers per project and issue', async () => {
    const alice = site.as(ALICE);
    const pil = (
      await alice(
        'GET',
        '/rest/api/3/mypermissions?projectKey=PIL&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,EDIT_ISSUES,ADMINISTER',
      )
    ).body as any;
    expect(pil.permissions.BROWSE_PROJECTS).toEqual({
      id: '10',
      key: 'BROWSE_PROJECTS',
      name: 'Browse Projects',
      type: 'PROJECT',
      description: 'Ability to browse projects and the issues within them.',
      havePermission: true,
    });
    expect(pil.permissions.ADMINISTER_PROJECTS.havePermission).toBe(false);
    expect(pil.permissions.EDIT_ISSUES.havePermission).toBe(true);
    expect(pil.permissions.ADMINISTER).toMatchObject({ type: 'GLOBAL', havePermission: false });
    const issue = (
      await site.as(BOB)('GET', `/rest/api/3/mypermissions?issueKey=${pilKey}&permissions=EDIT_ISSUES,BROWSE_PROJECTS`)
    ).body as any;
    expect([issue.permissions.EDIT_ISSUES.havePermission, issue.permissions.BROWSE_PROJECTS.havePermission]).toEqual([
      false,
      true,
    ]);
    expect((await alice('GET', '/rest/api/3/mypermissions?projectKey=SEC&permissions=BROWSE_PROJECTS')).status).toBe(
      404,
    );
    expect((await alice('GET', '/rest/api/3/mypermissions?permissions=NOT_A_PERMISSION')).status).toBe(400);
    const app = (
      await site.as(APP)('GET', '/rest/api/3/mypermissions?projectKey=SEC&permissions=ADMINISTER_PROJECTS,ADMINISTER')
    ).body as any;
    expect([app.permissions.ADMINISTER_PROJECTS.havePermission, app.permissions.ADMINISTER.havePermission]).toEqual([
      true,
      true,
    ]);
  });
});

describe('POST /rest/api/3/permissions/check', () => {
  it('filters projects and issues to those granted', async () => {
    const [pil, ops, sec] = ['PIL', 'OPS', 'SEC'].map((k) =>
      Number(site.jira.state.projects.find((p) => p.key === k)!.id),
    );
    const secIssue = Number(site.jira.state.issues.find((i) => i.key === secKey)!.id);
    const pilIssue = Number(site.jira.state.issues.find((i) => i.key === pilKey)!.id);
    const res = await site.as(ALICE)('POST', '/rest/api/3/permissions/check', {
      globalPermissions: ['ADMINISTER', 'USER_PICKER'],
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS'], projects: [pil, ops, sec], issues: [secIssue, pilIssue] },
        { permissions: ['LINK_ISSUES'], projects: [pil, ops] },
      ],
    });
    expect(res.body).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [pil, ops], issues: [pilIssue] },
        { permission: 'LINK_ISSUES', projects: [pil], issues: [] },
      ],
    });
  });

  it('lets the app (and admins) check another user, but not a normal user', async () => {
    const pil = Number(site.jira.state.projects.find((p) => p.key === 'PIL')!.id);
    const body = {
      accountId: 'u-bob',
      projectPermissions: [{ permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'], projects: [pil] }],
    };
    const res = await site.as(APP)('POST', '/rest/api/3/permissions/check', body);
    expect((res.body as any).projectPermissions).toEqual([
      { permission: 'EDIT_ISSUES', projects: [], issues: [] },
      { permission: 'BROWSE_PROJECTS', projects: [pil], issues: [] },
    ]);
    expect((await site.as(ALICE)('POST', '/rest/api/3/permissions/check', body)).status).toBe(403);
  });
});

describe('users', () => {
  it('myself, user, user/search, user/bulk', async () => {
    const me = (await site.as(ALICE)('GET', '/rest/api/3/myself')).body as any;
    expect(me).toMatchObject({
      accountId: 'u-alice',
      accountType: 'atlassian',
      displayName: 'Alice Analyst',
      emailAddress: 'alice@example.com',
      active: true,
    });
    const appMe = (await site.as(APP)('GET', '/rest/api/3/myself')).body as any;
    expect(appMe).toMatchObject({ accountId: site.jira.appAccountId, accountType: 'app' });
    expect(((await site.as(ALICE)('GET', '/rest/api/3/user?accountId=u-bob')).body as any).displayName).toBe(
      'Bob Builder',
    );
    expect((await site.as(ALICE)('GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
    const found = (await site.as(ALICE)('GET', '/rest/api/3/user/search?query=ali')).body as any[];
    expect(found.map((u) => u.accountId)).toEqual(['u-alice']);
    expect((await site.as(ALICE)('GET', '/rest/api/3/user/search')).status).toBe(400);
    const bulk = (
      await site.as(ALICE)('GET', '/rest/api/3/user/bulk?accountId=u-alice&accountId=u-bob&accountId=ghost')
    ).body as any;
    expect(bulk.values.map((u: any) => u.accountId)).toEqual(['u-alice', 'u-bob']);
    expect(bulk).toMatchObject({ total: 2, isLast: true, startAt: 0, maxResults: 10 });
  });

  it('unknown principals are not authenticated', async () => {
    const res = await site.jira.handle({
      method: 'GET',
      path: '/rest/api/3/myself',
      principal: { kind: 'user', accountId: 'ghost' },
    });
    expect(res.status).toBe(401);
  });

  it('serverInfo', async () => {
    const info = (await site.as(ALICE)('GET', '/rest/api/3/serverInfo')).body as any;
    expect(info).toMatchObject({
      baseUrl: 'https://local-jira.atlassian.net',
      deploymentType: 'Cloud',
      serverTime: '2026-03-01T12:00:00.000Z',
    });
  });
});

describe('project properties', () => {
  it('need project admin to write, browse to read', async () => {
    const admin = site.as(ADMIN);
    expect((await admin('PUT', '/rest/api/3/project/PIL/properties/ai-pilot-gates', { minScore: 4 })).status).toBe(201);
    expect((await admin('PUT', '/rest/api/3/project/PIL/properties/ai-pilot-gates', { minScore: 5 })).status).toBe(200);
    expect((await site.as(ALICE)('GET', '/rest/api/3/project/PIL/properties/ai-pilot-gates')).body).toEqual({
      key: 'ai-pilot-gates',
      value: { minScore: 5 },
    });
    expect(
      (await site.as(ALICE)('PUT', '/rest/api/3/project/PIL/properties/ai-pilot-gates', { minScore: 0 })).status,
    ).toBe(403);
    expect((await site.as(ALICE)('GET', '/rest/api/3/project/SEC/properties/ai-pilot-gates')).status).toBe(404);
    expect((await site.as(APP)('PUT', '/rest/api/3/project/SEC/properties/x', [1, 2])).status).toBe(201);
    expect(
      ((await site.as(APP)('GET', '/rest/api/3/project/SEC/properties')).body as any).keys.map((k: any) => k.key),
    ).toEqual(['x']);
    expect((await site.as(APP)('DELETE', '/rest/api/3/project/SEC/properties/x')).status).toBe(204);
    expect((await site.as(APP)('GET', '/rest/api/3/project/SEC/properties/x')).status).toBe(404);
  });
});
