// Custom UI runs under Forge's Content-Security-Policy, which the host derives from the manifest's permissions
// (https://developer.atlassian.com/platform/forge/add-content-security-and-egress-controls/). Every module (issue
// panel, settings page, portfolio macro and its config dialog) must render without one CSP violation in the
// console; and without `permissions.content.styles: ['unsafe-inline']` the same pages must report violations
// (Atlaskit injects its styles at run time), so this test cannot pass by not looking.
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../support/local-host';
import { startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(240_000);
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

interface Module {
  name: string;
  path: string;
  resource: string;
  testId: string;
  /** What a person does on the page to show the module. */
  open?: (page: Page) => Promise<void>;
}

const MODULES: Module[] = [
  {
    name: 'issue panel',
    path: '/jira/browse/PAY-1',
    resource: 'panel',
    testId: 'score',
    // The panel is on the issue once someone opened it from the app icon (it then stays).
    open: async (page) => {
      if ((await page.locator('iframe[data-testid="forge-frame-panel"]').count()) === 0)
        await page.getByTestId('app-icon-pilot-panel').click();
    },
  },
  { name: 'settings page', path: '/jira/projects/PAY/settings', resource: 'settings', testId: 'template-table' },
  {
    name: 'portfolio macro',
    path: '/confluence',
    resource: 'macro',
    testId: 'charts',
    open: (page) => page.getByRole('link', { name: 'AI pilot portfolio review' }).click(),
  },
  {
    name: 'macro config dialog',
    path: '/confluence',
    resource: 'macro-config',
    testId: 'config-save',
    open: async (page) => {
      await page.getByRole('link', { name: 'AI pilot portfolio review' }).click();
      await page.getByTestId('edit-macro').first().click();
    },
  },
];

/** Opens a module as the admin and returns every CSP violation the page's frames reported, once it has rendered. */
async function violationsIn(module: Module): Promise<string[]> {
  const { page, context } = await bh.pageAs(DEMO_USERS.admin.accountId);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      /Content Security Policy|Refused to (apply|load|execute|connect|evaluate|create)/i.test(message.text())
    )
      violations.push(message.text());
  });
  // Each frame also records `securitypolicyviolation` events, read back below (they fire for every blocked item).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  await page.goto(`${bh.url}${module.path}`);
  if (module.open) await module.open(page);
  const element = await page.waitForSelector(`iframe[data-testid="forge-frame-${module.resource}"]`, {
    state: 'attached',
  });
  const frame = (await element.contentFrame())!;
  await frame.waitForSelector(`[data-testid="${module.testId}"]`, { state: 'attached', timeout: 60_000 });
  await frame.waitForFunction(() => !document.querySelector('[data-testid$="loading"]'), undefined, {
    timeout: 60_000,
  });
  const fromEvents = await Promise.all(
    page
      .frames()
      .map((f: Frame) =>
        f.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []),
      ),
  );
  await context.close();
  return [...violations, ...fromEvents.flat()];
}

it.each(MODULES.map((m) => [m.name, m] as const))('the %s renders with no CSP violation', async (_name, module) => {
  expect(await violationsIn(module)).toEqual([]);
});

it("serves every Custom UI resource with the manifest's CSP (style-src 'unsafe-inline' only because the manifest declares it)", async () => {
  const html = await fetch(`${bh.url}/app/panel/index.html?frame=x`);
  const csp = html.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|; )style-src 'self' 'unsafe-inline'(;|$)/);
  expect(csp).toMatch(/(^|; )connect-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|; )img-src 'self' data: blob:(;|$)/);
  const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(await html.text())![1]!;
  expect((await fetch(`${bh.url}/app/panel/${asset}`)).headers.get('content-security-policy')).toBe(csp);
});

it('reports violations in every module once the manifest no longer declares inline styles', async () => {
  const content = bh.host.manifest.permissions.content;
  delete bh.host.manifest.permissions.content;
  try {
    for (const module of MODULES) {
      const violations = await violationsIn(module);
      expect({ module: module.name, styleViolations: violations.some((v) => /style-src/.test(v)) }).toEqual({
        module: module.name,
        styleViolations: true,
      });
    }
  } finally {
    bh.host.manifest.permissions.content = content;
  }
});
