// Product events reach the app's trigger with Forge's documented issue fields only: summary, issueType, creator,
// created, project, reporter, assignee, updated, status (and the changelog of an update). No `parent`, no custom
// fields, no `issuetype` second spelling.
import type { JiraEvent } from '../../../host/jira';
import { DOCUMENTED_ISSUE_EVENT_FIELDS, toForgeIssueEvent } from '../../../host/forge/product-events';
import { ALICE, APP, F, create, createTestSite, installPilotType, setFieldValue } from '../jira/fixture';

it('sends the documented issue fields and nothing else, for a created pilot and a moved sub-task', async () => {
  const site = createTestSite();
  const app = site.as(APP);
  const alice = site.as(ALICE);
  await installPilotType(app, ['PIL']);
  const events: JiraEvent[] = [];
  site.jira.onEvent((e) => events.push(e));
  const pilot = await create(alice, 'PIL', 'Fraud pilot', { issuetype: { name: 'AI Pilot' } });
  await setFieldValue(app, F.score, [pilot.id], 3);
  const sub = {
    fields: {
      project: { key: 'PIL' },
      issuetype: { name: 'Sub-task' },
      summary: 'Data access requests',
      parent: { key: pilot.key },
    },
  };
  const bulk = (await app('POST', '/rest/api/3/issue/bulk', { issueUpdates: [sub] })).body as {
    issues: Array<{ key: string }>;
  };
  await alice('POST', `/rest/api/3/issue/${bulk.issues[0]!.key}/transitions`, { transition: { id: '21' } });

  const forge = events.map((e) => toForgeIssueEvent(e, site.jira.appAccountId));
  const created = forge.find((e) => e.issue.key === pilot.key && e.eventType === 'avi:jira:created:issue')!;
  const moved = forge.find((e) => e.issue.key === bulk.issues[0]!.key && e.eventType === 'avi:jira:updated:issue')!;
  for (const event of [created, moved]) {
    // selfGenerated is a documented field of both events (Forge's Jira events reference).
    expect(Object.keys(event).sort()).toEqual(
      event === moved
        ? ['atlassianId', 'changelog', 'eventType', 'issue', 'selfGenerated']
        : ['atlassianId', 'eventType', 'issue', 'selfGenerated'],
    );
    expect(Object.keys(event.issue).sort()).toEqual(['fields', 'id', 'key']);
    for (const key of Object.keys(event.issue.fields)) expect(DOCUMENTED_ISSUE_EVENT_FIELDS).toContain(key);
    expect(event.issue.fields).not.toHaveProperty('parent');
    expect(event.issue.fields).not.toHaveProperty('issuetype');
  }
  expect(created.issue.fields).toMatchObject({
    summary: 'Fraud pilot',
    issueType: { name: 'AI Pilot', subtask: false },
    project: { key: 'PIL' },
    status: { name: 'To Do' },
    creator: { accountId: 'u-alice' },
    reporter: { accountId: 'u-alice' },
  });
  expect(moved.issue.fields).toMatchObject({ issueType: { subtask: true }, status: { name: 'In Progress' } });
  expect(moved.changelog!.items).toEqual([expect.objectContaining({ fieldId: 'status', toString: 'In Progress' })]);
  expect(forge.some((e) => Object.keys(e.issue.fields).some((k) => k.startsWith('customfield_')))).toBe(false);
});
