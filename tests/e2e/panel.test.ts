// The diagnostic panel end to end: the real resolver through the Forge SDKs against the local Jira. Covers what a
// person would notice: scores and verdicts, JQL over the app's fields, conflicts, permissions, malformed input.
import { addDays, dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  jql,
  panel,
  startHost,
  stopHost,
  unwrap,
  pilotInput,
  answers,
} from '../support/local-host';

let host: LocalHost;
const member = DEMO_USERS.member.accountId;
const today = dayOf(new Date());

beforeAll(async () => {
  host = await startHost();
});
afterAll(() => stopHost(host));

async function freshPilot(summary: string): Promise<{ key: string; view: PanelView }> {
  const { key } = await createPilot(host, 'PAY', summary);
  await host.runner.idle();
  return { key, view: unwrap(await panel<PanelView>(host, key, member, 'panel/load')) };
}

describe('workstream sub-tasks from the template', () => {
  it('schedules the default template from pilot start 2026-01-05 with due dates from milestones', async () => {
    const { key, view } = await freshPilot('Schedule check');
    const saved = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, {
          pilotStart: '2026-01-05',
          milestones: {
            demoSignOff: '2026-02-20',
            integrationTesting: '2026-03-16',
            productionDeployment: '2026-04-20',
          },
        }),
      }),
    );
    const due = Object.fromEntries(saved.workstreams.map((w) => [w.rowId, w.dueDate]));
    expect(due).toMatchObject({
      'model-dev': '2026-02-20',
      'data-access': '2026-04-20',
      infra: '2026-03-16',
      mlops: null,
    });
    // The sub-tasks in Jira follow the milestones they must complete before.
    const subtasks = host.jira.state.issues.filter((i) => i.parentId === saved.issue.id);
    const byName = Object.fromEntries(subtasks.map((s) => [s.summary, s.duedate]));
    expect(byName['Model development & validation']).toBe('2026-02-20');
    expect(byName['Infrastructure spec & provisioning']).toBe('2026-03-16');
    expect(byName['Data access requests']).toBe('2026-04-20');
    // Start dates follow the new pilot start: week 1 on 2026-01-05, week 2 a week later, and so on.
    const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
    const startField = fields.find((f) => f.name === 'Start date')!.id;
    const starts = Object.fromEntries(subtasks.map((s) => [s.summary, s.custom[startField]]));
    expect(starts).toMatchObject({
      'Model development & validation': '2026-01-05',
      'Data access requests': '2026-01-05',
      'Infrastructure spec & provisioning': '2026-01-12',
      'Business change management': '2026-01-12',
      'MLOps pipeline setup': '2026-01-19',
      'Monitoring & alerting setup': '2026-01-26',
    });
  });

  it('records the start date of each sub-task from its week offset (pilot start = creation day)', async () => {
    const { view } = await freshPilot('Start dates');
    const subtasks = host.jira.state.issues.filter((i) => i.parentId === view.issue.id);
    const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
    const startField = fields.find((f) => f.name === 'Start date')!.id;
    const start = (name: string) => subtasks.find((s) => s.summary === name)?.custom[startField];
    expect(start('Model development & validation')).toBe(today);
    expect(start('Infrastructure spec & provisioning')).toBe(addDays(today, 7));
    expect(start('MLOps pipeline setup')).toBe(addDays(today, 14));
    expect(start('Monitoring & alerting setup')).toBe(addDays(today, 21));
    expect(subtasks.every((s) => JSON.stringify(s.properties['ai-pilot-workstream'] ?? {}).includes('ownerTeam'))).toBe(
      true,
    );
  });
});

