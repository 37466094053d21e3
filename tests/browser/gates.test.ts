// Issue 5 in a browser: an admin sets the gate "score at least 6 and Q1 yes"; graduating a pilot scoring 5 is
// refused with both reasons; after the answers change it graduates. A waiver passes the same kind of pilot until
// its expiry day and not after (the server's clock is faked; the browser's is not involved).
import { addDays, dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import { createPilot, DEMO_USERS, panel, unwrap } from '../support/local-host';
import { eventually, openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
let bh: BrowserHost;
const member = DEMO_USERS.member.accountId;
const today = dayOf(new Date());

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(async () => {
  jest.useRealTimers();
  await bh.close();
});

const answers = (letters: string) =>
  Object.fromEntries([...letters].map((c, i) => [`q${i + 1}`, { answer: c === 'y' ? 'yes' : 'no' }]));

/** A PAY pilot scoring 5 with Q1 no, an owner and a production date: only the new gate's two criteria fail. */
async function pilotScoringFive(summary: string): Promise<string> {
  const { key } = await createPilot(bh.host, 'PAY', summary);
  await bh.host.runner.idle();
  const view = unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load'));
  const p = view.record.pilot;
  unwrap(
    await panel(bh.host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: {
        pilotStart: p.pilotStart,
        demoDate: p.demoDate,
        productionDate: addDays(today, 40),
        milestones: {},
        people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
        monthlyRunCost: 5000,
        modelMetric: null,
        diagnostic: answers('nyyyyyn'),
        productionSpecUrl: null,
      },
    }),
  );
  return key;
}

const statusOf = async (key: string) =>
  (
    (await bh.host.asApp('GET', `/rest/api/3/issue/${key}?fields=status`)).body as {
      fields: { status: { name: string } };
    }
  ).fields.status.name;

it('enforces "score at least 6 and Q1 yes" on the graduation transition, naming both reasons', async () => {
  const { page: admin } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await admin.goto(`${bh.url}/jira/projects/PAY/settings`);
  const settings = admin.frameLocator('iframe[data-testid="forge-frame-settings"]');
  await settings.getByTestId('gate-form').waitFor({ timeout: 30_000 });
  await settings.locator('#gate-min-score').fill('6 of 7');
  await settings.locator('#gate-min-score').press('Enter');
  const requiredYes = settings.getByTestId('gate-required-yes');
  await requiredYes.getByLabel('Q2 Data access').uncheck();
  await requiredYes.getByLabel('Q3 Security, compliance, legal').uncheck();
  await expect(requiredYes.getByLabel('Q1 Production owner').isChecked()).resolves.toBe(true);
  await settings.getByTestId('save-settings').click();
  await settings
    .getByTestId('audit-trail')
    .getByText('gate minScore: 5 → 6', { exact: false })
    .waitFor({ timeout: 15_000 });

  const key = await pilotScoringFive('Gate browser pilot');
  const { page } = await bh.pageAs(member);
  const frame = await openIssuePanel(page, bh.url, key);
  await page.getByTestId('transition-Graduate').click();
  const refusal = await page.getByTestId('transition-error').textContent();
  expect(refusal).toMatch(/Diagnostic score is 5; the gate needs at least 6/);
  expect(refusal).toMatch(/Q1 Production owner must be answered yes/);
  expect(await statusOf(key)).toBe('To Do');

  await frame.getByTestId('score').waitFor({ timeout: 30_000 });
  await frame.getByTestId('answer-q1').getByLabel('Yes', { exact: true }).check();
  await frame.getByTestId('save-diagnostic').click();
  await eventually(
    async () => unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load')).assessment.score,
    (s) => s === 6,
  );
  await page.getByTestId('transition-Graduate').click();
  await page.waitForLoadState('load');
  expect(await page.getByTestId('transition-error').count()).toBe(0);
  expect(await statusOf(key)).toBe('In Production');
});

it('honours an admin waiver until its expiry day and not after', async () => {
  const key = await pilotScoringFive('Waiver browser pilot');
  const expiresOn = addDays(today, 10);
  const { page: admin } = await bh.pageAs(DEMO_USERS.admin.accountId);
  const frame = await openIssuePanel(admin, bh.url, key);
  await frame.getByTestId('gate-status').waitFor({ timeout: 30_000 });
  for (const label of ['Diagnostic score at least 6', 'Q1 Production owner answered yes']) {
    await frame.getByRole('button', { name: `Waive ${label}` }).click();
    const form = frame.getByTestId('waiver-form');
    await form.getByLabel('Reason for the waiver').fill('Executive fast track agreed at the portfolio review');
    await form.getByLabel('Waiver expires on').fill(expiresOn);
    await form.getByTestId('waiver-submit').click();
    await frame.getByTestId('waivers').getByText(label, { exact: false }).waitFor({ timeout: 15_000 });
  }
  const waivers = unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load')).record.waivers;
  expect(waivers.map((w) => [w.criterion, w.expiresOn])).toEqual([
    ['min-score', expiresOn],
    ['yes:q1', expiresOn],
  ]);

  const { page } = await bh.pageAs(member);
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  try {
    jest.setSystemTime(new Date(`${addDays(expiresOn, 1)}T08:00:00Z`));
    await page.goto(`${bh.url}/jira/browse/${key}`);
    await page.getByTestId('transition-Graduate').click();
    await expect(page.getByTestId('transition-error').textContent()).resolves.toMatch(/Diagnostic score is 5/);
    expect(await statusOf(key)).toBe('To Do');
    jest.setSystemTime(new Date(`${expiresOn}T17:00:00Z`));
    await page.goto(`${bh.url}/jira/browse/${key}`);
    await page.getByTestId('transition-Graduate').click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('transition-error').count()).toBe(0);
  } finally {
    jest.useRealTimers();
  }
  expect(await statusOf(key)).toBe('In Production');
});

