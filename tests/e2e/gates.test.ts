// Gates with teeth: project settings (admin only, validated, conflict-safe, audited), the workflow validator on
// the graduation transition, waivers that expire (the clock is injected by faking Date), and review decisions.
import { addDays, dayOf } from '../../src/core/dates';
import { DEFAULT_SETTINGS } from '../../src/adapters/settings.store';
import {
  expandPortfolio,
  type GateCoverageView,
  type PanelView,
  type PortfolioPayload,
  type SettingsPageView,
} from '../../src/contract/views';
import type { Settings } from '../../src/contract/schemas';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  macro,
  panel,
  settings,
  startHost,
  stopHost,
  unwrap,
  pilotInput,
  answers,
} from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const member = DEMO_USERS.member.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  jest.useRealTimers();
  await stopHost(host);
});

async function graduate(key: string): Promise<{ status: number; message: string }> {
  const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: '41' },
  });
  const body = (response.body ?? {}) as { errorMessages?: string[] };
  return { status: response.status, message: (body.errorMessages ?? []).join(' ') };
}

async function statusOf(key: string): Promise<string> {
  const response = await host.asApp('GET', `/rest/api/3/issue/${key}?fields=status`);
  return (response.body as { fields: { status: { name: string } } }).fields.status.name;
}

async function loadSettings(projectKey: string, as = admin) {
  return unwrap(await settings<SettingsPageView>(host, projectKey, as, 'settings/load'));
}

