// The approval chain in the issue panel, by keyboard only: a member opens a reviewer's form, moves it to
// "Conversation scheduled" with today's date (the Q3 contradiction goes away), lists a blocker for another reviewer
// and makes it a Jira sub-task; a viewer sees the chain without any control to change it.
import { readFileSync } from 'node:fs';
import { dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import { answers, createPilot, DEMO_USERS, panel, pilotInput, unwrap } from '../support/local-host';
import { eventually, openIssuePanel, startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(180_000);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let bh: BrowserHost;
const member = DEMO_USERS.member.accountId;
const today = dayOf(new Date());
/** What a person types into Chromium's date input (en-US: month, day, year). */
const typedDay = `${today.slice(5, 7)}${today.slice(8, 10)}${today.slice(0, 4)}`;

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(async () => {
  await bh.close();
});

it('moves reviewers through the chain and makes a blocker a sub-task, all by keyboard', async () => {
  const { id, key } = await createPilot(bh.host, 'PAY', 'Approval chain in the browser');
  await bh.host.runner.idle();
  const fresh = unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load'));
  unwrap(
    await panel(bh.host, key, member, 'panel/save', {
      expectedVersion: fresh.record.version,
      pilot: pilotInput(fresh, { diagnostic: answers('yyyyyyy') }),
    }),
  );

  const { page } = await bh.pageAs(member);
  const frame = await openIssuePanel(page, bh.url, key);
  const chain = frame.getByTestId('approval-chain');
  await chain.waitFor({ timeout: 30_000 });
  await expect(frame.getByRole('region', { name: 'Approval chain' }).count()).resolves.toBe(1);
  await frame
    .getByTestId('mismatches')
    .getByText(/Q3 .*no reviewer has had a conversation yet/)
    .waitFor();

  // Security: Enter on "Update security", arrow to the next state, type the date, save with Enter.
  await frame.getByTestId('reviewer-security-edit').focus();
  await page.keyboard.press('Enter');
  const form = frame.getByRole('form', { name: 'Update security' });
  await form.waitFor();
  await form.getByRole('radio', { name: 'Not contacted' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: 'Conversation scheduled' }).isChecked()).resolves.toBe(true);
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Conversation date').evaluate((el) => el === document.activeElement)).resolves.toBe(
    true,
  );
  await page.keyboard.type(typedDay);
  await form.getByLabel('Conversation notes').focus();
  await page.keyboard.type('30 minutes with the security architect');
  await form.getByTestId('rf-security-save').focus();
  await page.keyboard.press('Enter');
  await frame.getByTestId('reviewer-security-state').getByText('Conversation scheduled').waitFor({ timeout: 15_000 });
  await eventually(
    async () => frame.getByTestId('mismatches').getByText(/^Q3 /).count(),
    (n) => n === 0,
  );
  await frame
    .getByTestId('approvals-progress')
    .getByText('1 of 5 reviewers have a conversation scheduled or held')
    .waitFor();

  // Legal: straight to "Blockers listed" with one blocker, then that blocker becomes a sub-task.
  await frame.getByTestId('reviewer-legal-edit').focus();
  await page.keyboard.press('Enter');
  const legal = frame.getByRole('form', { name: 'Update legal' });
  await legal.getByRole('radio', { name: 'Not contacted' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(legal.getByRole('radio', { name: 'Blockers listed' }).isChecked()).resolves.toBe(true);
  await legal.getByLabel('Conversation date').focus();
  await page.keyboard.type(typedDay);
  await legal.getByTestId('rf-legal-add-blocker').focus();
  await page.keyboard.press('Enter');
  await legal.getByLabel('Blocker 1', { exact: true }).focus();
  await page.keyboard.type('Vendor contract addendum for model outputs');
  // The open form (states, date, notes, a blocker) has no WCAG 2.1 A/AA violations.
  const panelFrame = (await (await page.waitForSelector('iframe[data-testid="forge-frame-panel"]')).contentFrame())!;
  await panelFrame.evaluate(axeSource);
  const violations = (await panelFrame.evaluate(() =>
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
  await legal.getByTestId('rf-legal-save').focus();
  await page.keyboard.press('Enter');
  await frame.getByTestId('reviewer-legal-state').getByText('Blockers listed').waitFor({ timeout: 15_000 });
  const make = frame.getByRole('button', {
    name: 'Make sub-task for blocker "Vendor contract addendum for model outputs"',
  });
  await make.focus();
  await page.keyboard.press('Enter');
  await frame
    .getByTestId('reviewer-legal-blockers')
    .getByText(/^sub-task PAY-\d+$/)
    .waitFor({ timeout: 15_000 });
  const subtasks = bh.host.jira.state.issues.filter((i) => i.parentId === id && i.labels.includes('ai-pilot-blocker'));
  expect(subtasks.map((s) => s.summary)).toEqual(['legal review: Vendor contract addendum for model outputs']);

  // A viewer sees the chain, with no control to change it.
  const { page: viewerPage } = await bh.pageAs(DEMO_USERS.viewer.accountId);
  const viewerFrame = await openIssuePanel(viewerPage, bh.url, key);
  await viewerFrame.getByTestId('reviewer-legal-state').getByText('Blockers listed').waitFor({ timeout: 30_000 });
  await expect(viewerFrame.getByTestId('reviewer-security-edit').count()).resolves.toBe(0);
  await expect(viewerFrame.getByRole('button', { name: /Make sub-task for blocker/ }).count()).resolves.toBe(0);
});

it('lets a project admin add a reviewer on the settings page by keyboard, refusing a repeat by field', async () => {
  const { page } = await bh.pageAs(DEMO_USERS.admin.accountId);
  await page.goto(`${bh.url}/jira/projects/OPS/settings`);
  const settings = page.frameLocator('iframe[data-testid="forge-frame-settings"]');
  const reviewers = settings.getByRole('region', { name: 'Approval chain reviewers' });
  await reviewers.getByTestId('add-reviewer').waitFor({ timeout: 30_000 });
  await reviewers.getByTestId('add-reviewer').focus();
  await page.keyboard.press('Enter');
  await reviewers.getByLabel('Reviewer 6', { exact: true }).focus();
  await page.keyboard.type('Legal');
  await settings.getByTestId('save-settings').focus();
  await page.keyboard.press('Enter');
  await reviewers.getByText('Reviewer 6 repeats "Legal" (reviewer 3)').waitFor();
  await reviewers.getByLabel('Reviewer 6', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Model risk');
  await settings.getByTestId('save-settings').focus();
  await page.keyboard.press('Enter');
  await settings
    .getByTestId('audit-trail')
    .getByText('reviewers: added "Model risk"', { exact: false })
    .waitFor({ timeout: 15_000 });
});
