// The portfolio store's pure parts: the order keys every list pages by (the store and the JQL path share them),
// the filters, and project aggregates that add up to the numbers of the pilots they fold.
import {
  addSummaries,
  combineVariants,
  foldProject,
  foldVariant,
  type RowFacts,
} from '../../src/core/portfolio-aggregate';
import {
  orderRows,
  rankOf,
  rowMatches,
  sortKeysOf,
  stalledSinceOf,
  type OrderableRow,
  type RowFilterQuery,
} from '../../src/core/portfolio-rows';
import { summarizePortfolio, scoreDistribution, type PortfolioPilot } from '../../src/core/portfolio';
import type { StallStatus } from '../../src/core/stall';

const TODAY = '2026-12-02';
const ALL: RowFilterQuery = { list: 'all', sort: 'key', order: 'ASC', phase: null, verdict: null, text: '' };

function row(key: string, overrides: Partial<OrderableRow> = {}): OrderableRow {
  return {
    key,
    summary: `Pilot ${key}`,
    projectKey: key.split('-')[0]!,
    phase: 'post-demo',
    verdict: 'heading-to-purgatory',
    score: 2,
    monthlyRunCost: null,
    stalled: false,
    daysStalled: 0,
    daysSinceDemo: null,
    ...overrides,
  };
}

const CALM: StallStatus = {
  stalled: false,
  clockStart: null,
  daysOnClock: null,
  daysStalled: 0,
  reason: 'x',
  decisionDue: false,
  decisionOverdue: false,
  decisionDueSince: null,
};
function pilot(key: string, overrides: Partial<PortfolioPilot> = {}): PortfolioPilot {
  return {
    key,
    summary: key,
    phase: 'post-demo',
    score: 2,
    verdict: 'heading-to-purgatory',
    assessed: true,
    productionOwner: null,
    monthlyRunCost: 100,
    stall: CALM,
    gatePassed: false,
    dataAccessFiled: false,
    reviewHeld: false,
    recoveredMonthlyCost: 0,
    reviewers: { expected: 2, scheduled: 1, held: 0, cleared: 0 },
    ...overrides,
  };
}

describe('order keys', () => {
  it('ranks by project, then issue number as a number', () => {
    const keys = ['PAY-10', 'OPS-3', 'PAY-7', 'PAY-100'].map((k) => rankOf(k, k.split('-')[0]!)).sort();
    expect(keys).toEqual([
      rankOf('OPS-3', 'OPS'),
      rankOf('PAY-7', 'PAY'),
      rankOf('PAY-10', 'PAY'),
      rankOf('PAY-100', 'PAY'),
    ]);
  });

  it('puts the longest stalled first on the kill list and leaves the rest off it', () => {
    const rows = [
      row('PAY-1', { stalled: true, daysStalled: 5 }),
      row('PAY-2'),
      row('PAY-3', { stalled: true, daysStalled: 40 }),
    ];
    expect(orderRows(rows, { ...ALL, list: 'kill' }, TODAY).map((r) => r.key)).toEqual(['PAY-3', 'PAY-1']);
    expect(stalledSinceOf(rows[2]!, TODAY)).toBe('2026-10-23');
    expect(sortKeysOf(rows[1]!, TODAY).stallKey.startsWith('N:')).toBe(true);
  });

  it('sorts by score, cost and days since demo in both orders, ties by key', () => {
    const rows = [
      row('PAY-2', { score: 5, monthlyRunCost: 10.5, daysSinceDemo: 3 }),
      row('PAY-1', { score: 5, monthlyRunCost: 2000, daysSinceDemo: 100 }),
      row('OPS-9', { score: 1, monthlyRunCost: null, daysSinceDemo: null }),
    ];
    expect(orderRows(rows, { ...ALL, sort: 'score' }, TODAY).map((r) => r.key)).toEqual(['OPS-9', 'PAY-1', 'PAY-2']);
    expect(orderRows(rows, { ...ALL, sort: 'score', order: 'DESC' }, TODAY).map((r) => r.key)).toEqual([
      'PAY-2',
      'PAY-1',
      'OPS-9',
    ]);
    expect(orderRows(rows, { ...ALL, sort: 'monthlyRunCost', order: 'DESC' }, TODAY).map((r) => r.key)).toEqual([
      'PAY-1',
      'PAY-2',
      'OPS-9',
    ]);
    expect(orderRows(rows, { ...ALL, sort: 'daysSinceDemo', order: 'DESC' }, TODAY).map((r) => r.key)).toEqual([
      'PAY-1',
      'PAY-2',
      'OPS-9',
    ]);
  });

  it('filters by phase, verdict and text in key or summary, ignoring case; unreadable rows only unfiltered', () => {
    const unreadable = row('PAY-4', { unreadable: 'broken' });
    expect(rowMatches(row('PAY-1', { summary: 'Invoice Copilot' }), { ...ALL, text: '  copilot ' })).toBe(true);
    expect(rowMatches(row('PAY-1'), { ...ALL, text: 'pay-1' })).toBe(true);
    expect(rowMatches(row('PAY-1'), { ...ALL, phase: 'paused' })).toBe(false);
    expect(rowMatches(row('PAY-1'), { ...ALL, verdict: 'heading-to-purgatory' })).toBe(true);
    expect(rowMatches(unreadable, ALL)).toBe(true);
    expect(rowMatches(unreadable, { ...ALL, phase: 'post-demo' })).toBe(false);
  });
});

