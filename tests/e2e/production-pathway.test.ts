// Production criteria and the production pathway page end to end: the real panel resolver through the Forge SDKs
// against the local Jira and Confluence (every call checked against the OpenAPI documents and the manifest's
// scopes). What a person would notice: the page holds the pilot's facts, the pilot links it and Q4 shows it, one
// page however many clicks, Confluence's refusals in words with nothing stored, the gate criterion.
import type { PanelView, PathwaySpacesView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { adfToHtml } from '../../host/confluence/adf-html';
import {
  createPilot,
  DEMO_USERS,
  panel,
  pilotInput,
  settings,
  startHost,
  stopHost,
  unwrap,
  answers,
  type Envelope,
} from '../support/local-host';

let host: LocalHost;
const member: string = DEMO_USERS.member.accountId;
const lead = DEMO_USERS.lead.accountId;
const viewer = DEMO_USERS.viewer.accountId;
const admin = DEMO_USERS.admin.accountId;

const CRITERIA = {
  latencyP95Ms: 250,
  availabilityPercent: 99.9,
  dataSources: ['Payments ledger', 'Card authorisations'],
  regulatoryFrameworks: ['PCI DSS', 'GDPR'],
  rollbackPlan: 'Feature flag back to the rules engine within 5 minutes',
  monitoring: 'Latency and drift dashboards; on-call pager for the payments platform team',
};

beforeAll(async () => {
  host = await startHost();
});
afterEach(() => host.faults.clearTargeted());
afterAll(() => stopHost(host));

async function freshPilot(
  project: string,
  summary: string,
  as: string = member,
): Promise<{ key: string; view: PanelView }> {
  const { key } = await createPilot(host, project, summary, as);
  await host.runner.idle();
  return { key, view: unwrap(await panel<PanelView>(host, key, as, 'panel/load')) };
}

const spaceId = (key: string) => host.confluence.state.spaces.find((s) => s.key === key)!.id;
const pagesTitled = (title: string) => host.confluence.state.pages.filter((p) => p.title === title);

describe('production criteria', () => {
  it('are refused field by field, and nothing is stored', async () => {
    const { key, view } = await freshPilot('PAY', 'Criteria validation');
    const refused = await panel(host, key, member, 'panel/save-criteria', {
      expectedVersion: view.record.version,
      criteria: {
        latencyP95Ms: -5,
        availabilityPercent: 120,
        dataSources: ['  '],
        regulatoryFrameworks: [],
        rollbackPlan: '',
        monitoring: 'Dashboards',
      },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.issues?.map((i) => i.field).sort()).toEqual(
      [
        'criteria.availabilityPercent',
        'criteria.dataSources',
        'criteria.latencyP95Ms',
        'criteria.regulatoryFrameworks',
        'criteria.rollbackPlan',
      ].sort(),
    );
    const after = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(after.record.version).toBe(view.record.version);
    expect(after.record.productionCriteria).toBeNull();
  });

  it('a field the contract does not know is refused by name', async () => {
    const { key, view } = await freshPilot('PAY', 'Criteria unknown field');
    const refused = await panel(host, key, member, 'panel/save-criteria', {
      expectedVersion: view.record.version,
      criteria: { ...CRITERIA, costCeiling: 5 },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/costCeiling/);
  });

  it('are stored with who and when, and a viewer cannot write them', async () => {
    const { key, view } = await freshPilot('PAY', 'Criteria stored');
    const saved = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save-criteria', {
        expectedVersion: view.record.version,
        criteria: { ...CRITERIA, dataSources: ['Payments ledger', 'Payments ledger', 'Card authorisations'] },
      }),
    );
    expect(saved.record.productionCriteria).toMatchObject({ ...CRITERIA, byAccountId: member, definedOn: saved.today });
    const denied = await panel(host, key, viewer, 'panel/save-criteria', {
      expectedVersion: saved.record.version,
      criteria: CRITERIA,
    });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
  });

  it('the gate criterion is off by default, and when an admin turns it on it fails until the criteria are defined', async () => {
    const { key, view } = await freshPilot('RISK', 'Criteria gate', admin);
    expect(view.assessment.gate.criteria.map((c) => c.id)).not.toContain('production-criteria');
    const page = unwrap(
      await settings<{ version: number; settings: { gate: Record<string, unknown> } }>(
        host,
        'RISK',
        admin,
        'settings/load',
      ),
    );
    expect(page.settings.gate.requireProductionCriteria).toBe(false);
    const gate = { ...page.settings.gate, requireProductionCriteria: true };
    host.jira.catchUpSearch();
    const preview = unwrap(
      await settings<Array<{ key: string; failures: string[] }>>(host, 'RISK', admin, 'settings/preview-gate', {
        gate,
      }),
    );
    expect(preview.find((r) => r.key === key)?.failures).toContain(
      'Production criteria (latency, availability, data sources, regulatory frameworks, rollback, monitoring) must be defined',
    );
    unwrap(
      await settings(host, 'RISK', admin, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, gate },
      }),
    );
    const before = unwrap(await panel<PanelView>(host, key, admin, 'panel/load'));
    expect(before.assessment.gate.criteria.find((c) => c.id === 'production-criteria')).toMatchObject({
      met: false,
      label: 'Production criteria defined',
    });
    const after = unwrap(
      await panel<PanelView>(host, key, admin, 'panel/save-criteria', {
        expectedVersion: before.record.version,
        criteria: CRITERIA,
      }),
    );
    expect(after.assessment.gate.criteria.find((c) => c.id === 'production-criteria')).toMatchObject({ met: true });
  });
});

