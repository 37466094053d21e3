// Issue 12's paged portfolio in Chromium, by keyboard where a person would use it: the macro opens from
// portfolio/first alone (never the whole portfolio), the kill list shows more on request, the phase filter and
// the Score header ask the server (the rows shown are the rows it sent, including rows the first page did not
// hold), and the CSV export pages through portfolio/rows until the cursor runs out, so the file holds every row
// the viewer may see under the filter.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { FrameLocator, Page, Response } from 'playwright-core';
import type { RowQuery } from '../../src/contract/schemas';
import type { PortfolioFirstView, PortfolioRow, PortfolioRowsPage } from '../../src/contract/views';
import { DEMO_USERS, macro, unwrap } from '../support/local-host';
import { eventually, startBrowserHost, type BrowserHost } from '../support/browser';
import { addStalledPilots } from '../support/many-pilots';

jest.setTimeout(240_000);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const admin = DEMO_USERS.admin.accountId;
const CONFIG = { projectKeys: ['PAY', 'OPS', 'RISK', 'BULK'], jql: '', pilots: 'all', sort: 'daysSinceDemo' } as const;
let bh: BrowserHost;
let pageId: string;

beforeAll(async () => {
  bh = await startBrowserHost();
  // More stalled pilots than one page holds, all with demos older than any demo pilot's.
  await addStalledPilots(bh.host, { projectKey: 'BULK', count: 60 });
  const macroKey = bh.host.manifest.modules.macro![0]!.key;
  pageId = bh.host.confluence.addPage({
    spaceKey: 'ENG',
    title: 'Bulk portfolio',
    authorId: admin,
    macros: [{ moduleKey: macroKey, title: 'AI pilot portfolio', config: { ...CONFIG } }],
  }).id;
});
afterAll(() => bh.close());

/** Every page of a query, as the server pages it for the admin. */
async function allRows(query: Partial<RowQuery>): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  let cursor: string | null = null;
  do {
    const page: PortfolioRowsPage = unwrap(
      await macro<PortfolioRowsPage>(bh.host, admin, 'portfolio/rows', { config: CONFIG, query: { ...query, cursor } }),
    );
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

interface Invoke {
  functionKey: string;
  payload: { query?: RowQuery };
}

function invokeOf(response: Response): Invoke | null {
  const request = response.request();
  if (!request.url().includes('/bridge/') || request.method() !== 'POST') return null;
  const sent = JSON.parse(request.postData() ?? '{}') as {
    name?: string;
    payload?: { functionKey?: string; payload?: Invoke['payload'] };
  };
  if (sent.name !== 'invoke' || !sent.payload?.functionKey) return null;
  return { functionKey: sent.payload.functionKey, payload: sent.payload.payload ?? {} };
}

/** Waits for the macro's portfolio/rows answer to a query `match` accepts, and gives its page. */
async function rowsAnswer(
  page: Page,
  match: (query: RowQuery) => boolean,
  act: () => Promise<void>,
): Promise<PortfolioRowsPage> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => {
      const invoke = invokeOf(r);
      return (
        invoke?.functionKey === 'portfolio/rows' && invoke.payload.query !== undefined && match(invoke.payload.query)
      );
    }),
    act(),
  ]);
  const body = (await response.json()) as { result: { ok: boolean; data: PortfolioRowsPage } };
  expect(body.result.ok).toBe(true);
  return body.result.data;
}

async function open(page: Page): Promise<{ macroFrame: FrameLocator; first: PortfolioFirstView; calls: string[] }> {
  const calls: string[] = [];
  let first: PortfolioFirstView | null = null;
  page.on('response', async (response) => {
    const invoke = invokeOf(response);
    if (!invoke) return;
    calls.push(invoke.functionKey);
    if (invoke.functionKey === 'portfolio/first')
      first = ((await response.json()) as { result: { data: PortfolioFirstView } }).result.data;
  });
  await page.goto(`${bh.url}/confluence/pages/${pageId}`);
  const macroFrame = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macroFrame.getByTestId('kill-list').waitFor({ timeout: 30_000 });
  const view = await eventually(
    async () => first,
    (f) => f !== null,
  );
  return { macroFrame, first: view!, calls };
}

