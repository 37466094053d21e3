import {
  DEFAULT_GATE,
  criterionIds,
  evaluateGate,
  isWaiverActive,
  validateWaiver,
  type GateCriteria,
  type GateFacts,
  type Waiver,
} from '../../src/core/gate';
import type { Diagnostic } from '../../src/core/pilot';
import { DEFAULT_TEMPLATE } from '../../src/core/workstreams';

const TODAY = '2026-03-10';
const NAMES = Object.fromEntries(DEFAULT_TEMPLATE.map((r) => [r.id, r.name]));

const FULL: GateCriteria = {
  minScore: 6,
  requiredYes: ['q1', 'q4'],
  requiredWorkstreamsDone: ['mlops', 'monitoring'],
  modelMetric: { name: 'accuracy', min: 0.9 },
  requireProductionOwner: true,
  requireProductionDate: true,
};

const FIVE_YES: Diagnostic = {
  q1: { answer: 'yes' },
  q2: { answer: 'yes' },
  q3: { answer: 'yes' },
  q4: { answer: 'no' },
  q5: { answer: 'yes' },
  q6: { answer: 'yes' },
};

function readyFacts(overrides: Partial<GateFacts> = {}): GateFacts {
  return {
    diagnostic: { ...FIVE_YES, q4: { answer: 'yes' } },
    workstreams: [
      { rowId: 'mlops', name: 'MLOps pipeline setup', state: 'done', dueDate: null },
      { rowId: 'monitoring', name: 'Monitoring & alerting setup', state: 'done', dueDate: null },
    ],
    modelMetric: { name: 'accuracy', value: 0.92 },
    productionOwner: 'acc-owner',
    productionDate: '2026-05-01',
    ...overrides,
  };
}

function waiver(criterion: string, expiresOn: string): Waiver {
  return {
    criterion,
    reason: 'Approved by CISO pending audit',
    expiresOn,
    byAccountId: 'acc-admin',
    grantedOn: '2026-03-01',
  };
}

describe('criterionIds', () => {
  it.each<[string, GateCriteria, string[]]>([
    ['default gate', DEFAULT_GATE, ['min-score', 'yes:q1', 'yes:q2', 'yes:q3', 'production-owner', 'production-date']],
    [
      'every kind',
      FULL,
      [
        'min-score',
        'yes:q1',
        'yes:q4',
        'workstream:mlops',
        'workstream:monitoring',
        'model-metric',
        'production-owner',
        'production-date',
      ],
    ],
    [
      'empty gate',
      {
        minScore: null,
        requiredYes: [],
        requiredWorkstreamsDone: [],
        modelMetric: null,
        requireProductionOwner: false,
        requireProductionDate: false,
      },
      [],
    ],
    [
      'duplicates listed once',
      { ...DEFAULT_GATE, requiredYes: ['q1', 'q1'] },
      ['min-score', 'yes:q1', 'production-owner', 'production-date'],
    ],
  ])('%s', (_name, criteria, ids) => {
    expect(criterionIds(criteria)).toEqual(ids);
  });
});

