// Template from what shipped, through the local host: a project admin picks a graduated pilot, previews the template
// its Jira history gives (real start and done weeks from the sub-tasks' changelogs and resolution dates) against
// the current one, and adopts it through the settings save (claim, validation, audit, rollout). The next new pilot
// is seeded with its rows and week offsets and records the template version. Non-admins are refused on the server;
// a storage fault leaves nothing half-written. The portfolio's cycle time counts only pilots the viewer may browse.
import { addDays, dayOf } from '../../src/core/dates';
import {
  expandPortfolio,
  type PanelView,
  type PortfolioPayload,
  type SettingsPageView,
  type ShippedPilotOption,
  type ShippedTemplatePreview,
} from '../../src/contract/views';
import type { Settings } from '../../src/contract/schemas';
import type { LocalHost } from '../../host/host';
import { accountIdsIn } from '../../src/adapters/personal-data.json';
import { PERSONAL_DATA_PREFIXES } from '../../src/adapters/personal-data.store';
import { createPilot, DEMO_USERS, macro, panel, settings, startHost, stopHost, unwrap } from '../support/local-host';

jest.setTimeout(120_000);

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const member = DEMO_USERS.member.accountId;
const today = dayOf(new Date());
type Issue = LocalHost['jira']['state']['issues'][number];

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  host.faults.clearTargeted();
  await stopHost(host);
});

const load = async (projectKey: string) =>
  unwrap(await settings<SettingsPageView>(host, projectKey, admin, 'settings/load'));
const issueBySummary = (summary: string) => host.jira.state.issues.find((i) => i.summary === summary)!;
const subtasksOf = (pilot: Issue) => host.jira.state.issues.filter((i) => i.parentId === pilot.id);
const projectId = (key: string) => host.jira.state.projects.find((p) => p.key === key)!.id;
const kvsKeys = (prefix: string) => Object.keys(host.kvs.state).filter((k) => k.startsWith(prefix));

/** Makes Jira's record say that the sub-task started and was resolved on these days of the pilot (day 0 = pilot start). */
function happened(subtask: Issue, pilotStart: string, startDay: number, doneDay: number | null): void {
  const at = (day: number) => `${addDays(pilotStart, day)}T10:00:00.000Z`;
  const statusChanges = subtask.history.filter((h) => h.items.some((i) => i.fieldId === 'status'));
  statusChanges.forEach((h, index) => {
    h.created = index === 0 ? at(startDay) : at(doneDay ?? startDay);
  });
  if (doneDay !== null) subtask.statusCategoryChanged = at(doneDay);
}

