import type { Milestones } from '../../src/core/pilot';
import {
  DEFAULT_TEMPLATE,
  dueDateChanges,
  planWorkstreams,
  type WorkstreamTemplateRow,
} from '../../src/core/workstreams';

const MILESTONES: Milestones = {
  demoSignOff: '2026-03-02',
  integrationTesting: '2026-04-06',
  loadTesting: '2026-04-20',
  productionDeployment: '2026-05-04',
  productionGoLive: '2026-05-11',
  // userRollout unknown
};

describe('DEFAULT_TEMPLATE', () => {
  it('is the seed timeline table, in order', () => {
    expect(
      DEFAULT_TEMPLATE.map((r) => [r.id, r.name, r.ownerTeam, r.startWeek, r.mustCompleteBefore, r.evidenceRole]),
    ).toEqual([
      ['model-dev', 'Model development & validation', 'Data science team', 1, 'demoSignOff', 'model'],
      ['data-access', 'Data access requests', 'Production pathway team', 1, 'productionDeployment', 'data-access'],
      [
        'security',
        'Security & compliance engagement',
        'Production pathway team',
        1,
        'productionDeployment',
        'security',
      ],
      [
        'infra',
        'Infrastructure spec & provisioning',
        'Production pathway team',
        2,
        'integrationTesting',
        'infrastructure',
      ],
      [
        'integration',
        'Legacy system integration design',
        'Production pathway team',
        2,
        'integrationTesting',
        'integration',
      ],
      ['mlops', 'MLOps pipeline setup', 'Production pathway team', 3, 'loadTesting', 'mlops'],
      ['change-mgmt', 'Business change management', 'Business owner + PM', 2, 'userRollout', 'change-management'],
      ['monitoring', 'Monitoring & alerting setup', 'Production pathway team', 4, 'productionGoLive', 'monitoring'],
    ]);
  });
});

describe('planWorkstreams from pilot start 2026-01-05', () => {
  const plan = planWorkstreams(DEFAULT_TEMPLATE, '2026-01-05', MILESTONES);

  it.each<[string, string, string | null, string]>([
    ['model-dev', '2026-01-05', '2026-03-02', 'Data science team'],
    ['data-access', '2026-01-05', '2026-05-04', 'Production pathway team'],
    ['security', '2026-01-05', '2026-05-04', 'Production pathway team'],
    ['infra', '2026-01-12', '2026-04-06', 'Production pathway team'],
    ['integration', '2026-01-12', '2026-04-06', 'Production pathway team'],
    ['mlops', '2026-01-19', '2026-04-20', 'Production pathway team'],
    ['change-mgmt', '2026-01-12', null, 'Business owner + PM'],
    ['monitoring', '2026-01-26', '2026-05-11', 'Production pathway team'],
  ])('%s starts %s, due %s, owned by %s', (rowId, start, due, owner) => {
    const row = plan.find((p) => p.rowId === rowId);
    expect(row).toMatchObject({ startDate: start, dueDate: due, ownerTeam: owner });
  });

  it('plans one sub-task per row, named as the template', () => {
    expect(plan.map((p) => p.name)).toEqual(DEFAULT_TEMPLATE.map((r) => r.name));
  });

  it('leaves every due date empty when no milestone is known', () => {
    expect(planWorkstreams(DEFAULT_TEMPLATE, '2026-01-05', {}).map((p) => p.dueDate)).toEqual(Array(8).fill(null));
  });

  it.each<[string, string, number, string]>([
    ['crosses a month end', '2026-01-28', 2, '2026-02-04'],
    ['crosses a leap day', '2028-02-26', 2, '2028-03-04'],
    ['crosses a year end', '2026-12-30', 3, '2027-01-13'],
    ['week 10', '2026-01-05', 10, '2026-03-09'],
  ])('%s: %s week %i → %s', (_name, start, week, expected) => {
    const row: WorkstreamTemplateRow = { ...DEFAULT_TEMPLATE[0]!, startWeek: week };
    expect(planWorkstreams([row], start, {})[0]?.startDate).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses start week %p', (week) => {
    const row: WorkstreamTemplateRow = { ...DEFAULT_TEMPLATE[0]!, startWeek: week };
    expect(() => planWorkstreams([row], '2026-01-05', {})).toThrow(RangeError);
  });

  it('refuses a pilot start that is not a date', () => {
    expect(() => planWorkstreams(DEFAULT_TEMPLATE, '2026-02-30', {})).toThrow(RangeError);
  });
});

describe('dueDateChanges', () => {
  const existing = planWorkstreams(DEFAULT_TEMPLATE, '2026-01-05', MILESTONES).map((p) => ({
    rowId: p.rowId,
    dueDate: p.dueDate,
  }));

  it.each<[string, Milestones, { rowId: string; from: string | null; to: string | null }[]]>([
    ['nothing changed', MILESTONES, []],
    [
      'production deployment slips',
      { ...MILESTONES, productionDeployment: '2026-06-01' },
      [
        { rowId: 'data-access', from: '2026-05-04', to: '2026-06-01' },
        { rowId: 'security', from: '2026-05-04', to: '2026-06-01' },
      ],
    ],
    [
      'user rollout becomes known',
      { ...MILESTONES, userRollout: '2026-06-15' },
      [{ rowId: 'change-mgmt', from: null, to: '2026-06-15' }],
    ],
    [
      'load testing cleared',
      { ...MILESTONES, loadTesting: undefined },
      [{ rowId: 'mlops', from: '2026-04-20', to: null }],
    ],
  ])('%s', (_name, milestones, expected) => {
    expect(dueDateChanges(existing, DEFAULT_TEMPLATE, milestones)).toEqual(expected);
  });

  it('ignores sub-tasks whose row is no longer in the template', () => {
    expect(dueDateChanges([{ rowId: 'retired-row', dueDate: '2026-01-01' }], DEFAULT_TEMPLATE, MILESTONES)).toEqual([]);
  });
});
