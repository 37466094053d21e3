// Production criteria (validation naming every field), the gate criterion over them, Q4's evidence from the
// pathway page, the page's document, and stored records from before the criteria still reading as "none yet".
import { decodeRecord } from '../../src/adapters/pilot-record.codec';
import { checkEvidence, type EvidenceFacts } from '../../src/core/evidence';
import { DEFAULT_GATE, evaluateGate, type GateFacts } from '../../src/core/gate';
import {
  pathwayDocument,
  singlePilotMacroConfig,
  suggestedPathwayTitle,
  type PathwayFacts,
} from '../../src/core/pathway-document';
import { emptyPilot } from '../../src/core/pilot';
import {
  definedBeforeDemo,
  validateProductionCriteria,
  type ProductionCriteria,
} from '../../src/core/production-criteria';
import { DEFAULT_TEMPLATE } from '../../src/core/workstreams';
import { gateCriteriaSchema, productionCriteriaDraftSchema } from '../../src/contract/schemas';

const GOOD = {
  latencyP95Ms: 250,
  availabilityPercent: 99.9,
  dataSources: ['Ledger'],
  regulatoryFrameworks: ['None'],
  rollbackPlan: 'Flag off',
  monitoring: 'Pager',
};
const CRITERIA: ProductionCriteria = { ...GOOD, definedOn: '2026-02-01', byAccountId: 'u-1' };

describe('validateProductionCriteria', () => {
  it.each([
    ['latency missing', { latencyP95Ms: null }, 'latencyP95Ms', /Give the latency target/],
    ['latency zero', { latencyP95Ms: 0 }, 'latencyP95Ms', /more than 0/],
    ['latency not a number', { latencyP95Ms: 'fast' }, 'latencyP95Ms', /must be a number/],
    ['latency above ten minutes', { latencyP95Ms: 600_001 }, 'latencyP95Ms', /at most 600000/],
    ['availability above 100', { availabilityPercent: 100.5 }, 'availabilityPercent', /at most 100/],
    ['availability at 50', { availabilityPercent: 50 }, 'availabilityPercent', /more than 50/],
    ['no data source', { dataSources: [] }, 'dataSources', /at least one data source/],
    ['blank data sources only', { dataSources: [' ', '\u200b'] }, 'dataSources', /at least one data source/],
    ['data sources not a list', { dataSources: 'Ledger' }, 'dataSources', /at least one data source/],
    [
      'too many frameworks',
      { regulatoryFrameworks: Array.from({ length: 21 }, (_, i) => `F${i}`) },
      'regulatoryFrameworks',
      /at most 20/,
    ],
    ['an overlong entry', { dataSources: ['ok', 'x'.repeat(201)] }, 'dataSources.1', /Entry 2/],
    ['no frameworks', { regulatoryFrameworks: [] }, 'regulatoryFrameworks', /write "None"/],
    ['blank rollback', { rollbackPlan: '   ' }, 'rollbackPlan', /rolled back/],
    ['missing monitoring', { monitoring: undefined }, 'monitoring', /monitored/],
  ])('%s is refused on its field', (_name, patch, field, message) => {
    const result = validateProductionCriteria({ ...GOOD, ...patch });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toEqual({ field, message: expect.stringMatching(message) });
  });

  it('names every bad field at once', () => {
    const result = validateProductionCriteria({});
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.field)).toEqual([
        'latencyP95Ms',
        'availabilityPercent',
        'dataSources',
        'regulatoryFrameworks',
        'rollbackPlan',
        'monitoring',
      ]);
  });

  it('accepts numbers typed as text, trims and de-duplicates lists', () => {
    const result = validateProductionCriteria({
      ...GOOD,
      latencyP95Ms: ' 120 ',
      dataSources: [' Ledger ', 'Ledger', 'Cards'],
    });
    expect(result).toEqual({ ok: true, values: { ...GOOD, latencyP95Ms: 120, dataSources: ['Ledger', 'Cards'] } });
  });

  it('the contract refuses unknown fields by name', () => {
    const parsed = productionCriteriaDraftSchema.safeParse({ ...GOOD, owner: 'x' });
    expect(parsed.success).toBe(false);
  });

  it.each([
    ['2026-02-01', '2026-02-20', true],
    ['2026-02-20', '2026-02-20', true],
    ['2026-03-01', '2026-02-20', false],
    ['2026-03-01', null, null],
  ])('defined on %s, demo %s: before the demo = %s', (definedOn, demo, expected) => {
    expect(definedBeforeDemo({ ...CRITERIA, definedOn }, demo)).toBe(expected);
  });
});

