// The app's setup flow: create the AI Pilot issue type, add it to the project's scheme, put the fields on the screen.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ADMIN, ALICE, APP, F, createTestSite, finish, type Send, type TestSite } from './fixture';

let site: TestSite;
let app: Send;
beforeEach(() => {
  site = createTestSite(site?.tally);
  app = site.as(APP);
});
afterAll(() => {
  expect(finish(site.tally, 'jira-setup-flow')).toEqual([]);
});

const projectId = (key: string): string => site.jira.state.projects.find((p) => p.key === key)!.id;

describe('issue types and schemes', () => {
  it('a new type joins the default scheme only; the project scheme must be extended', async () => {
    const pil = projectId('PIL');
    const before = (await app('GET', `/rest/api/3/issuetype/project?projectId=${pil}`)).body as any[];
    expect(before.map((t) => t.name)).toEqual(['Task', 'Sub-task']);

    const created = await app('POST', '/rest/api/3/issuetype', {
      name: 'AI Pilot',
      description: 'An AI initiative',
      hierarchyLevel: 0,
    });
    expect(created.status).toBe(201);
    const type = created.body as any;
    expect(type).toMatchObject({
      name: 'AI Pilot',
      description: 'An AI initiative',
      subtask: false,
      hierarchyLevel: 0,
    });
    expect(type).not.toHaveProperty('scope');

    const mapping = (await app('GET', '/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=10000')).body as any;
    expect(mapping.values.map((m: any) => m.issueTypeId)).toContain(type.id);
    expect(
      ((await app('GET', `/rest/api/3/issuetype/project?projectId=${pil}`)).body as any[]).map((t) => t.name),
    ).not.toContain('AI Pilot');

    const schemes = (await app('GET', `/rest/api/3/issuetypescheme/project?projectId=${pil}`)).body as any;
    expect(schemes.values).toEqual([
      {
        issueTypeScheme: {
          id: expect.any(String),
          name: 'PIL: Software Simplified Issue Type Scheme',
          description: '',
          isDefault: false,
          defaultIssueTypeId: '10001',
        },
        projectIds: [pil],
      },
    ]);
    const schemeId = schemes.values[0].issueTypeScheme.id;
    expect(
      (await app('PUT', `/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds: [type.id] })).status,
    ).toBe(204);
    expect(
      ((await app('GET', `/rest/api/3/issuetype/project?projectId=${pil}`)).body as any[]).map((t) => t.name),
    ).toEqual(['Task', 'Sub-task', 'AI Pilot']);
    const again = await app('PUT', `/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds: [type.id] });
    expect(again.status).toBe(400);

    // OPS was not extended: its users cannot create pilots there.
    const ops = await site.as(ALICE)('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { id: type.id }, summary: 'x' },
    });
    expect(ops.body).toEqual({ errorMessages: [], errors: { issuetype: 'Specify a valid issue type' } });
    const pilot = await site.as(ALICE)('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PIL' }, issuetype: { id: type.id }, summary: 'x' },
    });
    expect(pilot.status).toBe(201);
    const project = (await site.as(ALICE)('GET', '/rest/api/3/project/PIL')).body as any;
    expect(project.issueTypes.map((t: any) => t.name)).toEqual(['Task', 'Sub-task', 'AI Pilot']);
    expect(project).toMatchObject({ style: 'classic', simplified: false, lead: { accountId: 'u-admin' } });
  });

  it('refuses duplicates (409), bad levels and unknown schemes or types', async () => {
    expect((await app('POST', '/rest/api/3/issuetype', { name: 'AI Pilot' })).status).toBe(201);
    const dup = await app('POST', '/rest/api/3/issuetype', { name: 'ai pilot' });
    expect(dup.status).toBe(409);
    expect((dup.body as any).errorMessages).toEqual(['An issue type with this name already exists.']);
    expect((await app('POST', '/rest/api/3/issuetype', { name: 'Level two', hierarchyLevel: 2 })).status).toBe(400);
    expect((await app('POST', '/rest/api/3/issuetype', { name: 'x'.repeat(61) })).status).toBe(400);
    const sub = (await app('POST', '/rest/api/3/issuetype', { name: 'Pilot workstream', hierarchyLevel: -1 }))
      .body as any;
    expect(sub).toMatchObject({ subtask: true, hierarchyLevel: -1 });
    expect((await app('PUT', '/rest/api/3/issuetypescheme/99999/issuetype', { issueTypeIds: ['10001'] })).status).toBe(
      404,
    );
    expect((await app('PUT', '/rest/api/3/issuetypescheme/10001/issuetype', { issueTypeIds: ['99999'] })).status).toBe(
      404,
    );
    const all = (await site.as(ADMIN)('GET', '/rest/api/3/issuetype')).body as any[];
    expect(all.map((t) => t.name)).toEqual(['Task', 'Sub-task', 'AI Pilot', 'Pilot workstream']);
    const alices = (await site.as(ALICE)('GET', '/rest/api/3/issuetype')).body as any[];
    expect(alices.map((t) => t.name)).toEqual(['Task', 'Sub-task']);
  });

  it('team-managed projects have project-scoped types and no issue type scheme', async () => {
    const ng = site.jira.addProject({ key: 'TEAM', name: 'Team managed', leadAccountId: 'u-admin', style: 'next-gen' });
    const types = (await app('GET', `/rest/api/3/issuetype/project?projectId=${ng.id}`)).body as any[];
    expect(types.map((t) => [t.name, t.hierarchyLevel, t.scope])).toEqual([
      ['Task', 0, { type: 'PROJECT', project: { id: ng.id } }],
      ['Subtask', -1, { type: 'PROJECT', project: { id: ng.id } }],
    ]);
    expect(((await app('GET', `/rest/api/3/issuetypescheme/project?projectId=${ng.id}`)).body as any).values).toEqual(
      [],
    );
    expect(
      ((await app('GET', `/rest/api/3/issuetypescreenscheme/project?projectId=${ng.id}`)).body as any).values,
    ).toEqual([]);
    const put = await app('PUT', '/rest/api/3/issuetypescheme/10000/issuetype', { issueTypeIds: [types[0].id] });
    expect(put.status).toBe(400);
    const project = (await app('GET', '/rest/api/3/project/TEAM')).body as any;
    expect(project).toMatchObject({ style: 'next-gen', simplified: true });
  });
});

