// Words a reviewer can trust, through the local host as the user in question: errors name the field as the form
// labels it, the numbers beside each other on the portfolio share one definition, and the Kill list page shows a
// viewer the projects they may see instead of failing on the one they may not.
import { expandPortfolio, type PortfolioPayload, type PortfolioView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  macro,
  panel,
  startHost,
  stopHost,
  unwrap,
  type Envelope,
} from '../support/local-host';

let host: LocalHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => stopHost(host));

const expanded = (result: Envelope<PortfolioPayload>): PortfolioView => expandPortfolio(unwrap(result));

function killListConfig(): Record<string, unknown> {
  const page = host.confluence.state.pages.find((p) => p.title.startsWith('Kill list'));
  const config = page?.macros[0]?.config;
  if (!config) throw new Error('The demo has no Kill list page');
  return config;
}

it('names the waiver expiry as the waiver form labels it, not by its schema path', async () => {
  const pilot = await createPilot(host, 'PAY', 'Words: waiver label');
  const result = await panel(host, pilot.key, DEMO_USERS.admin.accountId, 'panel/waive', {
    expectedVersion: 0,
    waiver: { criterion: 'min-score', reason: 'Board approved', expiresOn: '2026-02-30' },
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect(result.error.message).toBe(
    'Waiver expires on: must be a real calendar date written YYYY-MM-DD, between 1970 and 2199',
  );
  expect(result.error.message).not.toMatch(/waiver\.|expiresOn/);
  // The path stays on the issue, so the form places the message beside its own control.
  expect(result.error.issues).toEqual([{ field: 'waiver.expiresOn', message: result.error.message }]);
});

it("names the pilot form's fields as the panel labels them", async () => {
  const result = await panel(
    host,
    (await createPilot(host, 'PAY', 'Words: save label')).key,
    DEMO_USERS.admin.accountId,
    'panel/save',
    { expectedVersion: 0, pilot: { productionDate: 'soon' } },
  );
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.message).toMatch(/Target production date: must be a real calendar date/);
  expect(result.error.message).toMatch(/Pilot start is required/);
  expect(result.error.message).not.toMatch(/pilot\.|productionDate|pilotStart/);
});

it('shows the restricted viewer the Kill list without the project they cannot browse, and says one is hidden', async () => {
  const config = killListConfig();
  expect(config.jql).toMatch(/RISK/); // the page's filter names the project Riley Viewer cannot browse
  const admin = expanded(await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', { config }));
  const viewer = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.viewer.accountId, 'portfolio/load', { config }),
  );
  expect(admin.unavailableProjects).toBe(0);
  expect(admin.rows.some((r) => r.projectKey === 'RISK')).toBe(true);
  expect(viewer.unavailableProjects).toBe(1);
  expect(viewer.rows.length).toBeGreaterThan(0);
  expect(viewer.rows.every((r) => r.stalled)).toBe(true);
  expect(viewer.rows.map((r) => r.key)).toEqual(admin.rows.filter((r) => r.projectKey !== 'RISK').map((r) => r.key));
  expect(JSON.stringify(viewer)).not.toMatch(/RISK-/);
});

it("still gives Jira's reason when every project of the filter is hidden from the viewer", async () => {
  const result = await macro(host, DEMO_USERS.viewer.accountId, 'portfolio/load', {
    config: { projectKeys: [], jql: 'project in (RISK)', pilots: 'stalled', sort: 'key' },
  });
  expect(result.ok ? null : result.error.code).toBe('JIRA_REJECTED');
  expect(result.ok ? '' : result.error.message).toMatch(/RISK/);
});

it("counts the summary's 0-3 and the chart's 0-3 bars the same way, with a pilot not yet assessed", async () => {
  await createPilot(host, 'OPS', 'Words: never assessed');
  const view = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
      config: { projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'key' },
    }),
  );
  const notAssessed = view.rows.filter((r) => r.verdict === 'not-assessed').length;
  expect(notAssessed).toBeGreaterThan(0);
  expect(view.distribution.slice(0, 4).reduce((a, b) => a + b, 0)).toBe(view.summary.lowScore);
  expect(view.distribution.reduce((a, b) => a + b, 0)).toBe(view.rows.length - notAssessed);
  expect(view.summary.byVerdict['not-assessed']).toBe(notAssessed);
});