const keysOf = (frame: FrameLocator, prefix: string) =>
  frame
    .locator(`[data-testid^="${prefix}"]`)
    .evaluateAll((rows, p) => rows.map((r) => r.getAttribute('data-testid')!.slice(p.length)), prefix);

/** The table once no query is in flight. */
async function settled(frame: FrameLocator): Promise<void> {
  await frame.locator('[data-testid="portfolio-table"][aria-busy="false"]').first().waitFor({ timeout: 30_000 });
}

it('opens from portfolio/first alone and shows more of the kill list on request', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame, first, calls } = await open(page);
  expect(calls).toContain('portfolio/first');
  expect(calls).not.toContain('portfolio/load');
  expect(first.summary.stalled).toBeGreaterThan(50);
  expect(first.killList.nextCursor).not.toBeNull();

  await expect(macroFrame.getByTestId('summary-stalled').textContent()).resolves.toBe(String(first.summary.stalled));
  await expect(keysOf(macroFrame, 'kill-list-row-')).resolves.toEqual(first.killList.rows.map((r) => r.key));
  await expect(macroFrame.getByTestId('kill-list-count').textContent()).resolves.toBe(
    `Showing 50 of ${first.summary.stalled} stalled pilots, longest stalled first`,
  );
  await expect(keysOf(macroFrame, 'row-')).resolves.toEqual(first.rows.rows.map((r) => r.key));
  await expect(macroFrame.getByTestId('table-count').textContent()).resolves.toBe(
    `Showing 50 of ${first.rowCount} pilots`,
  );

  const more = macroFrame.getByTestId('kill-list-more');
  await more.focus();
  const next = await rowsAnswer(
    page,
    (q) => q.list === 'kill' && q.cursor === first.killList.nextCursor,
    () => more.press('Enter'),
  );
  await macroFrame.locator(`[data-testid="kill-list-row-${next.rows.at(-1)!.key}"]`).waitFor();
  const shown = await keysOf(macroFrame, 'kill-list-row-');
  expect(shown).toEqual([...first.killList.rows, ...next.rows].map((r) => r.key));
  // Every stalled pilot the viewer may see, longest stalled first, none twice.
  const stalled = await allRows({ list: 'kill' });
  expect(stalled).toHaveLength(first.summary.stalled);
  expect(shown).toEqual(stalled.slice(0, shown.length).map((r) => r.key));
  if (next.nextCursor === null) expect(await macroFrame.getByTestId('kill-list-more').count()).toBe(0);

  // With more to show in both lists, the page still passes axe's WCAG 2.1 A/AA checks.
  const frame = (await (await page.waitForSelector('iframe[data-testid="forge-frame-macro"]')).contentFrame())!;
  await frame.evaluate(axeSource);
  const violations = (await frame.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string }> }> };
      }
    ).axe
      .run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      })
      .then((r) => r.violations.map((v) => v.id)),
  )) as string[];
  expect(violations).toEqual([]);
});

it('filters by phase on the server: the rows shown are the rows it sent, beyond the first page', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame, first } = await open(page);
  const phase = macroFrame.locator('#filter-phase');
  // The select arrives in its own chunk; until then a disabled field stands in.
  await eventually(() => phase.isEnabled(), Boolean);
  await phase.focus();
  const answer = await rowsAnswer(
    page,
    (q) => q.phase === 'paused' && q.cursor === null,
    async () => {
      await phase.press('ArrowDown');
      await phase.pressSequentially('Paused');
      await phase.press('Enter');
    },
  );
  await settled(macroFrame);
  const shown = await keysOf(macroFrame, 'row-');
  expect(answer.rows.length).toBeGreaterThan(0);
  expect(shown).toEqual(answer.rows.map((r) => r.key));
  expect(answer.rows.every((r) => r.phase === 'paused')).toBe(true);
  expect((await allRows({ phase: 'paused', sort: 'daysSinceDemo', order: 'DESC' })).map((r) => r.key)).toEqual(shown);
  // None of them was on the first page: the browser could not have filtered its way here.
  const firstKeys = new Set(first.rows.rows.map((r) => r.key));
  expect(shown.filter((k) => firstKeys.has(k))).toEqual([]);
  await expect(macroFrame.getByTestId('table-count').textContent()).resolves.toBe(
    `Showing all ${shown.length} matching pilot${shown.length === 1 ? '' : 's'}`,
  );

  // A phase nobody is in: the empty state, and its Clear filters brings the first page back.
  await rowsAnswer(
    page,
    (q) => q.phase === 'closed',
    async () => {
      await phase.press('ArrowDown');
      await phase.pressSequentially('Closed');
      await phase.press('Enter');
    },
  );
  await settled(macroFrame);
  await macroFrame.getByTestId('no-matches').waitFor();
  const clear = macroFrame.getByTestId('no-matches-clear');
  await clear.focus();
  await rowsAnswer(
    page,
    (q) => q.phase === null && q.cursor === null,
    () => clear.press('Enter'),
  );
  await settled(macroFrame);
  await expect(keysOf(macroFrame, 'row-')).resolves.toEqual(first.rows.rows.map((r) => r.key));
});

