// Which transitions into a done status can move this project's AI Pilots without the graduation gate, and adding
// the gate to them where that changes nothing for anyone else: only workflows this project alone uses are edited
// (through the workflows API, on top of the version read); for a shared workflow the report says what a Jira
// admin must do. A pilot that still reaches a done status another way is recorded as closed without graduation.
import type { GateCoverageView, GateCoverageWorkflow } from '../contract/views';
import { AppError, ProductError } from '../adapters/errors';
import { projectIssueTypes } from '../adapters/jira/project-config.api';
import { myPermissions, requireProjectAdmin } from '../adapters/jira/permissions.api';
import {
  FORGE_VALIDATOR_RULE,
  gateValidatorKey,
  readWorkflowsFor,
  updateWorkflowTransitions,
  workflowProjectIds,
  type WorkflowRule,
  type WorkflowTransition,
} from '../adapters/jira/workflows.api';
import { AI_PILOT_TYPE } from './pilot-facts';

const VALIDATOR_NAME = 'AI Pilot graduation gate';

function isGateRule(rule: WorkflowRule, key: string): boolean {
  return (
    rule.ruleKey === FORGE_VALIDATOR_RULE &&
    rule.parameters?.key === key &&
    String(rule.parameters?.disabled ?? 'false') !== 'true'
  );
}

/**
 * Lists the project's transitions into done statuses and whether each runs the gate; with `apply`, adds the gate to
 * the uncovered ones in workflows only this project uses. The caller must administer the project (checked as them).
 */
export async function workflowGateCoverage(projectId: string, apply: boolean): Promise<GateCoverageView> {
  await requireProjectAdmin(
    projectId,
    apply ? 'add the graduation gate to workflows' : 'check the graduation gate on workflows',
  );
  // The app could make the change as itself, but Jira lets only Jira admins add rules to a workflow: a project
  // admin may see what is missing, and a Jira admin adds it (checked as the caller, never only in the UI).
  if (apply && !(await myPermissions({ projectId }, ['ADMINISTER'])).ADMINISTER) {
    throw new AppError(
      'FORBIDDEN',
      `Only Jira admins can add the graduation gate to a workflow (Jira reserves workflow rules for them). Ask a Jira admin to press "Add the gate where the app can" here.`,
    );
  }
  const pilotType = (await projectIssueTypes(projectId)).find((t) => t.name === AI_PILOT_TYPE);
  if (!pilotType) {
    return {
      workflows: [],
      lines: [`This project has no ${AI_PILOT_TYPE} issue type yet: run the project setup first.`],
    };
  }
  const key = gateValidatorKey();
  const read = await readWorkflowsFor(projectId, pilotType.id);
  const doneStatuses = new Map(
    read.statuses.filter((s) => s.statusCategory === 'DONE').map((s) => [s.statusReference, s]),
  );
  const workflows: GateCoverageWorkflow[] = [];
  const lines: string[] = [];
  // One workflow's failure is that workflow's line; the others are still checked.
  for (const workflow of read.workflows) {
    const intoDone = workflow.transitions.filter(
      (t) => t.type !== 'INITIAL' && t.toStatusReference !== undefined && doneStatuses.has(t.toStatusReference),
    );
    const uncovered = intoDone.filter((t) => !(t.validators ?? []).some((r) => isGateRule(r, key)));
    const row: GateCoverageWorkflow = {
      workflowName: workflow.name,
      sharedWithOtherProjects: 0,
      transitions: intoDone.map((t) => ({
        name: t.name ?? t.id ?? 'transition',
        toStatus: doneStatuses.get(t.toStatusReference ?? '')?.name ?? 'a done status',
        state: uncovered.includes(t) ? 'missing' : 'covered',
      })),
    };
    workflows.push(row);
    if (uncovered.length === 0) continue;
    const names = uncovered.map((t) => `"${t.name ?? t.id}"`).join(', ');
    try {
      const others = (await workflowProjectIds(workflow.id)).filter((id) => id !== projectId).length;
      row.sharedWithOtherProjects = others;
      if (others > 0 || workflow.isEditable === false) {
        lines.push(
          `Workflow "${workflow.name}" is ${others > 0 ? `shared with ${others} other project${others === 1 ? '' : 's'}` : 'not editable'}, so the app does not change it. ` +
            `Transitions ${names} move AI Pilots into a done status without the graduation gate (such moves count as closed without graduation). ` +
            `A Jira admin can add the "${VALIDATOR_NAME}" validator to them (Settings → Work items → Workflows → "${workflow.name}" → each transition → Rules → Add rule), or give this project its own copy of the workflow.`,
        );
        continue;
      }
      if (!apply) {
        lines.push(
          `Workflow "${workflow.name}" (this project only): transitions ${names} lack the graduation gate; the app can add it.`,
        );
        continue;
      }
      const transitions: WorkflowTransition[] = workflow.transitions.map((t) =>
        uncovered.includes(t)
          ? {
              ...t,
              validators: [
                ...(t.validators ?? []).filter(
                  (r) => !(r.ruleKey === FORGE_VALIDATOR_RULE && r.parameters?.key === key),
                ),
                gateRule(key),
              ],
            }
          : t,
      );
      await updateWorkflowTransitions(workflow, read.statuses, transitions);
      for (const t of row.transitions) if (t.state === 'missing') t.state = 'added';
      lines.push(`Workflow "${workflow.name}": added the graduation gate to ${names}.`);
    } catch (error) {
      if (!(error instanceof ProductError)) throw error;
      lines.push(
        error.status === 409
          ? `Workflow "${workflow.name}" changed while the app was adding the gate; nothing was changed. Run the check again.`
          : `Workflow "${workflow.name}": Jira refused the change (${error.messages.join('; ') || `status ${error.status}`}); add the "${VALIDATOR_NAME}" validator to ${names} by hand.`,
      );
    }
  }
  if (workflows.length > 0 && workflows.every((w) => w.transitions.every((t) => t.state !== 'missing'))) {
    lines.unshift('Every transition into a done status runs the graduation gate.');
  }
  return { workflows, lines };
}

function gateRule(key: string): WorkflowRule {
  return { ruleKey: FORGE_VALIDATOR_RULE, parameters: { key, config: '', disabled: 'false', tag: '' } };
}