describe('template from what shipped', () => {
  // The demo's graduated PAY pilot: started 200 days ago, demo 120 days ago, every workstream done.
  let shipped: Issue;
  let pilotStart: string;
  let preview: ShippedTemplatePreview;

  beforeAll(async () => {
    shipped = issueBySummary('Payment retry optimiser');
    pilotStart = addDays(today, -200);
    // The admin added a row after this pilot shipped: the pilot never had it.
    const before = await load('PAY');
    const withFairness: Settings = {
      ...before.settings,
      template: [
        ...before.settings.template,
        {
          id: 'fairness-review',
          name: 'Fairness review',
          ownerTeam: 'Risk team',
          startWeek: 2,
          mustCompleteBefore: 'productionDeployment',
          evidenceRole: null,
        },
      ],
    };
    unwrap(
      await settings(host, 'PAY', admin, 'settings/save', { expectedVersion: before.version, settings: withFairness }),
    );
    await host.runner.idle();
    // The team added a sub-task of its own while the pilot ran.
    const created = await host.asUser(member, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'PAY' },
        parent: { key: shipped.key },
        issuetype: { name: 'Sub-task' },
        summary: 'Vendor risk review',
      },
    });
    expect(created.status).toBe(201);
    const vendorKey = (created.body as { key: string }).key;
    expect(
      (await host.asUser(member, 'POST', `/rest/api/3/issue/${vendorKey}/transitions`, { transition: { id: '21' } }))
        .status,
    ).toBe(204);
    await host.runner.idle();
    // What really happened, day by day since the pilot start (the demo data did all of it today).
    const days: Record<string, [number, number | null]> = {
      'Model development & validation': [2, 45], // week 1, done before the demo (day 80)
      'Data access requests': [15, 150], // week 3, done before integration testing (day 170)
      'Security & compliance engagement': [8, 150], // week 2
      'Infrastructure spec & provisioning': [30, 150], // week 5
      'Legacy system integration design': [31, 150], // week 5
      'MLOps pipeline setup': [60, 150], // week 9
      'Business change management': [16, 150], // week 3
      'Monitoring & alerting setup': [100, 150], // week 15
      'Vendor risk review': [20, null], // week 3, still open
    };
    for (const sub of subtasksOf(shipped)) {
      const when = days[sub.summary];
      if (when) happened(sub, pilotStart, when[0], when[1]);
    }
    host.jira.catchUpSearch();
  });

  it('lists the graduated pilots of the project to its admin, and refuses everyone else on the server', async () => {
    const options = unwrap(await settings<ShippedPilotOption[]>(host, 'PAY', admin, 'settings/shipped-pilots'));
    expect(options.map((o) => o.key)).toEqual([shipped.key]);
    // Lee administers OPS only: OPS's graduated pilot, and PAY is refused.
    const ops = unwrap(
      await settings<ShippedPilotOption[]>(host, 'OPS', DEMO_USERS.lead.accountId, 'settings/shipped-pilots'),
    );
    expect(ops.map((o) => o.key)).toEqual([issueBySummary('On-call handover notes').key]);
    for (const [who, key, code] of [
      [member, 'settings/shipped-pilots', 'FORBIDDEN'],
      [member, 'settings/shipped-preview', 'FORBIDDEN'],
      [DEMO_USERS.viewer.accountId, 'settings/shipped-preview', 'FORBIDDEN'],
      // Lee cannot browse PAY at all: Jira answers as if the project did not exist.
      [DEMO_USERS.lead.accountId, 'settings/shipped-preview', 'NOT_FOUND'],
    ] as const) {
      const refused = await settings(
        host,
        'PAY',
        who,
        key,
        key === 'settings/shipped-preview' ? { issueKey: shipped.key } : {},
      );
      expect([who, key, refused.ok ? null : refused.error.code]).toEqual([who, key, code]);
    }
  });

  it('refuses a pilot that did not graduate through the gate, and a malformed key, naming the field', async () => {
    const open = issueBySummary('Fraud scoring for card payments');
    const notGraduated = await settings(host, 'PAY', admin, 'settings/shipped-preview', { issueKey: open.key });
    expect(notGraduated.ok ? null : notGraduated.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'issueKey' }],
    });
    const malformed = await settings(host, 'PAY', admin, 'settings/shipped-preview', { issueKey: 'pay 1' });
    expect(malformed.ok ? null : malformed.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'issueKey' }],
    });
    const otherProject = await settings(host, 'PAY', admin, 'settings/shipped-preview', {
      issueKey: issueBySummary('On-call handover notes').key,
    });
    expect(otherProject.ok ? null : otherProject.error.code).toBe('NOT_FOUND');
  });

  it('previews the template the pilot history gives, and its difference from the current template', async () => {
    preview = unwrap(
      await settings<ShippedTemplatePreview>(host, 'PAY', admin, 'settings/shipped-preview', { issueKey: shipped.key }),
    );
    expect(preview.pilot).toMatchObject({ key: shipped.key, pilotStart });
    expect(preview.template.map((r) => [r.id, r.startWeek, r.mustCompleteBefore, r.ownerTeam])).toEqual([
      ['model-dev', 1, 'demoSignOff', 'Data science team'],
      ['security', 2, 'integrationTesting', 'Production pathway team'],
      ['data-access', 3, 'integrationTesting', 'Production pathway team'],
      ['change-mgmt', 3, 'integrationTesting', 'Business owner + PM'],
      ['vendor-risk-review', 3, 'productionGoLive', 'Owner not recorded'],
      ['infra', 5, 'integrationTesting', 'Production pathway team'],
      ['integration', 5, 'integrationTesting', 'Production pathway team'],
      ['mlops', 9, 'integrationTesting', 'Production pathway team'],
      ['monitoring', 15, 'integrationTesting', 'Production pathway team'],
    ]);
    expect(preview.observed.find((o) => o.rowId === 'model-dev')).toMatchObject({ startWeek: 1, doneWeek: 7 });
    expect(preview.observed.find((o) => o.rowId === 'vendor-risk-review')).toMatchObject({
      startWeek: 3,
      doneWeek: null,
    });
    const diff = Object.fromEntries(preview.diff.map((d) => [d.rowId, d]));
    expect(diff['fairness-review']).toMatchObject({ change: 'removed', after: null });
    expect(diff['vendor-risk-review']).toMatchObject({ change: 'added', before: null, after: { startWeek: 3 } });
    expect(diff['data-access']!.differences).toEqual(
      expect.arrayContaining(['starts week 1 → 3', 'done before Production deployment → Integration testing']),
    );
    expect(diff['model-dev']).toMatchObject({ change: 'unchanged' });
    expect(diff.security!.moved).toBe(true);
    expect(preview.rollout).toEqual({ addedRows: 1, movedRows: 7 });
    expect(preview.problems).toEqual([]);
    // Nothing is stored by a preview.
    expect((await load('PAY')).version).toBe(preview.version);
  });

  it('a non-admin cannot adopt, and nothing changes', async () => {
    const refused = await settings(host, 'PAY', member, 'settings/shipped-adopt', {
      expectedVersion: preview.version,
      issueKey: shipped.key,
      proposal: preview.proposal,
    });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await load('PAY')).version).toBe(preview.version);
  });

  it('validates the adopt input by field name and refuses a stale version or proposal', async () => {
    const bad = await settings(host, 'PAY', admin, 'settings/shipped-adopt', {
      expectedVersion: -1,
      issueKey: shipped.key,
      proposal: 'not hex!',
    });
    expect(bad.ok ? null : bad.error.issues?.map((i) => i.field).sort()).toEqual(['expectedVersion', 'proposal']);
    const stale = await settings(host, 'PAY', admin, 'settings/shipped-adopt', {
      expectedVersion: preview.version - 1,
      issueKey: shipped.key,
      proposal: preview.proposal,
    });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    const otherProposal = await settings(host, 'PAY', admin, 'settings/shipped-adopt', {
      expectedVersion: preview.version,
      issueKey: shipped.key,
      proposal: 'abc123',
    });
    expect(otherProposal.ok ? null : otherProposal.error.code).toBe('CONFLICT');
    expect((await load('PAY')).version).toBe(preview.version);
  });

  it('a storage fault during adoption leaves nothing half-written, and the settings are not locked', async () => {
    const before = await load('PAY');
    const pay = projectId('PAY');
    host.faults.failNext({
      target: 'kvs',
      operation: /\/api\/v1\/(set|transaction)$/,
      key: /^template-origin:/,
      times: 1,
    });
    const failed = await settings(host, 'PAY', admin, 'settings/shipped-adopt', {
      expectedVersion: before.version,
      issueKey: shipped.key,
      proposal: preview.proposal,
    });
    expect(failed.ok).toBe(false);
    expect(host.faults.injected.targeted).toBeGreaterThanOrEqual(1);
    const after = await load('PAY');
    expect(after.version).toBe(before.version);
    expect(after.settings).toEqual(before.settings);
    expect(after.audit).toHaveLength(before.audit.length);
    expect(kvsKeys(`template-origin:${pay}:`)).toEqual([]);
    expect(kvsKeys(`template-rollout:${pay}:${String(before.version + 1).padStart(8, '0')}`)).toEqual([]);
    // The revision claim of the failed write was released (earlier saves' claims stay until their TTL).
    expect(kvsKeys(`settings-rev:${pay}:${before.version + 1}`)).toEqual([]);
  });

  let adopted: SettingsPageView;

  it('adopts it as the next template version through the settings save, audited, with its origin recorded', async () => {
    adopted = unwrap(
      await settings<SettingsPageView>(host, 'PAY', admin, 'settings/shipped-adopt', {
        expectedVersion: preview.version,
        issueKey: shipped.key,
        proposal: preview.proposal,
      }),
    );
    expect(adopted.version).toBe(preview.version + 1);
    expect(adopted.settings.template).toEqual(preview.template);
    expect(adopted.audit[0]!.changes[0]).toBe(
      `template adopted from what shipped in ${shipped.key} (graduated ${preview.pilot.graduatedAt.slice(0, 10)}); new pilots are seeded from template version ${adopted.version}`,
    );
    expect(adopted.audit[0]!.changes).toEqual(
      expect.arrayContaining([
        'template: removed "Fairness review"',
        'template "Data access requests": startWeek 1 → 3',
      ]),
    );
    expect(kvsKeys(`template-origin:${projectId('PAY')}:`)).toHaveLength(1);
    await host.runner.idle();
  });

  it('the adopting admin named in the origin record is where the personal data report and erasure look', async () => {
    const naming = Object.entries(host.kvs.state).filter(([, entry]) => accountIdsIn(entry.value).has(admin));
    expect(naming.some(([key]) => key.startsWith('template-origin:'))).toBe(true);
    expect(naming.map(([key]) => key).filter((key) => !PERSONAL_DATA_PREFIXES.some((p) => key.startsWith(p)))).toEqual(
      [],
    );
  });

  it('seeds the next new pilot with its rows and week offsets, and the panel shows the version it was seeded from', async () => {
    const created = await createPilot(host, 'PAY', 'Chargeback triage assistant');
    await host.runner.idle();
    const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
    const startField = fields.find((f) => f.name === 'Start date')!.id;
    const pilot = host.jira.state.issues.find((i) => i.id === created.id)!;
    const starts = Object.fromEntries(subtasksOf(pilot).map((s) => [s.summary, s.custom[startField]]));
    expect(starts).toEqual(
      Object.fromEntries(preview.template.map((r) => [r.name, addDays(today, (r.startWeek - 1) * 7)])),
    );
    expect(Object.keys(starts)).not.toContain('Fairness review');
    const view = unwrap(await panel<PanelView>(host, created.key, member, 'panel/load'));
    expect(view.templateSource).toEqual({ version: adopted.version, fromPilotKey: shipped.key });
    expect(view.workstreams.map((w) => w.rowId)).toEqual(preview.template.map((r) => r.id));
  });

  it('pilots in flight follow the adopted template as they follow any template change (the added row reaches them once)', async () => {
    const inFlight = issueBySummary('Fraud scoring for card payments');
    expect(subtasksOf(inFlight).filter((s) => s.summary === 'Vendor risk review')).toHaveLength(1);
    const view = unwrap(await panel<PanelView>(host, inFlight.key, member, 'panel/load'));
    expect(view.templateSource).toEqual({ version: adopted.version, fromPilotKey: shipped.key });
  });
});

