import { evaluateGate, DEFAULT_GATE, type Waiver } from '../../src/core/gate';
import { emptyPilot, type Pilot } from '../../src/core/pilot';
import {
  passedMilestones,
  recipients,
  reminderKey,
  remindersDue,
  type LateWorkstream,
  type ReminderFacts,
} from '../../src/core/reminders';
import { DEFAULT_STALL_RULE, evaluateStall } from '../../src/core/stall';

const TODAY = '2026-06-10';
const OWNER = 'u-owner';
const LEAD = 'u-lead';
const REPORTER = 'u-reporter';

function pilot(overrides: Partial<Pilot> = {}): Pilot {
  return {
    ...emptyPilot(),
    phase: 'post-demo',
    demoDate: '2026-01-01',
    people: { productionOwner: OWNER, dataScienceLead: null, businessOwner: null },
    ...overrides,
  };
}

function facts(overrides: Partial<ReminderFacts> & { pilot?: Pilot; today?: string } = {}): ReminderFacts {
  const p = overrides.pilot ?? pilot();
  const waivers = overrides.waivers ?? [];
  const gate = evaluateGate(
    DEFAULT_GATE,
    {
      diagnostic: p.diagnostic,
      workstreams: [],
      modelMetric: null,
      productionOwner: p.people.productionOwner,
      productionDate: p.productionDate,
    },
    waivers,
    overrides.today ?? TODAY,
  );
  const stall = evaluateStall(
    {
      phase: p.phase,
      demoDate: p.demoDate,
      resumeOn: p.resumeOn,
      productionDate: p.productionDate,
      gatePassed: gate.passed,
      decisions: p.decisions,
    },
    DEFAULT_STALL_RULE,
    overrides.today ?? TODAY,
  );
  return {
    issueKey: 'PAY-1',
    summary: 'Fraud scoring',
    pilot: p,
    waivers,
    phase: p.phase,
    stall,
    gate,
    projectLead: LEAD,
    reporter: REPORTER,
    lateWorkstreams: [],
    ...overrides,
  };
}

const waiver = (expiresOn: string, criterion = 'yes:q2', byAccountId = 'u-granter'): Waiver => ({
  criterion,
  reason: 'vendor review pending',
  expiresOn,
  byAccountId,
  grantedOn: '2026-05-01',
});

const late = (overrides: Partial<LateWorkstream> = {}): LateWorkstream => ({
  subtaskId: '10050',
  subtaskKey: 'PAY-7',
  name: 'Security & compliance engagement',
  milestone: 'productionDeployment',
  milestoneDate: '2026-06-01',
  state: 'in-progress',
  assignee: 'u-sec',
  ...overrides,
});

describe('remindersDue: decision due or overdue (demo 2026-01-01: first stalled day 2026-04-02, overdue from 2026-04-17)', () => {
  it.each<[string, string, string | null]>([
    ['not stalled yet', '2026-04-01', null],
    ['first stalled day', '2026-04-02', '2026-04-02:due'],
    ['last day of grace', '2026-04-16', '2026-04-02:due'],
    ['first overdue day', '2026-04-17', '2026-04-02:overdue'],
  ])('%s (%s) → cycle %s', (_name, today, cycle) => {
    const due = remindersDue(facts({ today }), today).filter((r) => r.reason === 'decision-due');
    expect(due.map((r) => r.cycle)).toEqual(cycle ? [cycle] : []);
    if (cycle) expect(due[0]!.recipients).toEqual([OWNER, LEAD, REPORTER]);
  });

  it('is answered by a decision taken in this stall episode', () => {
    const decided = pilot({
      decisions: [
        {
          kind: 'accelerate',
          ownerAccountId: OWNER,
          resourcing: 'two engineers',
          decidedOn: '2026-04-05',
          byAccountId: LEAD,
        },
      ],
    });
    expect(remindersDue(facts({ pilot: decided }), TODAY).filter((r) => r.reason === 'decision-due')).toEqual([]);
  });

  it.each<[string, string | null, string | null, string | null, string[]]>([
    ['all three distinct', OWNER, LEAD, REPORTER, [OWNER, LEAD, REPORTER]],
    ['the owner is the lead', LEAD, LEAD, REPORTER, [LEAD, REPORTER]],
    ['no owner named', null, LEAD, REPORTER, [LEAD, REPORTER]],
    ['no reporter, blank owner', '  ', LEAD, null, [LEAD]],
  ])('recipients when %s', (_name, owner, lead, reporter, expected) => {
    const p = pilot({ people: { productionOwner: owner, dataScienceLead: null, businessOwner: null } });
    const [due] = remindersDue(facts({ pilot: p, projectLead: lead, reporter }), TODAY).filter(
      (r) => r.reason === 'decision-due',
    );
    expect(due!.recipients).toEqual(expected);
  });

  it('names nobody when nobody could receive it (the caller then sends nothing)', () => {
    const p = pilot({ people: { productionOwner: null, dataScienceLead: null, businessOwner: null } });
    expect(
      remindersDue(facts({ pilot: p, projectLead: null, reporter: null }), TODAY).map((r) => [r.reason, r.recipients]),
    ).toEqual([['decision-due', []]]);
  });
});