it('shows a pilot moved to Done on an unmet gate as closed without graduation, not graduated', async () => {
  const key = await pilotScoringFive('Done browser pilot');
  const { page } = await bh.pageAs(member);
  await page.goto(`${bh.url}/jira/browse/${key}`);
  await page.getByTestId('transition-Done').click();
  await page.waitForLoadState('load');
  await bh.host.runner.idle();
  expect(await statusOf(key)).toBe('Done');
  const frame = await openIssuePanel(page, bh.url, key);
  expect(unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load')).assessment.phase).toBe('closed');
  await frame.getByTestId('phase').waitFor({ timeout: 30_000 });
  await eventually(
    () => frame.getByTestId('phase').textContent(),
    (text) => text === 'Closed without graduation',
  );
});

it('lists Done as a transition without the gate on the settings page, and adds the gate to it', async () => {
  const { page: admin } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await admin.goto(`${bh.url}/jira/projects/PAY/settings`);
  const settings = admin.frameLocator('iframe[data-testid="forge-frame-settings"]');
  await settings.getByTestId('check-gate-coverage').click();
  await settings.getByTestId('gate-coverage-Done').getByText('No gate').waitFor({ timeout: 30_000 });
  await expect(settings.getByTestId('gate-coverage-Graduate').getByText('Gate runs').count()).resolves.toBe(1);
  await settings.getByTestId('add-gate').click();
  await settings.getByTestId('gate-coverage-Done').getByText('Gate added now').waitFor({ timeout: 30_000 });

  const key = await pilotScoringFive('Done after the gate browser pilot');
  const { page } = await bh.pageAs(member);
  await page.goto(`${bh.url}/jira/browse/${key}`);
  await page.getByTestId('transition-Done').click();
  await expect(page.getByTestId('transition-error').textContent()).resolves.toMatch(/Graduation gate not met/);
  expect(await statusOf(key)).toBe('To Do');
});
