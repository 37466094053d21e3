// Attacks on the portfolio store: what a viewer who may not browse RISK can learn through portfolio/first and
// portfolio/rows, what a member can change by hand, and what a failing platform leaves behind.
import {
  expandPortfolio,
  type PanelView,
  type PortfolioFirstView,
  type PortfolioPayload,
  type PortfolioRowsPage,
  type PortfolioView,
  type SettingsPageView,
} from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  getIssue,
  macro,
  panel,
  pilotInput,
  settings,
  startHost,
  stopHost,
  unwrap,
} from '../support/local-host';

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
const query = (overrides: Record<string, unknown> = {}) => ({
  list: 'all',
  sort: 'key',
  order: 'ASC',
  phase: null,
  verdict: null,
  text: '',
  cursor: null,
  ...overrides,
});

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
    const answer = await macro<PortfolioRowsPage>(host, viewer, 'portfolio/rows', {
      config: config(),
      query: query({ sort: 'monthlyRunCost', order: 'ASC', cursor: adminPage.nextCursor }),
    });
    if (answer.ok) expect(answer.data.rows.filter((r) => r.projectKey === 'RISK').map((r) => r.key)).toEqual([]);
    else
      expect([answer.error.code, answer.error.message]).toEqual([
        'VALIDATION_FAILED',
        expect.stringMatching(/start again from the first page/),
      ]);
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

describe('permissions while a fold is behind', () => {
  it('shows the viewer no RISK row while RISK has rows but no aggregate yet', async () => {
    const riskId = host.jira.state.projects.find((p) => p.key === 'RISK')!.id;
    const key = `portfolio-agg:${riskId}`;
    const saved = host.kvs.state[key];
    expect(saved).toBeDefined();
    delete host.kvs.state[key];
    try {
      for (const text of ['', 'risk']) {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: PortfolioRowsPage = await rowsPage(viewer, query({ text, cursor }));
          expect(page.rows.filter((r) => r.projectKey === 'RISK').map((r) => r.key)).toEqual([]);
          expect(unwrapped(page.nextCursor ?? '').filter((s) => /RISK[:-]\d/.test(s) || riskIds.includes(s))).toEqual(
            [],
          );
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor && pages < 50);
      }
      const view = await first(viewer);
      expect(JSON.stringify(view)).not.toMatch(/RISK-\d/);
    } finally {
      host.kvs.state[key] = saved!;
    }
  });
});

describe('failures', () => {
  it('brings the numbers up to date when the aggregate write fails once during a fold', async () => {
    const ref = await reference(admin);
    const target = ref.rows.find((r) => !r.unreadable && r.stalled)!;
    const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
    host.faults.failNext({
      target: 'kvs',
      operation: /^\/api\/v1\/set$/,
      key: /^portfolio-agg:/,
      times: 1,
      status: 500,
    });
    unwrap(
      await panel<PanelView>(host, target.key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { monthlyRunCost: (target.monthlyRunCost ?? 0) + 777 }),
      }),
    );
    await settle();
    const [after, now] = await Promise.all([first(admin), reference(admin)]);
    expect(now.summary.stalledMonthlyCost).toBe(ref.summary.stalledMonthlyCost + 777);
    expect(after.summary).toEqual(now.summary);
    expect(after.distribution).toEqual(now.distribution);
  });

  it('brings a row and the numbers up to date when Jira answers 503 while the refresh reads the pilot', async () => {
    const ref = await reference(admin);
    const target =
      ref.rows.find((r) => !r.unreadable && r.stalled && r.projectKey === 'OPS') ??
      ref.rows.find((r) => !r.unreadable && r.stalled)!;
    const { id } = await getIssue(host, target.key);
    const view = unwrap(await panel<PanelView>(host, target.key, member, 'panel/load'));
    // Only the refresh reads the pilot by id with exactly these fields (the panel reads it by key); the client's own
    // retries are used up, so the refresh fails once.
    host.faults.failNext({
      target: 'jira',
      operation: /^GET /,
      key: new RegExp(
        `/rest/api/3/issue/${id}\\?fields=summary(,|%2C)issuetype(,|%2C)project(,|%2C)status(,|%2C)subtasks(,|%2C)created&`,
      ),
      times: 4,
      status: 503,
    });
    unwrap(
      await panel<PanelView>(host, target.key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { monthlyRunCost: (target.monthlyRunCost ?? 0) + 555 }),
      }),
    );
    await settle();
    const [after, now] = await Promise.all([first(admin), reference(admin)]);
    expect(now.summary.stalledMonthlyCost).toBe(ref.summary.stalledMonthlyCost + 555);
    expect(after.summary).toEqual(now.summary);
    const rows = (await rowsPage(admin, query({ text: target.key.toLowerCase() }))).rows;
    expect(rows.find((r) => r.key === target.key)?.monthlyRunCost).toBe((target.monthlyRunCost ?? 0) + 555);
  });
});

