// The host's "Rovo & Automation" page in a browser, by keyboard: reach it from the Jira header, pick the agent's
// "Explain one AI pilot", type an issue key, run it as the signed-in person and read the answer (the same unmet
// criteria as the panel); a required input left blank is refused before the app runs; an Automation action is
// configured through the app's own config form and shows its outputs as smart values.
import type { PanelView } from '../../src/contract/views';
import { DEMO_USERS, panel, unwrap } from '../support/local-host';
import { eventually, startBrowserHost, type BrowserHost } from '../support/browser';
import { savedConfig } from '../../host/server/action-pages';

jest.setTimeout(180_000);
let bh: BrowserHost;
const member = DEMO_USERS.member.accountId;

beforeAll(async () => {
  bh = await startBrowserHost();
});
afterAll(() => bh.close());

/** A PAY pilot in flight whose gate has unmet criteria, as the panel shows them. */
async function pilotWithUnmetCriteria(): Promise<{ key: string; failures: string[] }> {
  const keys = (
    (
      await bh.host.asUser(member, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = PAY AND issuetype = "AI Pilot" ORDER BY key ASC',
        fields: ['summary'],
        maxResults: 100,
      })
    ).body as { issues: Array<{ key: string }> }
  ).issues.map((i) => i.key);
  for (const key of keys) {
    const view = unwrap(await panel<PanelView>(bh.host, key, member, 'panel/load'));
    if (view.assessment.gate.failures.length > 0 && ['pilot', 'post-demo'].includes(view.assessment.phase))
      return { key, failures: view.assessment.gate.failures };
  }
  throw new Error('no PAY pilot with unmet criteria in the demo data');
}

it('picks an action, fills its inputs by keyboard and shows the answer', async () => {
  const { key, failures } = await pilotWithUnmetCriteria();
  const { page } = await bh.pageAs(member);
  await page.goto(`${bh.url}/`);
  await page.getByRole('link', { name: 'Rovo & Automation' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Rovo agent: Pilot coach' }).waitFor();

  await page.getByRole('link', { name: 'Explain one AI pilot' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('action-title').filter({ hasText: 'Explain one AI pilot' }).waitFor();

  // A required input left blank: the platform refuses before the app is called.
  await page.getByLabel('Pilot issue key').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('action-refused').filter({ hasText: 'Pilot issue key (issueKey) is required' }).waitFor();

  await page.getByLabel('Pilot issue key').focus();
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  const answer = page.getByTestId('action-answer');
  await answer.waitFor();
  const shown = JSON.parse(await answer.innerText()) as { ok: boolean; data: { key: string; unmetCriteria: string[] } };
  expect(shown.ok).toBe(true);
  expect(shown.data.key).toBe(key);
  expect(shown.data.unmetCriteria).toEqual(failures);
  await expect(page.getByRole('button', { name: /^Run as Morgan Member/ }).count()).resolves.toBe(1);

  // The Automation gate check: its inputs come from the app's config form (a Custom UI frame), each change
  // submitted to the rule builder; the rule then runs it and its outputs are the smart values a rule would read.
  await page.getByRole('link', { name: 'Check AI pilot gate' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^Run the rule's action/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('action-refused').filter({ hasText: 'Pilot issue key (issueKey) is required' }).waitFor();
  const config = page.frameLocator('iframe[data-testid="forge-frame-automation-config"]');
  // Automation hands the invalid field back to the form, which shows it with the field.
  await config.getByTestId('automation-input-issueKey-error').filter({ hasText: 'is required' }).waitFor();
  await config.getByLabel('Pilot issue key (required)').focus();
  await page.keyboard.type(key);
  await eventually(
    async () => savedConfig(bh.host, member, 'check-pilot-gate').inputs,
    (inputs) => inputs.issueKey === key,
  );
  await page.getByRole('button', { name: /^Run the rule's action/ }).focus();
  await page.keyboard.press('Enter');
  const outputs = page.getByTestId('action-outputs');
  await outputs.waitFor();
  await expect(outputs.innerText()).resolves.toContain(JSON.stringify(failures.join('; ')));
  await expect(outputs.innerText()).resolves.toMatch(/passed\s+false/);
});
