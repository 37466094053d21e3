// Lozenge appearances for the panel's states; wording comes from the core's label tables.
import type { Phase, WorkstreamState } from '@core/pilot';
import type { Verdict } from '@core/diagnostic';

type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const VERDICT_APPEARANCE: Record<Verdict, Appearance> = {
  'not-assessed': 'default',
  'heading-to-purgatory': 'removed',
  'real-production-potential': 'success',
};

export const PHASE_APPEARANCE: Record<Phase, Appearance> = {
  pilot: 'new',
  'post-demo': 'inprogress',
  graduated: 'success',
  paused: 'moved',
  killed: 'removed',
};

export const WORKSTREAM_APPEARANCE: Record<WorkstreamState | 'missing', Appearance> = {
  todo: 'default',
  'in-progress': 'inprogress',
  done: 'success',
  missing: 'removed',
};

export const WORKSTREAM_LABEL: Record<WorkstreamState | 'missing', string> = {
  todo: 'To Do',
  'in-progress': 'In Progress',
  done: 'Done',
  missing: 'No sub-task',
};
