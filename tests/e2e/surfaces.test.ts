// Issue 13's surfaces through the local host, as the people in question: the dashboard gadget and the global page
// answer with the macro's numbers for the same viewer; a restricted viewer's gadget holds nothing from a project
// they cannot browse; exporting the review page gives valid ADF with the kill list; the glance says what the panel
// says.
import { adfProblem } from '../../host/confluence/adf-check';
import { HostServer } from '../../host/server/server';
import type { LocalHost } from '../../host/host';
import { glanceOf } from '../../src/core/glance';
import { expandPortfolio, type PanelView, type PortfolioPayload, type PortfolioView } from '../../src/contract/views';
import { DEMO_USERS, macro, panel, startHost, stopHost, unwrap } from '../support/local-host';
import { gadget, glance, globalPage } from '../support/surfaces';

let host: LocalHost;
let server: HostServer;
let url: string;
beforeAll(async () => {
  host = await startHost();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  server = new HostServer(host, DEMO_USERS.admin.accountId);
  url = await server.listen(0);
});
afterAll(async () => {
  await server.close();
  await stopHost(host);
});

const view = (payload: PortfolioPayload): PortfolioView => expandPortfolio(payload);
const macroConfig = (projectKeys: string[]) => ({ projectKeys, jql: '', pilots: 'all', sort: 'daysSinceDemo' });
const asCookie = (accountId: string) => ({ cookie: `p2p-user=${encodeURIComponent(accountId)}` });

