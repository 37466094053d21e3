// Hostile review of issue 10 ("one bad record costs one row"): project settings are read back with the input
// contract itself (settingsSchema), so settings stored under an older, looser rule, or damaged, are "unreadable",
// and that error took down every portfolio that includes any pilot of the project (all projects' rows) and the
// daily scan for every project. Now the project's pilots are flagged rows and the rest go on.
import { expandPortfolio, type PortfolioPayload, type SettingsPageView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, macro, settings, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await stopHost(host);
});

it('flags the pilots of a project whose stored settings cannot be read, and shows the other projects', async () => {
  const page = unwrap(await settings<SettingsPageView>(host, 'RISK', admin, 'settings/load'));
  unwrap(
    await settings(host, 'RISK', admin, 'settings/save', {
      expectedVersion: page.version,
      settings: { ...page.settings, stallRule: { thresholdDays: 61, decisionGraceDays: 7 } },
    }),
  );
  const riskId = host.jira.state.projects.find((p) => p.key === 'RISK')!.id;
  const entry = host.kvs.state[`settings:${riskId}`]! as { value: { settings: { template: Array<{ name: string }> } } };
  // As an older version allowed: a workstream name longer than today's 120 characters.
  entry.value.settings.template[0]!.name = 'x'.repeat(200);

  host.jira.catchUpSearch();
  const result = await macro<PortfolioPayload>(host, admin, 'portfolio/load', {
    config: { projectKeys: ['PAY', 'RISK'], jql: '', pilots: 'all', sort: 'key' },
  });
  expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  const view = expandPortfolio(unwrap(result));
  const pay = view.rows.filter((r) => r.projectKey === 'PAY');
  const risk = view.rows.filter((r) => r.projectKey === 'RISK');
  expect(pay.length).toBeGreaterThan(0);
  expect(pay.every((r) => !r.unreadable)).toBe(true);
  expect(risk.length).toBeGreaterThan(0);
  expect(risk.every((r) => /settings of project RISK could not be read/i.test(r.unreadable ?? ''))).toBe(true);

  // The daily scan goes on with the other projects: PAY gets today's snapshot, the report names RISK's settings.
  const payId = host.jira.state.projects.find((p) => p.key === 'PAY')!.id;
  const snapshotsBefore = Object.keys(host.kvs.state).filter((k) => k.startsWith(`snapshot:${payId}:`)).length;
  host.jira.catchUpSearch();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  const snapshots = Object.entries(host.kvs.state).filter(([k]) => k.startsWith(`snapshot:${payId}:`));
  expect(snapshots.length).toBeGreaterThanOrEqual(Math.max(1, snapshotsBefore));
  expect(JSON.stringify(host.kvs.state['scan-report:latest']?.value ?? null)).toMatch(
    /settings of project RISK could not be read/,
  );
});
