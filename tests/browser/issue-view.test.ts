// The Jira issue view around the app: the issue panel appears once someone opens it from the issue's app icon
// and then stays on that issue; app frames take their content's height, as Forge's resizer gives them, and
// nothing more (@atlaskit/css-reset makes html and body 100% of the frame, so measuring the body as it is would
// grow the frame on every report).
import { DEMO_USERS } from '../support/local-host';
import { openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(120_000);
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

const PANEL = 'iframe[data-testid="forge-frame-panel"]';

it('shows the issue panel only after someone opens it from the app icon, then keeps it on that issue', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.member.accountId);
  await page.goto(`${bh.url}/jira/browse/OPS-1`);
  expect(await page.locator(PANEL).count()).toBe(0);
  await page.getByTestId('app-icon-pilot-panel').click();
  await page.locator(PANEL).waitFor({ timeout: 30_000 });
  await page.frameLocator(PANEL).getByTestId('score').waitFor({ timeout: 30_000 });
  // Someone else opening the issue later finds the panel there; a task (outside displayConditions) gets no icon.
  const { page: admin } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await admin.goto(`${bh.url}/jira/browse/OPS-1`);
  expect(await admin.locator(PANEL).count()).toBe(1);
  const task = await bh.host.asUser(DEMO_USERS.admin.accountId, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Not a pilot' },
  });
  await admin.goto(`${bh.url}/jira/browse/${(task.body as { key: string }).key}`);
  expect(await admin.getByTestId('app-icon-pilot-panel').count()).toBe(0);
  expect(await admin.locator(PANEL).count()).toBe(0);
});

it('sizes the issue panel frame to its content, and back to it after the frame is stretched', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  const panel = await openIssuePanel(page, bh.url, 'PAY-1');
  await panel.getByTestId('score').waitFor({ timeout: 30_000 });
  const iframe = page.locator(PANEL);
  await iframe.evaluate(
    (el: HTMLIFrameElement) =>
      new Promise<void>((resolve) => {
        // Settled: no spinner left in the app.
        const done = () => !el.contentDocument?.querySelector('[data-testid$="loading"]');
        const tick = () => (done() ? resolve() : requestAnimationFrame(tick));
        tick();
      }),
  );
  expect(Number((await iframe.getAttribute('data-resize-reports')) ?? 0)).toBeGreaterThan(0);

  // Stretch the frame; the next report must bring it back below the stretched height (with a feedback loop
  // every report is taller than the last, so this never happens) and to the content's own height.
  const stretchAndSettle = async (height: number) => {
    const seen = Number((await iframe.getAttribute('data-resize-reports')) ?? 0);
    await iframe.evaluate((el: HTMLIFrameElement, h: number) => {
      el.style.height = `${h}px`;
    }, height);
    await page.waitForFunction(
      ({ selector, seen: n, h }) => {
        const el = document.querySelector<HTMLIFrameElement>(selector)!;
        return Number(el.dataset.resizeReports) > n && el.getBoundingClientRect().height < h;
      },
      { selector: PANEL, seen, h: height },
      { timeout: 15_000 },
    );
    return iframe.evaluate((el: HTMLIFrameElement) => {
      const body = el.contentDocument!.body;
      const style = getComputedStyle(body);
      return {
        frame: el.getBoundingClientRect().height,
        content: Math.ceil(
          body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom),
        ),
      };
    });
  };
  const first = await stretchAndSettle(6000);
  expect(first.frame).toBe(Math.max(120, first.content));
  // The content's height does not depend on the frame's: stretched further, the frame settles at the same height.
  const second = await stretchAndSettle(9000);
  expect(second).toEqual(first);
});