describe('project aggregates', () => {
  const stalled: StallStatus = { ...CALM, stalled: true, daysStalled: 12, decisionDue: true };
  const facts: RowFacts[] = [
    { pilot: pilot('PAY-1', { stall: stalled, monthlyRunCost: 300 }), graduation: null },
    {
      pilot: pilot('PAY-2', { verdict: 'real-production-potential', score: 6, phase: 'graduated' }),
      graduation: { key: 'PAY-2', projectKey: 'PAY', demoDate: '2026-01-01', graduatedOn: '2026-03-01' },
    },
    { pilot: null, graduation: null },
  ];

  it('folds with the same summary the JQL path computes, per pilot filter', () => {
    const pilots = facts.flatMap((f) => (f.pilot ? [f.pilot] : []));
    const folded = foldProject({ projectId: '1', projectKey: 'PAY', thresholdDays: 90 }, facts, TODAY);
    expect(folded.variants.all.summary).toEqual(summarizePortfolio(pilots));
    expect(folded.variants.all.distribution).toEqual(scoreDistribution(pilots));
    expect(folded.variants.all.rows).toBe(3);
    expect(folded.variants.stalled.summary.total).toBe(1);
    expect(folded.variants.stalled.summary.stalledMonthlyCost).toBe(300);
    expect(folded.variants.purgatory.summary.total).toBe(1);
    expect(folded.variants.all.graduations.map((g) => g.key)).toEqual(['PAY-2']);
    expect(folded.variants.stalled.graduations).toEqual([]);
  });

  it('adds projects up to the numbers of all their pilots together', () => {
    const other: RowFacts[] = [
      {
        pilot: pilot('OPS-1', {
          stall: stalled,
          recoveredMonthlyCost: 50,
          reviewers: { expected: 1, scheduled: 1, held: 0, cleared: 0 },
        }),
        graduation: null,
      },
    ];
    const together = combineVariants([foldVariant(facts, 'all'), foldVariant(other, 'all')]);
    const everyone = [...facts, ...other].flatMap((f) => (f.pilot ? [f.pilot] : []));
    expect(together.summary).toEqual(summarizePortfolio(everyone));
    expect(together.distribution).toEqual(scoreDistribution(everyone));
    expect(together.rows).toBe(4);
    expect(addSummaries(summarizePortfolio([]), summarizePortfolio(everyone))).toEqual(summarizePortfolio(everyone));
  });
});