it('sorts by score on the server from the keyboard, with aria-sort on the sorted header only', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame } = await open(page);
  const header = (label: string) =>
    macroFrame.locator('th[data-testid="portfolio-table--head--cell"]').filter({ hasText: label });
  await expect(header('Days since demo').getAttribute('aria-sort')).resolves.toBe('descending');
  // Plain headers: no sort button, no aria-sort.
  expect(await header('Production owner').locator('button').count()).toBe(0);
  await expect(header('Production owner').getAttribute('aria-sort')).resolves.toBeNull();

  const score = header('Score').locator('button');
  await score.focus();
  const ascending = await rowsAnswer(
    page,
    (q) => q.sort === 'score' && q.order === 'ASC',
    () => score.press('Enter'),
  );
  await settled(macroFrame);
  await expect(keysOf(macroFrame, 'row-')).resolves.toEqual(ascending.rows.map((r) => r.key));
  const scores = ascending.rows.map((r) => r.score);
  expect(scores).toEqual([...scores].sort((a, b) => a - b));
  await expect(header('Score').getAttribute('aria-sort')).resolves.toBe('ascending');
  await expect(header('Days since demo').getAttribute('aria-sort')).resolves.toBeNull();

  await score.focus();
  const descending = await rowsAnswer(
    page,
    (q) => q.sort === 'score' && q.order === 'DESC',
    () => score.press('Enter'),
  );
  await settled(macroFrame);
  await expect(keysOf(macroFrame, 'row-')).resolves.toEqual(descending.rows.map((r) => r.key));
  expect(descending.rows[0]!.score).toBeGreaterThanOrEqual(ascending.rows.at(-1)!.score);
  await expect(header('Score').getAttribute('aria-sort')).resolves.toBe('descending');
});

async function exportCsv(page: Page, frame: FrameLocator): Promise<Array<Record<string, string>>> {
  const button = frame.getByTestId('export-csv');
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.press('Enter')]);
  return parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

