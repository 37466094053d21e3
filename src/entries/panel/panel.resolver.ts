import { panelInputs } from '../../contract/schemas';
import { defineSurface, type CallContext } from '../../adapters/resolver-kit';
import { AppError } from '../../adapters/errors';
import { searchUsers } from '../../adapters/jira/users.api';
import { blockerToSubtask, updateReviewer } from '../../use-cases/approvals.use-case';
import { createPathwayPage, pathwaySpaces, saveCriteria } from '../../use-cases/production-pathway.use-case';
import { decide, openPanel, revokeWaiver, savePanel, waive, type PanelCaller } from '../../use-cases/panel.use-case';

function caller(context: CallContext): PanelCaller {
  const issue = context.extension.issue;
  const issueKey = typeof issue === 'object' && issue !== null ? (issue as { key?: unknown }).key : undefined;
  if (typeof issueKey !== 'string') throw new AppError('NOT_FOUND', 'The panel was opened without an issue.');
  // Forge's context also names the issue's and project's ids: the app's storage is read under them alongside Jira.
  const issueId = idOf(issue);
  const projectId = idOf(context.extension.project);
  return {
    accountId: context.accountId,
    issueKey,
    ...(issueId ? { issueId } : {}),
    ...(projectId ? { projectId } : {}),
  };
}

function idOf(entity: unknown): string | undefined {
  const id = typeof entity === 'object' && entity !== null ? (entity as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^\d{1,18}$/.test(id) ? id : undefined;
}

export const panelResolver = defineSurface(panelInputs, {
  'panel/load': async (_payload, context) => openPanel(caller(context)),
  'panel/save': async ({ expectedVersion, pilot }, context) => savePanel(caller(context), expectedVersion, pilot),
  'panel/decide': async ({ expectedVersion, decision }, context) => decide(caller(context), expectedVersion, decision),
  'panel/waive': async ({ expectedVersion, waiver }, context) => waive(caller(context), expectedVersion, waiver),
  'panel/revoke-waiver': async ({ expectedVersion, criterion }, context) =>
    revokeWaiver(caller(context), expectedVersion, criterion),
  'panel/find-users': async ({ query }) => searchUsers(query),
  'panel/approvals-update': async ({ expectedApprovalsVersion, update }, context) =>
    updateReviewer(caller(context), expectedApprovalsVersion, update),
  'panel/approvals-subtask': async ({ expectedApprovalsVersion, reviewer, blockerId }, context) =>
    blockerToSubtask(caller(context), expectedApprovalsVersion, reviewer, blockerId),
  'panel/save-criteria': async ({ expectedVersion, criteria }, context) =>
    saveCriteria(caller(context), expectedVersion, criteria),
  'panel/pathway-spaces': async (_payload, context) => pathwaySpaces(caller(context)),
  'panel/create-pathway': async ({ page }, context) => createPathwayPage(caller(context), page),
});
