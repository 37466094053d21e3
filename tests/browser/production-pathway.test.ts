// The production pathway in Chromium: a member writes the production criteria in the issue panel, creates the
// pathway page from it, and sees the link (section and Q4 evidence); the page renders in Confluence with the
// pilot's facts and the portfolio macro showing this one pilot.
import { createPilot, DEMO_USERS } from '../support/local-host';
import { openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

it('panel → criteria → create page → link visible; the page renders with the macro narrowed to the pilot', async () => {
  const { key } = await createPilot(bh.host, 'PAY', 'Browser pathway pilot');
  await bh.host.runner.idle();
  const { page } = await bh.pageAs(DEMO_USERS.member.accountId);
  const panel = await openIssuePanel(page, bh.url, key);
  await panel.getByTestId('production-criteria').waitFor({ timeout: 30_000 });

  // A half-filled form is refused field by field, beside the fields.
  await panel.getByTestId('criteria-latencyP95Ms').fill('0');
  await panel.getByTestId('criteria-save').click();
  await panel.locator('#criteria-latencyP95Ms-error').waitFor({ timeout: 15_000 });
  await panel.locator('#criteria-rollbackPlan-error').waitFor();

  await panel.getByTestId('criteria-latencyP95Ms').fill('300');
  await panel.getByTestId('criteria-availabilityPercent').fill('99.5');
  await panel.getByTestId('criteria-dataSources').fill('Claims warehouse\nPolicy API');
  await panel.getByTestId('criteria-regulatoryFrameworks').fill('None');
  await panel.getByTestId('criteria-rollbackPlan').fill('Route traffic back to the manual queue');
  await panel.getByTestId('criteria-monitoring').fill('Queue depth alert to the claims on-call');
  await panel.getByTestId('criteria-save').click();
  await panel.getByTestId('criteria-summary').waitFor({ timeout: 15_000 });
  await expect(panel.getByTestId('criteria-summary').textContent()).resolves.toContain('Claims warehouse, Policy API');

  await panel.getByTestId('pathway-start').click();
  await panel.getByTestId('pathway-title').waitFor({ timeout: 15_000 });
  await expect(panel.getByTestId('pathway-title').inputValue()).resolves.toBe(
    `${key} production pathway: Browser pathway pilot`,
  );
  await panel.getByTestId('pathway-create').click();
  const open = panel.getByTestId('pathway-open');
  await open.waitFor({ timeout: 30_000 });
  await expect(open.textContent()).resolves.toBe(`Open "${key} production pathway: Browser pathway pilot"`);
  // Q4's evidence names the page and links to it.
  await panel.getByTestId('evidence-link-q4').waitFor();
  await expect(panel.getByTestId('question-q4').textContent()).resolves.toMatch(
    /Jira shows: the production pathway page .* is linked/,
  );

  const created = bh.host.confluence.state.pages.find(
    (p) => p.title === `${key} production pathway: Browser pathway pilot`,
  )!;
  expect(await open.getAttribute('href')).toContain(`/pages/${created.id}/`);
  bh.host.jira.catchUpSearch();
  await page.goto(`${bh.url}/confluence/pages/${created.id}`);
  const body = page.getByTestId('page-body');
  await body.waitFor({ timeout: 15_000 });
  await expect(body.textContent()).resolves.toContain('Route traffic back to the manual queue');
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId(`row-${key}`).waitFor({ timeout: 30_000 });
  expect(await macro.locator('[data-testid^="row-"]').count()).toBe(1);
});

it('someone who may read the pilot but not edit it sees no create button', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  const panel = await openIssuePanel(page, bh.url, 'PAY-1');
  await panel.getByTestId('pathway-page').waitFor({ timeout: 30_000 });
  expect(await panel.getByTestId('pathway-start').count()).toBe(0);
});
