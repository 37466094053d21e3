import * as core from '../../src/core/index';

describe('core index', () => {
  it.each([
    'scoreDiagnostic',
    'countNotYes',
    'diagnosticVerdict',
    'needsProductionOwner',
    'isAssessed',
    'VERDICT_LABELS',
    'DEFAULT_TEMPLATE',
    'planWorkstreams',
    'dueDateChanges',
    'checkEvidence',
    'DEFAULT_GATE',
    'criterionIds',
    'isWaiverActive',
    'evaluateGate',
    'validateWaiver',
    'DEFAULT_STALL_RULE',
    'evaluateStall',
    'validateDecision',
    'applyDecision',
    'summarizePortfolio',
    'scoreDistribution',
    'QUESTIONS',
    'PHASES',
    'addDays',
    'emptyPilot',
  ])('re-exports %s', (name) => {
    expect(core).toHaveProperty(name);
    expect((core as Record<string, unknown>)[name]).toBeDefined();
  });
});
