// The method's one next step, in the method's order, from a real assessment (the same one the panel shows);
// and the 30-day intervention week by week from the portfolio summary.
import { assessPilot } from '../../src/core/assessment';
import { interventionWeeks, nextStep } from '../../src/core/coaching';
import { DEFAULT_GATE } from '../../src/core/gate';
import { emptyPilot, type Pilot } from '../../src/core/pilot';
import { summarizePortfolio, type PortfolioPilot } from '../../src/core/portfolio';
import { DEFAULT_STALL_RULE } from '../../src/core/stall';
import { DEFAULT_TEMPLATE } from '../../src/core/workstreams';

const TODAY = '2026-06-01';
const answers = (letters: string) =>
  Object.fromEntries(
    [...letters].map((c, i) => [`q${i + 1}`, { answer: c === 'y' ? 'yes' : c === 'n' ? 'no' : 'unknown' }]),
  ) as Pilot['diagnostic'];

function step(overrides: Partial<Pilot>, issueDone = false) {
  const pilot: Pilot = { ...emptyPilot(), pilotStart: '2026-01-05', ...overrides };
  const a = assessPilot(
    { pilot, waivers: [], productionSpecLinked: false, workstreams: [], issueDone, reviewers: null },
    { template: DEFAULT_TEMPLATE, gate: DEFAULT_GATE, stallRule: DEFAULT_STALL_RULE },
    TODAY,
  );
  return nextStep(a, pilot.diagnostic, Boolean(pilot.people.productionOwner));
}

const owner = { productionOwner: 'u-priya', dataScienceLead: null, businessOwner: null };

describe('nextStep follows the method in order', () => {
  it.each<[string, Partial<Pilot>, string, RegExp]>([
    ['not assessed: week 1 audit', {}, 'week-1-audit', /seven-question diagnostic/],
    [
      'stalled past 90 days: the review decision',
      { demoDate: '2026-01-10', diagnostic: answers('nnnnnnn') },
      'review-decision',
      /accelerate .* pause .* kill/,
    ],
    [
      'scores 4+ without an owner: week 2',
      { diagnostic: answers('nyyyynn') },
      'week-2-owner',
      /production pathway owner today/,
    ],
    [
      'owner but no data access: week 3',
      { diagnostic: answers('ynyyyyy'), people: owner },
      'week-3-data-access',
      /data access requests/,
    ],
    [
      'owner, data access, no security: week 4',
      { diagnostic: answers('yynyyyy'), people: owner },
      'week-4-review-conversations',
      /security, compliance, legal and infrastructure/,
    ],
    ['killed: nothing open', { phase: 'killed', diagnostic: answers('yyyyyyy') }, 'closed', /killed/],
  ])('%s', (_name, pilot, basis, text) => {
    const s = step(pilot);
    expect(s.basis).toBe(basis);
    expect(s.text).toMatch(text);
  });

  it('after the intervention steps, names the first unmet gate criterion word for word', () => {
    const pilot: Partial<Pilot> = { diagnostic: answers('yyyyyyy'), people: owner };
    const a = assessPilot(
      {
        pilot: { ...emptyPilot(), ...pilot },
        waivers: [],
        productionSpecLinked: false,
        workstreams: [],
        issueDone: false,
        reviewers: null,
      },
      { template: DEFAULT_TEMPLATE, gate: DEFAULT_GATE, stallRule: DEFAULT_STALL_RULE },
      TODAY,
    );
    const s = step(pilot);
    // The default gate needs a production date, which this pilot lacks.
    expect(a.gate.failures.length).toBeGreaterThan(0);
    expect(s).toEqual({ basis: 'gate', text: `Meet the graduation gate: ${a.gate.failures[0]}` });
  });
});

describe('interventionWeeks', () => {
  const stall = {
    stalled: false,
    clockStart: null,
    daysOnClock: null,
    daysStalled: 0,
    reason: '',
    decisionDue: false,
    decisionOverdue: false,
    decisionDueSince: null,
  };
  const p = (o: Partial<PortfolioPilot>): PortfolioPilot => ({
    key: 'X-1',
    summary: 's',
    phase: 'pilot',
    score: 0,
    verdict: 'not-assessed',
    assessed: false,
    productionOwner: null,
    monthlyRunCost: null,
    stall,
    gatePassed: false,
    dataAccessFiled: false,
    reviewHeld: false,
    recoveredMonthlyCost: 0,
    reviewers: { expected: 5, scheduled: 0, held: 0, cleared: 0 },
    ...o,
  });

  it('reports each week done of applicable, and the first week not complete as current', () => {
    const summary = summarizePortfolio([
      p({ assessed: true, score: 5, verdict: 'real-production-potential' }),
      p({ key: 'X-2', assessed: true, score: 2, verdict: 'heading-to-purgatory' }),
    ]);
    const { weeks, current } = interventionWeeks(summary);
    expect(weeks.map((w) => [w.week, w.done, w.of, w.complete])).toEqual([
      [1, 2, 2, true],
      [2, 0, 1, false],
      [3, 0, 2, false],
      [4, 0, 2, false],
    ]);
    expect(current).toBe(2);
  });
});
