// JQL through GET/POST /rest/api/3/search/jql: fields, operators, Forge aliases, dates, ORDER BY, paging, errors.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import type { Principal } from '../../../host/jira';
import {
  ALICE,
  APP,
  F,
  createTestSite,
  finish,
  installPilotType,
  jql,
  setFieldValue,
  type Send,
  type TestSite,
} from './fixture';

let site: TestSite;
let app: Send;

const at = (iso: string): void => {
  site.now.value = new Date(iso);
};

async function issue(
  project: string,
  type: string,
  summary: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await app('POST', '/rest/api/3/issue', {
    fields: { project: { key: project }, issuetype: { name: type }, summary, ...fields },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return (res.body as { id: string }).id;
}

beforeAll(async () => {
  site = createTestSite();
  app = site.as(APP);
  await installPilotType(app, ['PIL', 'SEC']);
  at('2025-10-01T09:00:00.000Z');
  const p1 = await issue('PIL', 'AI Pilot', 'Fraud detection pilot', {
    labels: ['ai', 'fraud'],
    duedate: '2026-04-01',
    [F.startDate]: '2025-10-01',
  });
  at('2026-01-15T09:00:00.000Z');
  await issue('OPS', 'Task', 'Ops chore', { labels: ['ops'] });
  at('2026-02-20T09:00:00.000Z');
  const p2 = await issue('PIL', 'AI Pilot', 'Churn prediction', { assignee: { accountId: 'u-alice' } });
  at('2026-02-25T09:00:00.000Z');
  await issue('PIL', 'Sub-task', 'Data access requests', { parent: { key: 'PIL-1' }, duedate: '2026-03-10' });
  const s1 = await issue('SEC', 'AI Pilot', 'Secret pilot');
  at('2026-03-01T12:00:00.000Z');
  await setFieldValue(app, 'pilot-diagnostic', [p1], {
    q1: 'yes',
    q2: 'no',
    score: 2,
    verdict: 'heading to purgatory',
  });
  await setFieldValue(app, 'pilot-diagnostic', [p2], {
    q1: 'yes',
    q2: 'yes',
    score: 5,
    verdict: 'real production potential',
  });
  await setFieldValue(app, F.score, [p1], 2);
  await setFieldValue(app, F.score, [p2], 5);
  await setFieldValue(app, F.score, [s1], 7);
  await setFieldValue(app, 'pilot-phase', [p1], 'post-demo');
  await setFieldValue(app, 'pilot-phase', [p2], 'pilot');
  await setFieldValue(app, 'pilot-stall', [p1], {
    status: 'stalled',
    daysStalled: 120,
    decisionDue: true,
    scannedOn: '2026-02-28',
  });
  await setFieldValue(app, 'pilot-stall', [p2], {
    status: 'clear',
    daysStalled: 0,
    decisionDue: false,
    scannedOn: '2026-02-28',
  });
  await setFieldValue(app, 'pilot-demo-date', [p1], '2025-11-01');
  expect((await app('POST', '/rest/api/3/issue/PIL-2/transitions', { transition: { id: '21' } })).status).toBe(204);
  expect((await app('POST', '/rest/api/3/issue/PIL-3/transitions', { transition: { id: '31' } })).status).toBe(204);
  // Search trails writes (search-lag.test.ts); these tests are about what JQL matches once it has caught up.
  site.jira.catchUpSearch();
});

afterAll(() => {
  expect(finish(site.tally, 'jira-jql')).toEqual([]);
});

async function keys(q: string, who: Principal = ALICE, extra = '&maxResults=100&fields=key'): Promise<string[]> {
  const res = await site.as(who)('GET', jql(q, extra));
  if (res.status !== 200) throw new Error(`${q}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
}

describe('JQL filters', () => {
  it.each([
    ['project = PIL', ['PIL-1', 'PIL-2', 'PIL-3']],
    ['project in (pil, OPS) AND issuetype = "AI Pilot"', ['PIL-1', 'PIL-2']],
    ['issuetype = "Sub-task"', ['PIL-3']],
    ['type = 10002', ['PIL-3']],
    ['issuetype in subTaskIssueTypes()', ['PIL-3']],
    ['issuetype in standardIssueTypes() AND project = PIL', ['PIL-1', 'PIL-2']],
    ['parent = PIL-1', ['PIL-3']],
    ['parent = 10000', ['PIL-3']],
    ['key in (PIL-1, OPS-1)', ['PIL-1', 'OPS-1']],
    ['issue = PIL-2', ['PIL-2']],
    ['id = 10001', ['OPS-1']],
    ['key > PIL-1 AND project = PIL', ['PIL-2', 'PIL-3']],
    ['status = "In Progress"', ['PIL-2']],
    ['status in ("To Do", Done) AND project = PIL', ['PIL-1', 'PIL-3']],
    ['statusCategory = Done', ['PIL-3']],
    ['statusCategory != done AND project = PIL', ['PIL-1', 'PIL-2']],
    ['resolution is EMPTY AND project = PIL', ['PIL-1', 'PIL-2']],
    ['summary ~ pilot', ['PIL-1']],
    ['summary ~ "pred*"', ['PIL-2']],
    ['summary ~ "access request"', ['PIL-3']],
    ['summary !~ pilot AND project = PIL', ['PIL-2', 'PIL-3']],
    ['created >= -30d', ['PIL-2', 'PIL-3']],
    ['created < "2026-01-01"', ['PIL-1']],
    ['created >= "2026/01/15 09:00" AND created <= "2026-02-20 09:00"', ['OPS-1', 'PIL-2']],
    ['created > startOfMonth(-1)', ['PIL-2', 'PIL-3']],
    ['updated >= startOfDay()', ['PIL-1', 'PIL-2', 'PIL-3']],
    ['duedate <= 2026-03-31', ['PIL-3']],
    ['duedate > now()', ['PIL-1', 'PIL-3']],
    ['due is EMPTY AND project = PIL', ['PIL-2']],
    ['duedate >= 1w', ['PIL-3', 'PIL-1'].sort()],
    ['assignee = u-alice', ['PIL-2']],
    ['assignee = currentUser()', ['PIL-2']],
    ['assignee is EMPTY AND project = OPS', ['OPS-1']],
    ['reporter = currentUser()', []],
    ['labels = fraud', ['PIL-1']],
    ['labels in (ops, AI)', ['PIL-1', 'OPS-1']],
    ['labels != fraud', ['OPS-1']],
    ['labels not in (ops)', ['PIL-1']],
    ['"Start date" <= -90d', ['PIL-1']],
    ['cf[10015] is not EMPTY', ['PIL-1']],
    ['"AI Pilot readiness score" >= 4', ['PIL-2']],
    ['cf[10101] < 4', ['PIL-1']],
    ['customfield_10101 = 5', ['PIL-2']],
    ['"ai pilot readiness score" in (2, 5)', ['PIL-1', 'PIL-2']],
    ['"AI Pilot phase" = "post-demo"', ['PIL-1']],
    ['"AI Pilot phase" != pilot', ['PIL-1']],
    ['"AI Pilot diagnostic".DataAccess = no', ['PIL-1']],
    ['"AI Pilot diagnostic".DataAccess = yes AND "AI Pilot diagnostic".Owner = yes', ['PIL-2']],
    ['"AI Pilot diagnostic".Score >= 4', ['PIL-2']],
    ['cf[10100].Score < 4', ['PIL-1']],
    ['"AI Pilot diagnostic" ~ purgatory', ['PIL-1']],
    ['"AI Pilot diagnostic" is EMPTY AND project = PIL', ['PIL-3']],
    ['"AI Pilot stall status".Status = stalled', ['PIL-1']],
    ["'AI Pilot stall status'.Status in (clear)", ['PIL-2']],
    ['"AI Pilot stall status".DecisionDue = "true"', ['PIL-1']],
    ['"AI Pilot stall status".DaysStalled > 90', ['PIL-1']],
    ['"AI Pilot stall status".ScannedOn >= -7d', ['PIL-1', 'PIL-2']],
    ['"AI Pilot demo date" <= startOfMonth()', ['PIL-1']],
    ['NOT (project = OPS) AND labels is not EMPTY', ['PIL-1']],
    ['project = PIL AND NOT status = Done', ['PIL-1', 'PIL-2']],
    ['(issuetype = "AI Pilot" OR key = OPS-1) AND created >= -200d', ['PIL-1', 'OPS-1', 'PIL-2']],
    ['project = OPS OR project = PIL AND statusCategory = Done', ['OPS-1', 'PIL-3']],
    [
      'issuetype = "AI Pilot" AND ((cf[10104] < "2025-12-01" AND statusCategory != Done) OR "AI Pilot stall status".Status = stalled) ORDER BY key ASC',
      ['PIL-1'],
    ],
    ['project in ("PIL", "OPS") AND issuetype = "AI Pilot" ORDER BY key ASC', ['PIL-1', 'PIL-2']],
  ])('%s', async (q, expected) => {
    expect(await keys(q)).toEqual(expected);
  });
});

describe('permission filtering', () => {
  it('never returns issues of projects the user cannot browse', async () => {
    expect(await keys('"AI Pilot readiness score" >= 4', ALICE)).toEqual(['PIL-2']);
    expect(await keys('"AI Pilot readiness score" >= 4', APP)).toEqual(['PIL-2', 'SEC-1']);
    expect(await keys('issuetype = "AI Pilot"', ALICE)).not.toContain('SEC-1');
    const count = await site.as(ALICE)('POST', '/rest/api/3/search/approximate-count', {
      jql: 'issuetype = "AI Pilot"',
    });
    expect(count.body).toEqual({ count: 2 });
    const appCount = await site.as(APP)('POST', '/rest/api/3/search/approximate-count', {
      jql: 'issuetype = "AI Pilot"',
    });
    expect(appCount.body).toEqual({ count: 3 });
  });

  it('treats an invisible project or issue as a value that does not exist', async () => {
    const res = await site.as(ALICE)('GET', jql('project = SEC'));
    expect(res).toMatchObject({
      status: 400,
      body: { errorMessages: ["The value 'SEC' does not exist for the field 'project'."], errors: {} },
    });
    const key = await site.as(ALICE)('GET', jql('key = SEC-1'));
    expect(key.body).toEqual({
      errorMessages: ["An issue with key 'SEC-1' does not exist for field 'key'."],
      errors: {},
    });
  });
});

describe('ORDER BY', () => {
  it.each([
    ['project = PIL ORDER BY created DESC', ['PIL-3', 'PIL-2', 'PIL-1']],
    ['project = PIL ORDER BY created', ['PIL-1', 'PIL-2', 'PIL-3']],
    ['project = PIL ORDER BY duedate ASC', ['PIL-3', 'PIL-1', 'PIL-2']],
    ['project = PIL ORDER BY duedate DESC', ['PIL-2', 'PIL-1', 'PIL-3']],
    ['project in (PIL, OPS) ORDER BY "AI Pilot readiness score" DESC, key ASC', ['OPS-1', 'PIL-3', 'PIL-2', 'PIL-1']],
    ['project in (PIL, OPS) ORDER BY cf[10101] ASC, key DESC', ['PIL-1', 'PIL-2', 'PIL-3', 'OPS-1']],
    ['project in (OPS, PIL) ORDER BY key DESC', ['PIL-3', 'PIL-2', 'PIL-1', 'OPS-1']],
    ['project in (OPS, PIL) ORDER BY project ASC, summary ASC', ['OPS-1', 'PIL-2', 'PIL-3', 'PIL-1']],
    ['project = PIL ORDER BY status DESC', ['PIL-3', 'PIL-2', 'PIL-1']],
    ['project = PIL ORDER BY "AI Pilot diagnostic".Score DESC', ['PIL-3', 'PIL-2', 'PIL-1']],
    ['project in (OPS, PIL)', ['PIL-1', 'OPS-1', 'PIL-2', 'PIL-3']],
  ])('%s', async (q, expected) => {
    expect(await keys(q)).toEqual(expected);
  });
});

describe('paging and fields', () => {
  it('pages with nextPageToken, absent on the last page (GET and POST)', async () => {
    const alice = site.as(ALICE);
    const first = (await alice('GET', jql('project = PIL ORDER BY key', '&maxResults=2&fields=summary'))).body as any;
    expect(first.issues.map((i: any) => i.key)).toEqual(['PIL-1', 'PIL-2']);
    expect(first.isLast).toBe(false);
    expect(typeof first.nextPageToken).toBe('string');
    const second = (
      await alice('POST', '/rest/api/3/search/jql', {
        jql: 'project = PIL ORDER BY key',
        maxResults: 2,
        fields: ['summary'],
        nextPageToken: first.nextPageToken,
      })
    ).body as any;
    expect(second.issues.map((i: any) => i.key)).toEqual(['PIL-3']);
    expect(second.isLast).toBe(true);
    expect(second).not.toHaveProperty('nextPageToken');
    const wrong = await alice('GET', jql('project = OPS', `&nextPageToken=${first.nextPageToken}`));
    expect(wrong.status).toBe(400);
  });

  it('returns only ids by default, the requested fields otherwise, and properties', async () => {
    const alice = site.as(ALICE);
    await alice('PUT', '/rest/api/3/issue/PIL-1/properties/ai-pilot', { seeded: true });
    site.jira.catchUpSearch();
    const bare = (await alice('GET', jql('key = PIL-1'))).body as any;
    expect(bare.issues[0]).toMatchObject({ id: '10000', key: 'PIL-1', fields: {} });
    const rich = (await alice('GET', jql('key = PIL-1', `&fields=summary,status,${F.diagnostic}&properties=ai-pilot`)))
      .body as any;
    expect(rich.issues[0].fields.summary).toBe('Fraud detection pilot');
    expect(rich.issues[0].fields.status).toMatchObject({
      name: 'To Do',
      statusCategory: { key: 'new', name: 'To Do' },
    });
    expect(rich.issues[0].fields[F.diagnostic]).toMatchObject({ q2: 'no', score: 2 });
    expect(rich.issues[0].properties).toEqual({ 'ai-pilot': { seeded: true } });
    const posted = (await alice('POST', '/rest/api/3/search/jql', { jql: 'key = PIL-2', fields: ['*navigable'] }))
      .body as any;
    expect(posted.issues[0].fields.assignee.accountId).toBe('u-alice');
  });

  it('caps maxResults at 100 with fields and 5000 with ids only', async () => {
    const bulk = Array.from({ length: 45 }, (_, i) => ({
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: `bulk ${i}` },
    }));
    for (let i = 0; i < 3; i++)
      expect((await app('POST', '/rest/api/3/issue/bulk', { issueUpdates: bulk })).status).toBe(201);
    site.jira.catchUpSearch();
    const withFields = (await site.as(ALICE)('GET', jql('project = OPS', '&maxResults=500&fields=summary')))
      .body as any;
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
    const idsOnly = (await site.as(ALICE)('GET', jql('project = OPS', '&maxResults=500'))).body as any;
    expect(idsOnly.issues).toHaveLength(136);
    expect(idsOnly.isLast).toBe(true);
    const defaults = (await site.as(ALICE)('GET', jql('project = OPS'))).body as any;
    expect(defaults.issues).toHaveLength(50);
  });
});

describe('JQL errors answer 400 in Jira shape', () => {
  it.each([
    ['project = ', /^Error in the JQL Query: /],
    ['project = PIL AND (', /^Error in the JQL Query: /],
    ['project = "unclosed', /^Error in the JQL Query: /],
    ['foo = bar', /^Field 'foo' does not exist or you do not have permission to view it\.$/],
    ['"AI Pilot diagnostic".Nope = x', /^Field 'AI Pilot diagnostic\.Nope' does not exist/],
    ['project = NOPE', /^The value 'NOPE' does not exist for the field 'project'\.$/],
    ['status = Blocked', /^The value 'Blocked' does not exist for the field 'status'\.$/],
    ['summary = pilot', /^The operator '=' is not supported by the 'summary' field\.$/],
    [
      '"AI Pilot diagnostic".Verdict ~ purgatory',
      /^The operator '~' is not supported by the 'AI Pilot diagnostic\.Verdict' field\.$/,
    ],
    ['labels > a', /^The operator '>' is not supported by the 'labels' field\.$/],
    ['status was Done', /History searches/],
    ['assignee in membersOf(admins)', /^Unable to find JQL function 'membersOf\(admins\)'\.$/],
    ['created > yesterday', /^Date value 'yesterday' for field 'created' is invalid/],
    ['"AI Pilot readiness score" > high', /^Value 'high' is invalid for the 'AI Pilot readiness score' field\.$/],
    ['issue.property[x].y = 1', /not supported by the local Jira host/],
    ['ORDER BY key', /^Unbounded JQL queries are not allowed here/],
    ['', /^Unbounded JQL queries are not allowed here/],
    ['project = PIL ORDER BY labels', /^Field 'labels' does not support sorting\.$/],
    ['project = PIL ORDER BY nope', /^Field 'nope' does not exist/],
  ])('%s', async (q, message) => {
    const res = await site.as(ALICE)('GET', jql(q));
    expect(res.status).toBe(400);
    const body = res.body as { errorMessages: string[]; errors: Record<string, string> };
    expect(body.errors).toEqual({});
    expect(body.errorMessages[0]).toMatch(message);
  });
});