describe('production pathway page', () => {
  it('an owner creates it in a space they choose; it holds the pilot facts and the portfolio macro for this pilot; Q4 shows it', async () => {
    const { key, view } = await freshPilot('PAY', 'Fraud scoring v2');
    const withFacts = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, {
          pilotStart: '2026-01-05',
          milestones: { demoSignOff: '2026-02-20', integrationTesting: '2026-03-16' },
          people: {
            productionOwner: DEMO_USERS.priya.accountId,
            dataScienceLead: DEMO_USERS.dana.accountId,
            businessOwner: null,
          },
          diagnostic: {
            ...answers('yyynuuu'),
            q2: { answer: 'yes', note: 'Ledger steward signed DAR-7', evidenceUrl: 'https://example.com/dar-7' },
          },
        }),
      }),
    );
    const criteria = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save-criteria', {
        expectedVersion: withFacts.record.version,
        criteria: CRITERIA,
      }),
    );
    expect(criteria.assessment.evidence.perQuestion.find((q) => q.questionId === 'q4')?.supported).toBe(false);

    const spaces = unwrap(await panel<PathwaySpacesView>(host, key, member, 'panel/pathway-spaces'));
    expect(spaces.spaces.map((s) => s.key)).toEqual(expect.arrayContaining(['AIPATH', 'ENG']));
    expect(spaces.suggestedTitle).toBe(`${key} production pathway: Fraud scoring v2`);
    expect(spaces.existing).toBeNull();

    const created = unwrap(
      await panel<PanelView>(host, key, member, 'panel/create-pathway', {
        page: { spaceId: spaceId('AIPATH'), title: spaces.suggestedTitle },
      }),
    );
    const link = created.record.pathwayPage!;
    expect(link).toMatchObject({ spaceKey: 'AIPATH', title: spaces.suggestedTitle, byAccountId: member });
    // The issue's own links show the page too (a Jira remote link, keyed by the page so a retry adds no second).
    const issueRec = host.jira.state.issues.find((i) => i.key === key)!;
    expect(issueRec.remoteLinks?.map((l) => [l.globalId, l.url, l.title])).toEqual([
      [`confluence-page=${link.pageId}`, link.url, link.title],
    ]);
    expect(created.notice).toBeNull();
    const q4 = created.assessment.evidence.perQuestion.find((q) => q.questionId === 'q4')!;
    expect(q4.supported).toBe(true);
    expect(q4.evidence).toContain(link.url);

    const [page] = pagesTitled(spaces.suggestedTitle);
    expect(page?.authorId).toBe(member);
    const html = adfToHtml(page!.adf!);
    // Answers with their notes and evidence, criteria, workstreams with dates and owners, the people by name.
    expect(html).toContain('Ledger steward signed DAR-7');
    expect(html).toContain('https://example.com/dar-7');
    expect(html).toContain('250 ms');
    expect(html).toContain('99.9%');
    expect(html).toContain('Payments ledger, Card authorisations');
    expect(html).toContain('Feature flag back to the rules engine');
    expect(html).toMatch(
      /<td><p>Infrastructure spec &amp; provisioning \(PAY-\d+\)<\/p><\/td><td><p>Production pathway team<\/p><\/td><td><p>2026-01-12<\/p><\/td><td><p>2026-03-16<\/p><\/td>/,
    );
    expect(html).toContain(`Production owner: ${DEMO_USERS.priya.displayName}`);
    // The portfolio macro, narrowed to this one pilot, runs as the viewer like any other.
    expect(page!.macros).toHaveLength(1);
    expect(page!.macros[0]!.moduleKey).toBe('pilot-portfolio');
    expect(page!.macros[0]!.config).toEqual({ projectKeys: ['PAY'], jql: `key = ${key}`, pilots: 'all', sort: 'key' });
    host.jira.catchUpSearch();
    const { macro } = await import('../support/local-host');
    const portfolio = unwrap(
      await macro<{ rows: Array<{ key: string }> }>(host, viewer, 'portfolio/load', {
        config: page!.macros[0]!.config,
      }),
    );
    expect(portfolio.rows.map((r) => r.key)).toEqual([key]);
    // Confluence serves the page back with the macro as an ADF extension of this app.
    const read = await host.checkedConfluence.handle({
      method: 'GET',
      path: `/wiki/api/v2/pages/${page!.id}?body-format=atlas_doc_format`,
      principal: { kind: 'user', accountId: member },
    });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain('static/pilot-portfolio');

    // Asking again offers the page instead of a new one.
    const again = unwrap(await panel<PathwaySpacesView>(host, key, member, 'panel/pathway-spaces'));
    expect(again.existing?.pageId).toBe(link.pageId);
    const twice = unwrap(
      await panel<PanelView>(host, key, member, 'panel/create-pathway', {
        page: { spaceId: spaceId('ENG'), title: 'Another title' },
      }),
    );
    expect(twice.record.pathwayPage?.pageId).toBe(link.pageId);
    expect(twice.notice).toMatch(/already has its production pathway page/);
    expect(pagesTitled('Another title')).toHaveLength(0);
  });

  it('two clicks at once make one page', async () => {
    const { key } = await freshPilot('PAY', 'Double click');
    const title = `${key} production pathway: Double click`;
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        panel<PanelView>(host, key, member, 'panel/create-pathway', { page: { spaceId: spaceId('AIPATH'), title } }),
      ),
    );
    expect(pagesTitled(title)).toHaveLength(1);
    const oks = results.filter((r): r is Extract<Envelope<PanelView>, { ok: true }> => r.ok);
    expect(oks.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(view.record.pathwayPage?.pageId).toBe(pagesTitled(title)[0]!.id);
  });

  it('someone who may edit the pilot but not add pages to the space is told so, and nothing is stored', async () => {
    const { key, view } = await freshPilot('OPS', 'Lead without Confluence rights', lead);
    const spaces = unwrap(await panel<PathwaySpacesView>(host, key, lead, 'panel/pathway-spaces'));
    expect(spaces.spaces.map((s) => s.key)).toContain('AIPATH');
    const refused = await panel(host, key, lead, 'panel/create-pathway', {
      page: { spaceId: spaceId('AIPATH'), title: `${key} pathway` },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('FORBIDDEN');
    expect(refused.error.message).toMatch(/cannot add pages to the Confluence space AIPATH .*Nothing was created/);
    expect(refused.error.issues?.[0]?.field).toBe('page.spaceId');
    expect(pagesTitled(`${key} pathway`)).toHaveLength(0);
    const after = unwrap(await panel<PanelView>(host, key, lead, 'panel/load'));
    expect(after.record.pathwayPage).toBeNull();
    expect(after.record.version).toBe(view.record.version);
    // The claim was released: in a space where Lee may add pages, it works at once.
    const ok = unwrap(
      await panel<PanelView>(host, key, lead, 'panel/create-pathway', {
        page: { spaceId: spaceId('ENG'), title: `${key} pathway` },
      }),
    );
    expect(ok.record.pathwayPage?.spaceKey).toBe('ENG');
  });

  it('a viewer of the pilot cannot create its page', async () => {
    const { key } = await freshPilot('PAY', 'Viewer tries');
    const refused = await panel(host, key, viewer, 'panel/create-pathway', {
      page: { spaceId: spaceId('AIPATH'), title: `${key} viewer` },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
    expect(pagesTitled(`${key} viewer`)).toHaveLength(0);
  });

  it('a title already used in the space is named as the problem', async () => {
    const { key } = await freshPilot('PAY', 'Title clash');
    const refused = await panel(host, key, member, 'panel/create-pathway', {
      page: { spaceId: spaceId('ENG'), title: 'AI pilot portfolio review' },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.issues).toEqual([
      { field: 'page.title', message: 'A page with this title already exists in ENG' },
    ]);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).record.pathwayPage).toBeNull();
  });

  it('Confluence busy or down: an actionable message, nothing stored, and the next try works', async () => {
    const { key } = await freshPilot('PAY', 'Confluence faults');
    const title = `${key} faults`;
    host.faults.failNext({ target: 'jira', operation: /^POST \/wiki\/api\/v2\/pages$/, times: 1, status: 429 });
    const busy = await panel(host, key, member, 'panel/create-pathway', {
      page: { spaceId: spaceId('AIPATH'), title },
    });
    expect(busy.ok).toBe(false);
    if (!busy.ok)
      expect(busy.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/Confluence is busy; try again in \d+ seconds\. Nothing was created\./),
      });
    host.faults.failNext({ target: 'jira', operation: /^POST \/wiki\/api\/v2\/pages$/, times: 1, status: 503 });
    const down = await panel(host, key, member, 'panel/create-pathway', {
      page: { spaceId: spaceId('AIPATH'), title },
    });
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(pagesTitled(title)).toHaveLength(0);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).record.pathwayPage).toBeNull();
    const ok = unwrap(
      await panel<PanelView>(host, key, member, 'panel/create-pathway', {
        page: { spaceId: spaceId('AIPATH'), title },
      }),
    );
    expect(ok.record.pathwayPage?.title).toBe(title);
  });

  it('a page created while the pilot record cannot be written is linked by the next try, never made twice', async () => {
    const { key } = await freshPilot('PAY', 'Storage fault after create');
    const title = `${key} storage fault`;
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^pilot:/, times: 1 });
    const failed = await panel(host, key, member, 'panel/create-pathway', {
      page: { spaceId: spaceId('AIPATH'), title },
    });
    expect(failed.ok).toBe(false);
    if (!failed.ok)
      expect(failed.error.message).toMatch(
        /was created in Confluence but could not be linked .* no second page will be made/,
      );
    expect(pagesTitled(title)).toHaveLength(1);
    const linked = unwrap(
      await panel<PanelView>(host, key, member, 'panel/create-pathway', {
        page: { spaceId: spaceId('AIPATH'), title },
      }),
    );
    expect(linked.record.pathwayPage?.pageId).toBe(pagesTitled(title)[0]!.id);
    expect(pagesTitled(title)).toHaveLength(1);
  });

  it('a page created while its pending link cannot be kept is still linked to the pilot at once, not left to a claim that blocks the next try', async () => {
    const { key } = await freshPilot('PAY', 'Pending link fault');
    const title = `${key} pending fault`;
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/set$/, key: /^pathway-created:/, times: 1 });
    const linked = unwrap(
      await panel<PanelView>(host, key, member, 'panel/create-pathway', {
        page: { spaceId: spaceId('AIPATH'), title },
      }),
    );
    expect(pagesTitled(title)).toHaveLength(1);
    expect(linked.record.pathwayPage?.pageId).toBe(pagesTitled(title)[0]!.id);
  });
});