describe('dashboard gadget and global page', () => {
  it.each([
    ['admin', DEMO_USERS.admin.accountId, ['PAY', 'OPS', 'RISK']],
    ['viewer', DEMO_USERS.viewer.accountId, ['PAY', 'OPS']],
  ])('show the %s the same numbers as the macro over the same projects', async (_who, accountId, projects) => {
    const fromMacro = view(
      unwrap(await macro<PortfolioPayload>(host, accountId, 'portfolio/load', { config: macroConfig(projects) })),
    );
    const fromGadget = view(
      unwrap(
        await gadget<PortfolioPayload>(host, accountId, { projectKeys: projects }, 'portfolio/load', {
          config: macroConfig(projects),
        }),
      ),
    );
    const fromPage = view(
      unwrap(
        await globalPage<PortfolioPayload>(host, accountId, 'portfolio/load', {
          config: { jql: 'issuetype = "AI Pilot"' },
        }),
      ),
    );
    expect(fromMacro.summary.total).toBeGreaterThan(0);
    expect(fromGadget.summary).toEqual(fromMacro.summary);
    expect(fromGadget.rows.map((r) => r.key)).toEqual(fromMacro.rows.map((r) => r.key));
    // The global page is every pilot the person may browse: the macro over every project they can browse.
    expect(fromPage.summary).toEqual(fromMacro.summary);
    expect(fromPage.rows.map((r) => r.key).sort()).toEqual(fromMacro.rows.map((r) => r.key).sort());
  });

  it("holds nothing from RISK in the restricted viewer's gadget, even when RISK is among its saved projects", async () => {
    const saved = { projectKeys: ['PAY', 'OPS', 'RISK'] };
    const result = view(
      unwrap(
        await gadget<PortfolioPayload>(host, DEMO_USERS.viewer.accountId, saved, 'portfolio/load', {
          config: macroConfig(saved.projectKeys),
        }),
      ),
    );
    expect(result.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toMatch(/RISK-/);
    expect(result.unavailableProjects).toBe(1);
    const picker = unwrap(
      await gadget<Array<{ key: string }>>(host, DEMO_USERS.viewer.accountId, saved, 'portfolio/projects', {}, 'edit'),
    );
    expect(picker.map((p) => p.key).sort()).toEqual(['OPS', 'PAY']);
  });

  it('keeps each gadget its own configuration and refuses what Jira refuses', async () => {
    const dashboards = host.dashboards;
    const mine = dashboards.add(dashboards.dashboardOf(DEMO_USERS.member.accountId), 'pilot-portfolio-gadget');
    const other = dashboards.add(dashboards.dashboardOf(DEMO_USERS.member.accountId), 'pilot-portfolio-gadget');
    dashboards.configure(mine.id, DEMO_USERS.member.accountId, { projectKeys: ['PAY'], refresh: 15 });
    dashboards.configure(other.id, DEMO_USERS.member.accountId, { projectKeys: ['OPS'] });
    expect(dashboards.find(mine.id)!.configuration).toEqual({ projectKeys: ['PAY'], refresh: 15 });
    expect(dashboards.find(other.id)!.configuration).toEqual({ projectKeys: ['OPS'] });
    expect(() =>
      dashboards.configure(mine.id, DEMO_USERS.member.accountId, { projectKeys: ['PAY'], refresh: 0 }),
    ).toThrow(/refresh must be a positive integer/);
    expect(() =>
      dashboards.configure(mine.id, DEMO_USERS.member.accountId, { projectKeys: ['PAY'], refresh: 2.5 }),
    ).toThrow(/refresh/);
    expect(() => dashboards.configure(mine.id, DEMO_USERS.viewer.accountId, { projectKeys: ['RISK'] })).toThrow(
      /dashboard owner/,
    );
    expect(dashboards.find(mine.id)!.configuration).toEqual({ projectKeys: ['PAY'], refresh: 15 });
    dashboards.remove(mine.id);
    dashboards.remove(other.id);
  });

  it("shows a person's dashboard only to them, and the global page under Apps", async () => {
    const mine = await fetch(`${url}/jira/dashboards/${host.dashboards.dashboardOf(DEMO_USERS.viewer.accountId)}`, {
      headers: asCookie(DEMO_USERS.viewer.accountId),
    });
    expect(await mine.text()).toContain('Your dashboard');
    const theirs = await fetch(`${url}/jira/dashboards/${host.dashboards.dashboardOf(DEMO_USERS.admin.accountId)}`, {
      headers: asCookie(DEMO_USERS.viewer.accountId),
    });
    expect(await theirs.text()).toContain('not shared with you');
    const apps = await (await fetch(`${url}/jira/apps`)).text();
    expect(apps).toContain('href="/jira/apps/pilot-portfolio-page"');
    expect(apps).toContain('AI pilots');
  });
});

describe('the portfolio in a PDF (macro adfExport)', () => {
  type Node = { type: string; text?: string; content?: Node[] };
  const texts = (node: Node): string[] => [...(node.text ? [node.text] : []), ...(node.content ?? []).flatMap(texts)];
  const tables = (doc: Node): Node[] => (doc.content ?? []).filter((n) => n.type === 'table');

  async function exported(
    title: string,
    as: string,
  ): Promise<{ status: number; body: { body: Node; errorMessages?: string[] } }> {
    const page = host.confluence.state.pages.find((p) => p.title === title)!;
    const response = await fetch(`${url}/confluence/pages/${page.id}/export?type=pdf`, { headers: asCookie(as) });
    return { status: response.status, body: (await response.json()) as { body: Node; errorMessages?: string[] } };
  }

  it('exports the review page as valid ADF with the summary and the kill list the macro shows', async () => {
    const { status, body } = await exported('AI pilot portfolio review', DEMO_USERS.admin.accountId);
    expect(status).toBe(200);
    expect(adfProblem(body.body)).toBeNull();
    const [summary, killList] = tables(body.body);
    expect(summary).toBeDefined();
    expect(killList).toBeDefined();
    const macroView = view(
      unwrap(
        await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
          config: macroConfig(['PAY', 'OPS', 'RISK']),
        }),
      ),
    );
    const stalled = macroView.rows.filter((r) => r.stalled && !r.unreadable);
    expect(stalled.length).toBeGreaterThan(0);
    // One header row, then one row per stalled pilot, longest stalled first; each row starts with its key.
    const rowKeys = killList!.content!.slice(1).map((row) => texts(row)[0]);
    expect(rowKeys).toEqual(
      [...stalled].sort((a, b) => b.daysStalled - a.daysStalled || (a.key < b.key ? -1 : 1)).map((r) => r.key),
    );
    expect(texts(summary!)).toEqual(
      expect.arrayContaining([
        'Stalled now (kill list)',
        String(macroView.summary.stalled),
        'Decisions due',
        String(macroView.summary.decisionsDue),
      ]),
    );
  });

  it('exports as the exporting person: the restricted viewer gets nothing from RISK', async () => {
    const { status, body } = await exported('AI pilot portfolio review', DEMO_USERS.viewer.accountId);
    expect(status).toBe(200);
    expect(adfProblem(body.body)).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/RISK-/);
    expect(texts(body.body).join(' ')).toMatch(/1 chosen project is hidden/);
  });

  it('an unconfigured macro exports a sentence, not an empty frame', async () => {
    const page = host.confluence.addPage({
      spaceKey: 'ENG',
      title: 'Unconfigured export',
      authorId: DEMO_USERS.admin.accountId,
      macros: [{ moduleKey: 'pilot-portfolio', title: 'AI pilot portfolio' }],
    });
    const response = await fetch(`${url}/confluence/pages/${page.id}/export?type=word`);
    const body = (await response.json()) as { body: Node };
    expect(response.status).toBe(200);
    expect(adfProblem(body.body)).toBeNull();
    expect(texts(body.body).join(' ')).toMatch(/not configured/);
  });

  it('the host refuses what is not ADF', () => {
    expect(
      adfProblem({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] }),
    ).not.toBeNull();
    expect(adfProblem({ type: 'doc', version: 1, content: [{ type: 'tableRow', content: [] }] })).not.toBeNull();
  });
});

