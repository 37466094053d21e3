import { applyDecision, validateDecision } from '../../src/core/decisions';
import { emptyPilot, type Pilot, type ReviewDecision } from '../../src/core/pilot';
import { DEFAULT_STALL_RULE, evaluateStall } from '../../src/core/stall';

const TODAY = '2026-04-20'; // day 109 after a 2026-01-01 demo: stalled since 2026-04-02

function stalledPilot(overrides: Partial<Pilot> = {}): Pilot {
  return {
    ...emptyPilot(),
    phase: 'post-demo',
    pilotStart: '2025-10-06',
    demoDate: '2026-01-01',
    monthlyRunCost: 18000,
    ...overrides,
  };
}

function stallOf(pilot: Pilot, today: string) {
  return evaluateStall(
    {
      phase: pilot.phase,
      demoDate: pilot.demoDate,
      resumeOn: pilot.resumeOn,
      productionDate: pilot.productionDate,
      gatePassed: false,
      decisions: pilot.decisions,
    },
    DEFAULT_STALL_RULE,
    today,
  );
}

function fieldsRefused(input: unknown): string[] {
  const result = validateDecision(input, TODAY);
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('validateDecision refuses what is not a review outcome', () => {
  it.each<[string, unknown]>([
    ['continue', { kind: 'continue' }],
    ['no kind', { ownerAccountId: 'acc-1', resourcing: 'x' }],
    ['unknown kind', { kind: 'extend' }],
    ['not an object', 'kill'],
    ['null', null],
  ])('%s', (_name, input) => {
    expect(validateDecision(input, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'kind', message: 'Choose accelerate, pause or kill; continuing as before is not a review outcome' },
      ],
    });
  });
});

describe('validateDecision names every missing or invalid part', () => {
  it.each<[string, unknown, string[]]>([
    ['accelerate without owner', { kind: 'accelerate', resourcing: 'two engineers' }, ['ownerAccountId']],
    ['accelerate without resourcing', { kind: 'accelerate', ownerAccountId: 'acc-1' }, ['resourcing']],
    [
      'accelerate with blank resourcing',
      { kind: 'accelerate', ownerAccountId: 'acc-1', resourcing: '  ' },
      ['resourcing'],
    ],
    ['accelerate with nothing', { kind: 'accelerate' }, ['ownerAccountId', 'resourcing']],
    [
      'accelerate with a numeric owner',
      { kind: 'accelerate', ownerAccountId: 42, resourcing: 'x' },
      ['ownerAccountId'],
    ],
    ['pause without rationale', { kind: 'pause', resumeOn: '2026-07-01' }, ['rationale']],
    ['pause without resumption date', { kind: 'pause', rationale: 'waiting for vendor contract' }, ['resumeOn']],
    ['pause resuming today', { kind: 'pause', rationale: 'x', resumeOn: TODAY }, ['resumeOn']],
    ['pause resuming in the past', { kind: 'pause', rationale: 'x', resumeOn: '2026-01-01' }, ['resumeOn']],
    ['pause with an impossible date', { kind: 'pause', rationale: 'x', resumeOn: '2026-02-30' }, ['resumeOn']],
    ['pause with nothing', { kind: 'pause' }, ['rationale', 'resumeOn']],
    ['kill without reason', { kind: 'kill' }, ['reason']],
    ['kill with blank reason', { kind: 'kill', reason: '\n\t ' }, ['reason']],
    ['kill with a 2001-character reason', { kind: 'kill', reason: 'x'.repeat(2001) }, ['reason']],
  ])('%s', (_name, input, fields) => {
    expect(fieldsRefused(input)).toEqual(fields);
  });

  it('says what to write', () => {
    expect(validateDecision({ kind: 'pause', resumeOn: '2026-04-20' }, TODAY)).toEqual({
      ok: false,
      errors: [
        { field: 'rationale', message: 'Write the rationale for pausing' },
        { field: 'resumeOn', message: 'The resumption date must be after today (2026-04-20)' },
      ],
    });
  });
});

describe('validateDecision records a complete decision', () => {
  it.each<[string, unknown, ReviewDecision]>([
    [
      'accelerate',
      { kind: 'accelerate', ownerAccountId: ' acc-1 ', resourcing: ' two engineers, Q3 ', extra: 'dropped' },
      { kind: 'accelerate', ownerAccountId: 'acc-1', resourcing: 'two engineers, Q3' },
    ],
    [
      'pause',
      { kind: 'pause', rationale: 'vendor contract', resumeOn: '2026-04-21' },
      { kind: 'pause', rationale: 'vendor contract', resumeOn: '2026-04-21' },
    ],
    ['kill', { kind: 'kill', reason: 'x'.repeat(2000) }, { kind: 'kill', reason: 'x'.repeat(2000) }],
  ])('%s', (_name, input, decision) => {
    expect(validateDecision(input, TODAY)).toEqual({ ok: true, decision });
  });
});

