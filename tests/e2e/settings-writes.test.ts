// Settings writes have the same guarantees as pilot writes: validated before the revision is claimed, stored with
// their audit line all-or-nothing, and the claim released on every failure, so a failed write never locks a
// project's settings. Faults are injected on the store exactly where the write happens, after the claim.
// Template changes reach pilots in flight: an added row is seeded once onto each (audited once), a moved row's
// sub-tasks take the dates of each pilot's stored plan, and a row the gate requires can then be satisfied.
import type { PanelView, SettingsPageView } from '../../src/contract/views';
import type { Settings } from '../../src/contract/schemas';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, panel, settings, startHost, stopHost, unwrap } from '../support/local-host';

jest.setTimeout(120_000);

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  host.faults.clearTargeted();
  await stopHost(host);
});

const load = async (projectKey: string) =>
  unwrap(await settings<SettingsPageView>(host, projectKey, admin, 'settings/load'));
const claimsOf = (projectKey: string) => {
  const id = host.jira.state.projects.find((p) => p.key === projectKey)!.id;
  return Object.keys(host.kvs.state).filter((k) => k.startsWith(`settings-rev:${id}:`));
};

describe('settings writes', () => {
  it('a write that fails after its revision claim does not lock the settings: the next save succeeds', async () => {
    const before = await load('RISK');
    const change = { ...before.settings, stallRule: { thresholdDays: 120, decisionGraceDays: 10 } };
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^settings:/, times: 1 });
    const failed = await settings(host, 'RISK', admin, 'settings/save', {
      expectedVersion: before.version,
      settings: change,
    });
    expect(failed.ok).toBe(false);
    expect(host.faults.injected.targeted).toBe(1);
    expect(claimsOf('RISK')).toEqual([]);
    expect((await load('RISK')).version).toBe(before.version);

    const saved = unwrap(
      await settings<SettingsPageView>(host, 'RISK', admin, 'settings/save', {
        expectedVersion: before.version,
        settings: change,
      }),
    );
    expect(saved.version).toBe(before.version + 1);
    expect(saved.settings.stallRule.thresholdDays).toBe(120);
  });

  it('a failed audit write stores nothing: the settings and their audit line are one write', async () => {
    const before = await load('PAY');
    const auditBefore = before.audit.length;
    const change = { ...before.settings, stallRule: { thresholdDays: 95, decisionGraceDays: 7 } };
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^audit:/, times: 1 });
    const failed = await settings(host, 'PAY', admin, 'settings/save', {
      expectedVersion: before.version,
      settings: change,
    });
    expect(failed.ok).toBe(false);
    const after = await load('PAY');
    expect(after.version).toBe(before.version);
    expect(after.settings.stallRule).toEqual(before.settings.stallRule);
    expect(after.audit).toHaveLength(auditBefore);
    expect(claimsOf('PAY')).toEqual([]);

    const saved = unwrap(
      await settings<SettingsPageView>(host, 'PAY', admin, 'settings/save', {
        expectedVersion: before.version,
        settings: change,
      }),
    );
    expect(saved.version).toBe(before.version + 1);
    expect(saved.audit[0]!.changes.join('\n')).toMatch(/stall rule thresholdDays/);
  });
});