describe('the diagnostic', () => {
  it('scores, gives the verdict, names the evidence mismatches, and makes the pilot findable by JQL', async () => {
    const { key, view } = await freshPilot('Diagnostic check');
    const saved = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { diagnostic: answers('yyynnnu') }),
      }),
    );
    expect(saved.assessment.score).toBe(3);
    expect(saved.assessment.verdict).toBe('heading-to-purgatory');
    const messages = saved.assessment.evidence.mismatches.map((m) => m.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Q1 Production owner: answered yes, but no production owner is set/),
        expect.stringMatching(/^Q2 Data access: answered yes, but the Data access requests sub-task is still To Do/),
      ]),
    );
    // JQL sees the save once Jira's search index has caught up (it trails writes).
    host.jira.catchUpSearch();
    expect(await jql(host, `key = ${key} AND "AI Pilot readiness score" < 4`)).toEqual([key]);
    expect(
      await jql(host, `key = ${key} AND "AI Pilot diagnostic".DataAccess = yes AND "AI Pilot diagnostic".Infra = no`),
    ).toEqual([key]);
    const better = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: saved.record.version,
        pilot: pilotInput(saved, { diagnostic: answers('yyyyyyn') }),
      }),
    );
    expect(better.assessment.score).toBe(6);
    host.jira.catchUpSearch();
    expect(await jql(host, `key = ${key} AND "AI Pilot readiness score" < 4`)).toEqual([]);
  });

  it('refreshes the evidence score JQL sees when someone moves a workstream sub-task', async () => {
    const { key, view } = await freshPilot('Evidence refresh');
    const saved = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { diagnostic: answers('nyunnnn') }),
      }),
    );
    expect(saved.assessment.evidence.evidenceScore).toBe(0);
    host.jira.catchUpSearch();
    expect(await jql(host, `key = ${key} AND "AI Pilot diagnostic".EvidenceScore = 0`)).toEqual([key]);
    const dataAccess = saved.workstreams.find((w) => w.rowId === 'data-access')!.issueKey!;
    await host.asUser(member, 'POST', `/rest/api/3/issue/${dataAccess}/transitions`, { transition: { id: '21' } });
    await host.runner.idle();
    host.jira.catchUpSearch();
    expect(await jql(host, `key = ${key} AND "AI Pilot diagnostic".EvidenceScore = 1`)).toEqual([key]);
    const reloaded = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(reloaded.assessment.evidence.evidenceScore).toBe(1);
    expect(reloaded.assessment.evidence.mismatches.filter((m) => m.questionId === 'q2')).toEqual([]);
  });

  it('finds exactly the pilots scoring below 4 with JQL', async () => {
    const view = (key: string) => panel<PanelView>(host, key, DEMO_USERS.admin.accountId, 'panel/load');
    host.jira.catchUpSearch();
    const all = await jql(host, 'issuetype = "AI Pilot" ORDER BY key');
    const expected: string[] = [];
    for (const key of all) {
      const v = await view(key);
      if (v.ok && v.data.assessment.assessed && v.data.assessment.score < 4) expected.push(key);
    }
    expect(expected.length).toBeGreaterThan(5);
    expect((await jql(host, 'issuetype = "AI Pilot" AND "AI Pilot readiness score" < 4 ORDER BY key')).sort()).toEqual(
      expected.sort(),
    );
  });

  it('keeps the production date slip history (old, new, who, when)', async () => {
    const { key, view } = await freshPilot('Slip history');
    const first = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { productionDate: '2027-01-10' }),
      }),
    );
    const second = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: first.record.version,
        pilot: pilotInput(first, { productionDate: '2027-03-01' }),
      }),
    );
    expect(
      second.record.pilot.productionDateHistory.map(({ from, to, byAccountId }) => ({ from, to, byAccountId })),
    ).toEqual([
      { from: null, to: '2027-01-10', byAccountId: member },
      { from: '2027-01-10', to: '2027-03-01', byAccountId: member },
    ]);
  });

  it('gives the second of two people saving the same version a conflict with the fresh values, never a silent overwrite', async () => {
    const { key, view } = await freshPilot('Two editors');
    const [a, b] = await Promise.all([
      panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { monthlyRunCost: 1000 }),
      }),
      panel<PanelView>(host, key, DEMO_USERS.priya.accountId, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { monthlyRunCost: 2000 }),
      }),
    ]);
    const results = [a, b];
    const winner = results.find((r) => r.ok);
    const loser = results.find((r) => !r.ok);
    expect(winner).toBeDefined();
    expect(loser && !loser.ok && loser.error.code).toBe('CONFLICT');
    const fresh = (loser as { error: { current: PanelView } }).error.current;
    const stored = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(fresh.record.pilot.monthlyRunCost).toBe(stored.record.pilot.monthlyRunCost);
    expect(stored.record.version).toBe(view.record.version + 1);
    const stale = await panel(host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 3000 }),
    });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
  });

  it('is read-only for someone who can browse but not edit, and refuses their save on the server', async () => {
    const [key] = await jql(host, 'project = PAY AND issuetype = "AI Pilot" ORDER BY key');
    const view = unwrap(await panel<PanelView>(host, key!, DEMO_USERS.viewer.accountId, 'panel/load'));
    expect(view.permissions).toEqual({ canEdit: false, canAdminister: false });
    const save = await panel(host, key!, DEMO_USERS.viewer.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 1 }),
    });
    expect(save.ok ? null : save.error.code).toBe('FORBIDDEN');
  });

  it('refuses issues that are not AI Pilots on the server', async () => {
    const created = await host.asUser(member, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Plain task' },
    });
    const result = await panel(host, (created.body as { key: string }).key, member, 'panel/load');
    expect(result.ok ? null : result.error.code).toBe('NOT_A_PILOT');
  });

  it('does not show the viewer a pilot of a project they cannot browse', async () => {
    const [riskKey] = await jql(host, 'project = RISK AND issuetype = "AI Pilot" ORDER BY key');
    const result = await panel(host, riskKey!, DEMO_USERS.viewer.accountId, 'panel/load');
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
  });
});

