// Transitions (with the Forge workflow validator on Graduate), product events with changelogs, app field values,
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
// and issue links.
import type { JiraEvent, ValidatorArgs } from '../../../host/jira';
import {
  ALICE,
  APP,
  BOB,
  F,
  create,
  createTestSite,
  finish,
  installPilotType,
  setFieldValue,
  type Send,
  type TestSite,
} from './fixture';

let site: TestSite;
let app: Send;
let alice: Send;
let events: JiraEvent[];

beforeEach(async () => {
  site = createTestSite(site?.tally);
  app = site.as(APP);
  alice = site.as(ALICE);
  await installPilotType(app, ['PIL']);
  events = [];
  site.jira.onEvent((e) => events.push(e));
});
afterAll(() => {
  expect(finish(site.tally, 'jira-workflow-events')).toEqual([]);
});

const pilot = async (summary = 'Pilot'): Promise<{ id: string; key: string }> =>
  create(alice, 'PIL', summary, { issuetype: { name: 'AI Pilot' } });
const transitionIds = async (key: string, as: Send = alice): Promise<string[]> =>
  ((await as('GET', `/rest/api/3/issue/${key}/transitions`)).body as any).transitions.map((t: any) => t.id);
const statusOf = async (key: string): Promise<string> =>
  ((await alice('GET', `/rest/api/3/issue/${key}?fields=status`)).body as any).fields.status.name;

describe('transitions', () => {
  it('offers the workflow by status, with Graduate only on AI Pilot issues', async () => {
    const task = await create(alice, 'PIL', 'Plain task');
    const p = await pilot();
    expect(await transitionIds(task.key)).toEqual(['21', '31']);
    expect(await transitionIds(p.key)).toEqual(['21', '31', '41']);
    const res = (await alice('GET', `/rest/api/3/issue/${p.key}/transitions`)).body as any;
    expect(res.transitions[2]).toMatchObject({
      id: '41',
      name: 'Graduate',
      to: { name: 'In Production', statusCategory: { key: 'done' } },
    });
    expect(
      (await alice('POST', `/rest/api/3/issue/${task.key}/transitions`, { transition: { id: '21' } })).status,
    ).toBe(204);
    expect(await statusOf(task.key)).toBe('In Progress');
    expect(await transitionIds(task.key)).toEqual(['11', '31']);
    expect(
      (await alice('POST', `/rest/api/3/issue/${task.key}/transitions`, { transition: { id: '31' } })).status,
    ).toBe(204);
    const done = (await alice('GET', `/rest/api/3/issue/${task.key}?fields=status,resolution,resolutiondate`))
      .body as any;
    expect(done.fields).toMatchObject({
      status: { name: 'Done' },
      resolution: { name: 'Done' },
      resolutiondate: expect.any(String),
    });
    expect(await transitionIds(task.key)).toEqual(['11']);
    const bad = await alice('POST', `/rest/api/3/issue/${task.key}/transitions`, { transition: { id: '21' } });
    expect(bad.body).toEqual({ errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} });
    expect((await alice('POST', `/rest/api/3/issue/${task.key}/transitions`, {})).status).toBe(400);
    const screen = await alice('POST', `/rest/api/3/issue/${task.key}/transitions`, {
      transition: { id: '11' },
      fields: { summary: 'x' },
    });
    expect((screen.body as any).errors.summary).toMatch(/cannot be set/);
  });

  it('Graduate calls the validator; a refusal answers 400 with its message and changes nothing', async () => {
    const p = await pilot();
    const calls: ValidatorArgs[] = [];
    let allow = false;
    site.jira.setWorkflowValidator(async (args) => {
      calls.push(args);
      return allow
        ? { result: true }
        : { result: false, errorMessage: 'Gate not met: diagnostic score 2 is below 4; no production owner.' };
    });
    const refused = await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '41' } });
    expect(refused).toMatchObject({
      status: 400,
      body: { errorMessages: ['Gate not met: diagnostic score 2 is below 4; no production owner.'], errors: {} },
    });
    expect(await statusOf(p.key)).toBe('To Do');
    expect(calls).toEqual([
      { issue: { key: p.key, id: p.id }, transition: { from: { id: '10000' }, to: { id: '10002' } } },
    ]);
    expect(events.filter((e) => e.eventType === 'avi:jira:updated:issue')).toEqual([]);

    allow = true;
    expect((await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '41' } })).status).toBe(
      204,
    );
    expect(await statusOf(p.key)).toBe('In Production');
    expect(calls).toHaveLength(2);
    // Other transitions never call it.
    expect((await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '11' } })).status).toBe(
      204,
    );
    expect(calls).toHaveLength(2);
  });

  it('a validator without a message, or one that throws, still refuses', async () => {
    const p = await pilot();
    site.jira.setWorkflowValidator(async () => ({ result: false }));
    expect(
      ((await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '41' } })).body as any)
        .errorMessages,
    ).toEqual(['The transition was refused by a workflow validator.']);
    site.jira.setWorkflowValidator(async () => {
      throw new Error('boom');
    });
    expect((await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '41' } })).status).toBe(
      400,
    );
    expect(await statusOf(p.key)).toBe('To Do');
  });
});