it('exports every row under the filter and sort, paging until the cursor runs out', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame, first } = await open(page);

  // Unfiltered: the file holds every pilot the viewer may see, though the table holds one page.
  const everything = await exportCsv(page, macroFrame);
  expect(everything).toHaveLength(first.rowCount);
  expect(new Set(everything.map((r) => r.Key)).size).toBe(first.rowCount);
  await expect(macroFrame.getByTestId('export-done').textContent()).resolves.toBe(`Exported ${first.rowCount} rows.`);

  // Filtered by text (more than a page matches) and sorted by score.
  const find = macroFrame.getByTestId('table-filter');
  await find.focus();
  await find.pressSequentially('bulk pilot');
  await rowsAnswer(
    page,
    (q) => q.text === 'bulk pilot' && q.cursor === null,
    () => find.press('Enter'),
  );
  await settled(macroFrame);
  const score = macroFrame
    .locator('th[data-testid="portfolio-table--head--cell"]')
    .filter({ hasText: 'Score' })
    .locator('button');
  await score.focus();
  await rowsAnswer(
    page,
    (q) => q.text === 'bulk pilot' && q.sort === 'score',
    () => score.press('Enter'),
  );
  await settled(macroFrame);
  // A filtered page holds what the server's reads found (about a page, more when the filter keeps most rows).
  const shown = await keysOf(macroFrame, 'row-');
  await expect(macroFrame.getByTestId('table-count').textContent()).resolves.toMatch(
    new RegExp(`^(${shown.length} shown, more available|Showing all ${shown.length} matching pilots)$`),
  );

  const expected = await allRows({ text: 'bulk pilot', sort: 'score', order: 'ASC' });
  expect(expected.length).toBeGreaterThan(50);
  const records = await exportCsv(page, macroFrame);
  expect(records).toHaveLength(expected.length);
  expect(records.map((r) => r.Key)).toEqual(expected.map((r) => r.key));
  expect(records.slice(0, shown.length).map((r) => r.Key)).toEqual(shown);
  for (const record of records) {
    const row = expected.find((r) => r.key === record.Key)!;
    expect(record).toMatchObject({
      Summary: row.summary,
      'Score (of 7)': String(row.score),
      'Monthly run cost': row.monthlyRunCost === null ? '' : String(row.monthlyRunCost),
    });
  }
});

it('says so when an export page fails, downloads nothing, and retries from the start', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame, first } = await open(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  // The second page of the export fails, as a resolver answers when Jira does not (the bridge answer is replaced).
  let pages = 0;
  await page.route('**/bridge/**', async (route) => {
    const sent = JSON.parse(route.request().postData() ?? '{}') as {
      name?: string;
      payload?: { functionKey?: string };
    };
    if (sent.name === 'invoke' && sent.payload?.functionKey === 'portfolio/rows' && ++pages === 2) {
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          result: { ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Jira is not answering.' } },
        }),
      });
      return;
    }
    await route.continue();
  });
  const button = macroFrame.getByTestId('export-csv');
  await button.focus();
  await button.press('Enter');
  await macroFrame.getByTestId('export-error').waitFor({ timeout: 30_000 });
  await expect(macroFrame.getByTestId('export-error').textContent()).resolves.toMatch(
    /Jira is not answering\. No file was downloaded \(50 rows had arrived\)/,
  );
  expect(downloads).toBe(0);
  await page.unroute('**/bridge/**');
  const retry = macroFrame.getByTestId('export-retry');
  await retry.focus();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), retry.press('Enter')]);
  const records = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as unknown[];
  expect(records).toHaveLength(first.rowCount);
});

it('shows the export’s progress and cancels it by keyboard, downloading nothing', async () => {
  const { page } = await bh.pageAs(admin);
  const { macroFrame } = await open(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  // The export's second page is held until the test lets it go, so the progress can be read and Cancel pressed.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let pages = 0;
  let heldAnswered: Promise<unknown> = Promise.resolve();
  await page.route('**/bridge/**', async (route) => {
    const sent = JSON.parse(route.request().postData() ?? '{}') as {
      name?: string;
      payload?: { functionKey?: string };
    };
    if (sent.name === 'invoke' && sent.payload?.functionKey === 'portfolio/rows' && ++pages === 2) {
      heldAnswered = held.then(() => route.continue());
      return;
    }
    await route.continue();
  });
  const button = macroFrame.getByTestId('export-csv');
  await button.focus();
  await button.press('Enter');
  await eventually(
    () => macroFrame.getByTestId('export-progress').textContent(),
    (t) => t === 'Exporting… 50 rows',
  );
  const cancel = macroFrame.getByTestId('export-cancel');
  await cancel.focus();
  await cancel.press('Enter');
  await macroFrame.getByTestId('export-csv').waitFor();
  // The held page arrives after the cancel and is dropped: no file, no progress.
  const answered = page.waitForResponse((r) => invokeOf(r)?.functionKey === 'portfolio/rows');
  release();
  await heldAnswered;
  await answered;
  await page.unroute('**/bridge/**');
  expect(await macroFrame.getByTestId('export-progress').count()).toBe(0);
  expect(await macroFrame.getByTestId('export-done').count()).toBe(0);
  expect(downloads).toBe(0);
});
