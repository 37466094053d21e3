import { median, quarterOf, summarizeCycleTime, type GraduatedPilot } from '../../src/core/cycle-time';

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[1, 2], 1.5],
    [[10, 20, 30, 41], 25],
    [[1, 2, 2, 3], 2],
  ])('%j → %p', (values, expected) => expect(median(values)).toBe(expected));
});

describe('quarterOf', () => {
  it.each<[string, string]>([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-12-31', '2026-Q4'],
  ])('%s → %s', (day, q) => expect(quarterOf(day)).toBe(q));
});

describe('summarizeCycleTime', () => {
  const p = (key: string, projectKey: string, demoDate: string | null, graduatedOn: string): GraduatedPilot => ({
    key,
    projectKey,
    demoDate,
    graduatedOn,
  });

  it('medians per project (with the stall threshold) and per quarter of graduation', () => {
    const out = summarizeCycleTime(
      [
        p('PAY-1', 'PAY', '2026-01-01', '2026-03-02'),
        p('PAY-2', 'PAY', '2026-02-01', '2026-05-01'),
        p('OPS-1', 'OPS', '2026-03-01', '2026-04-10'),
        p('OPS-2', 'OPS', null, '2026-04-10'),
        p('OPS-3', 'OPS', '2026-05-01', '2026-04-01'),
      ],
      new Map([
        ['PAY', 90],
        ['OPS', 60],
      ]),
    );
    expect(out.pilots).toBe(3);
    expect(out.medianDays).toBe(60); // 60, 89, 40
    expect(out.byProject).toEqual([
      { label: 'OPS', pilots: 1, medianDays: 40, minDays: 40, maxDays: 40, stallThresholdDays: 60 },
      { label: 'PAY', pilots: 2, medianDays: 74.5, minDays: 60, maxDays: 89, stallThresholdDays: 90 },
    ]);
    expect(out.byQuarter).toEqual([
      { label: '2026-Q1', pilots: 1, medianDays: 60, minDays: 60, maxDays: 60 },
      { label: '2026-Q2', pilots: 2, medianDays: 64.5, minDays: 40, maxDays: 89 },
    ]);
    // no demo date, or a demo after graduation: named, never counted
    expect(out.withoutDemo).toEqual(['OPS-2', 'OPS-3']);
  });

  it('no graduated pilots: no median', () => {
    expect(summarizeCycleTime([], new Map())).toEqual({
      pilots: 0,
      medianDays: null,
      byProject: [],
      byQuarter: [],
      withoutDemo: [],
    });
  });

  it('a project without a known threshold says so', () => {
    expect(summarizeCycleTime([p('X-1', 'X', '2026-01-01', '2026-01-01')], new Map()).byProject[0]).toMatchObject({
      medianDays: 0,
      stallThresholdDays: null,
    });
  });
});
