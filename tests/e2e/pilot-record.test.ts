// The pilot record lives in app storage (KVS `pilot:{issueId}`), which no person can write. These tests act as
// the people in question through the local host: a member forging the old `ai-pilot` issue property, bad input
// that must store nothing, a record the app cannot read (one flagged row, everything else goes on), Jira
// refusing the mirror write after a save, two saves whose mirror writes interleave, and a pilot from before app
// storage moving over once.
import { addDays, dayOf } from '../../src/core/dates';
import { expandPortfolio, type PanelView, type PortfolioPayload, type PortfolioView } from '../../src/contract/views';
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
  pilotInput,
} from '../support/local-host';

let host: LocalHost;
const member = DEMO_USERS.member.accountId;
const admin = DEMO_USERS.admin.accountId;
const today = dayOf(new Date());
const FIELD_WRITE = /^\/rest\/api\/3\/app\/field\/value$/;

beforeAll(async () => {
  host = await startHost();
});
afterAll(() => stopHost(host));

const portfolioConfig = { projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'key' };
async function portfolio(as = admin): Promise<PortfolioView> {
  // The portfolio finds pilots through Jira's search, which trails writes: read it once the index caught up.
  host.jira.catchUpSearch();
  return expandPortfolio(
    unwrap(await macro<PortfolioPayload>(host, as, 'portfolio/load', { config: portfolioConfig })),
  );
}

async function scan(): Promise<void> {
  // The scan finds pilots through Jira's search, which trails writes: run it once the index caught up.
  host.jira.catchUpSearch();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
}

/** A pilot saved once through the panel (version 1). */
async function savedPilot(summary: string, cost = 4000): Promise<{ id: string; key: string; view: PanelView }> {
  const { id, key } = await createPilot(host, 'PAY', summary);
  await host.runner.idle();
  const fresh = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  const view = unwrap(
    await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: fresh.record.version,
      pilot: pilotInput(fresh, {
        demoDate: addDays(today, -5),
        monthlyRunCost: cost,
        people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
      }),
    }),
  );
  return { id, key, view };
}

const stored = (id: string) => host.kvs.state[`pilot:${id}`]?.value as { version: number } | undefined;
const fieldId = (key: string) => (host.kvs.state['field-ids:v1']!.value as { app: Record<string, string> }).app[key]!;
const fieldOf = (issueKey: string, key: string) =>
  host.jira.state.issues.find((i) => i.key === issueKey)!.custom[fieldId(key)];
const fieldWrites = () => host.faults.calls.filter((c) => c === 'POST /rest/api/3/app/field/value').length;
const issuesOf = (result: Envelope) => (result.ok ? [] : (result.error.issues ?? []));

