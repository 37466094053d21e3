import {
  LOW_SCORE_MAX,
  scoreBands,
  summarizePortfolio,
  scoreDistribution,
  type PortfolioPilot,
} from '../../src/core/portfolio';
import type { StallStatus } from '../../src/core/stall';

const CALM: StallStatus = {
  stalled: false,
  clockStart: null,
  daysOnClock: null,
  daysStalled: 0,
  reason: 'still in pilot',
  decisionDue: false,
  decisionOverdue: false,
  decisionDueSince: null,
};

function stall(due: boolean, overdue: boolean): StallStatus {
  return {
    ...CALM,
    stalled: true,
    clockStart: '2026-01-01',
    daysOnClock: 120,
    daysStalled: 30,
    reason: 'stalled',
    decisionDue: due,
    decisionOverdue: overdue,
    decisionDueSince: due ? '2026-04-02' : null,
  };
}

function pilot(key: string, overrides: Partial<PortfolioPilot>): PortfolioPilot {
  return {
    key,
    summary: `Pilot ${key}`,
    phase: 'pilot',
    score: 0,
    verdict: 'not-assessed',
    assessed: false,
    productionOwner: null,
    monthlyRunCost: null,
    stall: CALM,
    gatePassed: false,
    dataAccessFiled: false,
    reviewHeld: false,
    recoveredMonthlyCost: 0,
    reviewers: { expected: 5, scheduled: 0, held: 0, cleared: 0 },
    ...overrides,
  };
}

const PORTFOLIO: PortfolioPilot[] = [
  // Never assessed.
  pilot('AI-1', {}),
  // Assessed low, stalled with an overdue decision, burning money.
  pilot('AI-2', {
    phase: 'post-demo',
    score: 2,
    verdict: 'heading-to-purgatory',
    assessed: true,
    monthlyRunCost: 12000,
    stall: stall(true, true),
    reviewers: { expected: 5, scheduled: 4, held: 4, cleared: 1 },
  }),
  // Assessed low, stalled, decision due but within grace; no cost recorded.
  pilot('AI-3', {
    phase: 'post-demo',
    score: 3,
    verdict: 'heading-to-purgatory',
    assessed: true,
    stall: stall(true, false),
  }),
  // Promising, owner named, data access filed, stalled but accelerated.
  pilot('AI-4', {
    phase: 'post-demo',
    score: 5,
    verdict: 'real-production-potential',
    assessed: true,
    productionOwner: 'acc-1',
    monthlyRunCost: 8000,
    stall: stall(false, false),
    dataAccessFiled: true,
    reviewHeld: true,
    reviewers: { expected: 5, scheduled: 5, held: 2, cleared: 0 },
  }),
  // Promising but no owner yet: the week-2 gap.
  pilot('AI-5', {
    phase: 'pilot',
    score: 4,
    verdict: 'real-production-potential',
    assessed: true,
    dataAccessFiled: true,
  }),
  // Paused after a review.
  pilot('AI-6', {
    phase: 'paused',
    score: 3,
    verdict: 'heading-to-purgatory',
    assessed: true,
    reviewHeld: true,
    monthlyRunCost: 3000,
    reviewers: { expected: 3, scheduled: 3, held: 3, cleared: 3 },
  }),
  // Killed: cost recovered, not active.
  pilot('AI-7', {
    phase: 'killed',
    score: 1,
    verdict: 'heading-to-purgatory',
    assessed: true,
    reviewHeld: true,
    recoveredMonthlyCost: 15000,
    reviewers: { expected: 5, scheduled: 5, held: 5, cleared: 5 },
  }),
  // Graduated: not active.
  pilot('AI-8', {
    phase: 'graduated',
    score: 7,
    verdict: 'real-production-potential',
    assessed: true,
    productionOwner: 'acc-2',
    gatePassed: true,
  }),
];

describe('summarizePortfolio', () => {
  const summary = summarizePortfolio(PORTFOLIO);

  it.each<[string, unknown]>([
    ['total', 8],
    ['lowScore', 4],
    ['headingToPurgatory', 4],
    ['stalled', 3],
    ['stalledMonthlyCost', 20000],
    ['decisionsDue', 2],
    ['decisionsOverdue', 1],
    ['recoveredMonthlyCost', 15000],
  ])('%s = %p', (field, value) => {
    expect(summary[field as keyof typeof summary]).toEqual(value);
  });

  it('counts by verdict and by phase', () => {
    expect(summary.byVerdict).toEqual({ 'not-assessed': 1, 'heading-to-purgatory': 4, 'real-production-potential': 3 });
    expect(summary.byPhase).toEqual({ pilot: 2, 'post-demo': 3, graduated: 1, closed: 0, paused: 1, killed: 1 });
  });

  it.each<[string, { done: number; of: number }]>([
    ['week1', { done: 5, of: 6 }],
    ['week2', { done: 1, of: 2 }],
    ['week3', { done: 2, of: 6 }],
    // Assessed pilots in flight (AI-2..AI-6) whose every reviewer has a conversation scheduled: AI-4 and AI-6.
    ['week4', { done: 2, of: 5 }],
  ])('intervention %s = %p', (week, step) => {
    expect(summary.intervention[week as keyof typeof summary.intervention]).toEqual(step);
  });

  it('an empty portfolio is all zeros', () => {
    const empty = summarizePortfolio([]);
    expect(empty).toMatchObject({ total: 0, lowScore: 0, stalled: 0, stalledMonthlyCost: 0, decisionsOverdue: 0 });
    expect(empty.intervention.week1).toEqual({ done: 0, of: 0 });
    expect(empty.byPhase).toEqual({ pilot: 0, 'post-demo': 0, graduated: 0, closed: 0, paused: 0, killed: 0 });
  });
});

describe('scoreDistribution', () => {
  it('counts assessed pilots per score 0..7 (a pilot never assessed has no score, not a 0)', () => {
    expect(scoreDistribution(PORTFOLIO)).toEqual([0, 1, 1, 2, 1, 1, 0, 1]);
  });

  it.each([-1, 8, 2.5])('refuses score %p', (score) => {
    expect(() => scoreDistribution([pilot('AI-9', { score })])).toThrow(RangeError);
  });
});

describe('scoreBands: one definition for the summary strip and the chart', () => {
  it("the summary's 0-3 count is the chart's low bars, and unassessed pilots are counted apart", () => {
    const bands = scoreBands(PORTFOLIO);
    const summary = summarizePortfolio(PORTFOLIO);
    expect(LOW_SCORE_MAX).toBe(3);
    expect(summary.lowScore).toBe(bands.low);
    expect(bands.distribution.slice(0, LOW_SCORE_MAX + 1).reduce((a, b) => a + b, 0)).toBe(summary.lowScore);
    expect(bands).toEqual({ distribution: scoreDistribution(PORTFOLIO), low: 4, high: 3, notAssessed: 1 });
    expect(bands.low + bands.high + bands.notAssessed).toBe(summary.total);
    expect(bands.notAssessed).toBe(summary.byVerdict['not-assessed']);
  });

  it('a portfolio of unassessed pilots charts nothing and scores nobody 0-3', () => {
    const fresh = [pilot('AI-20', {}), pilot('AI-21', {})];
    expect(scoreBands(fresh)).toEqual({ distribution: [0, 0, 0, 0, 0, 0, 0, 0], low: 0, high: 0, notAssessed: 2 });
    expect(summarizePortfolio(fresh).lowScore).toBe(0);
  });
});