describe('applyDecision', () => {
  it.each<[string, ReviewDecision, Partial<Pilot>]>([
    [
      'accelerate names the owner',
      { kind: 'accelerate', ownerAccountId: 'acc-owner', resourcing: 'two engineers' },
      { phase: 'post-demo', resumeOn: null },
    ],
    [
      'pause sets the resumption date',
      { kind: 'pause', rationale: 'vendor contract', resumeOn: '2026-07-01' },
      { phase: 'paused', resumeOn: '2026-07-01' },
    ],
    ['kill closes the pilot', { kind: 'kill', reason: 'no business sponsor' }, { phase: 'killed', resumeOn: null }],
  ])('%s', (_name, decision, expected) => {
    const before = stalledPilot();
    const after = applyDecision(before, decision, TODAY, 'acc-cto');
    expect(after).toMatchObject(expected);
    expect(after.decisions).toHaveLength(1);
    expect(after.decisions[0]).toMatchObject({ ...decision, decidedOn: TODAY, byAccountId: 'acc-cto' });
    expect(before.decisions).toHaveLength(0);
    expect(before.phase).toBe('post-demo');
  });

  it('accelerate sets the production owner and resumes a paused pilot', () => {
    const after = applyDecision(
      stalledPilot({ phase: 'paused', resumeOn: '2026-05-01' }),
      { kind: 'accelerate', ownerAccountId: 'acc-owner', resourcing: 'x' },
      TODAY,
      'acc-cto',
    );
    expect(after).toMatchObject({ phase: 'post-demo', resumeOn: null, people: { productionOwner: 'acc-owner' } });
  });

  it.each<[number | null, number]>([
    [18000, 18000],
    [null, 0],
  ])('kill records the monthly cost recovered (run cost %p → %p)', (cost, recovered) => {
    const after = applyDecision(
      stalledPilot({ monthlyRunCost: cost }),
      { kind: 'kill', reason: 'x' },
      TODAY,
      'acc-cto',
    );
    expect(after.decisions[0]?.monthlyCostRecovered).toBe(recovered);
  });

  it.each(['killed', 'graduated'] as const)('refuses a %s pilot', (phase) => {
    expect(() => applyDecision(stalledPilot({ phase }), { kind: 'kill', reason: 'x' }, TODAY, 'acc-cto')).toThrow(
      RangeError,
    );
  });
});

describe('a decision and the stall clock', () => {
  it('the stalled pilot needs a decision before one is taken', () => {
    expect(stallOf(stalledPilot(), TODAY)).toMatchObject({ stalled: true, decisionDue: true, decisionOverdue: true });
  });

  it('after accelerate no decision is due any more', () => {
    const after = applyDecision(
      stalledPilot(),
      { kind: 'accelerate', ownerAccountId: 'acc-owner', resourcing: 'x' },
      TODAY,
      'acc-cto',
    );
    expect(stallOf(after, '2026-05-20')).toMatchObject({
      decisionDue: false,
      decisionOverdue: false,
      decisionDueSince: null,
    });
  });

  it('after kill the pilot leaves the kill list', () => {
    const after = applyDecision(stalledPilot(), { kind: 'kill', reason: 'x' }, TODAY, 'acc-cto');
    expect(stallOf(after, '2026-05-20').stalled).toBe(false);
  });

  describe('after pause until 2026-07-01', () => {
    const result = validateDecision(
      { kind: 'pause', rationale: 'waiting for the data platform', resumeOn: '2026-07-01' },
      TODAY,
    );
    if (!result.ok) throw new Error('pause should validate');
    const paused = applyDecision(stalledPilot(), result.decision, TODAY, 'acc-cto');

    it.each<[string, string, boolean, boolean]>([
      ['the day after the decision', '2026-04-21', false, false],
      ['the day before resumption', '2026-06-30', false, false],
      ['resumption day', '2026-07-01', false, false],
      ['resumption + 90 days', '2026-09-29', false, false],
      ['resumption + 91 days: stalled again, new decision due', '2026-09-30', true, true],
    ])('%s (%s)', (_name, today, stalled, due) => {
      expect(stallOf(paused, today)).toMatchObject({ stalled, decisionDue: due });
    });
  });
});
