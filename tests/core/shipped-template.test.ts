import {
  deriveShippedTemplate,
  milestoneReached,
  pilotWeek,
  rowIdFor,
  templateDiff,
  type ShippedWorkstream,
} from '../../src/core/shipped-template';
import { DEFAULT_TEMPLATE, type WorkstreamTemplateRow } from '../../src/core/workstreams';
import type { Milestones } from '../../src/core/pilot';

const START = '2026-01-05'; // a Monday: week 1 is 01-05..01-11
const MILESTONES: Milestones = {
  demoSignOff: '2026-02-16',
  integrationTesting: '2026-03-16',
  loadTesting: '2026-03-30',
  productionDeployment: '2026-04-13',
  productionGoLive: '2026-04-20',
};

describe('pilotWeek', () => {
  it.each<[string, number]>([
    ['2026-01-05', 1],
    ['2026-01-11', 1],
    ['2026-01-12', 2],
    ['2026-02-16', 7],
    ['2025-12-20', 1], // begun before the pilot started: week 1
  ])('%s is week %i', (day, week) => expect(pilotWeek(START, day)).toBe(week));
});

describe('milestoneReached', () => {
  it.each<[string, string | null]>([
    ['2026-02-16', 'demoSignOff'], // on the day counts
    ['2026-02-17', 'integrationTesting'],
    ['2026-04-14', 'productionGoLive'],
    ['2026-05-01', null], // after every dated milestone
  ])('done %s → %s', (day, key) => expect(milestoneReached(MILESTONES, day)).toBe(key));
});

describe('rowIdFor', () => {
  it.each<[string, string[], string]>([
    ['Vendor risk review', [], 'vendor-risk-review'],
    ['Vendor risk review', ['vendor-risk-review'], 'vendor-risk-review-2'],
    ['Vendor risk review', ['vendor-risk-review', 'vendor-risk-review-2'], 'vendor-risk-review-3'],
    ['***', [], 'workstream'],
    ['A'.repeat(80), [], 'a'.repeat(34)],
  ])('%s with %j taken → %s', (name, taken, id) => {
    const out = rowIdFor(name, new Set(taken));
    expect(out).toBe(id);
    expect(out).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
  });
});

const ws = (
  rowId: string | null,
  name: string,
  startedOn: string | null,
  doneOn: string | null,
  assignee: string | null = null,
): ShippedWorkstream => ({ rowId, name, startedOn, doneOn, assignee });