describe('screens', () => {
  it('walks project → issue type screen scheme → screen scheme → screen → tab → fields, and adds the app fields', async () => {
    const pil = projectId('PIL');
    const itss = (await app('GET', `/rest/api/3/issuetypescreenscheme/project?projectId=${pil}`)).body as any;
    expect(itss.values).toHaveLength(1);
    const itssId = itss.values[0].issueTypeScreenScheme.id;
    expect(itss.values[0]).toMatchObject({
      issueTypeScreenScheme: { name: 'PIL: Issue Type Screen Scheme' },
      projectIds: [pil],
    });
    const mapping = (await app('GET', `/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${itssId}`))
      .body as any;
    expect(mapping.values).toEqual([
      { issueTypeScreenSchemeId: itssId, issueTypeId: 'default', screenSchemeId: expect.any(String) },
    ]);
    const screenSchemes = (await app('GET', `/rest/api/3/screenscheme?id=${mapping.values[0].screenSchemeId}`))
      .body as any;
    const screenId = screenSchemes.values[0].screens.default;
    expect(screenSchemes.values[0]).toMatchObject({ name: 'PIL: Screen Scheme', screens: { default: screenId } });
    const tabs = (await app('GET', `/rest/api/3/screens/${screenId}/tabs`)).body as any[];
    expect(tabs).toEqual([{ id: expect.any(Number), name: 'Field Tab' }]);
    const fieldsPath = `/rest/api/3/screens/${screenId}/tabs/${tabs[0].id}/fields`;
    const before = (await app('GET', fieldsPath)).body as any[];
    expect(before).toEqual([
      { id: 'summary', name: 'Summary' },
      { id: 'description', name: 'Description' },
      { id: 'issuetype', name: 'Issue Type' },
      { id: 'duedate', name: 'Due date' },
      { id: F.startDate, name: 'Start date' },
    ]);
    const added = await app('POST', fieldsPath, { fieldId: F.diagnostic });
    expect(added).toMatchObject({ status: 200, body: { id: F.diagnostic, name: 'AI Pilot diagnostic' } });
    expect((await app('POST', fieldsPath, { fieldId: F.diagnostic })).status).toBe(400);
    expect((await app('POST', fieldsPath, { fieldId: 'customfield_99999' })).status).toBe(404);
    expect(((await app('GET', fieldsPath)).body as any[]).map((f) => f.id)).toContain(F.diagnostic);
    // Each project has its own screen.
    const ops = (await app('GET', `/rest/api/3/issuetypescreenscheme/project?projectId=${projectId('OPS')}`))
      .body as any;
    expect(ops.values[0].issueTypeScreenScheme.id).not.toBe(itssId);
  });
});