describe('gate criterion "production criteria defined"', () => {
  const facts = (criteria: ProductionCriteria | null): GateFacts => ({
    diagnostic: {},
    workstreams: [],
    modelMetric: null,
    productionOwner: null,
    productionDate: null,
    productionCriteria: criteria,
  });
  const only = {
    minScore: null,
    requiredYes: [],
    requiredWorkstreamsDone: [],
    modelMetric: null,
    requireProductionOwner: false,
    requireProductionDate: false,
  };

  it('is off by default, so existing gates do not change, and stored gates without it read as off', () => {
    expect(DEFAULT_GATE.requireProductionCriteria).toBe(false);
    expect(evaluateGate(DEFAULT_GATE, facts(null), [], '2026-03-01').criteria.map((c) => c.id)).not.toContain(
      'production-criteria',
    );
    expect(gateCriteriaSchema.parse(only).requireProductionCriteria).toBe(false);
  });

  it.each([
    [null, false],
    [CRITERIA, true],
  ])('criteria %j: met = %s', (criteria, met) => {
    const result = evaluateGate({ ...only, requireProductionCriteria: true }, facts(criteria), [], '2026-03-01');
    expect(result.criteria).toEqual([
      expect.objectContaining({ id: 'production-criteria', label: 'Production criteria defined', met }),
    ]);
    expect(result.passed).toBe(met);
  });

  it('can be waived like any other criterion', () => {
    const waiver = {
      criterion: 'production-criteria',
      reason: 'Internal tool',
      expiresOn: '2026-04-01',
      byAccountId: 'u-a',
      grantedOn: '2026-03-01',
    };
    expect(evaluateGate({ ...only, requireProductionCriteria: true }, facts(null), [waiver], '2026-03-01').passed).toBe(
      true,
    );
  });
});

describe('Q4 evidence', () => {
  const base: EvidenceFacts = {
    productionOwner: null,
    workstreams: [],
    template: DEFAULT_TEMPLATE,
    productionDate: null,
    productionSpecLinked: false,
    phase: 'post-demo',
    reviewers: null,
  };
  it.each([
    [{}, false, /no production spec is linked/],
    [
      { pathwayPage: { title: 'PAY-1 pathway', url: 'https://x/wiki/p/1' } },
      true,
      /the production pathway page "PAY-1 pathway" is linked \(https:\/\/x\/wiki\/p\/1\)/,
    ],
    [{ productionSpecLinked: true }, true, /a production spec is linked/],
  ])('%j', (patch, supported, evidence) => {
    const q4 = checkEvidence({ q4: { answer: 'yes' } }, { ...base, ...patch }, '2026-03-01').perQuestion.find(
      (q) => q.questionId === 'q4',
    )!;
    expect(q4.supported).toBe(supported);
    expect(q4.evidence).toMatch(evidence);
  });
});

