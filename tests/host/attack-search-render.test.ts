// Attack: search results must come from the search index, which trails writes (/search/jql: "recent updates might
// not be immediately visible"). The host renders the issue itself from the indexed copy, but its `subtasks` and
// `parent` fields were read from the live issues: a sub-task created (or moved) a moment ago showed up at once in a
// lagging search for its parent, so app code reading workstream statuses from a search looked consistent here only.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ALICE, create, createTestSite, finish, type Send, type TestSite } from './jira/fixture';

let site: TestSite;
let alice: Send;

beforeEach(() => {
  site = createTestSite();
  alice = site.as(ALICE);
});

afterEach(() => {
  expect(finish(site.tally, 'host-attack-search-render')).toEqual([]);
});

const search = (jql: string, fields: string[], reconcileIssues?: number[]) =>
  alice('POST', '/rest/api/3/search/jql', { jql, fields, ...(reconcileIssues ? { reconcileIssues } : {}) });

describe('a lagging search renders related issues as the index saw them', () => {
  it('does not list a sub-task created after the parent was indexed until the index catches up (or the parent is reconciled)', async () => {
    const parent = await create(alice, 'PIL', 'Parent');
    site.jira.catchUpSearch();
    const sub = await create(alice, 'PIL', 'Fresh sub-task', {
      issuetype: { name: 'Sub-task' },
      parent: { key: parent.key },
    });
    const lagging = await search(`key = ${parent.key}`, ['subtasks']);
    expect((lagging.body as any).issues.map((i: any) => i.fields.subtasks.map((s: any) => s.key))).toEqual([[]]);
    // Read-after-write through reconcileIssues sees it, as Jira documents.
    const reconciled = await search(`key = ${parent.key}`, ['subtasks'], [Number(parent.id), Number(sub.id)]);
    expect((reconciled.body as any).issues[0].fields.subtasks.map((s: any) => s.key)).toEqual([sub.key]);
    site.jira.catchUpSearch();
    expect(
      ((await search(`key = ${parent.key}`, ['subtasks'])).body as any).issues[0].fields.subtasks.map(
        (s: any) => s.key,
      ),
    ).toEqual([sub.key]);
  });

  it("shows a sub-task's status in its parent's search result as indexed, not as it is now", async () => {
    const parent = await create(alice, 'PIL', 'Parent');
    const sub = await create(alice, 'PIL', 'Sub-task', {
      issuetype: { name: 'Sub-task' },
      parent: { key: parent.key },
    });
    site.jira.catchUpSearch();
    const before = ((await search(`key = ${parent.key}`, ['subtasks'])).body as any).issues[0].fields.subtasks[0].fields
      .status.name;
    const transitions = (await alice('GET', `/rest/api/3/issue/${sub.key}/transitions`)).body as any;
    const move = transitions.transitions.find((t: any) => t.to.name !== before);
    expect(
      (await alice('POST', `/rest/api/3/issue/${sub.key}/transitions`, { transition: { id: move.id } })).status,
    ).toBe(204);
    const lagging = ((await search(`key = ${parent.key}`, ['subtasks'])).body as any).issues[0].fields.subtasks[0]
      .fields.status.name;
    expect(lagging).toBe(before);
    site.jira.catchUpSearch();
    const caughtUp = ((await search(`key = ${parent.key}`, ['subtasks'])).body as any).issues[0].fields.subtasks[0]
      .fields.status.name;
    expect(caughtUp).toBe(move.to.name);
  });
});
