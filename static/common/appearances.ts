// Lozenge appearances for a pilot's phase and verdict; the wording comes from the core's label tables.
import type { Verdict } from '@core/diagnostic';
import type { Phase } from '@core/pilot';

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const VERDICT_APPEARANCE: Record<Verdict, LozengeAppearance> = {
  'not-assessed': 'default',
  'heading-to-purgatory': 'removed',
  'real-production-potential': 'success',
};

export const PHASE_APPEARANCE: Record<Phase, LozengeAppearance> = {
  pilot: 'new',
  'post-demo': 'inprogress',
  graduated: 'success',
  closed: 'default',
  paused: 'moved',
  killed: 'removed',
};