describe('pathway document', () => {
  const facts = (patch: Partial<PathwayFacts> = {}): PathwayFacts => ({
    issueKey: 'PAY-7',
    issueUrl: 'https://site/browse/PAY-7',
    summary: 'Fraud',
    pilot: {
      ...emptyPilot(),
      diagnostic: { q1: { answer: 'yes', note: 'Priya owns it' } },
      people: { productionOwner: 'u-p', dataScienceLead: null, businessOwner: null },
    },
    evidence: [{ questionId: 'q1', supported: true, evidence: 'a production owner is set' }],
    criteria: CRITERIA,
    workstreams: [
      {
        name: 'Data access requests',
        ownerTeam: 'Production pathway team',
        issueKey: 'PAY-8',
        state: 'in-progress',
        startDate: '2026-01-05',
        dueDate: null,
      },
    ],
    reviewers: null,
    names: { 'u-p': 'Priya' },
    macro: {
      extensionKey: 'app/env/static/pilot-portfolio',
      title: 'AI pilot portfolio',
      localId: 'l-1',
      config: singlePilotMacroConfig('PAY', 'PAY-7'),
    },
    ...patch,
  });
  const words = (doc: unknown) => JSON.stringify(doc);

  it('carries the facts, and the macro as a Forge extension node narrowed to the pilot', () => {
    const doc = pathwayDocument(facts()) as {
      type: string;
      content: Array<{ type: string; attrs?: Record<string, unknown> }>;
    };
    expect(doc.type).toBe('doc');
    for (const text of [
      'Priya owns it',
      'a production owner is set',
      '250 ms',
      '99.9%',
      'Flag off',
      'PAY-8',
      '2026-01-05',
      'In progress',
      'Production owner: Priya',
    ])
      expect(words(doc)).toContain(text);
    const ext = doc.content.at(-1)!;
    expect(ext).toEqual({
      type: 'extension',
      attrs: {
        extensionType: 'com.atlassian.ecosystem',
        extensionKey: 'app/env/static/pilot-portfolio',
        parameters: {
          localId: 'l-1',
          extensionId: 'ari:cloud:ecosystem::extension/app/env/static/pilot-portfolio',
          extensionTitle: 'AI pilot portfolio',
          guestParams: { projectKeys: ['PAY'], jql: 'key = PAY-7', pilots: 'all', sort: 'key' },
        },
        layout: 'default',
        localId: 'l-1',
      },
    });
  });

  it('says the criteria are missing instead of leaving a blank; the approval chain lists each reviewer with its state and open blockers', () => {
    expect(words(pathwayDocument(facts({ criteria: null })))).toContain('Not defined yet.');
    expect(words(pathwayDocument(facts({ reviewers: null })))).toContain('could not be read');
    const chain = words(
      pathwayDocument(
        facts({
          reviewers: [
            {
              name: 'Security',
              state: 'blockers-listed',
              conversationDate: '2026-03-02',
              blockers: [
                { text: 'Pen test', done: false },
                { text: 'DPIA', done: true },
              ],
            },
            { name: 'Legal', state: 'not-contacted', conversationDate: null, blockers: [] },
          ],
        }),
      ),
    );
    expect(chain).toContain(
      'Security: Blockers listed (conversation 2026-03-02); blockers: 1 of 2 done (open: Pen test)',
    );
    expect(chain).toContain('Legal: Not contacted');
  });

  it('never writes an empty text node (ADF refuses them)', () => {
    const doc = pathwayDocument(
      facts({ pilot: { ...emptyPilot(), diagnostic: { q2: { answer: 'no', note: '', evidenceUrl: 'https://e' } } } }),
    );
    expect(words(doc)).not.toMatch(/"text":""/);
  });

  it('writes no control characters (XML, which Confluence stores pages in, has no place for them), and no text node they alone made', () => {
    const doc = pathwayDocument(
      facts({
        summary: 'Fraud\u0000 model\u0007',
        criteria: { ...CRITERIA, rollbackPlan: 'Flag\u001b[31m off\nthen redeploy', dataSources: ['\u0008'] },
        reviewers: [
          {
            name: 'Security',
            state: 'blockers-listed',
            conversationDate: '2026-03-02',
            blockers: [{ text: 'Pen\u0001 test', done: false }],
          },
        ],
      }),
    );
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const n = node as { type?: string; text?: string };
      if (n.type === 'text') texts.push(n.text ?? '');
      Object.values(node).forEach(walk);
    };
    walk(doc);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(texts.filter((t) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t))).toEqual([]);
    expect(texts.filter((t) => t === '')).toEqual([]);
    expect(texts).toContain('PAY-7 Fraud model');
    expect(texts).toContain('Flag[31m off\nthen redeploy');
    expect(texts.join(' ')).toContain('Pen test');
  });

  it("suggests a title within Confluence's 255 characters", () => {
    expect(suggestedPathwayTitle('PAY-7', 'x'.repeat(400))).toHaveLength(255);
  });
});

describe('stored records', () => {
  it('a record written before the criteria existed reads with none and no page', () => {
    const decoded = decodeRecord({ schemaVersion: 2, version: 3, pilot: { phase: 'pilot' } });
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect([decoded.record.productionCriteria, decoded.record.pathwayPage]).toEqual([null, null]);
  });

  it('a stored page link and criteria read back as they were', () => {
    const pathwayPage = {
      pageId: '1',
      spaceId: '2',
      spaceKey: 'S',
      title: 'T',
      url: 'https://u',
      createdAt: '2026-01-01T00:00:00.000Z',
      byAccountId: 'u',
    };
    const decoded = decodeRecord({
      schemaVersion: 2,
      version: 3,
      pilot: { phase: 'pilot' },
      productionCriteria: CRITERIA,
      pathwayPage,
    });
    expect(decoded.ok && decoded.record.pathwayPage).toEqual(pathwayPage);
    expect(decoded.ok && decoded.record.productionCriteria).toEqual(CRITERIA);
  });

  it('malformed criteria make the record unreadable with the field named, not a crash later', () => {
    const decoded = decodeRecord({
      schemaVersion: 2,
      version: 3,
      pilot: { phase: 'pilot' },
      productionCriteria: { latencyP95Ms: 'fast' },
    });
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(/^productionCriteria\.latencyP95Ms/);
  });
});
