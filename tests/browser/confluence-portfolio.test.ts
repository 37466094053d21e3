// Issue 6 in a browser: insert the portfolio macro on a Confluence page, configure two projects, and see the
// summary, the table and charts with drawn marks; the restricted viewer gets none of the hidden project's pilots
// (asserted on the data the resolver sends, not only on the screen); the CSV export matches the table and holds
// every row the server pages out under the table's filter.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_ORDERS } from '../../src/core/portfolio-rows';
import type { PortfolioFirstView, PortfolioRow, PortfolioRowsPage } from '../../src/contract/views';
import { DEMO_USERS, macro, unwrap } from '../support/local-host';
import { startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
let bh: BrowserHost;
let pageId: string;

beforeAll(async () => {
  bh = await startBrowserHost();
  pageId = bh.host.confluence.state.pages.find((p) => p.title.startsWith('Draft'))!.id;
});
afterAll(() => bh.close());

async function toggle(checkbox: Locator, checked: boolean): Promise<void> {
  if ((await checkbox.isChecked()) !== checked) {
    await checkbox.focus();
    await checkbox.press('Space');
  }
  expect(await checkbox.isChecked()).toBe(checked);
}

/** The first view the macro's resolver sent to this page (portfolio/first), as the browser received it. */
function capturePortfolio(page: Page): PortfolioFirstView[] {
  const seen: PortfolioFirstView[] = [];
  page.on('response', async (response) => {
    const request = response.request();
    if (!request.url().includes('/bridge/') || request.method() !== 'POST') return;
    const sent = JSON.parse(request.postData() ?? '{}') as { name?: string; payload?: { functionKey?: string } };
    if (sent.name !== 'invoke' || sent.payload?.functionKey !== 'portfolio/first') return;
    const body = (await response.json()) as { result?: { ok: boolean; data?: PortfolioFirstView } };
    if (body.result?.ok && body.result.data) seen.push(body.result.data);
  });
  return seen;
}

/** Every row of a table query, paged from the server as `accountId`. */
async function allRows(accountId: string, config: unknown, query: Record<string, unknown>): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  let cursor: string | null = null;
  do {
    const page: PortfolioRowsPage = unwrap(
      await macro<PortfolioRowsPage>(bh.host, accountId, 'portfolio/rows', { config, query: { ...query, cursor } }),
    );
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

it('inserts and configures the macro, and shows the summary, table and drawn charts', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  const data = capturePortfolio(page);
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  await page.getByTestId('no-macros').waitFor();
  await page.getByTestId('insert-macro').click();
  const config = page.frameLocator('#insert-dialog iframe');
  // The dialog grows as the project list arrives; toggling by keyboard does not depend on where things are.
  await config.getByTestId('config-project-RISK').waitFor({ timeout: 30_000 });
  await toggle(config.getByTestId('config-project-PAY'), true);
  await toggle(config.getByTestId('config-project-RISK'), true);
  await config.getByTestId('config-save').click();
  await page.waitForLoadState('load');

  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  const stored = bh.host.confluence.state.pages.find((p) => p.id === pageId)!.macros[0]!.config;
  expect(stored).toMatchObject({ projectKeys: ['PAY', 'RISK'] });

  const view = data.at(-1)!;
  expect(new Set(view.rows.rows.map((r) => r.projectKey))).toEqual(new Set(['PAY', 'RISK']));
  await expect(macro.getByTestId('summary-total').textContent()).resolves.toBe(String(view.summary.total));
  await expect(macro.getByTestId('summary-stalled').textContent()).resolves.toBe(String(view.summary.stalled));
  await expect(macro.getByTestId('intervention').isVisible()).resolves.toBe(true);
  await macro.getByTestId('chart-distribution').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
  expect(
    await macro
      .getByTestId('chart-distribution')
      .locator('.recharts-bar-rectangle path, .recharts-bar-rectangle rect')
      .count(),
  ).toBeGreaterThan(0);
  expect(await macro.getByTestId('chart-trend').locator('.recharts-line-curve').count()).toBeGreaterThan(0);
  expect(await macro.locator('[data-testid^="row-"]').count()).toBe(view.rows.rows.length);
  expect(view.rows.rows.length).toBe(Math.min(50, view.rowCount));
});

it('shows the restricted viewer none of the hidden project’s pilots (on the data and on the screen)', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  const data = capturePortfolio(page);
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  const view = data.at(-1)!;
  expect(view.rows.rows.length).toBeGreaterThan(0);
  expect(view.rows.rows.filter((r) => r.projectKey === 'RISK')).toEqual([]);
  expect(JSON.stringify(view)).not.toMatch(/RISK-\d/);
  expect(view.unavailableProjects).toBe(1);
  expect(await macro.locator('[data-testid^="row-RISK-"]').count()).toBe(0);
  await expect(macro.getByTestId('unavailable-projects').textContent()).resolves.toMatch(
    /hidden from you or no longer exists/,
  );
});

