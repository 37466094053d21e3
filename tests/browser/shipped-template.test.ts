// Template from what shipped in a browser, by keyboard only: on PAY's settings page the admin finds the graduated
// pilots, picks one, previews the difference from the current template and adopts it; the page then shows the new
// version and its audit line. The portfolio macro shows the median cycle time, without RISK for the viewer.
import { readFileSync } from 'node:fs';
import { DEMO_USERS } from '../support/local-host';
import { eventually, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let bh: BrowserHost;

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

it('an admin picks a graduated pilot, previews and adopts its template with the keyboard', async () => {
  const shipped = bh.host.jira.state.issues.find((i) => i.summary === 'Payment retry optimiser')!;
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/jira/projects/PAY/settings`);
  const settings = page.frameLocator('iframe[data-testid="forge-frame-settings"]');
  const find = settings.getByTestId('shipped-find');
  await find.waitFor({ timeout: 30_000 });
  const versionBefore = await settings
    .getByText(/^(Version \d+|Using the default settings)/)
    .first()
    .textContent();

  await find.focus();
  await page.keyboard.press('Enter');
  const choice = settings.getByRole('radio', { name: new RegExp(`^${shipped.key} Payment retry optimiser`) });
  await choice.waitFor({ timeout: 30_000 });
  await expect(choice.isChecked()).resolves.toBe(true);
  await choice.focus();
  await page.keyboard.press('Space');
  // The preview button follows the pilot list in the tab order.
  await page.keyboard.press('Tab');
  await expect(settings.getByTestId('shipped-preview').evaluate((el) => el === document.activeElement)).resolves.toBe(
    true,
  );
  await page.keyboard.press('Enter');

  const diff = settings.getByTestId('shipped-diff');
  await diff.waitFor({ timeout: 30_000 });
  await expect(diff.textContent()).resolves.toMatch(new RegExp(`${shipped.key} Payment retry optimiser: pilot start`));
  // The demo did every workstream on one day, 200 days into the pilot: every row moves to that week.
  await expect(settings.getByTestId('shipped-diff-model-dev').textContent()).resolves.toMatch(
    /Changed.*starts week 1 → 29/,
  );

  // The preview meets WCAG 2.1 A/AA like the rest of the page (axe-core).
  const frame = (await (await page.waitForSelector('iframe[data-testid="forge-frame-settings"]')).contentFrame())!;
  await frame.evaluate(axeSource);
  const violations = (await frame.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (ctx: Element, opts: unknown) => Promise<{ violations: Array<{ id: string }> }> };
      }
    ).axe
      .run(document.querySelector('[data-testid="shipped-template"]')!, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      })
      .then((r) => r.violations.map((v) => v.id)),
  )) as string[];
  expect(violations).toEqual([]);

  const adopt = settings.getByTestId('shipped-adopt');
  await expect(adopt.textContent()).resolves.toMatch(/Adopt as template version \d+/);
  await adopt.focus();
  await page.keyboard.press('Enter');
  await settings.getByTestId('shipped-diff').waitFor({ state: 'detached', timeout: 30_000 });
  const versionAfter = await eventually(
    async () =>
      settings
        .getByText(/^Version \d+/)
        .first()
        .textContent(),
    (text) => text !== versionBefore,
  );
  expect(versionAfter).toMatch(/^Version \d+, last saved/);
  await expect(
    settings
      .getByText(new RegExp(`template adopted from what shipped in ${shipped.key}`))
      .first()
      .isVisible(),
  ).resolves.toBe(true);
});

it('the portfolio macro shows the median cycle time of the pilots the viewer may browse', async () => {
  const pageId = bh.host.confluence.state.pages.find((p) => p.title === 'AI pilot portfolio review')!.id;
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  const median = macro.getByTestId('cycle-time-median');
  await median.waitFor({ timeout: 60_000 });
  // PAY (120 days) and OPS (90 days); RISK's pilot is not the viewer's to count.
  await expect(median.textContent()).resolves.toBe('Median 105 days from demo to production over 2 graduated pilots.');
  await expect(macro.getByTestId('cycle-time').textContent()).resolves.not.toMatch(/RISK/);
  await expect(macro.getByTestId('cycle-time-project-PAY').textContent()).resolves.toMatch(/120 days.*90 days/);
});