describe('template changes reach pilots in flight', () => {
  const member = DEMO_USERS.member.accountId;
  type Issue = LocalHost['jira']['state']['issues'][number];
  const byId = (id: string) => host.jira.state.issues.find((i) => i.id === id)!;
  const pilotsOf = (projectKey: string): Issue[] => {
    const project = host.jira.state.projects.find((p) => p.key === projectKey)!;
    const pilotType = host.jira.state.issueTypes.find((t) => t.name === 'AI Pilot')!;
    return host.jira.state.issues.filter((i) => i.projectId === project.id && i.issueTypeId === pilotType.id);
  };
  const subtasksOf = (pilot: Issue) => host.jira.state.issues.filter((i) => i.parentId === pilot.id);
  const FAIRNESS = {
    id: 'fairness-review',
    name: 'Fairness review',
    ownerTeam: 'Risk team',
    startWeek: 3,
    mustCompleteBefore: 'productionDeployment',
    evidenceRole: null,
  } as const;
  let added: { settings: Settings; pilot: Issue };

  it('an added row that the gate requires is seeded once onto each pilot in flight, audited once per pilot', async () => {
    const before = await load('OPS');
    const next: Settings = {
      ...before.settings,
      template: [...before.settings.template, FAIRNESS],
      gate: {
        ...before.settings.gate,
        requiredWorkstreamsDone: [...before.settings.gate.requiredWorkstreamsDone, FAIRNESS.id],
      },
    };
    const saved = unwrap(
      await settings<SettingsPageView>(host, 'OPS', admin, 'settings/save', {
        expectedVersion: before.version,
        settings: next,
      }),
    );
    await host.runner.idle();
    expect(Object.keys(host.kvs.state).filter((k) => k.startsWith('template-rollout:'))).toEqual([]);

    const graduated = pilotsOf('OPS').filter((p) => p.summary === 'On-call handover notes');
    expect(graduated).toHaveLength(1);
    for (const pilot of pilotsOf('OPS')) {
      const fairness = subtasksOf(pilot).filter((s) => s.summary === FAIRNESS.name);
      const view = unwrap(await panel<PanelView>(host, pilot.key, member, 'panel/load'));
      const inFlight =
        view.assessment.phase !== 'killed' && !['Done', 'In Production'].includes(view.issue.statusName ?? '');
      expect({ pilot: pilot.key, count: fairness.length }).toEqual({ pilot: pilot.key, count: inFlight ? 1 : 0 });
    }
    // Delivered again (at least once): nothing more is created and nothing more is audited.
    const audit = (await load('OPS')).audit.filter((a) =>
      a.changes.some((c) => c.includes('"Fairness review" from the template')),
    );
    const seededPilots = pilotsOf('OPS').filter((p) => subtasksOf(p).some((s) => s.summary === FAIRNESS.name));
    expect(audit.map((a) => a.subject).sort()).toEqual(seededPilots.map((p) => p.key).sort());
    expect(audit.every((a) => a.byAccountId === admin)).toBe(true);
    host.runner.pushToQueue('stall-scan-pages', [
      {
        body: {
          kind: 'template-rollout',
          projectId: host.jira.state.projects.find((p) => p.key === 'OPS')!.id,
          addedRows: [FAIRNESS.id],
          movedRows: [],
          byAccountId: admin,
          settingsVersion: saved.version,
        },
      },
    ]);
    await host.runner.idle();
    for (const pilot of seededPilots)
      expect(subtasksOf(pilot).filter((s) => s.summary === FAIRNESS.name)).toHaveLength(1);
    expect(
      (await load('OPS')).audit.filter((a) => a.changes.some((c) => c.includes('"Fairness review" from the template'))),
    ).toHaveLength(audit.length);
    added = { settings: next, pilot: seededPilots.find((p) => p.summary === 'Incident summarisation bot')! };
    expect(added.pilot).toBeDefined();
  });

  it('the added row can then be satisfied: done in Jira, the gate no longer names it', async () => {
    const { pilot } = added;
    const before = unwrap(await panel<PanelView>(host, pilot.key, member, 'panel/load'));
    expect(before.assessment.gate.failures.join(' ')).toMatch(/Fairness review/);
    const row = before.workstreams.find((w) => w.rowId === FAIRNESS.id)!;
    expect(row.issueKey).not.toBeNull();
    for (const id of ['21', '31'])
      expect(
        (await host.asUser(member, 'POST', `/rest/api/3/issue/${row.issueKey}/transitions`, { transition: { id } }))
          .status,
      ).toBe(204);
    await host.runner.idle();
    const after = unwrap(await panel<PanelView>(host, pilot.key, member, 'panel/load'));
    expect(after.workstreams.find((w) => w.rowId === FAIRNESS.id)!.state).toBe('done');
    expect(after.assessment.gate.failures.join(' ')).not.toMatch(/Fairness review/);
  });

  it('a row moved to another milestone and week moves its sub-tasks to the dates of each pilot’s stored plan', async () => {
    const { pilot } = added;
    const before = await load('OPS');
    const template = before.settings.template.map((r) =>
      r.id === 'monitoring' ? { ...r, mustCompleteBefore: 'loadTesting' as const, startWeek: 5 } : r,
    );
    unwrap(
      await settings<SettingsPageView>(host, 'OPS', admin, 'settings/save', {
        expectedVersion: before.version,
        settings: { ...before.settings, template },
      }),
    );
    await host.runner.idle();
    const view = unwrap(await panel<PanelView>(host, pilot.key, member, 'panel/load'));
    const stored = view.record.pilot;
    expect(stored.milestones.loadTesting).toBeTruthy();
    expect(stored.milestones.loadTesting).not.toBe(stored.milestones.productionGoLive);
    const monitoring = view.workstreams.find((w) => w.rowId === 'monitoring')!;
    const subtask = byId(monitoring.issueId!);
    expect(subtask.duedate).toBe(stored.milestones.loadTesting);
    expect(monitoring.dueDate).toBe(stored.milestones.loadTesting);
    const startField = Object.keys(subtask.custom).find((k) => /^\d{4}-\d{2}-\d{2}$/.test(String(subtask.custom[k])));
    const week5 = new Date(Date.parse(`${stored.pilotStart}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
    expect(startField ? subtask.custom[startField] : week5).toBe(week5);
    const moves = async () =>
      (await load('OPS')).audit.filter(
        (a) => a.subject === pilot.key && a.changes.some((c) => c.startsWith('workstream "Monitoring')),
      );
    expect(await moves()).toHaveLength(1);
    // Delivered again: nothing is written or audited twice.
    const opsId = host.jira.state.projects.find((p) => p.key === 'OPS')!.id;
    host.runner.pushToQueue('stall-scan-pages', [
      {
        body: {
          kind: 'template-rollout',
          projectId: opsId,
          addedRows: [],
          movedRows: ['monitoring'],
          byAccountId: admin,
          settingsVersion: before.version + 1,
        },
      },
    ]);
    await host.runner.idle();
    expect(await moves()).toHaveLength(1);
    expect(byId(monitoring.issueId!).duedate).toBe(stored.milestones.loadTesting);
  });
});

describe('a template change the queue refused', () => {
  it('is recorded with the settings and reaches the pilots through the daily run', async () => {
    const before = await load('RISK');
    const row = {
      id: 'ethics-signoff',
      name: 'Ethics sign-off',
      ownerTeam: 'Risk team',
      startWeek: 2,
      mustCompleteBefore: 'demoSignOff',
      evidenceRole: null,
    } as const;
    const riskId = host.jira.state.projects.find((p) => p.key === 'RISK')!.id;
    // The rollout's queue (the portfolio refresh the save also asks for goes through its own queue).
    host.faults.failNext({ target: 'queue', operation: /^stall-scan-pages$/, times: 1 });
    const saved = await settings<SettingsPageView>(host, 'RISK', admin, 'settings/save', {
      expectedVersion: before.version,
      settings: { ...before.settings, template: [...before.settings.template, row] },
    });
    expect(saved.ok).toBe(true);
    await host.runner.idle();
    const ethics = () => host.jira.state.issues.filter((i) => i.summary === row.name && i.projectId === riskId);
    expect(ethics()).toHaveLength(0);
    expect(Object.keys(host.kvs.state).filter((k) => k.startsWith(`template-rollout:${riskId}:`))).toHaveLength(1);

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
      jest.setSystemTime(new Date(Date.now() + 60 * 60_000));
      await host.runner.runScheduledTrigger('daily-stall-scan');
      await host.runner.idle();
    } finally {
      jest.useRealTimers();
    }
    expect(ethics().length).toBeGreaterThan(0);
    const parents = ethics().map((i) => i.parentId);
    expect(new Set(parents).size).toBe(parents.length);
    expect(Object.keys(host.kvs.state).filter((k) => k.startsWith(`template-rollout:${riskId}:`))).toEqual([]);
  });
});