describe('remindersDue: waivers (q2 unmet, so a waiver on it matters)', () => {
  it.each<[string, string, string | null]>([
    ['expires in 8 days', '2026-06-18', null],
    ['expires in 7 days', '2026-06-17', 'yes:q2:2026-06-17:expiring'],
    ['expires today', '2026-06-10', 'yes:q2:2026-06-10:expiring'],
    ['expired yesterday', '2026-06-09', 'yes:q2:2026-06-09:expired'],
  ])('%s (%s) → cycle %s', (_name, expiresOn, cycle) => {
    const reminders = remindersDue(facts({ waivers: [waiver(expiresOn)] }), TODAY).filter((r) => r.reason === 'waiver');
    expect(reminders.map((r) => r.cycle)).toEqual(cycle ? [cycle] : []);
    if (cycle) expect(reminders[0]!.recipients).toEqual(['u-granter', OWNER]);
  });

  it('says nothing of a waiver whose criterion is met now', () => {
    const p = pilot({ diagnostic: { q2: { answer: 'yes' } } });
    expect(
      remindersDue(facts({ pilot: p, waivers: [waiver('2026-06-12')] }), TODAY).filter((r) => r.reason === 'waiver'),
    ).toEqual([]);
  });

  it('says nothing of a waiver renewed by a later one, and reminds of the later one in its own week', () => {
    const both = [waiver('2026-06-09'), waiver('2026-06-15', 'yes:q2', 'u-other')];
    const reminders = remindersDue(facts({ waivers: both }), TODAY).filter((r) => r.reason === 'waiver');
    expect(reminders.map((r) => [r.cycle, r.recipients])).toEqual([['yes:q2:2026-06-15:expiring', ['u-other', OWNER]]]);
  });

  it('says nothing of a waiver on a criterion the gate no longer has', () => {
    expect(
      remindersDue(facts({ waivers: [waiver('2026-06-12', 'model-metric')] }), TODAY).filter(
        (r) => r.reason === 'waiver',
      ),
    ).toEqual([]);
  });
});

describe('remindersDue: milestones passed with their workstream not done', () => {
  it.each<[string, Partial<LateWorkstream>, string[] | null]>([
    ['in progress, assigned', {}, ['u-sec', OWNER]],
    ['to do, unassigned', { state: 'todo', assignee: null }, [OWNER]],
    ['assigned to the owner', { assignee: OWNER }, [OWNER]],
    ['done', { state: 'done' }, null],
  ])('%s', (_name, overrides, expected) => {
    const reminders = remindersDue(facts({ lateWorkstreams: [late(overrides)] }), TODAY).filter(
      (r) => r.reason === 'milestone',
    );
    expect(reminders.map((r) => r.recipients)).toEqual(expected ? [expected] : []);
    if (expected) expect(reminders[0]!.cycle).toBe('10050:2026-06-01');
  });

  it('finds the milestones whose day is before today, not today itself', () => {
    const p = pilot({
      milestones: {
        demoSignOff: '2026-01-01',
        integrationTesting: '2026-06-09',
        loadTesting: TODAY,
        productionGoLive: '2026-07-01',
      },
    });
    expect(passedMilestones(p, TODAY)).toEqual([
      { key: 'demoSignOff', date: '2026-01-01' },
      { key: 'integrationTesting', date: '2026-06-09' },
    ]);
  });
});

describe('remindersDue: a paused pilot whose resumption day has come', () => {
  const paused = (resumeOn: string) =>
    pilot({
      phase: 'paused',
      resumeOn,
      decisions: [
        { kind: 'pause', rationale: 'waiting for data', resumeOn, decidedOn: '2026-04-20', byAccountId: LEAD },
      ],
    });

  it.each<[string, string, boolean]>([
    ['resumes tomorrow', '2026-06-11', false],
    ['resumes today', TODAY, true],
    ['resumed last week', '2026-06-03', true],
  ])('%s', (_name, resumeOn, expected) => {
    const reminders = remindersDue(
      facts({ pilot: paused(resumeOn), phase: expected ? 'post-demo' : 'paused' }),
      TODAY,
    ).filter((r) => r.reason === 'resume');
    expect(reminders.map((r) => [r.cycle, r.recipients])).toEqual(expected ? [[resumeOn, [OWNER, LEAD]]] : []);
  });
});

describe('remindersDue: closed pilots owe nothing', () => {
  it.each(['graduated', 'closed', 'killed'] as const)('%s', (phase) => {
    expect(remindersDue(facts({ phase, waivers: [waiver('2026-06-12')], lateWorkstreams: [late()] }), TODAY)).toEqual(
      [],
    );
  });
});

describe('recipients and keys', () => {
  it('deduplicates and drops missing or blank ids', () => {
    expect(recipients('a', null, undefined, '', ' ', 'b', 'a')).toEqual(['a', 'b']);
  });

  it('names the pilot, the reason and the cycle in the key', () => {
    expect(reminderKey('10010', { reason: 'waiver', cycle: 'yes:q2:2026-06-17:expiring' })).toBe(
      'reminder:10010:waiver:yes:q2:2026-06-17:expiring',
    );
  });
});