describe('the issue glance', () => {
  it("says the panel's score, gate and stall for a stalled pilot, as the viewer", async () => {
    const stalled = view(
      unwrap(
        await macro<PortfolioPayload>(host, DEMO_USERS.member.accountId, 'portfolio/load', {
          config: macroConfig(['PAY', 'OPS']),
        }),
      ),
    ).rows.find((r) => r.stalled)!;
    const panelView = unwrap(await panel<PanelView>(host, stalled.key, DEMO_USERS.member.accountId, 'panel/load'));
    const a = panelView.assessment;
    const { status } = await glance(host, stalled.key, DEMO_USERS.member.accountId);
    expect(status?.type).toBe('lozenge');
    expect(status!.value.label).toBe(glanceOf(a).label);
    expect(status!.value.label).toContain(`${a.score}/7`);
    expect(status!.value.label).toContain(a.gate.passed ? 'gate met' : 'gate not met');
    expect(status!.value.label).toContain(`stalled ${a.stall.daysStalled} d`);
    expect(status!.value.type).toBe('removed');
  });

  it('gives no status on a pilot the viewer cannot browse', async () => {
    const riskPilot = view(
      unwrap(
        await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
          config: macroConfig(['RISK']),
        }),
      ),
    ).rows[0]!;
    expect(await glance(host, riskPilot.key, DEMO_USERS.viewer.accountId)).toEqual({});
    expect((await glance(host, riskPilot.key, DEMO_USERS.admin.accountId)).status?.value.label).toMatch(
      /\/7|not assessed/,
    );
  });

  it('shows the status on the issue page and opens the panel app when expanded', async () => {
    const stalled = view(
      unwrap(
        await macro<PortfolioPayload>(host, DEMO_USERS.admin.accountId, 'portfolio/load', {
          config: macroConfig(['PAY']),
        }),
      ),
    ).rows.find((r) => r.stalled)!;
    const { status } = await glance(host, stalled.key, DEMO_USERS.admin.accountId);
    const collapsed = await (await fetch(`${url}/jira/browse/${stalled.key}`)).text();
    expect(collapsed).toContain('data-testid="glance-status-pilot-glance"');
    expect(collapsed).toContain(status!.value.label.replace(/&/g, '&amp;'));
    expect(collapsed).not.toContain('forge-frame-panel');
    const open = await (await fetch(`${url}/jira/browse/${stalled.key}?context=pilot-glance`)).text();
    expect(open).toContain('data-testid="forge-frame-panel"');
  });
});
