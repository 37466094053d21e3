// The phase of a pilot in a done status comes from the app's closure record, never from the status category alone.
import { effectivePhase } from '../../src/core/assessment';
import { emptyPilot } from '../../src/core/pilot';

const TODAY = '2026-06-01';

describe('effectivePhase', () => {
  it('calls a pilot in a done status "closed" unless the closure record says it graduated', () => {
    expect(effectivePhase(emptyPilot(), true, TODAY)).toBe('closed');
    expect(effectivePhase(emptyPilot(), true, TODAY, false)).toBe('closed');
    expect(effectivePhase(emptyPilot(), true, TODAY, true)).toBe('graduated');
  });

  it('keeps a killed pilot killed, done or not', () => {
    expect(effectivePhase({ ...emptyPilot(), phase: 'killed' }, true, TODAY, true)).toBe('killed');
  });

  it('ignores a graduation flag while the issue is open (reopened pilots are back in flight)', () => {
    expect(effectivePhase({ ...emptyPilot(), demoDate: '2026-05-01' }, false, TODAY, true)).toBe('post-demo');
  });
});
