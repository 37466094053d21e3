// Attacks on the portfolio store: what a viewer who may not browse RISK can learn through portfolio/first and
// portfolio/rows, what a member can change by hand, and what a failing platform leaves behind.
import { expandPortfolio, type PanelView, type PortfolioFirstView, type PortfolioPayload, type PortfolioRowsPage, type PortfolioView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { createPilot, DEMO_USERS, getIssue, macro, panel, pilotInput, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const viewer = DEMO_USERS.viewer.accountId;
const member = DEMO_USERS.member.accountId;

const config = (overrides: Record<string, unknown> = {}) => ({ projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'key', ...overrides });
const query = (overrides: Record<string, unknown> = {}) => ({ list: 'all', sort: 'key', order: 'ASC', phase: null, verdict: null, text: '', cursor: null, ...overrides });

const riskIds: string[] = [];

async function first(as: string, c = config()): Promise<PortfolioFirstView> {
  return unwrap(await macro<PortfolioFirstView>(host, as, 'portfolio/first', { config: c }));
}

async function reference(as: string, c = config()): Promise<PortfolioView> {
  return expandPortfolio(unwrap(await macro<PortfolioPayload>(host, as, 'portfolio/load', { config: c })));
}

async function rowsPage(as: string, q: Record<string, unknown>, c = config()): Promise<PortfolioRowsPage> {
  return unwrap(await macro<PortfolioRowsPage>(host, as, 'portfolio/rows', { config: c, query: q }));
}

/** Every string a page marker holds, however many layers of base64url and JSON it is wrapped in. */
function unwrapped(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
    for (const part of value.split('.')) {
      try {
        const text = Buffer.from(part, 'base64url').toString('utf8');
        if (/^[[{]/.test(text)) unwrapped(JSON.parse(text), out);
      } catch {
        // not JSON: nothing more inside
      }
    }
  } else if (Array.isArray(value)) value.forEach((v) => unwrapped(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => unwrapped(v, out));
  return out;
}

async function settle(): Promise<void> {
  await host.runner.idle();
  host.jira.catchUpSearch();
}

beforeAll(async () => {
  host = await startHost();
  // Ordered by cost, no cost first and then by key: the visible pilots without a cost, then RISK's, then every
  // pilot with a cost. 'Other' pilots thin out the viewer's first store page for the text filter 'bulk'.
  for (let i = 0; i < 10; i += 1) await createPilot(host, 'OPS', `Other pilot ${i}`);
  for (let i = 0; i < 56; i += 1) await createPilot(host, i % 2 ? 'PAY' : 'OPS', `Bulk pilot ${i}`);
  for (let i = 0; i < 100; i += 1) riskIds.push((await createPilot(host, 'RISK', `Bulk risk pilot ${i}`, admin)).id);
  await settle();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await settle();
}, 300_000);
afterAll(() => stopHost(host));

describe('permissions', () => {
  it('gives the viewer no page marker that names or prices a RISK pilot', async () => {
    const seen: string[] = [];
    for (const sort of ['monthlyRunCost', 'key', 'score', 'daysSinceDemo']) {
      for (const order of ['ASC', 'DESC']) {
        for (const text of ['', 'bulk']) {
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: PortfolioRowsPage = await rowsPage(viewer, query({ sort, order, text, cursor }));
            expect(page.rows.some((r) => r.projectKey === 'RISK')).toBe(false);
            if (page.nextCursor) seen.push(...unwrapped(page.nextCursor));
            cursor = page.nextCursor;
            pages += 1;
          } while (cursor && pages < 50);
        }
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    const leaks = seen.filter((s) => /RISK[:-]\d/.test(s) || riskIds.includes(s));
    expect(leaks).toEqual([]);
  });

  it('shows the viewer no RISK row when they page on with a marker the admin was given: a clear refusal, never a crash', async () => {
    const adminPage = await rowsPage(admin, query({ sort: 'monthlyRunCost', order: 'ASC' }));
    expect(adminPage.nextCursor).not.toBeNull();
    const answer = await macro<PortfolioRowsPage>(host, viewer, 'portfolio/rows', { config: config(), query: query({ sort: 'monthlyRunCost', order: 'ASC', cursor: adminPage.nextCursor }) });
    if (answer.ok) expect(answer.data.rows.filter((r) => r.projectKey === 'RISK').map((r) => r.key)).toEqual([]);
    else expect([answer.error.code, answer.error.message]).toEqual(['VALIDATION_FAILED', expect.stringMatching(/start again from the first page/)]);
  });

  it('counts nothing of RISK for the viewer whose config names only RISK, whatever the filter', async () => {
    const only = config({ projectKeys: ['RISK'] });
    const view = await first(viewer, only);
    expect(view.summary.total).toBe(0);
    expect(view.rowCount).toBe(0);
    expect(view.rows.rows).toEqual([]);
    expect((await rowsPage(viewer, query({ text: 'risk' }), only)).rows).toEqual([]);
    // Only RISK and one visible project: the store is asked for the few visible ones ('or').
    const few = config({ projectKeys: ['RISK', 'PAY'] });
    const rows = await rowsPage(viewer, query({ text: 'risk' }), few);
    expect(rows.rows).toEqual([]);
  });
});

describe('failures', () => {
  it('brings the numbers up to date when the aggregate write fails once during a fold', async () => {
    const ref = await reference(admin);
    const target = ref.rows.find((r) => !r.unreadable && r.stalled)!;
    const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
    host.faults.failNext({ target: 'kvs', operation: /^\/api\/v1\/set$/, key: /^portfolio-agg:/, times: 1, status: 500 });
    unwrap(await panel<PanelView>(host, target.key, member, 'panel/save', { expectedVersion: view.record.version, pilot: pilotInput(view, { monthlyRunCost: (target.monthlyRunCost ?? 0) + 777 }) }));
    await settle();
    const [after, now] = await Promise.all([first(admin), reference(admin)]);
    expect(now.summary.stalledMonthlyCost).toBe(ref.summary.stalledMonthlyCost + 777);
    expect(after.summary).toEqual(now.summary);
    expect(after.distribution).toEqual(now.distribution);
  });

  it('brings a row and the numbers up to date when Jira answers 503 while the refresh reads the pilot', async () => {
    const ref = await reference(admin);
    const target = ref.rows.find((r) => !r.unreadable && r.stalled && r.projectKey === 'OPS') ?? ref.rows.find((r) => !r.unreadable && r.stalled)!;
    const { id } = await getIssue(host, target.key);
    const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
    // Only the refresh reads the pilot by id with exactly these fields (the panel reads it by key); the client's own
    // retries are used up, so the refresh fails once.
    host.faults.failNext({ target: 'jira', operation: /^GET /, key: new RegExp(`/rest/api/3/issue/${id}\\?fields=summary(,|%2C)issuetype(,|%2C)project(,|%2C)status(,|%2C)subtasks(,|%2C)created&`), times: 4, status: 503 });
    unwrap(await panel<PanelView>(host, target.key, member, 'panel/save', { expectedVersion: view.record.version, pilot: pilotInput(view, { monthlyRunCost: (target.monthlyRunCost ?? 0) + 555 }) }));
    await settle();
    const [after, now] = await Promise.all([first(admin), reference(admin)]);
    expect(now.summary.stalledMonthlyCost).toBe(ref.summary.stalledMonthlyCost + 555);
    expect(after.summary).toEqual(now.summary);
    const rows = (await rowsPage(admin, query({ text: target.key.toLowerCase() }))).rows;
    expect(rows.find((r) => r.key === target.key)?.monthlyRunCost).toBe((target.monthlyRunCost ?? 0) + 555);
  });
});