describe('a template that cannot be saved', () => {
  it('is shown with its problems in the preview and refused on adopt by field, storing nothing', async () => {
    // RISK's graduated pilot, as if none of its workstreams had ever left its first status.
    const risk = issueBySummary('KYC document classifier');
    for (const sub of subtasksOf(risk))
      sub.history = sub.history.filter((h) => !h.items.some((i) => i.fieldId === 'status'));
    host.jira.catchUpSearch();
    const before = await load('RISK');
    const preview = unwrap(
      await settings<ShippedTemplatePreview>(host, 'RISK', admin, 'settings/shipped-preview', { issueKey: risk.key }),
    );
    expect(preview.template).toEqual([]);
    expect(preview.left.map((l) => l.reason)).toEqual(
      subtasksOf(risk).map(() => 'never started before the pilot graduated'),
    );
    expect(preview.problems.map((p) => p.field)).toContain('settings.template');
    const refused = await settings(host, 'RISK', admin, 'settings/shipped-adopt', {
      expectedVersion: preview.version,
      issueKey: risk.key,
      proposal: preview.proposal,
    });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: expect.arrayContaining([expect.objectContaining({ field: 'settings.template' })]),
    });
    const after = await load('RISK');
    expect(after.version).toBe(before.version);
    expect(after.audit).toHaveLength(before.audit.length);
    expect(kvsKeys(`template-origin:${projectId('RISK')}:`)).toEqual([]);
  });
});

