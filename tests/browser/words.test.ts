// Words a reviewer can trust, on the screen: the Kill list page shows Riley Viewer the pilots they may see with a
// note that one project is hidden; the summary's "Scoring 0-3" and the chart's words are the same number, and the
// trend says which scan it shows; the settings page names who saved last instead of showing an account id.
import { DEMO_USERS, settings, unwrap } from '../support/local-host';
import { startBrowserHost, type BrowserHost } from '../support/browser';
import type { SettingsPageView } from '../../src/contract/views';

jest.setTimeout(180_000);
let bh: BrowserHost;

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

const pageId = (prefix: string) => bh.host.confluence.state.pages.find((p) => p.title.startsWith(prefix))!.id;

it('shows Riley Viewer the Kill list without the project they cannot browse, with a note that one is hidden', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  await page.goto(`${bh.url}/confluence/pages/${pageId('Kill list')}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  expect(await macro.getByTestId('load-error').count()).toBe(0);
  expect(await macro.locator('[data-testid^="row-"]').count()).toBeGreaterThan(0);
  expect(await macro.locator('[data-testid^="row-RISK-"]').count()).toBe(0);
  await expect(macro.getByTestId('unavailable-projects').textContent()).resolves.toMatch(
    /One project .* hidden from you/,
  );
});

it("states one 0-3 count in the summary and in the chart's words, and which scan the trend shows", async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/confluence/pages/${pageId('AI pilot portfolio review')}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  const low = (await macro.getByTestId('summary-low-score').textContent())!.trim();
  await macro.getByTestId('chart-distribution-words').waitFor({ timeout: 30_000 });
  const words = (await macro.getByTestId('chart-distribution-words').textContent())!;
  expect(words).toMatch(new RegExp(`^${low} pilots? scores? 0-3;`));
  const asOf = (await macro.getByTestId('trend-as-of').textContent())!;
  expect(asOf).toMatch(/^As of the scan on \d{4}-\d{2}-\d{2}: /);
});

it('names who saved the settings last, not their account id', async () => {
  const loaded = unwrap(await settings<SettingsPageView>(bh.host, 'PAY', DEMO_USERS.admin.accountId, 'settings/load'));
  const next = {
    ...loaded.settings,
    stallRule: { ...loaded.settings.stallRule, thresholdDays: loaded.settings.stallRule.thresholdDays + 1 },
  };
  unwrap(
    await settings(bh.host, 'PAY', DEMO_USERS.admin.accountId, 'settings/save', {
      expectedVersion: loaded.version,
      settings: next,
    }),
  );
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/jira/projects/PAY/settings`);
  const frame = page.frameLocator('iframe[data-testid="forge-frame-settings"]');
  await frame.getByTestId('gate-form').waitFor({ timeout: 30_000 });
  const header = (await frame.getByText(/last saved/).textContent())!;
  expect(header).toContain(`by ${DEMO_USERS.admin.displayName}`);
  expect(header).not.toContain(DEMO_USERS.admin.accountId);
  expect(await frame.getByTestId('audit-trail').textContent()).not.toContain(DEMO_USERS.admin.accountId);
});
