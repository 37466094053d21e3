// POST /rest/api/3/issue/{issueIdOrKey}/notify as the OpenAPI document describes it: what it refuses (400, 403,
// 404) and whom it reaches (only people who can browse the issue, narrowed by `restrict`).
import { ADMIN, ALICE, APP, BOB, create, createTestSite, finish, type TestSite } from './fixture';

let site: TestSite;
let pil: { id: string; key: string };
let sec: { id: string; key: string };

beforeEach(async () => {
  site = createTestSite();
  pil = await create(site.as(ALICE), 'PIL', 'Fraud scoring');
  sec = await create(site.as(ADMIN), 'SEC', 'Secret model');
});
afterAll(() => expect(finish(site.tally, 'notify')).toEqual([]));

const notify = (
  principal = APP,
  issue = pil.key,
  body: unknown = { subject: 'Decision due', textBody: 'Decide.', to: { users: [{ accountId: 'u-bob' }] } },
) => site.as(principal)('POST', `/rest/api/3/issue/${issue}/notify`, body);
const inbox = (accountId: string) => site.jira.inbox(accountId).map((n) => [n.issueKey, n.subject]);

it('delivers to the named users and the reporter, once each, and answers 204', async () => {
  const res = await notify(APP, pil.key, {
    subject: 'Decision due',
    textBody: 'Decide.',
    to: { reporter: true, users: [{ accountId: 'u-bob' }, { accountId: 'u-alice' }] },
  });
  expect(res.status).toBe(204);
  expect(inbox('u-bob')).toEqual([[pil.key, 'Decision due']]);
  expect(inbox('u-alice')).toEqual([[pil.key, 'Decision due']]);
  expect(site.jira.notifications()[0]!.recipients).toEqual(['u-alice', 'u-bob']);
});

it('uses the issue key and summary when there is no subject', async () => {
  expect((await notify(APP, pil.key, { textBody: 'Hello', to: { users: [{ accountId: 'u-bob' }] } })).status).toBe(204);
  expect(inbox('u-bob')).toEqual([[pil.key, `${pil.key} Fraud scoring`]]);
});

it('reaches nobody who cannot browse the issue, and still answers 204', async () => {
  const res = await notify(APP, sec.key, {
    subject: 'Secret',
    to: { users: [{ accountId: 'u-bob' }, { accountId: 'u-alice' }] },
  });
  expect(res.status).toBe(204);
  expect(inbox('u-bob')).toEqual([]);
  expect(inbox('u-alice')).toEqual([]);
});

it('narrows the recipients to those holding the restrict permissions', async () => {
  const res = await notify(APP, pil.key, {
    subject: 'Editors only',
    to: { users: [{ accountId: 'u-bob' }, { accountId: 'u-alice' }] },
    restrict: { permissions: [{ key: 'EDIT_ISSUES' }] },
  });
  expect(res.status).toBe(204);
  expect(inbox('u-alice')).toEqual([[pil.key, 'Editors only']]);
  expect(inbox('u-bob')).toEqual([]);
});

it.each<[string, unknown, RegExp]>([
  ['no recipients at all', { subject: 'x' }, /No recipients/],
  ['an empty recipient list', { subject: 'x', to: { users: [], reporter: false } }, /No recipients/],
  ['an unknown account', { subject: 'x', to: { users: [{ accountId: 'u-nobody' }] } }, /u-nobody/],
  ['the assignee of an unassigned issue', { subject: 'x', to: { assignee: true } }, /unassigned/],
  [
    'a group that does not exist',
    { subject: 'x', to: { groups: [{ name: 'notification-group' }] } },
    /notification-group/,
  ],
  ['a subject that is not text', { subject: 42, to: { users: [{ accountId: 'u-bob' }] } }, /subject/],
  [
    'an unknown restrict permission',
    { subject: 'x', to: { users: [{ accountId: 'u-bob' }] }, restrict: { permissions: [{ key: 'FLY' }] } },
    /FLY/,
  ],
])('refuses %s with 400', async (_name, body, message) => {
  const res = await site.as(APP)('POST', `/rest/api/3/issue/${pil.key}/notify`, body);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(message);
  expect(site.jira.notifications()).toEqual([]);
});

it('refuses a recipient who is the caller', async () => {
  const res = await notify(ALICE, pil.key, { subject: 'x', to: { users: [{ accountId: 'u-alice' }] } });
  expect(res.status).toBe(400);
});

it('answers 404 for an issue the caller cannot see', async () => {
  expect((await notify(BOB, sec.key)).status).toBe(404);
  expect((await notify(APP, 'PIL-999')).status).toBe(404);
});

it('answers 403 when outgoing email is disabled', async () => {
  site.jira.setOutgoingMail(false);
  expect((await notify()).status).toBe(403);
  site.jira.setOutgoingMail(true);
  expect((await notify()).status).toBe(204);
});
