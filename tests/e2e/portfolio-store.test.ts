// The portfolio from the app's store equals the portfolio a full JQL search as the same viewer gives: the same
// rows, sums and decisions, paged on demand with the filters applied on the server; kept current by every change
// and repaired by the daily scan.
import {
  expandPortfolio,
  type PortfolioFirstView,
  type PortfolioPayload,
  type PortfolioRow,
  type PortfolioRowsPage,
  type PortfolioView,
  type PanelView,
} from '../../src/contract/views';
import { orderRows, type RowFilterQuery } from '../../src/core/portfolio-rows';
import type { LocalHost } from '../../host/host';
import { createPilot, DEMO_USERS, macro, panel, pilotInput, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const viewer = DEMO_USERS.viewer.accountId;
const member = DEMO_USERS.member.accountId;

const config = (overrides: Record<string, unknown> = {}) => ({
  projectKeys: ['PAY', 'OPS', 'RISK'],
  jql: '',
  pilots: 'all',
  sort: 'key',
  ...overrides,
});
const query = (overrides: Partial<RowFilterQuery & { cursor: string | null }> = {}) => ({
  list: 'all',
  sort: 'key',
  order: 'ASC',
  phase: null,
  verdict: null,
  text: '',
  cursor: null,
  ...overrides,
});

async function first(as: string, c = config()): Promise<PortfolioFirstView> {
  return unwrap(await macro<PortfolioFirstView>(host, as, 'portfolio/first', { config: c }));
}

async function reference(as: string, c = config()): Promise<PortfolioView> {
  return expandPortfolio(unwrap(await macro<PortfolioPayload>(host, as, 'portfolio/load', { config: c })));
}

/** Every row of a list, page by page, as the UI asks for them. */
async function allPages(as: string, q: Record<string, unknown>, c = config()): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: PortfolioRowsPage = unwrap(
      await macro<PortfolioRowsPage>(host, as, 'portfolio/rows', { config: c, query: { ...q, cursor } }),
    );
    rows.push(...page.rows);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 200);
  return rows;
}

async function settle(): Promise<void> {
  await host.runner.idle();
  host.jira.catchUpSearch();
}

beforeAll(async () => {
  host = await startHost();
  // Enough pilots that every list spans several pages.
  for (let i = 0; i < 70; i += 1) await createPilot(host, i % 2 ? 'PAY' : 'OPS', `Bulk pilot ${i}`);
  await settle();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await settle();
});
afterAll(() => stopHost(host));

describe.each([
  ['the admin', admin],
  ['the viewer who may not browse RISK', viewer],
])('as %s', (_who, as) => {
  it('gives the same rows, sums and decisions as a full JQL search as that person', async () => {
    const [view, ref] = await Promise.all([first(as), reference(as)]);
    expect(view.source).toBe('store');
    expect(view.summary).toEqual(ref.summary);
    expect(view.distribution).toEqual(ref.distribution);
    expect(view.cycleTime).toEqual(ref.cycleTime);
    expect(view.trend).toEqual(ref.trend);
    expect(view.rowCount).toBe(ref.rows.length);
    const rows = await allPages(as, query());
    expect(rows.map((r) => r.key)).toEqual(orderRows(ref.rows, query() as RowFilterQuery, ref.today).map((r) => r.key));
    // Every field, decisions due and overdue included.
    const byKey = new Map(ref.rows.map((r) => [r.key, r]));
    for (const row of rows) expect(row).toEqual(byKey.get(row.key));
    const kill = await allPages(as, query({ list: 'kill' }));
    expect(kill.map((r) => r.key)).toEqual(
      orderRows(ref.rows, { ...(query() as RowFilterQuery), list: 'kill' }, ref.today).map((r) => r.key),
    );
    expect(kill.length).toBe(ref.summary.stalled);
    expect(view.killList.rows.map((r) => r.key)).toEqual(kill.slice(0, view.killList.rows.length).map((r) => r.key));
  });
});

it('never shows the viewer a pilot, sum or name from a project they cannot browse, even when the config names it', async () => {
  const view = await first(viewer);
  const rows = await allPages(viewer, query());
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((r) => r.projectKey === 'RISK')).toBe(false);
  expect(JSON.stringify(view)).not.toMatch(/RISK-/);
  expect(view.unavailableProjects).toBe(1);
  const adminView = await first(admin);
  expect(view.summary.total).toBeLessThan(adminView.summary.total);
});

it('filters and sorts on the server exactly as the rows would be filtered and sorted in memory', async () => {
  const ref = await reference(admin);
  const cases: Array<Partial<RowFilterQuery>> = [
    { phase: 'post-demo' },
    { verdict: 'heading-to-purgatory', sort: 'score', order: 'DESC' },
    { text: 'BULK PILOT 1', sort: 'monthlyRunCost', order: 'DESC' },
    { sort: 'daysSinceDemo', order: 'DESC' },
    { sort: 'score' },
  ];
  for (const c of cases) {
    const q = query(c);
    const rows = await allPages(admin, q);
    expect([c, rows.map((r) => r.key)]).toEqual([
      c,
      orderRows(ref.rows, q as RowFilterQuery, ref.today).map((r) => r.key),
    ]);
  }
});