describe('a member writing the ai-pilot issue property by hand', () => {
  const forged = {
    schemaVersion: 1,
    version: 40,
    pilot: {
      phase: 'killed',
      pilotStart: '2026-01-05',
      demoDate: '2026-02-01',
      productionDate: null,
      productionDateHistory: [],
      milestones: {},
      people: { productionOwner: null, dataScienceLead: null, businessOwner: null },
      monthlyRunCost: 4000,
      modelMetric: null,
      diagnostic: {},
      resumeOn: null,
      decisions: [
        {
          kind: 'kill',
          reason: 'forged',
          decidedOn: '2026-02-02',
          byAccountId: 'u-admin',
          monthlyCostRecovered: 9_999_999,
        },
      ],
    },
    waivers: [
      'min-score',
      'model-metric',
      'production-owner',
      'production-date',
      ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((q) => `yes:${q}`),
      ...['model-dev', 'data-access', 'security', 'infra', 'integration', 'mlops', 'change-mgmt', 'monitoring'].map(
        (w) => `workstream:${w}`,
      ),
    ].map((criterion) => ({
      criterion,
      reason: 'forged',
      expiresOn: '2199-01-01',
      byAccountId: 'u-admin',
      grantedOn: '2026-01-01',
    })),
    productionSpecUrl: null,
    displayNames: {},
    updatedAt: null,
    updatedBy: 'u-admin',
  };

  it('changes nothing the panel shows or the portfolio sums, on a saved pilot and on a new one', async () => {
    const saved = await savedPilot('Forgery target');
    const { key: newKey } = await createPilot(host, 'PAY', 'Forgery target, never saved');
    await host.runner.idle();
    const before = await portfolio();
    for (const key of [saved.key, newKey]) {
      const put = await host.asUser(member, 'PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, forged);
      expect(put.status).toBeLessThan(300);
    }
    const after = await portfolio();
    expect(after.summary.recoveredMonthlyCost).toBe(before.summary.recoveredMonthlyCost);
    expect(after.summary.byPhase).toEqual(before.summary.byPhase);
    for (const key of [saved.key, newKey]) {
      expect(after.rows.find((r) => r.key === key)).toEqual(before.rows.find((r) => r.key === key));
      const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
      expect(view.record.pilot.decisions).toEqual([]);
      expect(view.record.waivers).toEqual([]);
      expect(view.record.version).toBe(key === saved.key ? 1 : 0);
      expect(view.assessment.phase).not.toBe('killed');
    }
    // The forged waivers do not carry the pilot past the gate either.
    const graduate = await host.asUser(member, 'POST', `/rest/api/3/issue/${saved.key}/transitions`, {
      transition: { id: '41' },
    });
    expect(graduate.status).toBeGreaterThanOrEqual(400);
    expect(unwrap(await panel<PanelView>(host, saved.key, member, 'panel/load')).assessment.phase).not.toBe(
      'graduated',
    );
  });
});

describe('bad input stores nothing', () => {
  it('refuses an accelerate owner that is not an account, naming the field', async () => {
    const { id, key, view } = await savedPilot('Owner check');
    for (const ownerAccountId of ['Jane Doe <jane@example.com>', 'u-nobody-here']) {
      const result = await panel(host, key, member, 'panel/decide', {
        expectedVersion: view.record.version,
        decision: { kind: 'accelerate', ownerAccountId, resourcing: 'Two engineers' },
      });
      expect(result.ok ? null : result.error.code).toBe('VALIDATION_FAILED');
      expect(issuesOf(result).map((i) => i.field)).toEqual(['decision.ownerAccountId']);
      expect(stored(id)?.version).toBe(1);
    }
    const reloaded = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(reloaded.record.version).toBe(1);
    expect(reloaded.record.pilot.decisions).toEqual([]);
  });

  it('refuses a people picker value that is not an account, naming the field', async () => {
    const { id, key, view } = await savedPilot('People check');
    const result = await panel(host, key, member, 'panel/save', {
      expectedVersion: 1,
      pilot: pilotInput(view, { people: { ...view.record.pilot.people, businessOwner: 'u-ghost' } }),
    });
    expect(issuesOf(result).map((i) => i.field)).toEqual(['pilot.people.businessOwner']);
    expect(stored(id)?.version).toBe(1);
  });

  it('refuses production date 0050-06-01 naming the field; the version is unchanged', async () => {
    const { id, key, view } = await savedPilot('Year 50');
    const result = await panel(host, key, member, 'panel/save', {
      expectedVersion: 1,
      pilot: pilotInput(view, { productionDate: '0050-06-01' }),
    });
    expect(result.ok ? null : result.error.code).toBe('VALIDATION_FAILED');
    expect(issuesOf(result).map((i) => i.field)).toEqual(['pilot.productionDate']);
    expect(stored(id)?.version).toBe(1);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).record.version).toBe(1);
  });

  it('refuses a reason made only of zero-width and direction characters', async () => {
    const { id, key } = await savedPilot('Invisible reason');
    const invisible = '\u200b\u200d\u202e\u2066 \ufeff';
    const kill = await panel(host, key, member, 'panel/decide', {
      expectedVersion: 1,
      decision: { kind: 'kill', reason: invisible },
    });
    expect(issuesOf(kill).map((i) => i.field)).toEqual(['decision.reason']);
    const waive = await panel(host, key, admin, 'panel/waive', {
      expectedVersion: 1,
      waiver: { criterion: 'production-date', reason: invisible, expiresOn: addDays(today, 10) },
    });
    expect(waive.ok).toBe(false);
    expect(issuesOf(waive).map((i) => i.field)).toContain('waiver.reason');
    expect(stored(id)?.version).toBe(1);
  });
});