describe('project settings', () => {
  it('lets a project admin save a gate and keeps the change in the audit trail', async () => {
    const page = await loadSettings('OPS');
    const gate = { ...page.settings.gate, minScore: 6, requiredYes: ['q1'] };
    const saved = unwrap(
      await settings<SettingsPageView>(host, 'OPS', DEMO_USERS.lead.accountId, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, gate },
      }),
    );
    expect(saved.settings.gate.minScore).toBe(6);
    expect(saved.version).toBe(page.version + 1);
    expect(saved.audit[0]).toMatchObject({ byAccountId: DEMO_USERS.lead.accountId, subject: 'settings' });
    expect(saved.audit[0]!.changes.join('\n')).toMatch(/gate minScore: 5 → 6/);
  });

  it('refuses a non-admin on the server and leaves the stored settings unchanged', async () => {
    const before = await loadSettings('PAY');
    const result = await settings(host, 'PAY', member, 'settings/save', {
      expectedVersion: before.version,
      settings: { ...before.settings, stallRule: { thresholdDays: 10, decisionGraceDays: 1 } },
    });
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    expect(result.ok ? '' : result.error.message).toMatch(/Only project admins/);
    const setup = await settings(host, 'PAY', member, 'settings/setup');
    expect(setup.ok ? null : setup.error.code).toBe('FORBIDDEN');
    expect(await loadSettings('PAY')).toMatchObject({ version: before.version, settings: before.settings });
  });

  const malformed: Array<[string, (s: Settings) => unknown, RegExp]> = [
    [
      'a start week of 0',
      (s) => ({ ...s, template: s.template.map((r, i) => (i === 2 ? { ...r, startWeek: 0 } : r)) }),
      /^settings\.template\.2\.startWeek$/,
    ],
    [
      'an unknown milestone',
      (s) => ({ ...s, template: s.template.map((r, i) => (i === 0 ? { ...r, mustCompleteBefore: 'someday' } : r)) }),
      /^settings\.template\.0\.mustCompleteBefore$/,
    ],
    ['a duplicate row id', (s) => ({ ...s, template: [...s.template, s.template[0]] }), /^settings\.template\.8\.id$/],
    [
      'a gate requiring a workstream that is not in the template',
      (s) => ({ ...s, gate: { ...s.gate, requiredWorkstreamsDone: ['nope'] } }),
      /^settings\.gate\.requiredWorkstreamsDone\.0$/,
    ],
    ['a minimum score of 8', (s) => ({ ...s, gate: { ...s.gate, minScore: 8 } }), /^settings\.gate\.minScore$/],
    [
      'a negative stall threshold',
      (s) => ({ ...s, stallRule: { ...s.stallRule, thresholdDays: -5 } }),
      /^settings\.stallRule\.thresholdDays$/,
    ],
    ['an empty template', (s) => ({ ...s, template: [] }), /^settings\.template$/],
    [
      'a template of 51 rows (too large)',
      (s) => ({ ...s, template: Array.from({ length: 51 }, (_, i) => ({ ...s.template[0], id: `row-${i}` })) }),
      /^settings\.template$/,
    ],
    [
      'a 100 KB workstream name (too large)',
      (s) => ({ ...s, template: s.template.map((r, i) => (i === 1 ? { ...r, name: 'x'.repeat(100_000) } : r)) }),
      /^settings\.template\.1\.name$/,
    ],
  ];

  it.each(malformed)('refuses %s naming the field, and stores nothing', async (_name, change, field) => {
    const before = await loadSettings('RISK');
    const result = await settings(host, 'RISK', admin, 'settings/save', {
      expectedVersion: before.version,
      settings: change(before.settings),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.issues?.map((i) => i.field)).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
    expect(await loadSettings('RISK')).toMatchObject({ version: before.version, settings: before.settings });
  });

  it('gives the second of two admins saving at once a conflict, so neither change is lost silently', async () => {
    const page = await loadSettings('PAY');
    const results = await Promise.all([
      settings(host, 'PAY', admin, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, stallRule: { thresholdDays: 80, decisionGraceDays: 14 } },
      }),
      settings(host, 'PAY', admin, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, stallRule: { thresholdDays: 100, decisionGraceDays: 14 } },
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
    const after = await loadSettings('PAY');
    expect(after.version).toBe(page.version + 1);
    // Restore the default threshold for the other tests.
    unwrap(
      await settings(host, 'PAY', admin, 'settings/save', {
        expectedVersion: after.version,
        settings: { ...after.settings, stallRule: DEFAULT_SETTINGS.stallRule },
      }),
    );
  });

  it('previews which current pilots would pass and fail under a new gate, before saving it', async () => {
    const rows = unwrap(
      await settings<Array<{ key: string; passes: boolean; failures: string[] }>>(
        host,
        'PAY',
        admin,
        'settings/preview-gate',
        { gate: { ...DEFAULT_SETTINGS.gate, minScore: 7, requiredYes: [] } },
      ),
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.passes)).toBe(true);
    expect(rows.filter((r) => !r.passes).every((r) => r.failures.length > 0)).toBe(true);
  });
});