describe('malformed payloads are refused by field, and nothing is written', () => {
  let key: string;
  let view: PanelView;
  beforeAll(async () => {
    ({ key, view } = await freshPilot('Malformed input'));
  });

  const cases: Array<[string, (v: PanelView) => unknown, RegExp]> = [
    [
      'a wrong type',
      (v) => ({ expectedVersion: v.record.version, pilot: pilotInput(v, { monthlyRunCost: 'lots' }) }),
      /^pilot\.monthlyRunCost$/,
    ],
    [
      'an unknown question id',
      (v) => ({ expectedVersion: v.record.version, pilot: pilotInput(v, { diagnostic: { q8: { answer: 'yes' } } }) }),
      /^pilot\.diagnostic\.q8$/,
    ],
    [
      'an answer that is not yes/no/unknown',
      (v) => ({ expectedVersion: v.record.version, pilot: pilotInput(v, { diagnostic: { q1: { answer: 'maybe' } } }) }),
      /^pilot\.diagnostic\.q1\.answer$/,
    ],
    [
      'a date like 2026-02-30',
      (v) => ({ expectedVersion: v.record.version, pilot: pilotInput(v, { demoDate: '2026-02-30' }) }),
      /^pilot\.demoDate$/,
    ],
    [
      'a 10 KB note',
      (v) => ({
        expectedVersion: v.record.version,
        pilot: pilotInput(v, { diagnostic: { q1: { answer: 'yes', note: 'x'.repeat(10_240) } } }),
      }),
      /^pilot\.diagnostic\.q1\.note$/,
    ],
    [
      'a script tag as evidence link',
      (v) => ({
        expectedVersion: v.record.version,
        pilot: pilotInput(v, { diagnostic: { q1: { answer: 'yes', evidenceUrl: '<script>alert(1)</script>' } } }),
      }),
      /^pilot\.diagnostic\.q1\.evidenceUrl$/,
    ],
    [
      'a javascript: production spec link',
      (v) => ({
        expectedVersion: v.record.version,
        pilot: pilotInput(v, { productionSpecUrl: 'javascript:alert(1)' }),
      }),
      /^pilot\.productionSpecUrl$/,
    ],
    [
      'an unknown top-level field',
      (v) => ({ expectedVersion: v.record.version, pilot: pilotInput(v), admin: true }),
      /^admin$/,
    ],
    ['a missing version', (v) => ({ pilot: pilotInput(v) }), /^expectedVersion$/],
  ];

  it.each(cases)('refuses %s naming the field', async (_name, payload, field) => {
    const before = JSON.stringify(host.jira.state.issues.find((i) => i.key === key));
    const result = await panel(host, key, member, 'panel/save', payload(view));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.issues?.map((i) => i.field)).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
    expect(result.error.issues?.every((i) => i.message.length > 5)).toBe(true);
    expect(JSON.stringify(host.jira.state.issues.find((i) => i.key === key))).toBe(before);
  });

  it('stores a note with a script tag as plain text, never as markup', async () => {
    const saved = unwrap(
      await panel<PanelView>(host, key, member, 'panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, { diagnostic: { q1: { answer: 'no', note: '<script>alert(1)</script>' } } }),
      }),
    );
    expect(saved.record.pilot.diagnostic.q1?.note).toBe('<script>alert(1)</script>');
  });
});