it('exports to CSV exactly what the table shows, and every row the server pages out under its filter', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  const filter = macro.getByTestId('table-filter');
  await filter.fill('PAY');
  // Enter asks the server at once; the table is settled once its query's answer is in.
  await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes('/bridge/') && (r.request().postData() ?? '').includes('"text":"PAY"'),
    ),
    filter.press('Enter'),
  ]);
  await macro.locator('[data-testid="portfolio-table"][aria-busy="false"]').first().waitFor();
  const tableKeys = await macro
    .locator('[data-testid^="row-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice(4)));
  const [download] = await Promise.all([page.waitForEvent('download'), macro.getByTestId('export-csv').click()]);
  const records = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >;
  const config = bh.host.confluence.state.pages.find((p) => p.id === pageId)!.macros[0]!.config as {
    sort: keyof typeof DEFAULT_ORDERS;
  };
  const expected = await allRows(DEMO_USERS.admin.accountId, config, {
    text: 'PAY',
    sort: config.sort,
    order: DEFAULT_ORDERS[config.sort],
  });
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.every((r) => r.key.startsWith('PAY-') || r.summary.toLowerCase().includes('pay'))).toBe(true);
  expect(records.map((r) => r.Key)).toEqual(expected.map((r) => r.key));
  expect(records.slice(0, tableKeys.length).map((r) => r.Key)).toEqual(tableKeys);
  for (const record of records) {
    const row = expected.find((r) => r.key === record.Key)!;
    expect(record).toMatchObject({
      Summary: row.summary,
      'Score (of 7)': String(row.score),
      'Evidence mismatches': String(row.mismatches.length),
      'Monthly run cost': row.monthlyRunCost === null ? '' : String(row.monthlyRunCost),
    });
  }
});

it("shows Jira's reason in the macro when the edited filter is JQL Jira rejects, without reloading the page", async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
  await page.getByTestId('edit-macro').first().click();
  const config = page.frameLocator('dialog[open] iframe');
  await config.getByTestId('config-project-RISK').waitFor({ timeout: 30_000 });
  await toggle(config.getByTestId('config-project-PAY'), false);
  await toggle(config.getByTestId('config-project-RISK'), false);
  await config.getByTestId('config-jql').fill('project = PAY AND (');
  await config.getByTestId('config-save').click();
  await expect(macro.getByTestId('load-error').textContent({ timeout: 30_000 })).resolves.toMatch(
    /Error in the JQL Query/,
  );
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  expect(bh.host.confluence.state.pages.find((p) => p.id === pageId)!.macros[0]!.config).toMatchObject({
    jql: 'project = PAY AND (',
    projectKeys: [],
  });
});

it('asks a viewer who has not allowed access to allow it, then shows the portfolio', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.noa.accountId);
  const review = bh.host.confluence.state.pages.find((p) => p.title === 'AI pilot portfolio review')!;
  await page.goto(`${bh.url}/confluence/pages/${review.id}`);
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  const allow = macro.getByRole('button', { name: 'Allow access' });
  await allow.waitFor({ timeout: 30_000 });
  expect(await macro.getByTestId('load-error').count()).toBe(0);
  await allow.click();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  expect(bh.host.consent.has(DEMO_USERS.noa.accountId)).toBe(true);
});
