// The glance's one line: score out of seven (or "not assessed"), the gate, the stall days, and the phase when it
// is not an active one; its lozenge colour follows the most urgent of these.
import { glanceOf } from '../../src/core/glance';
import type { PilotAssessment } from '../../src/core/assessment';

type Input = Parameters<typeof glanceOf>[0];
const base = (
  over: Partial<{
    phase: PilotAssessment['phase'];
    score: number;
    assessed: boolean;
    passed: boolean;
    stalled: boolean;
    days: number;
  }>,
): Input =>
  ({
    phase: over.phase ?? 'post-demo',
    score: over.score ?? 3,
    assessed: over.assessed ?? true,
    gate: { passed: over.passed ?? false, criteria: [], failures: [] },
    stall: { stalled: over.stalled ?? false, daysStalled: over.days ?? 0 },
  }) as unknown as Input;

it.each([
  ['stalled post-demo pilot', base({ stalled: true, days: 120 }), '3/7 · gate not met · stalled 120 d', 'removed'],
  ['on track, gate met', base({ score: 6, passed: true }), '6/7 · gate met', 'success'],
  ['on track, gate not met', base({ score: 4 }), '4/7 · gate not met', 'inprogress'],
  [
    'not yet assessed',
    base({ assessed: false, score: 0, phase: 'pilot' }),
    'not assessed · gate not met',
    'inprogress',
  ],
  ['paused', base({ phase: 'paused' }), '3/7 · gate not met · paused', 'moved'],
  ['graduated', base({ phase: 'graduated', score: 7, passed: true }), '7/7 · gate met · graduated', 'success'],
  ['killed', base({ phase: 'killed', score: 1 }), '1/7 · gate not met · killed', 'removed'],
  [
    'closed without graduation',
    base({ phase: 'closed', score: 2 }),
    '2/7 · gate not met · closed without graduation',
    'inprogress',
  ],
])('%s', (_name, input, label, appearance) => {
  expect(glanceOf(input)).toEqual({ label, appearance });
});