it('applies the macro’s pilot filter (stalled, heading to purgatory) to the numbers and every list', async () => {
  for (const pilots of ['stalled', 'purgatory'] as const) {
    const view = await first(admin, config({ pilots }));
    const rows = await allPages(admin, query(), config({ pilots }));
    expect(rows.length).toBe(view.summary.total);
    expect(rows.every((r) => (pilots === 'stalled' ? r.stalled : r.verdict === 'heading-to-purgatory'))).toBe(true);
  }
});

it('opens in a handful of calls: browsable projects and owner names from Jira, nothing per pilot', async () => {
  const { result, stats } = await host.runner.invokeResolver(
    'pilot-portfolio',
    'macro-resolver',
    { functionKey: 'portfolio/first', payload: { config: config() } },
    { extension: {} },
    admin,
  );
  expect((result as { ok: boolean }).ok).toBe(true);
  expect(stats.rest).toBeLessThanOrEqual(5);
  expect(stats.restByPath.filter((p) => p.includes('/search/jql'))).toEqual([]);
});

it('refuses a page marker it did not give out, or one from another filter', async () => {
  const forged = await macro(host, admin, 'portfolio/rows', {
    config: config(),
    query: query({ cursor: 'not-a-cursor' }),
  });
  expect(forged.ok ? null : forged.error.code).toBe('VALIDATION_FAILED');
  const page = unwrap(
    await macro<PortfolioRowsPage>(host, admin, 'portfolio/rows', { config: config(), query: query() }),
  );
  expect(page.nextCursor).not.toBeNull();
  const other = await macro(host, admin, 'portfolio/rows', {
    config: config(),
    query: query({ sort: 'score', cursor: page.nextCursor }),
  });
  expect(other.ok ? null : other.error.message).toMatch(/another filter or order/);
});

it('follows a change to a pilot within its refresh, and the numbers with it', async () => {
  const ref = await reference(admin);
  const target = ref.rows.find((r) => r.stalled && !r.unreadable)!;
  const before = await first(admin);
  const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
  const cost = (target.monthlyRunCost ?? 0) + 1234;
  unwrap(
    await panel<PanelView>(host, target.key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: cost }),
    }),
  );
  await settle();
  const after = await first(admin);
  expect(after.summary.stalledMonthlyCost).toBe(before.summary.stalledMonthlyCost + 1234);
  const rows = await allPages(admin, query({ text: target.key.toLowerCase() }));
  expect(rows.find((r) => r.key === target.key)?.monthlyRunCost).toBe(cost);
  expect(after.summary).toEqual((await reference(admin)).summary);
});

it('drops a deleted pilot at the next daily scan, and keeps the store equal to Jira', async () => {
  const gone = await createPilot(host, 'PAY', 'Pilot to delete');
  await settle();
  expect((await allPages(admin, query({ text: 'pilot to delete' }))).map((r) => r.key)).toEqual([gone.key]);
  host.runner.deliverEvents = false;
  const deleted = await host.asUser(admin, 'DELETE', `/rest/api/3/issue/${gone.key}?deleteSubtasks=true`);
  host.runner.deliverEvents = true;
  expect(deleted.status).toBe(204);
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await settle();
  expect(await allPages(admin, query({ text: 'pilot to delete' }))).toEqual([]);
  const [view, ref] = await Promise.all([first(admin), reference(admin)]);
  expect(view.summary).toEqual(ref.summary);
});

it('keeps the old row when a row write fails, and the daily scan repairs it', async () => {
  const target = (await reference(admin)).rows.find((r) => !r.unreadable && r.projectKey === 'OPS')!;
  const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
  host.faults.failNext({ target: 'kvs', operation: /^\/api\/v1\/entity\/set$/, times: 1, status: 500 });
  unwrap(
    await panel<PanelView>(host, target.key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 4321 }),
    }),
  );
  await settle();
  const stale = (await allPages(admin, query({ text: target.key.toLowerCase() }))).find((r) => r.key === target.key)!;
  expect(stale.monthlyRunCost).toBe(target.monthlyRunCost);
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await settle();
  const repaired = (await allPages(admin, query({ text: target.key.toLowerCase() }))).find(
    (r) => r.key === target.key,
  )!;
  expect(repaired.monthlyRunCost).toBe(4321);
});

it('answers the global page’s “every AI Pilot I may browse” from the store, equal to the JQL search', async () => {
  const every = config({ projectKeys: [], jql: 'issuetype = "AI Pilot"' });
  const [view, ref] = await Promise.all([first(viewer, every), reference(viewer, every)]);
  expect(view.source).toBe('store');
  expect(view.summary).toEqual(ref.summary);
  expect((await allPages(viewer, query(), every)).map((r) => r.key).sort()).toEqual(ref.rows.map((r) => r.key).sort());
  expect((await first(admin, config({ projectKeys: [], jql: 'project = PAY' }))).source).toBe('jql');
});
