// Lozenge appearances of reviewer states; their wording comes from the core's label table.
import type { ReviewerState } from '@core/approvals';
import type { LozengeAppearance } from '@ui/appearances';

export const REVIEWER_APPEARANCE: Record<ReviewerState, LozengeAppearance> = {
  'not-contacted': 'default',
  'conversation-scheduled': 'inprogress',
  'blockers-listed': 'moved',
  cleared: 'success',
};
