// Issue 4 in a browser: a project admin sets up a new project, a member creates a pilot, the template's sub-tasks
// appear with their dates, the diagnostic is answered in the panel, and JQL finds pilots by readiness score.
import { addDays, dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import { DEMO_USERS, jql, panel, unwrap } from '../support/local-host';
import { eventually, openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
let bh: BrowserHost;

beforeAll(async () => {
  bh = await startBrowserHost();
  const project = bh.host.jira.addProject({
    key: 'NEW',
    name: 'New AI initiatives',
    leadAccountId: DEMO_USERS.lead.accountId,
  });
  bh.host.jira.grant(project.key, DEMO_USERS.member.accountId, [
    'BROWSE_PROJECTS',
    'CREATE_ISSUES',
    'EDIT_ISSUES',
    'TRANSITION_ISSUES',
  ]);
});
afterAll(() => bh.close());

it('sets up a new project, seeds workstreams on a new pilot, scores the diagnostic and finds it by JQL', async () => {
  // A member is not a project admin: the page says so and offers nothing to change.
  const { page: memberSettings } = await bh.pageAs(DEMO_USERS.member.accountId);
  await memberSettings.goto(`${bh.url}/jira/projects/NEW/settings`);
  await memberSettings
    .frameLocator('iframe[data-testid="forge-frame-settings"]')
    .getByTestId('not-admin')
    .waitFor({ timeout: 30_000 });

  // The project admin runs setup; a second run changes nothing.
  const { page: admin } = await bh.pageAs(DEMO_USERS.lead.accountId);
  await admin.goto(`${bh.url}/jira/projects/NEW/settings`);
  const settings = admin.frameLocator('iframe[data-testid="forge-frame-settings"]');
  await settings.getByTestId('setup-not-ready').waitFor({ timeout: 30_000 });
  await settings.getByTestId('run-setup').click();
  await settings.getByTestId('setup-ready').waitFor();
  await expect(settings.getByTestId('setup-steps').textContent()).resolves.toMatch(/Added AI Pilot/);
  const schemesBefore = JSON.stringify(bh.host.jira.state);
  await settings.getByTestId('run-setup').click();
  // The first report is still on screen; wait until the second run has answered and been drawn.
  const setupRuns = () => bh.server.bridgeLog.filter((c) => c.functionKey === 'settings/setup').length;
  await eventually(
    async () => setupRuns(),
    (n) => n === 2,
  );
  await eventually(
    async () =>
      (await settings.getByTestId('run-setup').isEnabled()) && (await settings.getByTestId('setup-ready').count()),
    (ready) => ready === 1,
  );
  await expect(settings.getByTestId('setup-steps').textContent()).resolves.not.toMatch(/Added|Created/);
  expect(JSON.stringify(bh.host.jira.state).length).toBe(schemesBefore.length);

  // A member creates an AI Pilot from Jira's create form.
  const { page } = await bh.pageAs(DEMO_USERS.member.accountId);
  await page.goto(bh.url);
  await page.getByTestId('create-issue').getByLabel('Project').selectOption('NEW');
  await page.getByTestId('create-issue').getByLabel('Summary').fill('Contract clause extraction');
  await page.getByTestId('create-issue').getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/jira\/browse\/NEW-\d+$/);
  const key = page.url().split('/').pop()!;
  await bh.host.runner.idle();
  await page.reload();
  const rows = page.getByTestId('subtasks').locator('tbody tr');
  await expect(rows.count()).resolves.toBe(8);
  const today = dayOf(new Date());
  const startOf = async (name: string) =>
    (await rows.filter({ hasText: name }).getByTestId('start').textContent())?.trim();
  expect(await startOf('Model development & validation')).toBe(today);
  expect(await startOf('Infrastructure spec & provisioning')).toBe(addDays(today, 7));
  expect(await startOf('MLOps pipeline setup')).toBe(addDays(today, 14));
  expect(await startOf('Monitoring & alerting setup')).toBe(addDays(today, 21));

  // The diagnostic: answers change the score and verdict live, saving stores them and names the mismatches.
  // Jira shows the app's panel once someone opens it from the issue's app icon.
  expect(await page.locator('iframe[data-testid="forge-frame-panel"]').count()).toBe(0);
  const frame = await openIssuePanel(page, bh.url, key);
  await frame.getByTestId('score').waitFor({ timeout: 30_000 });
  await expect(frame.getByTestId('score').textContent()).resolves.toMatch(/0\/7/);
  await frame.getByTestId('answer-q1').getByLabel('Yes', { exact: true }).check();
  await frame.getByTestId('answer-q2').getByLabel('Yes', { exact: true }).check();
  await frame.getByTestId('answer-q3').getByLabel('No', { exact: true }).check();
  await expect(frame.getByTestId('score').textContent()).resolves.toMatch(/2\/7/);
  await frame.getByTestId('save-diagnostic').click();
  await eventually(
    async () => unwrap(await panel<PanelView>(bh.host, key, DEMO_USERS.member.accountId, 'panel/load')).record.version,
    (v) => v === 1,
  );
  await expect(frame.getByTestId('verdict').textContent()).resolves.toMatch(/purgatory/i);
  const mismatches = await frame.getByTestId('mismatches').textContent();
  expect(mismatches).toMatch(/Q1 Production owner: answered yes, but no production owner is set/);
  expect(mismatches).toMatch(/Q2 Data access: answered yes, but the Data access requests sub-task is still To Do/);

  // JQL over the app's field finds exactly the pilots scoring below 4, once Jira's search index (which trails
  // writes) has caught up.
  bh.host.jira.catchUpSearch();
  const expected: string[] = [];
  for (const k of await jql(bh.host, 'issuetype = "AI Pilot" ORDER BY key')) {
    const view = await panel<PanelView>(bh.host, k, DEMO_USERS.admin.accountId, 'panel/load');
    if (view.ok && view.data.assessment.assessed && view.data.assessment.score < 4) expected.push(k);
  }
  expect(expected).toContain(key);
  const { page: search } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await search.goto(`${bh.url}/jira/search?jql=${encodeURIComponent('"AI Pilot readiness score" < 4 ORDER BY key')}`);
  const found = await search.getByTestId('search-results').locator('tbody tr td:first-child').allTextContents();
  expect(found.map((s) => s.trim()).sort()).toEqual(expected.sort());
});
