// Creating, reading and editing issues: Jira's validation texts, bulk limits and partial failures, field rules.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ADMIN, ALICE, APP, F, create, createTestSite, finish, type TestSite } from './fixture';

let site: TestSite;
beforeEach(() => {
  site = createTestSite(site?.tally);
});
afterAll(() => {
  expect(finish(site.tally, 'jira-issues')).toEqual([]);
});

const task = (summary: string, project = 'PIL') => ({
  fields: { project: { key: project }, issuetype: { name: 'Task' }, summary },
});

describe('POST /rest/api/3/issue', () => {
  it('creates with numeric ids from 10000 and project keys, reporter = caller', async () => {
    const alice = site.as(ALICE);
    const a = await alice('POST', '/rest/api/3/issue', task('First'));
    const b = await alice('POST', '/rest/api/3/issue', task('Second'));
    expect(a.status).toBe(201);
    expect(a.body).toEqual({
      id: '10000',
      key: 'PIL-1',
      self: 'https://local-jira.atlassian.net/rest/api/3/issue/10000',
    });
    expect((b.body as { key: string }).key).toBe('PIL-2');
    const got = await alice('GET', '/rest/api/3/issue/PIL-1');
    const fields = (got.body as { fields: Record<string, any> }).fields;
    expect(fields.reporter.accountId).toBe('u-alice');
    expect(fields.status).toMatchObject({ name: 'To Do', statusCategory: { key: 'new' } });
    expect(fields.issuetype).toMatchObject({ name: 'Task', subtask: false, hierarchyLevel: 0 });
    expect(fields.project).toMatchObject({ key: 'PIL', name: 'AI Pilots' });
    expect(fields.created).toMatch(/^2026-03-01T12:00:00\.000\+0000$/);
    expect(fields).not.toHaveProperty('parent');
  });

  it.each([
    [{ fields: { issuetype: { name: 'Task' }, summary: 'x' } }, { project: 'Specify a valid project ID or key' }],
    [
      { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } },
      { project: 'Specify a valid project ID or key' },
    ],
    [{ fields: { project: { key: 'PIL' }, summary: 'x' } }, { issuetype: 'Specify an issue type' }],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Epic' }, summary: 'x' } },
      { issuetype: 'Specify a valid issue type' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' } } },
      { summary: 'You must specify a summary of the issue.' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x'.repeat(256) } },
      { summary: 'Summary must be less than 255 characters.' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Sub-task' }, summary: 'x' } },
      { issuetype: 'Issue type is a sub-task but parent issue key or id not specified.' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x', duedate: '31/01/2026' } },
      { duedate: 'Error parsing date string: 31/01/2026' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x', description: 'plain text' } },
      { description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x', [F.score]: 4 } },
      { [F.score]: `Field '${F.score}' cannot be set. It is not on the appropriate screen, or unknown.` },
    ],
    [
      { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' }, summary: 'x', status: { name: 'Done' } } },
      { status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." },
    ],
  ])('refuses %j with Jira field errors', async (body, errors) => {
    const res = await site.as(ALICE)('POST', '/rest/api/3/issue', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorMessages: [], errors });
  });

  it('read-only Forge fields cannot be set by the app either (only through the app field value API)', async () => {
    const res = await site.as(APP)('POST', '/rest/api/3/issue', {
      fields: { ...task('x').fields, [F.phase]: 'pilot' },
    });
    expect(res.status).toBe(400);
    expect((res.body as { errors: Record<string, string> }).errors[F.phase]).toMatch(/cannot be set/);
  });

  it('a writable Forge field must be on the screen before create accepts it', async () => {
    const admin = site.as(ADMIN);
    const body = { fields: { ...task('Owned').fields, [F.owner]: { accountId: 'u-alice' } } };
    expect((await admin('POST', '/rest/api/3/issue', body)).status).toBe(400);
    const screen = site.jira.state.screens[0]!;
    const tab = screen.tabs[0]!;
    const add = await admin('POST', `/rest/api/3/screens/${screen.id}/tabs/${tab.id}/fields`, { fieldId: F.owner });
    expect(add.status).toBe(200);
    const created = await admin('POST', '/rest/api/3/issue', body);
    expect(created.status).toBe(201);
    const got = await admin('GET', `/rest/api/3/issue/${(created.body as { key: string }).key}?fields=${F.owner}`);
    expect((got.body as any).fields[F.owner]).toMatchObject({ accountId: 'u-alice', displayName: 'Alice Analyst' });
  });

  it('sub-tasks need a parent in the same project at the level above', async () => {
    const alice = site.as(ALICE);
    const parent = await create(alice, 'PIL', 'Parent');
    const other = await create(alice, 'OPS', 'Elsewhere');
    const sub = (p: unknown) => ({
      fields: { project: { key: 'PIL' }, issuetype: { name: 'Sub-task' }, summary: 'child', parent: p },
    });
    expect((await alice('POST', '/rest/api/3/issue', sub({ key: parent.key }))).status).toBe(201);
    const cross = await alice('POST', '/rest/api/3/issue', sub({ key: other.key }));
    expect(cross.body).toEqual({
      errorMessages: [],
      errors: { parent: 'Given parent issue does not belong to appropriate hierarchy.' },
    });
    const subOfSub = await alice('POST', '/rest/api/3/issue', sub({ key: 'PIL-2' }));
    expect((subOfSub.body as any).errors.parent).toBe('Given parent issue does not belong to appropriate hierarchy.');
    const missing = await alice('POST', '/rest/api/3/issue', sub({ key: 'PIL-99' }));
    expect((missing.body as any).errors.parent).toBe('Could not find issue by id or key.');
    const got = await alice('GET', `/rest/api/3/issue/${parent.key}?fields=subtasks`);
    expect((got.body as any).fields.subtasks).toEqual([
      expect.objectContaining({
        key: 'PIL-2',
        fields: expect.objectContaining({ summary: 'child', status: expect.objectContaining({ name: 'To Do' }) }),
      }),
    ]);
    const child = await alice('GET', '/rest/api/3/issue/PIL-2?fields=parent,issuetype');
    expect((child.body as any).fields.parent).toMatchObject({ key: parent.key, fields: { summary: 'Parent' } });
    expect((child.body as any).fields.issuetype).toMatchObject({ subtask: true, hierarchyLevel: -1 });
  });
});

describe('POST /rest/api/3/issue/bulk', () => {
  it('refuses more than 50 issues', async () => {
    const res = await site.as(ALICE)('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 51 }, (_, i) => task(`t${i}`)),
    });
    expect(res.status).toBe(400);
    expect((res.body as any).issues).toEqual([]);
    expect((res.body as any).errors[0].elementErrors.errorMessages[0]).toMatch(/limited to 50/);
    expect(site.jira.state.issues).toHaveLength(0);
  });

  it('creates 50 at once', async () => {
    const res = await site.as(APP)('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 50 }, (_, i) => task(`t${i}`)),
    });
    expect(res.status).toBe(201);
    expect((res.body as any).issues).toHaveLength(50);
    expect((res.body as any).errors).toEqual([]);
  });

  it('reports partial failures per element without rolling back the others', async () => {
    const res = await site.as(ALICE)('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [
        task('ok 1'),
        { fields: { project: { key: 'PIL' }, issuetype: { name: 'Task' } } },
        task('hidden', 'SEC'),
        task('ok 2'),
      ],
    });
    expect(res.status).toBe(201);
    const body = res.body as any;
    expect(body.issues.map((i: any) => i.key)).toEqual(['PIL-1', 'PIL-2']);
    expect(body.errors).toEqual([
      {
        status: 400,
        elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
        failedElementNumber: 1,
      },
      {
        status: 400,
        elementErrors: { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } },
        failedElementNumber: 2,
      },
    ]);
  });

  it('answers 400 with every element error when all fail', async () => {
    const res = await site.as(ALICE)('POST', '/rest/api/3/issue/bulk', { issueUpdates: [task('x', 'SEC')] });
    expect(res.status).toBe(400);
    expect((res.body as any).errors).toHaveLength(1);
  });
});

