// The Custom UI apps draw with design tokens only, so they follow the product's dark theme when Forge hands it
// over (view.theme.enable()): text turns light on a dark surface in every module.
import { DEMO_USERS } from '../support/local-host';
import { openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(120_000);
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

/** Relative luminance of a CSS rgb()/rgba() colour, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255) as [
    number,
    number,
    number,
  ];
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

it.each([
  ['the issue panel', '/jira/browse/PAY-1', 'panel', 'score'],
  ['the settings page', '/jira/projects/PAY/settings', 'settings', 'template-table'],
  ['the portfolio macro', '/confluence', 'macro', 'summary'],
])('renders %s in the dark theme with light text on a dark surface', async (_name, path, resource, testId) => {
  const { page, context } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await context.addCookies([{ name: 'p2p-theme', value: 'dark', url: bh.url }]);
  if (resource === 'panel') await openIssuePanel(page, bh.url, path.split('/').pop()!);
  else await page.goto(`${bh.url}${path}`);
  if (resource === 'macro') await page.getByRole('link', { name: 'AI pilot portfolio review' }).click();
  const frame = page.frameLocator(`iframe[data-testid="forge-frame-${resource}"]`).first();
  await frame.getByTestId(testId).waitFor({ timeout: 30_000 });
  const colours = await frame.locator('body').evaluate((body) => ({
    mode: document.documentElement.getAttribute('data-color-mode'),
    text: getComputedStyle(body).color,
    surface: getComputedStyle(body).backgroundColor,
  }));
  expect(colours.mode).toBe('dark');
  expect(luminance(colours.text)).toBeGreaterThan(0.3);
  expect(colours.surface).toMatch(/^rgb\(/); // opaque, so the luminance below is the surface's own
  expect(luminance(colours.surface)).toBeLessThan(0.05);
});
