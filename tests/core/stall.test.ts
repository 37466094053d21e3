import type { RecordedDecision } from '../../src/core/pilot';
import { DEFAULT_STALL_RULE, evaluateStall, type StallInput, type StallRule } from '../../src/core/stall';

const DEMO = '2026-01-01';
// With the default 90-day threshold: day 90 = 2026-04-01, day 91 (first stalled day) = 2026-04-02,
// last day of the 14-day grace = 2026-04-16, first overdue day = 2026-04-17.

function input(overrides: Partial<StallInput> = {}): StallInput {
  return {
    phase: 'post-demo',
    demoDate: DEMO,
    resumeOn: null,
    productionDate: null,
    gatePassed: false,
    decisions: [],
    ...overrides,
  };
}

function decided(decidedOn: string): RecordedDecision {
  return {
    kind: 'accelerate',
    ownerAccountId: 'acc-1',
    resourcing: 'two engineers for a quarter',
    decidedOn,
    byAccountId: 'acc-cto',
  };
}

describe('evaluateStall: the 90-day boundary', () => {
  it.each<[string, string, boolean, number, number]>([
    ['day 89', '2026-03-31', false, 89, 0],
    ['day 90', '2026-04-01', false, 90, 0],
    ['day 91', '2026-04-02', true, 91, 1],
    ['day 120', '2026-05-01', true, 120, 30],
  ])('%s (%s): stalled = %s', (_name, today, stalled, daysOnClock, daysStalled) => {
    const status = evaluateStall(input(), DEFAULT_STALL_RULE, today);
    expect(status).toMatchObject({ stalled, clockStart: DEMO, daysOnClock, daysStalled });
  });

  it('explains the stall', () => {
    expect(evaluateStall(input(), DEFAULT_STALL_RULE, '2026-04-02').reason).toBe(
      '91 days since demo without a clear production pathway (graduation gate not met)',
    );
  });

  it('honours a project threshold of 30 days', () => {
    const rule: StallRule = { thresholdDays: 30, decisionGraceDays: 7 };
    expect(evaluateStall(input(), rule, '2026-01-31').stalled).toBe(false);
    expect(evaluateStall(input(), rule, '2026-02-01')).toMatchObject({ stalled: true, decisionDueSince: '2026-02-01' });
  });

  it.each<[StallRule]>([
    [{ thresholdDays: -1, decisionGraceDays: 14 }],
    [{ thresholdDays: 90, decisionGraceDays: 1.5 }],
  ])('refuses a malformed rule %p', (rule) => {
    expect(() => evaluateStall(input(), rule, '2026-04-02')).toThrow(RangeError);
  });
});

describe('evaluateStall: clear production pathway', () => {
  it.each<[string, Partial<StallInput>, boolean, string]>([
    [
      'gate met and date ahead',
      { gatePassed: true, productionDate: '2026-06-01' },
      false,
      'clear production pathway: gate met and production date 2026-06-01',
    ],
    [
      'gate met and date today',
      { gatePassed: true, productionDate: '2026-05-01' },
      false,
      'clear production pathway: gate met and production date 2026-05-01',
    ],
    [
      'gate met, no date',
      { gatePassed: true },
      true,
      '120 days since demo without a clear production pathway (no production date)',
    ],
    [
      'gate met, date slipped past',
      { gatePassed: true, productionDate: '2026-04-30' },
      true,
      '120 days since demo without a clear production pathway (production date 2026-04-30 has passed)',
    ],
    [
      'date ahead, gate not met',
      { productionDate: '2026-06-01' },
      true,
      '120 days since demo without a clear production pathway (graduation gate not met)',
    ],
  ])('%s', (_name, overrides, stalled, reason) => {
    const status = evaluateStall(input(overrides), DEFAULT_STALL_RULE, '2026-05-01');
    expect(status.stalled).toBe(stalled);
    expect(status.reason).toBe(reason);
    expect(status.decisionDue).toBe(stalled);
  });
});

describe('evaluateStall: phases off the clock', () => {
  it.each<[string, Partial<StallInput>, string]>([
    ['still in pilot', { phase: 'pilot' }, 'still in pilot: the stall clock starts at the demo'],
    ['graduated', { phase: 'graduated' }, 'graduated to production'],
    ['killed', { phase: 'killed' }, 'killed'],
    ['paused until a later date', { phase: 'paused', resumeOn: '2026-09-01' }, 'paused until 2026-09-01'],
    ['post-demo without demo date', { demoDate: null }, 'no demo date recorded'],
  ])('%s is not stalled', (_name, overrides, reason) => {
    expect(evaluateStall(input(overrides), DEFAULT_STALL_RULE, '2026-08-01')).toEqual({
      stalled: false,
      clockStart: null,
      daysOnClock: null,
      daysStalled: 0,
      reason,
      decisionDue: false,
      decisionOverdue: false,
      decisionDueSince: null,
    });
  });
});

describe('evaluateStall: a paused pilot restarts the clock on its resumption date', () => {
  const paused = input({ phase: 'paused', resumeOn: '2026-06-01', decisions: [decided('2026-04-05')] });

  it.each<[string, string, boolean, string | null, number | null]>([
    ['the day before resumption', '2026-05-31', false, null, null],
    ['on the resumption date', '2026-06-01', false, '2026-06-01', 0],
    ['90 days after resumption', '2026-08-30', false, '2026-06-01', 90],
    ['91 days after resumption', '2026-08-31', true, '2026-06-01', 91],
  ])('%s (%s): stalled = %s', (_name, today, stalled, clockStart, daysOnClock) => {
    expect(evaluateStall(paused, DEFAULT_STALL_RULE, today)).toMatchObject({ stalled, clockStart, daysOnClock });
  });

  it('a decision from the earlier stall episode does not answer the new one', () => {
    expect(evaluateStall(paused, DEFAULT_STALL_RULE, '2026-08-31')).toMatchObject({
      decisionDue: true,
      decisionDueSince: '2026-08-31',
    });
  });

  it('keeps the restarted clock once the phase is set back to post-demo', () => {
    const resumed = input({ resumeOn: '2026-06-01' });
    expect(evaluateStall(resumed, DEFAULT_STALL_RULE, '2026-08-30')).toMatchObject({
      stalled: false,
      clockStart: '2026-06-01',
    });
  });
});

describe('evaluateStall: decision due and overdue', () => {
  it.each<[string, string, RecordedDecision[], boolean, boolean, string | null]>([
    ['first stalled day, no decision', '2026-04-02', [], true, false, '2026-04-02'],
    ['last day of grace', '2026-04-16', [], true, false, '2026-04-02'],
    ['first day past grace', '2026-04-17', [], true, true, '2026-04-02'],
    ['decision taken on the stall day', '2026-04-20', [decided('2026-04-02')], false, false, null],
    ['decision taken during the grace', '2026-04-20', [decided('2026-04-10')], false, false, null],
    ['decision taken before the stall', '2026-04-20', [decided('2026-04-01')], true, true, '2026-04-02'],
  ])('%s (%s)', (_name, today, decisions, due, overdue, since) => {
    const status = evaluateStall(input({ decisions }), DEFAULT_STALL_RULE, today);
    expect(status.stalled).toBe(true);
    expect(status).toMatchObject({ decisionDue: due, decisionOverdue: overdue, decisionDueSince: since });
  });
});
