// Texts must say something visible, and days must be real days the date code can work with (1970-2199).
import { isSaneDay } from '../../src/core/dates';
import { validateDecision } from '../../src/core/decisions';
import { hasVisibleText } from '../../src/core/validation';
import { pilotEditSchema } from '../../src/contract/schemas';

it.each(['\u200b', '\u200d\u200c', '\u202e\u2066\u2069', ' \ufeff\u00ad ', '\u2060\u180e'])(
  'counts %j as no text',
  (text) => {
    expect(hasVisibleText(text)).toBe(false);
    const result = validateDecision({ kind: 'kill', reason: text }, '2026-03-01');
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['reason']);
  },
);

it('keeps text with visible characters around invisible ones', () => {
  expect(hasVisibleText('\u200bno budget\u200b')).toBe(true);
  expect(hasVisibleText('預算')).toBe(true);
});

it.each([
  ['0050-06-01', false],
  ['1969-12-31', false],
  ['1970-01-01', true],
  ['2199-12-31', true],
  ['2200-01-01', false],
  ['2028-02-29', true],
  ['2026-02-30', false],
])('isSaneDay(%s) is %s', (day, expected) => {
  expect(isSaneDay(day)).toBe(expected);
});

it('refuses a resumption date outside 1970-2199 by field', () => {
  const result = validateDecision({ kind: 'pause', rationale: 'wait', resumeOn: '2500-01-01' }, '2026-03-01');
  expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['resumeOn']);
});

it('refuses production date 0050-06-01 in the panel contract, naming the field', () => {
  const parsed = pilotEditSchema.safeParse({
    pilotStart: null,
    demoDate: null,
    productionDate: '0050-06-01',
    milestones: {},
    people: { productionOwner: null, dataScienceLead: null, businessOwner: null },
    monthlyRunCost: null,
    modelMetric: null,
    diagnostic: {},
    productionSpecUrl: null,
  });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['productionDate']);
});