describe('GET and PUT /rest/api/3/issue/{issueIdOrKey}', () => {
  it('honours the fields filter, exclusions and properties', async () => {
    const alice = site.as(ALICE);
    const { key } = await create(alice, 'PIL', 'Filtered', {
      labels: ['ai', 'pilot'],
      duedate: '2026-04-01',
      [F.startDate]: '2026-03-02',
    });
    await alice('PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, { seeded: true });
    const res = await alice('GET', `/rest/api/3/issue/${key}?fields=summary,labels,${F.startDate}&properties=ai-pilot`);
    expect((res.body as any).fields).toEqual({
      summary: 'Filtered',
      labels: ['ai', 'pilot'],
      [F.startDate]: '2026-03-02',
    });
    expect((res.body as any).properties).toEqual({ 'ai-pilot': { seeded: true } });
    const excl = await alice('GET', `/rest/api/3/issue/${key}?fields=*all,-description,-labels`);
    expect((excl.body as any).fields).not.toHaveProperty('description');
    expect((excl.body as any).fields.duedate).toBe('2026-04-01');
    expect((excl.body as any).fields[F.diagnostic]).toBeNull();
  });

  it('edits with fields and update operations, answering 204', async () => {
    const alice = site.as(ALICE);
    const { key } = await create(alice, 'PIL', 'Before', { labels: ['a'] });
    const res = await alice('PUT', `/rest/api/3/issue/${key}`, {
      fields: { summary: 'After', assignee: { accountId: 'u-bob' } },
      update: { labels: [{ add: 'b' }, { remove: 'a' }] },
    });
    expect(res.status).toBe(204);
    const got = (await alice('GET', `/rest/api/3/issue/${key}?fields=summary,labels,assignee`)).body as any;
    expect(got.fields.summary).toBe('After');
    expect(got.fields.labels).toEqual(['b']);
    expect(got.fields.assignee.accountId).toBe('u-bob');
  });

  it('refuses to edit read-only Forge fields and unknown fields', async () => {
    const alice = site.as(ALICE);
    const { key } = await create(alice, 'PIL', 'x');
    const res = await alice('PUT', `/rest/api/3/issue/${key}`, { fields: { [F.score]: 7, nope: 1 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errorMessages: [],
      errors: {
        [F.score]: `Field '${F.score}' cannot be set. It is not on the appropriate screen, or unknown.`,
        nope: "Field 'nope' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
  });

  it('issue properties: set (201 then 200), list, read, delete', async () => {
    const alice = site.as(ALICE);
    const { key } = await create(alice, 'PIL', 'props');
    expect((await alice('PUT', `/rest/api/3/issue/${key}/properties/p1`, { v: 1 })).status).toBe(201);
    expect((await alice('PUT', `/rest/api/3/issue/${key}/properties/p1`, { v: 2 })).status).toBe(200);
    expect((await alice('GET', `/rest/api/3/issue/${key}/properties`)).body).toEqual({
      keys: [{ key: 'p1', self: 'https://local-jira.atlassian.net/rest/api/3/issue/10000/properties/p1' }],
    });
    expect((await alice('GET', `/rest/api/3/issue/${key}/properties/p1`)).body).toEqual({ key: 'p1', value: { v: 2 } });
    expect((await alice('DELETE', `/rest/api/3/issue/${key}/properties/p1`)).status).toBe(204);
    const gone = await alice('GET', `/rest/api/3/issue/${key}/properties/p1`);
    expect(gone.status).toBe(404);
    const big = await alice('PUT', `/rest/api/3/issue/${key}/properties/big`, { blob: 'x'.repeat(33000) });
    expect(big.status).toBe(400);
  });

  it('lists the field catalogue with the Forge fields and Start date', async () => {
    const res = await site.as(ALICE)('GET', '/rest/api/3/field');
    const fields = res.body as any[];
    expect(fields.find((f) => f.id === F.diagnostic)).toEqual({
      id: F.diagnostic,
      key: '00000000-0000-4000-8000-000000000000__DEVELOPMENT__pilot-diagnostic',
      name: 'AI Pilot diagnostic',
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: ['cf[10100]', 'AI Pilot diagnostic'],
      schema: {
        type: 'object',
        custom:
          'ari:cloud:ecosystem::extension/00000000-0000-4000-8000-000000000000/11111111-2222-4333-8444-555555555555/static/pilot-diagnostic',
        customId: 10100,
      },
    });
    expect(fields.find((f) => f.id === F.startDate)).toMatchObject({
      name: 'Start date',
      schema: { type: 'date', customId: 10015 },
    });
    expect(fields.map((f) => f.id)).toEqual(
      expect.arrayContaining(['summary', 'status', 'parent', 'subtasks', 'issuelinks', 'labels', 'duedate']),
    );
  });

  it('unknown routes answer 404 in Jira error shape', async () => {
    const res = await site.jira.handle({ method: 'GET', path: '/rest/api/3/nothing-here', principal: APP });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errorMessages: [expect.stringContaining('/rest/api/3/nothing-here')], errors: {} });
  });
});
