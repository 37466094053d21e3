// Browser tests drive Debian's Chromium with playwright-core. A missing browser fails the run: it never skips.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { HostServer } from '../../host/server/server';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, startHost } from './local-host';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is required for the browser tests and was not found at ${CHROMIUM} (bash .ci/run installs Debian's chromium).`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserHost {
  host: LocalHost;
  server: HostServer;
  url: string;
  browser: Browser;
  /** A page signed in as the given demo user. */
  pageAs(accountId: string): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function startBrowserHost(): Promise<BrowserHost> {
  const host = await startHost();
  const server = new HostServer(host, DEMO_USERS.admin.accountId);
  const url = await server.listen(0);
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    host,
    server,
    url,
    browser,
    async pageAs(accountId) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
      contexts.push(context);
      await context.addCookies([{ name: 'p2p-user', value: accountId, url }]);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return { page, context };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await host.close();
      expect(host.tally.violations).toEqual([]);
    },
  };
}

/** Polls until `read` returns a value `accept` likes, or fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`Still not there after ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/**
 * Opens an issue and its AI Pilot panel the way a person does in Jira: the panel is on the issue only after
 * someone opened it from the issue's app icon, so the icon is clicked unless the panel is already there.
 */
export async function openIssuePanel(page: Page, baseUrl: string, key: string): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/jira/browse/${key}`);
  const frame = page.locator('iframe[data-testid="forge-frame-panel"]');
  if ((await frame.count()) === 0) {
    await page.getByTestId('app-icon-pilot-panel').click();
    await frame.first().waitFor({ timeout: 30_000 });
  }
  return page.frameLocator('iframe[data-testid="forge-frame-panel"]');
}
