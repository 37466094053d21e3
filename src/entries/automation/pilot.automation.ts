// Jira Automation actions: check a pilot's graduation gate (outputs as smart values) and record a review
// decision, as the rule's actor, through the panel's own use cases.
import { pilotIssueKey } from '../../contract/actions';
import { defineAutomationAction, inputAs } from '../../adapters/action-kit';
import { checkGate, recordDecision } from '../../use-cases/coach.use-case';

export const checkPilotGateAction = defineAutomationAction('check-pilot-gate', async ({ issueKey }, caller) =>
  checkGate(caller.accountId, inputAs(pilotIssueKey, 'issueKey', issueKey)),
);

export const recordPilotDecisionAction = defineAutomationAction(
  'record-pilot-decision',
  async ({ issueKey, ...draft }, caller) =>
    recordDecision(
      caller.accountId,
      inputAs(pilotIssueKey, 'issueKey', issueKey),
      draft as Record<string, string | undefined>,
    ),
);