describe('events', () => {
  it('create fires avi:jira:created:issue with the issue fields, by the user', async () => {
    const p = await pilot('Fraud pilot');
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      eventType: 'avi:jira:created:issue',
      atlassianId: 'u-alice',
      byApp: false,
      issue: { id: p.id, key: p.key },
    });
    expect(e.changelog).toBeUndefined();
    expect(e.issue.fields).toMatchObject({
      summary: 'Fraud pilot',
      issuetype: { name: 'AI Pilot', subtask: false },
      project: { key: 'PIL', name: 'AI Pilots' },
      status: { name: 'To Do' },
    });
  });

  it('bulk sub-task creation by the app fires one event per issue, marked byApp, with parent', async () => {
    const p = await pilot();
    events.length = 0;
    const sub = (summary: string) => ({
      fields: { project: { key: 'PIL' }, issuetype: { name: 'Sub-task' }, summary, parent: { key: p.key } },
    });
    const res = await app('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [sub('Data access requests'), sub('Security & compliance engagement')],
    });
    expect(res.status).toBe(201);
    expect(events.map((e) => [e.eventType, e.issue.key, e.byApp, e.atlassianId])).toEqual([
      ['avi:jira:created:issue', 'PIL-2', true, site.jira.appAccountId],
      ['avi:jira:created:issue', 'PIL-3', true, site.jira.appAccountId],
    ]);
    expect(events[0]!.issue.fields.parent).toMatchObject({ key: p.key });
    expect(events[0]!.issue.fields.issuetype).toMatchObject({ subtask: true });
  });

  it('edit fires avi:jira:updated:issue listing every changed field; a no-op edit fires nothing', async () => {
    const p = await pilot('Before');
    events.length = 0;
    await alice('PUT', `/rest/api/3/issue/${p.key}`, {
      fields: { summary: 'After', duedate: '2026-06-30', labels: ['ai'], assignee: { accountId: 'u-bob' } },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.changelog!.items).toEqual([
      { field: 'summary', fieldId: 'summary', from: null, fromString: 'Before', to: null, toString: 'After' },
      { field: 'duedate', fieldId: 'duedate', from: null, fromString: null, to: '2026-06-30', toString: '2026-06-30' },
      { field: 'labels', fieldId: 'labels', from: null, fromString: null, to: null, toString: 'ai' },
      { field: 'assignee', fieldId: 'assignee', from: null, fromString: null, to: 'u-bob', toString: 'Bob Builder' },
    ]);
    await alice('PUT', `/rest/api/3/issue/${p.key}`, { fields: { summary: 'After' } });
    expect(events).toHaveLength(1);
    const history = (await alice('GET', `/rest/api/3/issue/${p.key}?fields=summary&expand=changelog`)).body as any;
    expect(history.changelog.total).toBe(1);
    expect(history.changelog.histories[0].items).toHaveLength(4);
  });

  it('transitions record status (and resolution) changes', async () => {
    const p = await pilot();
    events.length = 0;
    await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '31' } });
    expect(events[0]!.changelog!.items).toEqual([
      { field: 'status', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10001', toString: 'Done' },
      { field: 'resolution', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
    ]);
    expect(events[0]!.issue.fields.status).toMatchObject({ name: 'Done' });
  });

  it('app field values (both APIs, by key or id) fire updated events marked byApp', async () => {
    const p = await pilot();
    const q = await pilot('Second');
    events.length = 0;
    await setFieldValue(app, 'pilot-score', [p.id, q.id], 4);
    const put = await app('PUT', `/rest/api/3/app/field/${F.diagnostic}/value`, {
      updates: [{ issueIds: [Number(p.id)], value: { q1: 'yes', score: 4 } }],
    });
    expect(put.status).toBe(204);
    expect(events.map((e) => [e.issue.key, e.byApp, e.atlassianId, e.changelog!.items.map((i) => i.fieldId)])).toEqual([
      [p.key, true, site.jira.appAccountId, [F.score]],
      [q.key, true, site.jira.appAccountId, [F.score]],
      [p.key, true, site.jira.appAccountId, [F.diagnostic]],
    ]);
    expect(events[0]!.changelog!.items[0]).toEqual({
      field: 'AI Pilot readiness score',
      fieldId: F.score,
      from: null,
      fromString: null,
      to: null,
      toString: '4',
    });
    const got = (await alice('GET', `/rest/api/3/issue/${p.key}?fields=${F.score},${F.diagnostic}`)).body as any;
    expect(got.fields).toEqual({ [F.score]: 4, [F.diagnostic]: { q1: 'yes', score: 4 } });
    // Same value again: no change, no event. generateAppEvents=false: no event.
    await setFieldValue(app, 'pilot-score', [p.id], 4);
    expect(events).toHaveLength(3);
    expect(
      (
        await app('POST', '/rest/api/3/app/field/value?generateAppEvents=false', {
          updates: [{ customField: F.score, issueIds: [Number(p.id)], value: null }],
        })
      ).status,
    ).toBe(204);
    expect(events).toHaveLength(3);
    expect(
      ((await alice('GET', `/rest/api/3/issue/${p.key}?fields=${F.score}`)).body as any).fields[F.score],
    ).toBeNull();
  });

  it('app field value APIs refuse users, unknown fields, non-app fields, bad values and unknown issues', async () => {
    const p = await pilot();
    const body = (field: string, value: unknown, ids = [Number(p.id)]) => ({
      updates: [{ customField: field, issueIds: ids, value }],
    });
    expect((await alice('POST', '/rest/api/3/app/field/value', body(F.score, 1))).status).toBe(403);
    expect((await app('POST', '/rest/api/3/app/field/value', body('customfield_99999', 1))).status).toBe(404);
    expect((await app('POST', '/rest/api/3/app/field/value', body(F.startDate, '2026-01-01'))).status).toBe(403);
    const bad = await app('POST', '/rest/api/3/app/field/value', body(F.score, 'four'));
    expect(bad).toMatchObject({ status: 400, body: { errors: { [F.score]: 'Operation value must be a number' } } });
    expect((await app('POST', '/rest/api/3/app/field/value', body(F.demoDate, '01/02/2026'))).status).toBe(400);
    expect((await app('POST', '/rest/api/3/app/field/value', body(F.score, 1, [99999]))).status).toBe(400);
    expect(
      (
        await app('PUT', `/rest/api/3/app/field/${F.owner}/value`, {
          updates: [{ issueIds: [Number(p.id)], value: { accountId: 'ghost' } }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await app('PUT', `/rest/api/3/app/field/pilot-owner/value`, {
          updates: [{ issueIds: [Number(p.id)], value: { accountId: 'u-bob' } }],
        })
      ).status,
    ).toBe(204);
    expect(
      ((await alice('GET', `/rest/api/3/issue/${p.key}?fields=${F.owner}`)).body as any).fields[F.owner],
    ).toMatchObject({ accountId: 'u-bob' });
  });
});

describe('issue links', () => {
  it('links two issues and shows the link from both sides', async () => {
    const a = await create(alice, 'PIL', 'Production spec');
    const b = await pilot();
    const types = (await alice('GET', '/rest/api/3/issueLinkType')).body as any;
    expect(types.issueLinkTypes.map((t: any) => t.name)).toEqual(['Blocks', 'Cloners', 'Duplicate', 'Relates']);
    const res = await alice('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: a.key },
      outwardIssue: { key: b.key },
    });
    expect(res.status).toBe(201);
    const fromA = ((await alice('GET', `/rest/api/3/issue/${a.key}?fields=issuelinks`)).body as any).fields.issuelinks;
    expect(fromA).toEqual([
      expect.objectContaining({
        type: expect.objectContaining({ name: 'Blocks', outward: 'blocks' }),
        outwardIssue: expect.objectContaining({ key: b.key }),
      }),
    ]);
    const fromB = ((await alice('GET', `/rest/api/3/issue/${b.key}?fields=issuelinks`)).body as any).fields.issuelinks;
    expect(fromB).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: a.key }) })]);
    expect(
      (
        await alice('POST', '/rest/api/3/issueLink', {
          type: { name: 'Nope' },
          inwardIssue: { key: a.key },
          outwardIssue: { key: b.key },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await site.as(BOB)('POST', '/rest/api/3/issueLink', {
          type: { name: 'Relates' },
          inwardIssue: { key: a.key },
          outwardIssue: { key: b.key },
        })
      ).status,
    ).toBe(404);
  });
});
