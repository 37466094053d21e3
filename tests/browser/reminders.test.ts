// Reminders on the screen: the recipient's Inbox (reached from the Jira header) lists the reminder the daily scan
// sent them, someone with none sees an empty inbox, and the settings page's reminders checkbox is labelled and
// turns reminders off from the keyboard (saved and audited).
import { DEMO_USERS, settings, unwrap } from '../support/local-host';
import { eventually, startBrowserHost, type BrowserHost } from '../support/browser';
import type { SettingsPageView } from '../../src/contract/views';

jest.setTimeout(180_000);
let bh: BrowserHost;

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

it("shows the production owner the reminders the demo's daily scan sent them, from the header's Inbox link", async () => {
  const sent = bh.host.jira.inbox(DEMO_USERS.priya.accountId);
  const decision = sent.find((n) => /review decision/.test(n.subject));
  expect(decision).toBeDefined();
  const { page } = await bh.pageAs(DEMO_USERS.priya.accountId);
  await page.goto(`${bh.url}/`);
  await page.getByRole('link', { name: 'Inbox' }).click();
  const items = page.getByTestId('inbox-item');
  await items.first().waitFor();
  expect(await items.count()).toBe(sent.length);
  const row = items.filter({ hasText: decision!.subject });
  expect(await row.count()).toBe(1);
  expect(await row.getByRole('link', { name: decision!.issueKey }).getAttribute('href')).toBe(
    `/jira/browse/${decision!.issueKey}`,
  );
});

it('shows an empty inbox to someone nobody reminded', async () => {
  expect(bh.host.jira.inbox(DEMO_USERS.viewer.accountId)).toEqual([]);
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  await page.goto(`${bh.url}/jira/inbox`);
  await expect(page.getByTestId('inbox-empty').textContent()).resolves.toBe('No notifications yet.');
});

it('turns reminders off with the keyboard through the labelled checkbox, and the change is saved and audited', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/jira/projects/RISK/settings`);
  const frame = page.frameLocator('iframe[data-testid="forge-frame-settings"]');
  const toggle = frame.getByRole('checkbox', { name: 'Send reminders from the daily scan' });
  await toggle.waitFor({ timeout: 30_000 });
  expect(await toggle.isChecked()).toBe(true);
  await toggle.focus();
  await page.keyboard.press('Space');
  expect(await toggle.isChecked()).toBe(false);
  await frame.getByTestId('save-settings').focus();
  await page.keyboard.press('Enter');
  await frame.getByText('All changes saved').waitFor({ timeout: 30_000 });
  const stored = await eventually(
    async () => unwrap(await settings<SettingsPageView>(bh.host, 'RISK', DEMO_USERS.admin.accountId, 'settings/load')),
    (view) => view.settings.reminders.enabled === false,
  );
  expect(stored.audit[0]!.changes).toContain('reminders: on → off');
});
