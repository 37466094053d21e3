// POST /rest/api/3/changelog/bulkfetch as the OpenAPI document describes it: changelogs oldest first (by date, then
// issue id), filtered to the fields asked for, paged by maxResults with nextPageToken; issues the caller may not
// browse are left out; every request and response checked against the document.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ALICE, BOB, create, createTestSite, finish, type Send, type TestSite } from './fixture';

let site: TestSite;
let alice: Send;

beforeEach(() => {
  site = createTestSite();
  alice = site.as(ALICE);
});
afterEach(() => {
  expect(finish(site.tally, 'host-changelog')).toEqual([]);
});

const transition = (key: string, id: string) =>
  alice('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
const bulk = (send: Send, body: Record<string, unknown>) => send('POST', '/rest/api/3/changelog/bulkfetch', body);
const at = (iso: string) => {
  site.now.value = new Date(iso);
};

describe('changelog bulk fetch', () => {
  it('returns status changes oldest first per issue, only the fields asked for, and pages with nextPageToken', async () => {
    const a = await create(alice, 'PIL', 'A');
    const b = await create(alice, 'PIL', 'B');
    at('2026-03-02T09:00:00.000Z');
    await alice('PUT', `/rest/api/3/issue/${a.key}`, { fields: { summary: 'A renamed' } });
    at('2026-03-03T09:00:00.000Z');
    expect((await transition(b.key, '21')).status).toBe(204);
    at('2026-03-04T09:00:00.000Z');
    expect((await transition(a.key, '21')).status).toBe(204);
    at('2026-03-05T09:00:00.000Z');
    expect((await transition(a.key, '31')).status).toBe(204);

    const all = await bulk(alice, { issueIdsOrKeys: [a.id, b.key], fieldIds: ['status'] });
    expect(all.status).toBe(200);
    const logs = (all.body as any).issueChangeLogs;
    expect(
      logs.map((l: any) => [
        l.issueId,
        l.changeHistories.map((h: any) => [
          h.created.slice(0, 10),
          h.items.map((i: any) => `${i.fieldId}:${i.toString}`),
        ]),
      ]),
    ).toEqual([
      [b.id, [['2026-03-03', ['status:In Progress']]]],
      [
        a.id,
        [
          ['2026-03-04', ['status:In Progress']],
          ['2026-03-05', ['status:Done']],
        ],
      ],
    ]);
    expect((all.body as any).nextPageToken).toBeUndefined();

    // Without a field filter the summary edit is there too; one changelog per page, then the token continues.
    const first = await bulk(alice, { issueIdsOrKeys: [a.id], maxResults: 1 });
    expect((first.body as any).issueChangeLogs[0].changeHistories[0].items.map((i: any) => i.fieldId)).toEqual([
      'summary',
    ]);
    const second = await bulk(alice, {
      issueIdsOrKeys: [a.id],
      maxResults: 1,
      nextPageToken: (first.body as any).nextPageToken,
    });
    expect((second.body as any).issueChangeLogs[0].changeHistories[0].items.map((i: any) => i.fieldId)).toEqual([
      'status',
    ]);
    const foreign = await bulk(alice, { issueIdsOrKeys: [b.id], nextPageToken: (first.body as any).nextPageToken });
    expect(foreign.status).toBe(400);
  });

  it('leaves out issues the caller may not browse', async () => {
    const ops = await create(alice, 'OPS', 'Hidden from Bob');
    expect((await transition(ops.key, '21')).status).toBe(204);
    const res = await bulk(site.as(BOB), { issueIdsOrKeys: [ops.id], fieldIds: ['status'] });
    expect(res.status).toBe(200);
    expect((res.body as any).issueChangeLogs).toEqual([]);
  });
});
