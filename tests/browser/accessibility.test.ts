// Accessibility of every Custom UI module, checked with axe-core against WCAG 2.1 A and AA (labels, names,
// contrast, ARIA) in the light and the dark theme. Landmark best practices are left out: the modules are frames
// embedded in a Jira or Confluence page, which owns the page's landmarks and its level-one heading.
import { readFileSync } from 'node:fs';
import { DEMO_USERS } from '../support/local-host';
import { openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };

const modules: Array<[string, string, string, string]> = [
  ['issue panel', '/jira/browse/PAY-1', 'panel', 'score'],
  ['settings page', '/jira/projects/PAY/settings', 'settings', 'template-table'],
  ['portfolio macro', '/confluence', 'macro', 'charts'],
];

describe.each(['light', 'dark'])('in the %s theme', (theme) => {
  it.each(modules)('the %s has no WCAG 2.1 A/AA violations', async (_name, path, resource, testId) => {
    const { page, context } = await bh.pageAs(DEMO_USERS.admin.accountId);
    await context.addCookies([{ name: 'p2p-theme', value: theme, url: bh.url }]);
    if (resource === 'panel') await openIssuePanel(page, bh.url, path.split('/').pop()!);
    else await page.goto(`${bh.url}${path}`);
    if (resource === 'macro') await page.getByRole('link', { name: 'AI pilot portfolio review' }).click();
    const element = await page.waitForSelector(`iframe[data-testid="forge-frame-${resource}"]`);
    const frame = (await element.contentFrame())!;
    await frame.waitForSelector(`[data-testid="${testId}"]`, { timeout: 30_000 });
    // Wait for what the person sees to settle (lazy chunks mounted, no spinner left), not for network silence:
    // the bridge and the theme keep the frame talking.
    await frame.waitForFunction(() => !document.querySelector('[data-testid$="loading"]'), undefined, {
      timeout: 30_000,
    });
    await frame.evaluate(axeSource);
    const violations = (await frame.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
        .run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        })
        .then((r) => r.violations),
    )) as Violation[];
    expect(
      violations.map(
        (v) =>
          `${v.impact} ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      ),
    ).toEqual([]);
  });
});
