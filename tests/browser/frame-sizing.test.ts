// App frames take their content's height, as Forge's resizer gives them, and nothing more: @atlaskit/css-reset
// makes html and body 100% of the frame, so measuring the body as it is would grow the frame on every report.
// The test stretches the panel's frame and waits for the next report to bring it back to the content's height.
import { DEMO_USERS } from '../support/local-host';
import { openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(120_000);
let bh: BrowserHost;
beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

const PANEL = 'iframe[data-testid="forge-frame-panel"]';

it('sizes the issue panel frame to its content, and back to it after the frame is stretched', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  const panel = await openIssuePanel(page, bh.url, 'PAY-1');
  await panel.getByTestId('score').waitFor({ timeout: 30_000 });
  const iframe = page.locator(PANEL);
  await iframe.evaluate((el: HTMLIFrameElement) => new Promise<void>((resolve) => {
    // Settled: no spinner left in the app.
    const done = () => !el.contentDocument?.querySelector('[data-testid$="loading"]');
    const tick = () => (done() ? resolve() : requestAnimationFrame(tick));
    tick();
  }));
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
        content: Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom)),
      };
    });
  };
  const first = await stretchAndSettle(6000);
  expect(first.frame).toBe(Math.max(120, first.content));
  // The content's height does not depend on the frame's: stretched further, the frame settles at the same height.
  const second = await stretchAndSettle(9000);
  expect(second).toEqual(first);
});