describe('graduation gate on the workflow transition', () => {
  let key: string;
  let view: PanelView;
  const today = dayOf(new Date());

  beforeAll(async () => {
    const page = await loadSettings('OPS');
    if (page.settings.gate.minScore !== 6) {
      unwrap(
        await settings(host, 'OPS', admin, 'settings/save', {
          expectedVersion: page.version,
          settings: { ...page.settings, gate: { ...page.settings.gate, minScore: 6, requiredYes: ['q1'] } },
        }),
      );
    }
    ({ key } = await createPilot(host, 'OPS', 'Gate check pilot'));
    await host.runner.idle();
    view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    view = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, {
          diagnostic: answers('nyyyyyn'),
          productionDate: addDays(today, 30),
          people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
        }),
      }),
    );
  });

  it('refuses a pilot scoring 5 under "score at least 6 and Q1 yes", naming both reasons', async () => {
    expect(view.assessment.score).toBe(5);
    const result = await graduate(key);
    expect(result.status).toBe(400);
    expect(result.message).toMatch(/Diagnostic score is 5; the gate needs at least 6/);
    expect(result.message).toMatch(/Q1 Production owner must be answered yes/);
    expect(await statusOf(key)).toBe('To Do');
  });

  it('lets other issue types through', async () => {
    const task = await host.asUser(member, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Plain' },
    });
    const transitions = (
      await host.asUser(member, 'GET', `/rest/api/3/issue/${(task.body as { key: string }).key}/transitions`)
    ).body as { transitions: Array<{ id: string }> };
    expect(transitions.transitions.some((t) => t.id === '41')).toBe(false);
    // The validator itself passes any issue that is not an AI Pilot, and still refuses the pilot that fails.
    expect(await host.runner.validateTransition({ issue: { key: (task.body as { key: string }).key } })).toEqual({
      result: true,
    });
    expect(await host.runner.validateTransition({ issue: { key } })).toMatchObject({
      result: false,
      errorMessage: expect.stringMatching(/Diagnostic score is 5/),
    });
  });

  it('passes through an admin waiver until its expiry day, and not after', async () => {
    const expiresOn = addDays(today, 10);
    const withWaivers = async (criterion: string, v: PanelView) =>
      unwrap(
        await panel<PanelView>(host, key, DEMO_USERS.lead.accountId, 'panel/waive', {
          expectedVersion: v.record.version,
          waiver: { criterion, reason: 'Board approved a fast track', expiresOn },
        }),
      );
    const refusedMember = await panel(host, key, member, 'panel/waive', {
      expectedVersion: view.record.version,
      waiver: { criterion: 'min-score', reason: 'x', expiresOn },
    });
    expect(refusedMember.ok ? null : refusedMember.error.code).toBe('FORBIDDEN');
    view = await withWaivers('min-score', view);
    view = await withWaivers('yes:q1', view);
    expect(view.assessment.gate.passed).toBe(true);
    const audit = unwrap(await settings<SettingsPageView>(host, 'OPS', admin, 'settings/load')).audit;
    expect(audit.some((a) => a.subject === `${key} waiver` && a.changes[0]!.includes('waived min-score'))).toBe(true);

    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      jest.setSystemTime(new Date(`${addDays(today, 11)}T09:00:00Z`));
      const expired = await graduate(key);
      expect(expired.status).toBe(400);
      expect(expired.message).toMatch(/Diagnostic score is 5/);
      jest.setSystemTime(new Date(`${expiresOn}T18:00:00Z`));
      expect((await graduate(key)).status).toBe(204);
    } finally {
      jest.useRealTimers();
    }
    expect(await statusOf(key)).toBe('In Production');
  });

  it('revokes a waiver that exists, and refuses to revoke one that does not', async () => {
    const { key: other } = await createPilot(host, 'OPS', 'Revoke check pilot');
    await host.runner.idle();
    let v = unwrap(await panel<PanelView>(host, other, member, 'panel/load'));
    const none = await panel(host, other, DEMO_USERS.lead.accountId, 'panel/revoke-waiver', {
      expectedVersion: v.record.version,
      criterion: 'min-score',
    });
    expect(none.ok ? null : none.error.issues?.[0]?.field).toBe('criterion');
    expect(unwrap(await panel<PanelView>(host, other, member, 'panel/load')).record.version).toBe(v.record.version);
    v = unwrap(
      await panel<PanelView>(host, other, DEMO_USERS.lead.accountId, 'panel/waive', {
        expectedVersion: v.record.version,
        waiver: { criterion: 'min-score', reason: 'Fast track', expiresOn: addDays(today, 5) },
      }),
    );
    v = unwrap(
      await panel<PanelView>(host, other, DEMO_USERS.lead.accountId, 'panel/revoke-waiver', {
        expectedVersion: v.record.version,
        criterion: 'min-score',
      }),
    );
    expect(v.record.waivers).toEqual([]);
  });

  it('graduates once the answers meet the gate, without a waiver', async () => {
    const { key: other } = await createPilot(host, 'OPS', 'Gate check pilot 2');
    await host.runner.idle();
    let v = unwrap(await panel<PanelView>(host, other, member, 'panel/load'));
    v = unwrap(
      await panel<PanelView>(host, other, member, 'panel/save', {
        expectedVersion: v.record.version,
        pilot: pilotInput(v, {
          diagnostic: answers('nyyyyyn'),
          productionDate: addDays(today, 30),
          people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
        }),
      }),
    );
    expect((await graduate(other)).status).toBe(400);
    unwrap(
      await panel<PanelView>(host, other, member, 'panel/save', {
        expectedVersion: v.record.version,
        pilot: pilotInput(v, { diagnostic: answers('yyyyyyn') }),
      }),
    );
    expect((await graduate(other)).status).toBe(204);
  });
});