describe('deriveShippedTemplate', () => {
  const template = DEFAULT_TEMPLATE.slice(0, 3); // model-dev (w1, demo), data-access (w1, deploy), security (w1, deploy)

  it('takes the real start week and the first milestone the work was done by; keeps names, roles and evidence', () => {
    const out = deriveShippedTemplate(template, {
      pilotStart: START,
      milestones: MILESTONES,
      workstreams: [
        ws('model-dev', 'Model dev (renamed in Jira)', '2026-01-06', '2026-02-10'),
        ws('data-access', 'Data access', '2026-01-20', '2026-03-20'),
        ws('security', 'Security', '2026-02-02', null),
      ],
    });
    expect(out.rows.map((r) => [r.id, r.name, r.startWeek, r.mustCompleteBefore, r.ownerTeam, r.evidenceRole])).toEqual(
      [
        ['model-dev', 'Model development & validation', 1, 'demoSignOff', 'Data science team', 'model'],
        ['data-access', 'Data access requests', 3, 'loadTesting', 'Production pathway team', 'data-access'],
        // not done: keeps its milestone
        [
          'security',
          'Security & compliance engagement',
          5,
          'productionDeployment',
          'Production pathway team',
          'security',
        ],
      ],
    );
    expect(out.observed.map((o) => [o.rowId, o.startWeek, o.doneWeek])).toEqual([
      ['model-dev', 1, 6],
      ['data-access', 3, 11],
      ['security', 5, null],
    ]);
    expect(out.left).toEqual([]);
  });

  it('adds a sub-task the team created as a new row owned by its assignee, and leaves out work never started', () => {
    const out = deriveShippedTemplate(template, {
      pilotStart: START,
      milestones: MILESTONES,
      workstreams: [
        ws(null, 'Model development & validation', '2026-01-12', '2026-04-01', 'Priya Production'),
        ws('security', 'Security', null, null),
        ws('model-dev', 'Model', '2026-01-05', null),
      ],
    });
    expect(out.rows.map((r) => [r.id, r.startWeek, r.mustCompleteBefore, r.ownerTeam, r.evidenceRole])).toEqual([
      ['model-dev', 1, 'demoSignOff', 'Data science team', 'model'],
      ['model-development-validation', 2, 'productionDeployment', 'Priya Production', null],
    ]);
    expect(out.left).toEqual([{ name: 'Security', reason: 'never started before the pilot graduated' }]);
  });

  it.each<[string, ShippedWorkstream[], string[]]>([
    [
      'a second sub-task for one row',
      [ws('security', 'S1', '2026-01-05', null), ws('security', 'S2', '2026-01-05', null)],
      ['a second sub-task for the same template row'],
    ],
    [
      'work started past week 104',
      [ws('security', 'S1', '2028-06-01', null)],
      ['started in week 126; templates run to week 104'],
    ],
  ])('leaves out %s, saying why', (_label, workstreams, reasons) => {
    const out = deriveShippedTemplate(template, { pilotStart: START, milestones: MILESTONES, workstreams });
    expect(out.left.map((l) => l.reason)).toEqual(reasons);
  });

  it('a new row without assignee or milestone gets a stated owner and go-live', () => {
    const out = deriveShippedTemplate([], {
      pilotStart: START,
      milestones: {},
      workstreams: [ws(null, 'Runbook', '2026-01-05', '2026-06-01')],
    });
    expect(out.rows).toEqual([
      {
        id: 'runbook',
        name: 'Runbook',
        ownerTeam: 'Owner not recorded',
        startWeek: 1,
        mustCompleteBefore: 'productionGoLive',
        evidenceRole: null,
      },
    ]);
  });
});

describe('templateDiff', () => {
  const row = (id: string, startWeek: number, extra: Partial<WorkstreamTemplateRow> = {}): WorkstreamTemplateRow => ({
    id,
    name: id.toUpperCase(),
    ownerTeam: 'Team',
    startWeek,
    mustCompleteBefore: 'productionGoLive',
    evidenceRole: null,
    ...extra,
  });

  it.each<[string, WorkstreamTemplateRow[], WorkstreamTemplateRow[], Array<[string, string, boolean, string[]]>]>([
    ['nothing changed', [row('a', 1)], [row('a', 1)], [['a', 'unchanged', false, []]]],
    [
      'a row added',
      [row('a', 1)],
      [row('a', 1), row('b', 3)],
      [
        ['a', 'unchanged', false, []],
        ['b', 'added', false, ['added in week 3, before Production go-live']],
      ],
    ],
    [
      'a row removed',
      [row('a', 1), row('b', 2)],
      [row('a', 1)],
      [
        ['a', 'unchanged', false, []],
        ['b', 'removed', false, ['removed']],
      ],
    ],
    ['a week offset moved', [row('a', 1)], [row('a', 4)], [['a', 'changed', false, ['starts week 1 → 4']]]],
    [
      'milestone and owner',
      [row('a', 1)],
      [row('a', 1, { mustCompleteBefore: 'loadTesting', ownerTeam: 'Ops' })],
      [['a', 'changed', false, ['done before Production go-live → Load testing', 'owner Team → Ops']]],
    ],
    [
      'rows reordered',
      [row('a', 1), row('b', 1)],
      [row('b', 1), row('a', 1)],
      [
        ['b', 'changed', true, ['position 2 → 1']],
        ['a', 'changed', true, ['position 1 → 2']],
      ],
    ],
  ])('%s', (_label, before, after, expected) => {
    expect(templateDiff(before, after).map((d) => [d.rowId, d.change, d.moved, d.differences])).toEqual(expected);
  });
});