describe('cycle time in the portfolio', () => {
  const config = { projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'daysSinceDemo' };
  const cycle = async (who: string) =>
    expandPortfolio(unwrap(await macro<PortfolioPayload>(host, who, 'portfolio/load', { config }))).cycleTime;

  it('shows the median days from demo to graduation, per project next to its stall threshold, over the pilots the viewer may browse', async () => {
    // The demo's graduated pilots: PAY demo 120 days ago, OPS 90, RISK 160, all graduated today.
    const all = await cycle(admin);
    expect(all.pilots).toBe(3);
    expect(all.medianDays).toBe(120);
    expect(all.byProject.map((p) => [p.label, p.medianDays, p.stallThresholdDays])).toEqual([
      ['OPS', 90, 90],
      ['PAY', 120, 90],
      ['RISK', 160, 90],
    ]);
    expect(all.byQuarter).toEqual([expect.objectContaining({ pilots: 3, medianDays: 120 })]);

    // Riley never sees RISK: its pilot counts nowhere.
    const viewer = await cycle(DEMO_USERS.viewer.accountId);
    expect(viewer.pilots).toBe(2);
    expect(viewer.medianDays).toBe(105);
    expect(viewer.byProject.map((p) => p.label)).toEqual(['OPS', 'PAY']);
    expect(JSON.stringify(viewer)).not.toMatch(/RISK/);
  });
});
