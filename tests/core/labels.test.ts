// Every path an input schema can report has the label its form shows, and no validation message a person reads
// names a raw schema path ("waiver.expiresOn") or a code identifier ("expiresOn").
import type { z } from 'zod';
import { describeIssues } from '../../src/contract/envelope';
import { fieldLabel, issueSentence, knownFieldLabel } from '../../src/contract/labels';
import { macroInputs, panelInputs, settingsInputs } from '../../src/contract/schemas';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
};
const def = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every path below `schema` (objects by key, lists at index 0), with the schema that sits there. */
function walk(
  schema: z.ZodType,
  path: Array<string | number> = [],
): Array<{ path: Array<string | number>; schema: z.ZodType }> {
  const d = def(schema);
  if (
    d.type === 'optional' ||
    d.type === 'nullable' ||
    d.type === 'default' ||
    d.type === 'prefault' ||
    d.type === 'readonly'
  )
    return walk(d.innerType!, path);
  if (d.type === 'pipe') return walk(d.in!, path);
  const here = path.length ? [{ path, schema }] : [];
  if (d.type === 'object') return [...here, ...Object.entries(d.shape!).flatMap(([k, s]) => walk(s, [...path, k]))];
  if (d.type === 'array') return [...here, ...walk(d.element!, [...path, 0])];
  return here;
}

const SURFACES = { ...panelInputs, ...settingsInputs, ...macroInputs } as Record<string, z.ZodType>;
const ALL_PATHS = Object.entries(SURFACES).flatMap(([key, schema]) => walk(schema).map((p) => ({ key, ...p })));

/** A value no leaf accepts: objects are refused where text, numbers, lists or enums are expected, and vice versa. */
function wrongValue(schema: z.ZodType): unknown {
  return def(schema).type === 'object' ? 42 : { not: 'this' };
}

function setAt(path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') return [setAt(rest, value)];
  return { [head as string]: setAt(rest, value) };
}

/** Text outside quotes: a quoted value ("q8", "daysSinceDemo") is the person's own input, not a field name. */
const unquoted = (message: string) => message.replace(/"[^"]*"/g, '""');

it('walks every input schema (the walk itself reaches the nested fields)', () => {
  const paths = ALL_PATHS.map((p) => `${p.key}:${p.path.join('.')}`);
  expect(paths).toEqual(
    expect.arrayContaining([
      'panel/waive:waiver.expiresOn',
      'panel/save:pilot.diagnostic.q3.evidenceUrl',
      'settings/save:settings.template.0.startWeek',
      'portfolio/load:config.projectKeys.0',
    ]),
  );
  expect(paths.length).toBeGreaterThan(80);
});

it.each(ALL_PATHS.map((p) => [`${p.key} ${p.path.join('.')}`, p.path] as const))(
  '%s has a form label',
  (_name, path) => {
    expect(knownFieldLabel(path)).toEqual(expect.any(String));
  },
);

it.each(ALL_PATHS.map((p) => [`${p.key} ${p.path.join('.')}`, p] as const))(
  'a bad %s is described without a raw path',
  (_name, p) => {
    const parsed = SURFACES[p.key]!.safeParse(setAt(p.path, wrongValue(p.schema)));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const issues = describeIssues(parsed.error.issues);
    // The bad field itself is among the problems, placed at its own path for the form.
    expect(issues.map((i) => i.field)).toContain(p.path.join('.'));
    for (const issue of issues) {
      // The labels themselves may hold words like "pilot"; what is left once they are taken out must hold no path.
      const parts = issue.field.split('.');
      const labels = parts.map((_, n) => fieldLabel(parts.slice(0, n + 1))).sort((a, b) => b.length - a.length);
      const text = labels.reduce(
        (rest, label) => rest.split(label).join('').split(label.toLowerCase()).join(''),
        unquoted(issue.message),
      );
      expect(text).not.toMatch(/\w\.\w/); // no dotted path
      expect(text).not.toMatch(/\b[a-z]+[A-Z]\w*/); // no camelCase identifier (expiresOn, ownerAccountId)
      expect(text).not.toMatch(/\b(q[1-7]|pilot|waiver|decision|settings|config|gate|stallRule)\b/); // no bare path segments
    }
  },
);

it('names the waiver expiry as its form does', () => {
  const parsed = panelInputs['panel/waive'].safeParse({
    expectedVersion: 1,
    waiver: { criterion: 'min-score', reason: 'Vendor signed', expiresOn: '2026-02-30' },
  });
  expect(parsed.success).toBe(false);
  if (parsed.success) return;
  expect(describeIssues(parsed.error.issues)).toEqual([
    {
      field: 'waiver.expiresOn',
      message: 'Waiver expires on: must be a real calendar date written YYYY-MM-DD, between 1970 and 2199',
    },
  ]);
});

it('numbers template rows and questions as the forms do', () => {
  expect(fieldLabel('settings.template.2.startWeek')).toBe('Row 3 start week');
  expect(fieldLabel('pilot.diagnostic.q4.note')).toBe('Q4 note');
  expect(fieldLabel('pilot.milestones.loadTesting')).toBe('Load testing');
  expect(fieldLabel('gate.modelMetric.min')).toBe('Minimum value');
});

it('falls back to the nearest labelled parent, never to the path', () => {
  expect(fieldLabel('pilot.somethingNew')).toBe('The pilot form');
  expect(fieldLabel('')).toBe('The request');
  expect(fieldLabel('entirelyUnknown.field')).toBe('The request');
});

it('writes a field problem as a sentence for the error banner, naming the field once', () => {
  expect(issueSentence({ field: 'decision.resumeOn', message: 'Give the date the pilot resumes' })).toBe(
    'Resumption date: Give the date the pilot resumes',
  );
  expect(issueSentence({ field: 'pilot.pilotStart', message: 'Pilot start is required' })).toBe(
    'Pilot start is required',
  );
  expect(issueSentence({ field: '', message: 'Nothing to save' })).toBe('Nothing to save');
});
