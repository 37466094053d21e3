// The "Pilot coach" agent's actions (all actionVerb GET): each runs as the person asking, through the same use
// cases as the panel and the portfolio macro.
import { pilotIssueKey, projectKeyList } from '../../contract/actions';
import { defineAgentAction, inputAs } from '../../adapters/action-kit';
import { explainPilot, listStalledPilots, portfolioStatus } from '../../use-cases/coach.use-case';

export const listStalledPilotsAction = defineAgentAction('list-stalled-pilots', async ({ projectKeys }) =>
  listStalledPilots(inputAs(projectKeyList, 'projectKeys', projectKeys)),
);

export const explainPilotAction = defineAgentAction('explain-pilot', async ({ issueKey }, caller) =>
  explainPilot(caller.accountId, inputAs(pilotIssueKey, 'issueKey', issueKey)),
);

export const portfolioStatusAction = defineAgentAction('portfolio-status', async ({ projectKeys }) =>
  portfolioStatus(inputAs(projectKeyList, 'projectKeys', projectKeys)),
);