describe('kill-list review decisions', () => {
  async function stalledPilot(summary: string): Promise<{ key: string; view: PanelView }> {
    const { key } = await createPilot(host, 'PAY', summary);
    await host.runner.idle();
    const today = dayOf(new Date());
    let v = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    v = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: v.record.version,
        pilot: pilotInput(v, {
          pilotStart: addDays(today, -200),
          demoDate: addDays(today, -120),
          diagnostic: answers('ynnnnnn'),
          monthlyRunCost: 12_000,
        }),
      }),
    );
    expect(v.assessment.stall).toMatchObject({ stalled: true, decisionDue: true, daysStalled: 30 });
    return { key, view: v };
  }

  const incomplete: Array<[string, Record<string, unknown>, string[]]> = [
    [
      'accelerate without owner and resourcing',
      { kind: 'accelerate' },
      ['decision.ownerAccountId', 'decision.resourcing'],
    ],
    [
      'accelerate without resourcing',
      { kind: 'accelerate', ownerAccountId: 'u-priya', resourcing: '  ' },
      ['decision.resourcing'],
    ],
    ['pause without rationale and date', { kind: 'pause' }, ['decision.rationale', 'decision.resumeOn']],
    [
      'pause with a resumption date in the past',
      { kind: 'pause', rationale: 'Waiting on data', resumeOn: '2020-01-01' },
      ['decision.resumeOn'],
    ],
    ['kill without a reason', { kind: 'kill' }, ['decision.reason']],
    ['"continue as before"', { kind: 'continue' }, ['decision.kind']],
  ];

  it.each(incomplete)('refuses %s, naming each missing part, and records nothing', async (_name, decision, fields) => {
    const { key, view } = await stalledPilot(`Incomplete ${String(decision.kind)}`);
    const result = await panel(host, key, member, 'panel/decide', { expectedVersion: view.record.version, decision });
    expect(result.ok ? null : result.error.code).toBe('VALIDATION_FAILED');
    expect(result.ok ? [] : result.error.issues?.map((i) => i.field).sort()).toEqual([...fields].sort());
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).record.pilot.decisions).toEqual([]);
  });

  it('records a pause, stops the clock until the resumption date, and restarts it then', async () => {
    const { key, view } = await stalledPilot('Pause me');
    const resumeOn = addDays(dayOf(new Date()), 30);
    const paused = unwrap(
      await panel<PanelView>(host, key, member, 'panel/decide', {
        expectedVersion: view.record.version,
        decision: { kind: 'pause', rationale: 'Data platform lands next quarter', resumeOn },
      }),
    );
    expect(paused.assessment.phase).toBe('paused');
    expect(paused.assessment.stall.stalled).toBe(false);
    expect(paused.record.pilot.decisions[0]).toMatchObject({ kind: 'pause', resumeOn, byAccountId: member });
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      jest.setSystemTime(new Date(`${addDays(resumeOn, 90)}T12:00:00Z`));
      expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.stall.stalled).toBe(false);
      jest.setSystemTime(new Date(`${addDays(resumeOn, 91)}T12:00:00Z`));
      expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.stall).toMatchObject({
        stalled: true,
        clockStart: resumeOn,
        decisionDue: true,
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('records a kill: the pilot moves to killed and its monthly cost counts as recovered', async () => {
    const { key, view } = await stalledPilot('Kill me');
    const killed = unwrap(
      await panel<PanelView>(host, key, member, 'panel/decide', {
        expectedVersion: view.record.version,
        decision: { kind: 'kill', reason: 'No data access path' },
      }),
    );
    expect(killed.assessment.phase).toBe('killed');
    expect(killed.assessment.stall.stalled).toBe(false);
    expect(killed.record.pilot.decisions.at(-1)).toMatchObject({ kind: 'kill', monthlyCostRecovered: 12_000 });
    const again = await panel(host, key, member, 'panel/decide', {
      expectedVersion: killed.record.version,
      decision: { kind: 'pause', rationale: 'x', resumeOn: addDays(dayOf(new Date()), 5) },
    });
    expect(again.ok ? null : again.error.code).toBe('VALIDATION_FAILED');
  });

  it('records an accelerate with the named owner: the decision is no longer due', async () => {
    const { key, view } = await stalledPilot('Accelerate me');
    const accelerated = unwrap(
      await panel<PanelView>(host, key, member, 'panel/decide', {
        expectedVersion: view.record.version,
        decision: {
          kind: 'accelerate',
          ownerAccountId: DEMO_USERS.priya.accountId,
          resourcing: 'Two engineers for six weeks',
        },
      }),
    );
    expect(accelerated.record.pilot.people.productionOwner).toBe(DEMO_USERS.priya.accountId);
    expect(accelerated.names[DEMO_USERS.priya.accountId]).toBe(DEMO_USERS.priya.displayName);
    expect(accelerated.assessment.stall.decisionDue).toBe(false);
    expect(accelerated.assessment.phase).toBe('post-demo');
  });
});

