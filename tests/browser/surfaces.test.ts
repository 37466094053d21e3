// The issue-13 surfaces in Chromium, as people use them: a member adds the portfolio gadget to their dashboard,
// picks projects in its edit view with the keyboard and saves (Jira keeps the config for that gadget), then sees
// the macro's numbers; the restricted viewer opens "AI pilots" from the Apps menu and sees no RISK pilot; the
// gadget (both views) and the global page pass axe's WCAG 2.1 A/AA checks in both themes.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import type { PortfolioFirstView } from '../../src/contract/views';
import { DEMO_USERS, macro, unwrap } from '../support/local-host';
import { eventually, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(240_000);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
  await bh.host.runner.runScheduledTrigger('daily-stall-scan');
  await bh.host.runner.idle();
});
afterAll(() => bh.close());

type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };

async function frameOf(page: Page, resource: string, testId: string): Promise<Frame> {
  const element = await page.waitForSelector(`iframe[data-testid="forge-frame-${resource}"]`);
  const frame = (await element.contentFrame())!;
  await frame.waitForSelector(`[data-testid="${testId}"]`, { timeout: 30_000 });
  await frame.waitForFunction(() => !document.querySelector('[data-testid$="loading"]'), undefined, {
    timeout: 30_000,
  });
  return frame;
}

async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axeSource);
  const violations = (await frame.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
      .run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      })
      .then((r) => r.violations),
  )) as Violation[];
  return violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

const member = DEMO_USERS.member.accountId;

it('a member adds the gadget, picks projects by keyboard, saves, and sees the macro’s numbers', async () => {
  const { page } = await bh.pageAs(member);
  await page.goto(`${bh.url}/`);
  await page.getByRole('link', { name: 'Dashboards' }).click();
  await page.getByRole('button', { name: 'Add gadget' }).click();
  // A new gadget opens in its edit view, as in Jira.
  const edit = await frameOf(page, 'gadget', 'gadget-edit');
  expect(await axeViolations(edit)).toEqual([]);
  await edit.waitForSelector('[data-testid="config-project-PAY"]', { timeout: 30_000 });
  await edit.focus('[data-testid="config-project-PAY"]');
  await edit.page().keyboard.press('Space');
  await edit.focus('[data-testid="config-project-OPS"]');
  await edit.page().keyboard.press('Space');
  await edit.focus('[data-testid="gadget-refresh-30--radio-input"]');
  await edit.page().keyboard.press('Space');
  await edit.focus('[data-testid="gadget-save"]');
  await edit.page().keyboard.press('Enter');

  const gadgets = await eventually(
    async () => bh.host.dashboards.onDashboard(bh.host.dashboards.dashboardOf(member)),
    (list) => list.length === 1 && list[0]!.configuration !== null,
  );
  expect(gadgets[0]!.configuration).toEqual({ projectKeys: ['PAY', 'OPS'], refresh: 30 });

  const expected = unwrap(
    await macro<PortfolioFirstView>(bh.host, member, 'portfolio/first', {
      config: { projectKeys: ['PAY', 'OPS'], jql: '', pilots: 'all', sort: 'daysSinceDemo' },
    }),
  );
  const viewFrame = await frameOf(page, 'gadget', 'summary');
  await expect(viewFrame.textContent('[data-testid="summary-total"]')).resolves.toBe(String(expected.summary.total));
  await expect(viewFrame.textContent('[data-testid="summary-stalled"]')).resolves.toBe(
    String(expected.summary.stalled),
  );
  await expect(viewFrame.textContent('[data-testid="summary-decisions-due"]')).resolves.toBe(
    String(expected.summary.decisionsDue),
  );
  const killListKeys = await viewFrame.$$eval('[data-testid^="kill-list-row-"]', (rows) =>
    rows.map((r) => r.getAttribute('data-testid')!.replace('kill-list-row-', '')),
  );
  // The demo's kill list fits one page: all of it, longest stalled first.
  expect(expected.killList.nextCursor).toBeNull();
  expect(killListKeys).toEqual(expected.killList.rows.map((r) => r.key));
  expect(killListKeys).toHaveLength(expected.summary.stalled);
  const decisionKeys = await viewFrame.$$eval('[data-testid^="decisions-due-row-"]', (rows) => rows.length);
  expect(decisionKeys).toBe(expected.summary.decisionsDue);
  // The edit view shows the saved choice again.
  await page.getByTestId('gadget-configure').click();
  const again = await frameOf(page, 'gadget', 'gadget-edit');
  await again.waitForSelector('[data-testid="config-project-PAY"]', { timeout: 30_000 });
  expect(await again.isChecked('[data-testid="config-project-PAY"]')).toBe(true);
  expect(await again.isChecked('[data-testid="config-project-RISK"]')).toBe(false);
});

it('the restricted viewer opens AI pilots from the Apps menu and sees no RISK pilot', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  await page.goto(`${bh.url}/`);
  await page.getByRole('link', { name: 'Apps' }).click();
  await page.getByRole('link', { name: 'AI pilots' }).click();
  const frame = await frameOf(page, 'global-page', 'summary');
  const expected = unwrap(
    await macro<PortfolioFirstView>(bh.host, DEMO_USERS.viewer.accountId, 'portfolio/first', {
      config: { projectKeys: ['PAY', 'OPS'], jql: '', pilots: 'all', sort: 'daysSinceDemo' },
    }),
  );
  await expect(frame.textContent('[data-testid="summary-total"]')).resolves.toBe(String(expected.summary.total));
  expect(await frame.textContent('body')).not.toMatch(/RISK-/);
});

describe.each(['light', 'dark'])('in the %s theme', (theme) => {
  it.each([
    ['gadget', 'gadget', 'kill-list'],
    ['global page', 'global-page', 'charts'],
  ])('the %s has no WCAG 2.1 A/AA violations', async (_name, resource, testId) => {
    // The member's dashboard holds a configured gadget (the first test makes one through its edit view).
    const { dashboards } = bh.host;
    if (!dashboards.onDashboard(dashboards.dashboardOf(member)).some((g) => g.configuration)) {
      const added = dashboards.add(dashboards.dashboardOf(member), 'pilot-portfolio-gadget');
      dashboards.configure(added.id, member, { projectKeys: ['PAY', 'OPS'] });
    }
    // Out of its edit view (the first test leaves it there after checking the saved choice).
    dashboards.editing.clear();
    const { page, context } = await bh.pageAs(member);
    await context.addCookies([{ name: 'p2p-theme', value: theme, url: bh.url }]);
    await page.goto(resource === 'gadget' ? `${bh.url}/jira/dashboard` : `${bh.url}/jira/apps/pilot-portfolio-page`);
    const frame = await frameOf(page, resource, testId);
    expect(await axeViolations(frame)).toEqual([]);
  });
});
