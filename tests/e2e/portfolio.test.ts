// The portfolio macro's resolver: data as the viewing user (a hidden project's pilots never reach the viewer),
// one paged search with no per-issue calls, and Jira's own reason when it rejects the filter.
import { expandPortfolio, type PortfolioPayload, type PortfolioView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, jql, macro, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
beforeAll(async () => {
  host = await startHost();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
});
afterAll(() => stopHost(host));

const expanded = (result: Parameters<typeof unwrap<PortfolioPayload>>[0]): PortfolioView =>
  expandPortfolio(unwrap(result));
const config = (overrides: Record<string, unknown> = {}) => ({
  projectKeys: ['PAY', 'OPS', 'RISK'],
  jql: '',
  pilots: 'all',
  sort: 'daysSinceDemo',
  ...overrides,
});

it('shows the admin every pilot and the restricted viewer none of the hidden project (on the data)', async () => {
  const adminView = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', { config: config() }),
  );
  const viewerView = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.viewer.accountId, 'portfolio/load', { config: config() }),
  );
  expect(adminView.rows.some((r) => r.projectKey === 'RISK')).toBe(true);
  expect(viewerView.rows.filter((r) => r.projectKey === 'RISK')).toEqual([]);
  expect(viewerView.rows.length).toBe(adminView.rows.filter((r) => r.projectKey !== 'RISK').length);
  expect(viewerView.summary.total).toBe(viewerView.rows.length);
  expect(JSON.stringify(viewerView)).not.toMatch(/RISK-/);
  // The trend sums only the projects the viewer sees pilots in.
  expect(viewerView.trend.at(-1)!.pilots).toBeLessThan(adminView.trend.at(-1)!.pilots);
});

it('summarises the portfolio the way the seed counts it', async () => {
  const view = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', { config: config() }),
  );
  const stalled = view.rows.filter((r) => r.stalled);
  expect(view.summary.stalled).toBe(stalled.length);
  expect(view.summary.stalledMonthlyCost).toBe(stalled.reduce((n, r) => n + (r.monthlyRunCost ?? 0), 0));
  expect(view.summary.lowScore).toBe(view.rows.filter((r) => r.verdict !== 'not-assessed' && r.score <= 3).length);
  expect(view.distribution.reduce((a, b) => a + b, 0)).toBe(
    view.rows.filter((r) => r.verdict !== 'not-assessed').length,
  );
  expect((await jql(host, 'issuetype = "AI Pilot" AND "AI Pilot stall status".Status = stalled')).sort()).toEqual(
    stalled.map((r) => r.key).sort(),
  );
});

it('filters to stalled pilots and to pilots heading to purgatory', async () => {
  const stalled = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
      config: config({ pilots: 'stalled' }),
    }),
  );
  expect(stalled.rows.length).toBeGreaterThan(0);
  expect(stalled.rows.every((r) => r.stalled)).toBe(true);
  const purgatory = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
      config: config({ pilots: 'purgatory' }),
    }),
  );
  expect(purgatory.rows.length).toBeGreaterThan(0);
  expect(purgatory.rows.every((r) => r.verdict === 'heading-to-purgatory')).toBe(true);
});

it('asks Jira once per page and never per issue, as the viewing user: one search, records in one batch read, owner names in one bulk lookup', async () => {
  const before = host.tally.checked;
  const { result, stats } = await host.runner.invokeResolver(
    'pilot-portfolio',
    'macro-resolver',
    { functionKey: 'portfolio/load', payload: { config: config() } },
    { extension: {} },
    DEMO_USERS.admin.accountId,
  );
  expect((result as { ok: boolean }).ok).toBe(true);
  expect(stats.restByPath.filter((p) => p === 'POST /rest/api/3/search/jql')).toHaveLength(1);
  expect(stats.restByPath.filter((p) => p === 'GET /rest/api/3/user/bulk')).toHaveLength(1);
  expect(stats.rest).toBe(2);
  expect(host.tally.checked).toBeGreaterThan(before);
});

it("shows Jira's reason when Jira rejects the JQL filter", async () => {
  const result = await macro(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
    config: config({ projectKeys: [], jql: 'project = PAY AND (' }),
  });
  expect(result.ok ? null : result.error.code).toBe('JIRA_REJECTED');
  expect(result.ok ? '' : result.error.message).toMatch(/Error in the JQL Query/);
});

it("shows Jira's reason when a configured project no longer exists", async () => {
  const result = await macro(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
    config: config({ projectKeys: ['GONE'] }),
  });
  expect(result.ok ? null : result.error.code).toBe('JIRA_REJECTED');
  expect(result.ok ? '' : result.error.message).toMatch(/GONE/);
});

it('shows only AI Pilots even when the filter JQL reaches past its parentheses', async () => {
  await host.asUser(DEMO_USERS.member.accountId, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Not a pilot' },
  });
  const view = expanded(
    await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
      config: config({ projectKeys: [], jql: 'project = PAY) OR (project = PAY' }),
    }),
  );
  expect(view.rows.length).toBeGreaterThan(0);
  expect(view.rows.every((r) => !r.summary.includes('Not a pilot'))).toBe(true);
});

it('refuses a config with neither projects nor JQL', async () => {
  const result = await macro(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
    config: config({ projectKeys: [], jql: '' }),
  });
  expect(result.ok ? null : result.error.issues?.[0]?.field).toBe('config.projectKeys');
});

it('lets the person who has not allowed access be asked by the platform, not shown an error', async () => {
  await expect(macro(host, DEMO_USERS.noa.accountId, 'portfolio/load', { config: config() })).rejects.toMatchObject({
    message: expect.stringMatching(/Authentication Required/),
  });
});