describe('histories are bounded', () => {
  it('keeps the last 50 production date changes and decisions, counting the older ones', async () => {
    const saved = await savedPilot('Slipping forever');
    const { key } = saved;
    let { view } = saved;
    for (let i = 1; i <= 53; i += 1) {
      view = unwrap(
        await panel<PanelView>(host, key, member, 'panel/save', {
          expectedVersion: view.record.version,
          pilot: pilotInput(view, { productionDate: addDays(today, 30 + i) }),
        }),
      );
    }
    expect(view.record.pilot.productionDateHistory).toHaveLength(50);
    expect(view.record.older.productionDateChanges).toBe(3);
    expect(view.record.pilot.productionDateHistory.at(-1)!.to).toBe(addDays(today, 83));
    for (let i = 1; i <= 52; i += 1) {
      view = unwrap(
        await panel<PanelView>(host, key, member, 'panel/decide', {
          expectedVersion: view.record.version,
          decision: { kind: 'pause', rationale: `Pause ${i}`, resumeOn: addDays(today, 10 + i) },
        }),
      );
    }
    expect(view.record.pilot.decisions).toHaveLength(50);
    expect(view.record.older.decisions).toBe(2);
    expect(view.record.pilot.decisions.at(-1)).toMatchObject({ kind: 'pause', rationale: 'Pause 52' });
  });
});

describe('a stored record the app cannot read', () => {
  it('costs one flagged row in the portfolio, the panel and the scan, while the rest still work', async () => {
    const poisoned = await savedPilot('Poisoned record');
    const healthy = await savedPilot('Healthy neighbour');
    host.kvs.state[`pilot:${poisoned.id}`]!.value = { schemaVersion: 2, version: 'seven', pilot: 'garbage' };

    const view = await portfolio();
    const flagged = view.rows.filter((r) => r.unreadable);
    expect(flagged.map((r) => r.key)).toEqual([poisoned.key]);
    expect(flagged[0]!.unreadable).toMatch(new RegExp(`^Stored data for ${poisoned.key} could not be read: `));
    expect(view.rows.find((r) => r.key === healthy.key)?.unreadable).toBeUndefined();
    expect(view.summary.total).toBe(view.rows.length - 1);

    const broken = await panel(host, poisoned.key, member, 'panel/load');
    expect(broken.ok ? '' : broken.error.message).toMatch(
      new RegExp(`Stored data for ${poisoned.key} could not be read`),
    );
    expect(unwrap(await panel<PanelView>(host, healthy.key, member, 'panel/load')).record.version).toBe(1);

    await scan();
    const report = host.kvs.state['scan-report:latest']!.value as { day: string; unreadable: string[] };
    expect(report.day).toBe(today);
    expect(report.unreadable).toEqual([
      expect.stringMatching(new RegExp(`^Stored data for ${poisoned.key} could not be read`)),
    ]);
    expect(host.kvs.state[`snapshot:${healthy.view.issue.projectId}:${today}`]).toBeDefined();
    delete host.kvs.state[`pilot:${poisoned.id}`];
  });
});