it('a pilot from before app storage moves over without production criteria or a pathway page: its issue property never held them, so any there were written by hand', async () => {
  const { key, view } = await freshPilot('PAY', 'Legacy pilot with a hand-written page link');
  const id = view.issue.id;
  const since = host.kvs.state['pilot-store:since'];
  delete host.kvs.state[`pilot:${id}`];
  delete host.kvs.state['pilot-store:since'];
  const { record } = view;
  const legacy = {
    ...record,
    schemaVersion: 1,
    displayNames: {},
    productionCriteria: { ...CRITERIA, definedOn: '2026-01-01', byAccountId: admin },
    pathwayPage: {
      pageId: '1',
      spaceId: '1',
      spaceKey: 'EVIL',
      title: 'Open me',
      url: 'https://attacker.example/phish',
      createdAt: new Date().toISOString(),
      byAccountId: admin,
    },
  };
  expect(
    (await host.asUser(member, 'PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, legacy)).status,
  ).toBeLessThan(300);
  try {
    const moved = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(moved.record.pathwayPage).toBeNull();
    expect(moved.record.productionCriteria).toBeNull();
    expect(moved.assessment.evidence.perQuestion.find((q) => q.questionId === 'q4')?.evidence ?? '').not.toMatch(
      /attacker/,
    );
  } finally {
    if (since) host.kvs.state['pilot-store:since'] = since;
  }
});