describe('evaluateGate', () => {
  it('passes when every criterion is met', () => {
    const result = evaluateGate(
      FULL,
      readyFacts({ diagnostic: { ...readyFacts().diagnostic, q7: { answer: 'yes' } } }),
      [],
      TODAY,
      NAMES,
    );
    expect(result.passed).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.criteria.map((c) => [c.id, c.met])).toEqual(criterionIds(FULL).map((id) => [id, true]));
  });

  it.each<[string, Partial<GateFacts>, string]>([
    [
      'score too low',
      { diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q6: { answer: 'no' } } },
      'Diagnostic score is 5; the gate needs at least 6',
    ],
    [
      'required question answered no',
      { diagnostic: { ...FIVE_YES, q1: { answer: 'no' }, q4: { answer: 'yes' }, q7: { answer: 'yes' } } },
      'Q1 Production owner must be answered yes (it is no)',
    ],
    [
      'required question unknown',
      { diagnostic: { ...FIVE_YES, q4: { answer: 'unknown' }, q7: { answer: 'yes' }, q6: { answer: 'yes' } } },
      'Q4 Production spec must be answered yes (it is unknown)',
    ],
    [
      'workstream in progress',
      {
        diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } },
        workstreams: [
          { rowId: 'mlops', name: 'MLOps pipeline setup', state: 'in-progress', dueDate: null },
          { rowId: 'monitoring', name: 'Monitoring & alerting setup', state: 'done', dueDate: null },
        ],
      },
      "Workstream 'MLOps pipeline setup' must be done (it is In Progress)",
    ],
    [
      'workstream missing',
      {
        diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } },
        workstreams: [{ rowId: 'mlops', name: 'MLOps pipeline setup', state: 'done', dueDate: null }],
      },
      "Workstream 'Monitoring & alerting setup' must be done (there is no such sub-task)",
    ],
    [
      'metric below threshold',
      {
        diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } },
        modelMetric: { name: 'accuracy', value: 0.82 },
      },
      'Model metric accuracy is 0.82; the gate needs at least 0.9',
    ],
    [
      'metric missing',
      { diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } }, modelMetric: null },
      'No model metric accuracy recorded; the gate needs at least 0.9',
    ],
    [
      'other metric recorded',
      {
        diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } },
        modelMetric: { name: 'recall', value: 0.99 },
      },
      'No model metric accuracy recorded; the gate needs at least 0.9',
    ],
    [
      'no production owner',
      { diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } }, productionOwner: null },
      'A production owner must be named',
    ],
    [
      'no production date',
      { diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } }, productionDate: null },
      'A production date must be set',
    ],
  ])('fails on %s, with its reason', (_name, overrides, reason) => {
    const result = evaluateGate(FULL, readyFacts(overrides), [], TODAY, NAMES);
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual([reason]);
  });

  it('names every failed criterion at once', () => {
    const facts: GateFacts = {
      diagnostic: {},
      workstreams: [],
      modelMetric: null,
      productionOwner: null,
      productionDate: null,
    };
    expect(evaluateGate(FULL, facts, [], TODAY, NAMES).failures).toEqual([
      'Diagnostic score is 0; the gate needs at least 6',
      'Q1 Production owner must be answered yes (it is unanswered)',
      'Q4 Production spec must be answered yes (it is unanswered)',
      "Workstream 'MLOps pipeline setup' must be done (there is no such sub-task)",
      "Workstream 'Monitoring & alerting setup' must be done (there is no such sub-task)",
      'No model metric accuracy recorded; the gate needs at least 0.9',
      'A production owner must be named',
      'A production date must be set',
    ]);
  });

  it('falls back to the sub-task name when no template names are given', () => {
    const facts = readyFacts({
      workstreams: [{ rowId: 'mlops', name: 'MLOps for fraud', state: 'todo', dueDate: null }],
    });
    const result = evaluateGate({ ...DEFAULT_GATE, requiredWorkstreamsDone: ['mlops'] }, facts, [], TODAY);
    expect(result.failures).toContain("Workstream 'MLOps for fraud' must be done (it is To Do)");
  });

  describe('waivers (expiring 2026-03-31)', () => {
    const noOwner = readyFacts({
      diagnostic: { ...FIVE_YES, q4: { answer: 'yes' }, q7: { answer: 'yes' } },
      productionOwner: null,
    });
    const ownerWaiver = waiver('production-owner', '2026-03-31');

    it.each<[string, string, boolean]>([
      ['well before expiry', '2026-03-10', true],
      ['on the expiry day itself', '2026-03-31', true],
      ['the day after expiry', '2026-04-01', false],
    ])('%s (%s): passed = %s', (_name, today, passed) => {
      const result = evaluateGate(FULL, noOwner, [ownerWaiver], today, NAMES);
      expect(result.passed).toBe(passed);
      const owner = result.criteria.find((c) => c.id === 'production-owner');
      expect(owner).toMatchObject({
        met: false,
        reason: 'A production owner must be named',
        waivedBy: passed ? ownerWaiver : null,
      });
      expect(result.failures).toEqual(passed ? [] : ['A production owner must be named']);
    });

    it('a waiver on another criterion does not help', () => {
      const result = evaluateGate(FULL, noOwner, [waiver('production-date', '2026-12-31')], TODAY, NAMES);
      expect(result.failures).toEqual(['A production owner must be named']);
    });

    it('a met criterion is reported met, not waived', () => {
      const result = evaluateGate(FULL, readyFacts(), [waiver('min-score', '2026-12-31')], TODAY, NAMES);
      expect(result.criteria.find((c) => c.id === 'min-score')).toMatchObject({
        met: true,
        waivedBy: null,
        reason: null,
      });
    });

    it.each<[string, string, boolean]>([
      ['2026-03-31', '2026-03-30', true],
      ['2026-03-31', '2026-03-31', true],
      ['2026-03-31', '2026-04-01', false],
    ])('isWaiverActive(expires %s, today %s) = %s', (expiresOn, today, active) => {
      expect(isWaiverActive(waiver('min-score', expiresOn), today)).toBe(active);
    });
  });
});

describe('validateWaiver', () => {
  it('accepts a complete waiver expiring today', () => {
    expect(
      validateWaiver(
        { criterion: 'yes:q2', reason: 'Steward approval pending', expiresOn: TODAY },
        DEFAULT_GATE,
        TODAY,
      ),
    ).toEqual({ ok: true });
  });

  it.each<[string, unknown, string[]]>([
    ['blank reason', { criterion: 'yes:q2', reason: '   ', expiresOn: '2026-04-01' }, ['reason']],
    ['missing reason', { criterion: 'yes:q2', expiresOn: '2026-04-01' }, ['reason']],
    ['expiry in the past', { criterion: 'yes:q2', reason: 'x', expiresOn: '2026-03-09' }, ['expiresOn']],
    ['expiry not a date', { criterion: 'yes:q2', reason: 'x', expiresOn: '2026-02-30' }, ['expiresOn']],
    ['expiry missing', { criterion: 'yes:q2', reason: 'x' }, ['expiresOn']],
    ['criterion not in this gate', { criterion: 'model-metric', reason: 'x', expiresOn: '2026-04-01' }, ['criterion']],
    ['reason too long', { criterion: 'yes:q2', reason: 'x'.repeat(2001), expiresOn: '2026-04-01' }, ['reason']],
    ['nothing given', {}, ['criterion', 'reason', 'expiresOn']],
    ['not an object', 'waive it', ['criterion', 'reason', 'expiresOn']],
  ])('refuses %s', (_name, input, fields) => {
    const result = validateWaiver(input, DEFAULT_GATE, TODAY);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(fields);
  });
});
