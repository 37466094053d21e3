// Lozenge appearances for the panel's states; wording comes from the core's label tables.
import type { WorkstreamState } from '@core/pilot';
import { WORKSTREAM_STATE_LABELS } from '@core/workstreams';
import type { LozengeAppearance } from '@ui/appearances';

export { PHASE_APPEARANCE, VERDICT_APPEARANCE } from '@ui/appearances';

export const WORKSTREAM_APPEARANCE: Record<WorkstreamState | 'missing', LozengeAppearance> = {
  todo: 'default',
  'in-progress': 'inprogress',
  done: 'success',
  missing: 'removed',
};

export const WORKSTREAM_LABEL: Record<WorkstreamState | 'missing', string> = {
  ...WORKSTREAM_STATE_LABELS,
  missing: 'No sub-task',
};