describe('truth', () => {
  it('ignores a member who writes the app’s issue property by hand: the row and the numbers come from the app’s records', async () => {
    const ref = await reference(admin);
    const target =
      ref.rows.find((r) => !r.unreadable && r.projectKey === 'PAY' && r.stalled) ??
      ref.rows.find((r) => !r.unreadable && r.projectKey === 'PAY')!;
    const put = await host.asUser(member, 'PUT', `/rest/api/3/issue/${target.key}/properties/ai-pilot`, {
      version: 99,
      pilot: { monthlyRunCost: 999_999, decisions: [{ kind: 'kill', monthlyCostRecovered: 999_999 }], diagnostic: {} },
    });
    expect([200, 201]).toContain(put.status);
    // A summary edit makes Jira send an updated event (so the row is refreshed now), then the daily scan runs too.
    const edit = await host.asUser(member, 'PUT', `/rest/api/3/issue/${target.key}`, {
      fields: { summary: `${target.summary} (edited)` },
    });
    expect(edit.status).toBe(204);
    await settle();
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await settle();
    const [view, now] = await Promise.all([first(admin), reference(admin)]);
    const row = (await rowsPage(admin, query({ text: target.key.toLowerCase() }))).rows.find(
      (r) => r.key === target.key,
    )!;
    expect(row.monthlyRunCost).toBe(target.monthlyRunCost);
    expect(row.summary).toBe(`${target.summary} (edited)`);
    expect(view.summary.recoveredMonthlyCost).toBe(ref.summary.recoveredMonthlyCost);
    expect(view.summary).toEqual(now.summary);
  });
});

describe('bad stored data', () => {
  it('loses no project’s numbers for good when its aggregate in storage is unreadable', async () => {
    const ref = await reference(admin);
    const payId = host.jira.state.projects.find((p) => p.key === 'PAY')!.id;
    const key = `portfolio-agg:${payId}`;
    expect(host.kvs.state[key]).toBeDefined();
    host.kvs.state[key] = { ...host.kvs.state[key]!, value: { projectId: payId, variants: 'poisoned' } };
    const view = await first(admin);
    expect(view.summary).toEqual(ref.summary);
    expect(view.rowCount).toBe(ref.rows.length);
    expect(view.rows.rows.some((r) => r.projectKey === 'PAY') || ref.rows.every((r) => r.projectKey !== 'PAY')).toBe(
      true,
    );
  });
});

describe('pilots that change', () => {
  it('drops the row and the numbers of an issue that stops being an AI Pilot at the daily scan', async () => {
    const pilot = await createPilot(host, 'OPS', 'Pilot that becomes a task');
    await settle();
    expect((await rowsPage(admin, query({ text: 'becomes a task' }))).rows.map((r) => r.key)).toEqual([pilot.key]);
    const changed = await host.asUser(admin, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { issuetype: { name: 'Task' } },
    });
    expect(changed.status).toBe(204);
    await settle();
    // Known gap (reported, not fixed here): the manifest's trigger filter passes only events of AI Pilots and
    // sub-tasks, so the retyped issue's update never reaches the app and its row waits for the daily scan's sweep.
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await settle();
    expect((await rowsPage(admin, query({ text: 'becomes a task' }))).rows).toEqual([]);
    const [view, ref] = await Promise.all([first(admin), reference(admin)]);
    expect(view.summary).toEqual(ref.summary);
    expect(view.rowCount).toBe(ref.rows.length);
  });

  it('carries a project’s new stall threshold to every row and number of that project', async () => {
    const page = unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/load'));
    const before = await first(admin);
    unwrap(
      await settings(host, 'PAY', admin, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, stallRule: { ...page.settings.stallRule, thresholdDays: 365 } },
      }),
    );
    await settle();
    const [view, ref] = await Promise.all([first(admin), reference(admin)]);
    expect(ref.summary.stalled).not.toBe(before.summary.stalled);
    expect(view.summary).toEqual(ref.summary);
    const kill: string[] = [];
    let cursor: string | null = null;
    do {
      const p: PortfolioRowsPage = await rowsPage(admin, query({ list: 'kill', cursor }));
      kill.push(...p.rows.map((r) => r.key));
      cursor = p.nextCursor;
    } while (cursor);
    expect(kill.sort()).toEqual(
      ref.rows
        .filter((r) => r.stalled && !r.unreadable)
        .map((r) => r.key)
        .sort(),
    );
  });
});

