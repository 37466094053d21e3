import { panelInputs } from '../../contract/schemas';
import { defineSurface, type CallContext } from '../../adapters/resolver-kit';
import { AppError } from '../../adapters/errors';
import { searchUsers } from '../../adapters/jira/users.api';
import { createPathwayPage, pathwaySpaces, saveCriteria } from '../../use-cases/production-pathway.use-case';
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
  'panel/save-criteria': async ({ expectedVersion, criteria }, context) => saveCriteria(caller(context), expectedVersion, criteria),
  'panel/pathway-spaces': async (_payload, context) => pathwaySpaces(caller(context)),
  'panel/create-pathway': async ({ page }, context) => createPathwayPage(caller(context), page),
});