// Graduation is what the app recorded on the way into production, not a status category. The closure record lives
// in app storage; a move into a done status that did not pass the gate is "closed without graduation".
describe('graduation is recorded by the app, never inferred from a done status', () => {
  const today = dayOf(new Date());
  const lead = DEMO_USERS.lead.accountId;

  async function move(key: string, transitionId: string): Promise<{ status: number; message: string }> {
    const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: transitionId },
    });
    const body = (response.body ?? {}) as { errorMessages?: string[] };
    await host.runner.idle();
    return { status: response.status, message: (body.errorMessages ?? []).join(' ') };
  }

  /** A PAY pilot (default gate) saved with the given answers, an owner and a production date. */
  async function pilotWith(
    summary: string,
    letters: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ key: string; view: PanelView }> {
    const { key } = await createPilot(host, 'PAY', summary);
    await host.runner.idle();
    let v = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    v = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: v.record.version,
        pilot: pilotInput(v, {
          diagnostic: answers(letters),
          productionDate: addDays(today, 30),
          people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
          ...extra,
        }),
      }),
    );
    return { key, view: v };
  }

  const closureLines = async (key: string) =>
    unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/load'))
      .audit.filter((a) => a.subject === `${key} closure`)
      .map((a) => a.changes.join(' '));

  // The portfolio finds pilots through Jira's search, which trails writes: read it once the index caught up.
  const portfolio = async () => {
    host.jira.catchUpSearch();
    return expandPortfolio(
      unwrap(
        await macro<PortfolioPayload>(host, admin, 'portfolio/load', {
          config: { projectKeys: ['PAY'], jql: '', pilots: 'all', sort: 'daysSinceDemo' },
        }),
      ),
    );
  };

  it('records Done on an unmet gate as closed without graduation: shown, audited, and not counted as graduated', async () => {
    const { key, view } = await pilotWith('Done without the gate', 'nnnnnnn');
    expect(view.assessment.gate.passed).toBe(false);
    const before = (await portfolio()).summary.byPhase.graduated;
    expect((await move(key, '31')).status).toBe(204);
    expect(await statusOf(key)).toBe('Done');
    const after = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(after.assessment.phase).toBe('closed');
    expect(await closureLines(key)).toEqual([
      expect.stringMatching(/^closed without graduation: moved to Done without passing the graduation gate/),
    ]);
    const view2 = await portfolio();
    expect(view2.rows.find((r) => r.key === key)?.phase).toBe('closed');
    expect(view2.summary.byPhase.graduated).toBe(before);
    expect(view2.summary.byPhase.closed).toBeGreaterThanOrEqual(1);
  });

  it('records a Graduate that passed the gate once, even when Jira delivers the event three times; reopening clears it', async () => {
    const { key } = await pilotWith('Graduates through the gate', 'yyyyyyn');
    host.faults.set({ eventDeliveries: 3 });
    try {
      expect((await move(key, '41')).status).toBe(204);
    } finally {
      host.faults.set({});
    }
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).toBe('graduated');
    expect(await closureLines(key)).toEqual([
      expect.stringMatching(/^graduated: moved to In Production through the graduation gate/),
    ]);
    expect((await portfolio()).rows.find((r) => r.key === key)?.phase).toBe('graduated');

    // Reopen: back in flight, and the pass is spent, so Done afterwards is not graduation.
    expect((await move(key, '11')).status).toBe(204);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).not.toMatch(
      /graduated|closed/,
    );
    expect((await closureLines(key))[0]).toMatch(/^reopened to To Do; it was graduated/);
    expect((await move(key, '31')).status).toBe(204);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).toBe('closed');
  });

  it('refuses Graduate for a killed pilot, and for a paused one until an accelerate decision reopens it', async () => {
    const demo = { pilotStart: addDays(today, -200), demoDate: addDays(today, -120) };
    const killed = await pilotWith('Killed but ready', 'yyyyyyy', demo);
    expect(killed.view.assessment.gate.passed).toBe(true);
    unwrap(
      await panel<PanelView>(host, killed.key, member, 'panel/decide', {
        expectedVersion: killed.view.record.version,
        decision: { kind: 'kill', reason: 'Budget moved to the platform team' },
      }),
    );
    const refused = await move(killed.key, '41');
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(new RegExp(`${killed.key} was killed on ${today}; a killed pilot cannot graduate`));
    expect(await statusOf(killed.key)).toBe('To Do');

    const paused = await pilotWith('Paused but ready', 'yyyyyyy', demo);
    const v = unwrap(
      await panel<PanelView>(host, paused.key, member, 'panel/decide', {
        expectedVersion: paused.view.record.version,
        decision: { kind: 'pause', rationale: 'Waiting for the data platform', resumeOn: addDays(today, 20) },
      }),
    );
    expect((await move(paused.key, '41')).message).toMatch(/was paused on .*record an accelerate decision/);
    unwrap(
      await panel<PanelView>(host, paused.key, member, 'panel/decide', {
        expectedVersion: v.record.version,
        decision: {
          kind: 'accelerate',
          ownerAccountId: DEMO_USERS.priya.accountId,
          resourcing: 'Two engineers for six weeks',
        },
      }),
    );
    expect((await move(paused.key, '41')).status).toBe(204);
  });

  it('fails closed when Jira answers 503 or 429 to the validator: the pilot stays put and nothing is recorded', async () => {
    const { key } = await pilotWith('Gate under faults', 'yyyyyyn');
    for (const fault of [{ serverErrorShare: 1 }, { rateLimitShare: 1 }]) {
      // Retry-After beyond what the app waits in-process: the call fails inside the validator's invocation.
      host.faults.set({ ...fault, retryAfterSeconds: 60 });
      let result: { status: number; message: string };
      try {
        result = await move(key, '41');
      } finally {
        host.faults.set({});
      }
      expect(result.status).toBe(400);
      expect(result.message).toMatch(/graduation gate could not be checked just now/);
      expect(await statusOf(key)).toBe('To Do');
    }
    expect(await closureLines(key)).toEqual([]);
    expect(
      await host.runner.validateTransition({
        issue: { key },
        transition: { from: { id: '10000' }, to: { id: '10002' } },
      }),
    ).toEqual({ result: true });
  });

  // DEPENDS ON THE STORE CHANGE (pilot record in KVS `pilot:{issueId}`): until the validator reads the record from
  // app storage, the forged property below is what it trusts, and this test fails.
  it('does not let a member graduate a pilot by writing the ai-pilot issue property by hand', async () => {
    const { key, view } = await pilotWith('Forged waivers', 'nnnnnnn');
    const forged = {
      ...view.record,
      waivers: ['min-score', 'yes:q1', 'yes:q2', 'yes:q3'].map((criterion) => ({
        criterion,
        reason: 'Approved by the board',
        expiresOn: addDays(today, 30),
        byAccountId: lead,
        grantedOn: today,
      })),
    };
    const put = await host.asUser(member, 'PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, forged);
    expect(put.status).toBeLessThan(300);
    const result = await move(key, '41');
    expect(result.status).toBe(400); // [store change] the gate reads the record from KVS, not the property
    expect(await statusOf(key)).toBe('To Do'); // [store change]
    expect(await closureLines(key)).toEqual([]); // [store change]
  });
});