describe('one bad pilot in the daily repair', () => {
  it('still sweeps the other deleted pilots when Jira refuses one swept pilot', async () => {
    const stuck = await createPilot(host, 'PAY', 'Swept pilot Jira refuses');
    const gone = await createPilot(host, 'OPS', 'Swept pilot deleted');
    await settle();
    expect((await rowsPage(admin, query({ text: 'swept pilot' }))).rows.map((r) => r.key).sort()).toEqual(
      [gone.key, stuck.key].sort(),
    );
    host.runner.deliverEvents = false;
    for (const key of [stuck.key, gone.key])
      expect((await host.asUser(admin, 'DELETE', `/rest/api/3/issue/${key}?deleteSubtasks=true`)).status).toBe(204);
    host.runner.deliverEvents = true;
    host.faults.failNext({
      target: 'jira',
      operation: /^GET /,
      key: new RegExp(`/rest/api/3/issue/${stuck.id}\\?`),
      times: 100,
      status: 403,
    });
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await settle();
    host.faults.clearTargeted();
    // The refused one keeps its row until Jira answers for it; the other is dropped, and its project's numbers with it.
    expect((await rowsPage(admin, query({ text: 'swept pilot' }))).rows.map((r) => r.key)).not.toContain(gone.key);
    const [view, ref] = await Promise.all([
      first(admin, config({ projectKeys: ['OPS'] })),
      reference(admin, config({ projectKeys: ['OPS'] })),
    ]);
    expect(view.summary).toEqual(ref.summary);
    // Once Jira answers for it again, the next daily scan drops it too.
    await host.runner.runScheduledTrigger('daily-stall-scan');
    await settle();
    expect((await rowsPage(admin, query({ text: 'swept pilot' }))).rows).toEqual([]);
    const [all, allRef] = await Promise.all([first(admin), reference(admin)]);
    expect(all.summary).toEqual(allRef.summary);
  });
});

describe('at least once, at the same time', () => {
  it('ends equal to Jira after duplicated refreshes, a project rebuild and folds of one project racing each other', async () => {
    const ref = await reference(admin);
    const payId = host.jira.state.projects.find((p) => p.key === 'PAY')!.id;
    const targets = ref.rows.filter((r) => r.projectKey === 'PAY' && !r.unreadable).slice(0, 3);
    // Two saves in flight (each marks its pilot pending) while three drains race and the project is rebuilt twice.
    const saves = targets.slice(0, 2).map(async (t, i) => {
      const view = unwrap(await panel<PanelView>(host, t.key, member, 'panel/load'));
      unwrap(
        await panel<PanelView>(host, t.key, member, 'panel/save', {
          expectedVersion: view.record.version,
          pilot: pilotInput(view, { monthlyRunCost: 1000 + i }),
        }),
      );
    });
    const jobs = [
      ...Array.from({ length: 3 }, () => ({ body: { kind: 'portfolio-pending' } })),
      { body: { kind: 'portfolio-project', projectId: payId } },
      { body: { kind: 'portfolio-project', projectId: payId } },
    ];
    host.runner.pushToQueue('portfolio-rows', jobs);
    await Promise.all(saves);
    await settle();
    const [view, now] = await Promise.all([first(admin), reference(admin)]);
    expect(view.summary).toEqual(now.summary);
    expect(view.rowCount).toBe(now.rows.length);
  });
});

describe('equality of text filters', () => {
  it('finds a pilot by text with characters a pattern would treat specially, as the in-memory filter does', async () => {
    const odd = await createPilot(host, 'OPS', 'Fraud 50% (beta) *x* [v2] a_b \\ end');
    await settle();
    const ref = await reference(admin);
    for (const text of ['50% (beta)', '*x*', '[v2]', 'a_b', '\\ end', '  FRAUD 50%  ', '%', '_']) {
      const rows: string[] = [];
      let cursor: string | null = null;
      do {
        const page: PortfolioRowsPage = await rowsPage(admin, query({ text, cursor }));
        rows.push(...page.rows.map((r) => r.key));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = ref.rows
        .filter((r) => `${r.key} ${r.summary}`.toLowerCase().includes(text.trim().toLowerCase()))
        .map((r) => r.key);
      expect([text, rows.sort()]).toEqual([text, expected.sort()]);
      expect(rows).toContain(odd.key);
    }
  });
});
