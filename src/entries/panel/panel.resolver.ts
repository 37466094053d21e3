import { panelInputs } from '../../contract/schemas';
import { defineSurface, type CallContext } from '../../adapters/resolver-kit';
import { AppError } from '../../adapters/errors';
import { searchUsers } from '../../adapters/jira/users.api';
import { blockerToSubtask, updateReviewer } from '../../use-cases/approvals.use-case';
import { decide, openPanel, revokeWaiver, savePanel, waive, type PanelCaller } from '../../use-cases/panel.use-case';

function caller(context: CallContext): PanelCaller {
  const issue = context.extension.issue;
  const issueKey = typeof issue === 'object' && issue !== null ? (issue as { key?: unknown }).key : undefined;
  if (typeof issueKey !== 'string') throw new AppError('NOT_FOUND', 'The panel was opened without an issue.');
  return { accountId: context.accountId, issueKey };
}

export const panelResolver = defineSurface(panelInputs, {
  'panel/load': async (_payload, context) => openPanel(caller(context)),
  'panel/save': async ({ expectedVersion, pilot }, context) => savePanel(caller(context), expectedVersion, pilot),
  'panel/decide': async ({ expectedVersion, decision }, context) => decide(caller(context), expectedVersion, decision),
  'panel/waive': async ({ expectedVersion, waiver }, context) => waive(caller(context), expectedVersion, waiver),
  'panel/revoke-waiver': async ({ expectedVersion, criterion }, context) => revokeWaiver(caller(context), expectedVersion, criterion),
  'panel/find-users': async ({ query }) => searchUsers(query),
  'panel/approvals-update': async ({ expectedApprovalsVersion, update }, context) => updateReviewer(caller(context), expectedApprovalsVersion, update),
  'panel/approvals-subtask': async ({ expectedApprovalsVersion, reviewer, blockerId }, context) =>
    blockerToSubtask(caller(context), expectedApprovalsVersion, reviewer, blockerId),
});