// Set up tells admins which transitions into done statuses lack the gate, and adds it where the workflow belongs to
// the project alone (through Jira's workflows API); a workflow shared with another project is never changed.
describe('graduation gate coverage of the workflow', () => {
  type Coverage = GateCoverageView;
  const coverage = (projectKey: string, apply: boolean, as: string = DEMO_USERS.lead.accountId) =>
    settings<Coverage>(host, projectKey, as, 'settings/gate-coverage', { apply });
  const stateOf = (view: Coverage, transition: string) =>
    view.workflows.flatMap((w) => w.transitions).find((t) => t.name === transition)?.state;

  it('lists Done as a transition into a done status without the gate, adds it on a project-only workflow, and Done then runs the gate', async () => {
    const refused = await coverage('OPS', false, member);
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const before = unwrap(await coverage('OPS', false));
    expect(stateOf(before, 'Done')).toBe('missing');
    expect(stateOf(before, 'Graduate')).toBe('covered');
    expect(before.workflows[0]!.sharedWithOtherProjects).toBe(0);
    expect(before.lines.join(' ')).toMatch(/"Done" lack the graduation gate; the app can add it/);

    // Jira reserves workflow rules for Jira admins: the project admin may check, not change, the workflow.
    const leadApply = await coverage('OPS', true);
    expect(leadApply.ok ? null : leadApply.error.code).toBe('FORBIDDEN');
    expect(leadApply.ok ? '' : leadApply.error.message).toMatch(/Only Jira admins can add the graduation gate/);
    expect(stateOf(unwrap(await coverage('OPS', false)), 'Done')).toBe('missing');
    const added = unwrap(await coverage('OPS', true, admin));
    expect(stateOf(added, 'Done')).toBe('added');
    expect(stateOf(unwrap(await coverage('OPS', false)), 'Done')).toBe('covered');

    const { key } = await createPilot(host, 'OPS', 'Done after the gate was added');
    await host.runner.idle();
    const done = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: '31' },
    });
    expect(done.status).toBe(400);
    expect(((done.body as { errorMessages: string[] }).errorMessages ?? []).join(' ')).toMatch(
      /cannot graduate yet. Graduation gate not met/,
    );
  });

  it('never changes a workflow shared with another project, and says what a Jira admin must do', async () => {
    host.jira.shareWorkflows('PAY', 'RISK');
    const read = unwrap(await coverage('RISK', true, admin));
    expect(read.workflows[0]!.sharedWithOtherProjects).toBe(1);
    expect(stateOf(read, 'Done')).toBe('missing');
    expect(read.lines.join(' ')).toMatch(
      /is shared with 1 other project, so the app does not change it\..*A Jira admin can add the "AI Pilot graduation gate" validator/,
    );
    expect(stateOf(unwrap(await coverage('PAY', false, admin)), 'Done')).toBe('missing');
  });
});