describe('mirrors that converge', () => {
  it('answers a save whose field write Jira refuses with 429 "saved; search will catch up", and the next scan repairs the fields', async () => {
    const { id, key, view } = await savedPilot('Rate limited mirror', 3000);
    expect(fieldOf(key, 'pilot-monthly-cost')).toBe(3000);
    host.faults.set({ retryAfterSeconds: 0 });
    host.faults.failNext({
      target: 'jira',
      operation: /^POST \/rest\/api\/3\/app\/field\/value$/,
      times: 4,
      status: 429,
    });
    const saved = await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: 1,
      pilot: pilotInput(view, { monthlyRunCost: 7000 }),
    });
    expect(saved.ok).toBe(true);
    expect(unwrap(saved).notice).toMatch(/Jira's search will catch up/);
    expect(unwrap(saved).record.version).toBe(2);
    expect(stored(id)?.version).toBe(2);
    expect(fieldOf(key, 'pilot-monthly-cost')).toBe(3000);
    host.faults.set({});

    await scan();
    expect(fieldOf(key, 'pilot-monthly-cost')).toBe(7000);
    // Nothing changed since: a second scan writes no field at all.
    const writes = fieldWrites();
    await scan();
    expect(fieldWrites()).toBe(writes);
  });

  it('leaves the fields of the newest of two saves whose mirror writes interleave', async () => {
    const { id, key, view } = await savedPilot('Interleaved saves', 1000);
    const held = host.faults.hold('POST', FIELD_WRITE);
    const first = panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: 1,
      pilot: pilotInput(view, { monthlyRunCost: 1111 }),
    });
    await held.reached; // the first save is stored (version 2); its field write waits
    const latest = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(latest.record.version).toBe(2);
    unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: 2,
        pilot: pilotInput(latest, { monthlyRunCost: 2222 }),
      }),
    );
    expect(fieldOf(key, 'pilot-monthly-cost')).toBe(2222);
    held.release();
    expect((await first).ok).toBe(true);
    expect(stored(id)?.version).toBe(3);
    expect(fieldOf(key, 'pilot-monthly-cost')).toBe(2222);
  });
});

describe('a pilot from before app storage', () => {
  it('moves over on first read, once, with an audit line; the property is never read again', async () => {
    const { id, key } = await createPilot(host, 'OPS', 'Legacy pilot');
    await host.runner.idle();
    const legacy = {
      schemaVersion: 1,
      version: 3,
      pilot: {
        phase: 'post-demo',
        pilotStart: addDays(today, -60),
        demoDate: addDays(today, -10),
        productionDate: addDays(today, 40),
        productionDateHistory: [
          { from: null, to: addDays(today, 40), byAccountId: member, at: new Date().toISOString() },
        ],
        milestones: { demoSignOff: addDays(today, -10) },
        people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
        monthlyRunCost: 1234,
        modelMetric: null,
        diagnostic: { q1: { answer: 'yes' } },
        resumeOn: null,
        decisions: [],
      },
      waivers: [],
      productionSpecUrl: null,
      displayNames: { [DEMO_USERS.priya.accountId]: 'Stale Name' },
      updatedAt: new Date().toISOString(),
      updatedBy: member,
    };
    // What the previous version of the app wrote, before this version was installed.
    expect((await host.asApp('PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, legacy)).status).toBeLessThan(300);
    delete host.kvs.state['pilot-store:since'];
    expect(stored(id)).toBeUndefined();

    const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(view.record.version).toBe(3);
    expect(view.record.pilot.monthlyRunCost).toBe(1234);
    expect(view.names[DEMO_USERS.priya.accountId]).toBe(DEMO_USERS.priya.displayName);
    expect(stored(id)?.version).toBe(3);
    expect(host.kvs.state[`pilot:${id}`]!.value).not.toHaveProperty('displayNames');

    await portfolio();
    unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    const audit = Object.entries(host.kvs.state).filter(
      ([k, e]) => k.startsWith('audit:') && JSON.stringify(e.value).includes(`${key} pilot record`),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]![1].value)).toMatch(/moved to app storage/);

    await host.asApp('PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, {
      ...legacy,
      version: 9,
      pilot: { ...legacy.pilot, monthlyRunCost: 1 },
    });
    const again = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(again.record.version).toBe(3);
    expect(again.record.pilot.monthlyRunCost).toBe(1234);
  });
});
