// The workflows each project's issues follow, and their JSON in the shapes of the workflows API
// (POST /rest/api/3/workflows, POST /rest/api/3/workflows/update, GET /rest/api/3/workflow/{id}/projectUsages).
import { randomUUID } from 'node:crypto';
import type { IssueRec, ProjectRec } from './state';
import type { Site } from './site';
import { issueTypeOf } from './issue-types';
import {
  FORGE_VALIDATOR_RULE,
  PILOT_TYPE_NAME,
  STATUSES,
  newWorkflowTransitions,
  type StatusDef,
  type TransitionDef,
  type WorkflowRec,
} from './workflow';

export function allWorkflows(site: Site): WorkflowRec[] {
  return (site.state.workflows ??= []);
}

/** The project's workflow for AI Pilots (`pilot`) or for its other issue types, created on first use. */
export function workflowFor(site: Site, project: ProjectRec, pilot: boolean): WorkflowRec {
  const workflows = allWorkflows(site);
  const found = workflows.find((w) => w.pilot === pilot && w.projectIds.includes(project.id));
  if (found) return found;
  const now = site.nowIso();
  const workflow: WorkflowRec = {
    id: randomUUID(),
    name: `${project.key}: ${pilot ? 'AI Pilot workflow' : 'Software Simplified Workflow'}`,
    description: '',
    pilot,
    projectIds: [project.id],
    versionId: randomUUID(),
    versionNumber: 1,
    created: now,
    updated: now,
    transitions: newWorkflowTransitions(pilot, site.validatorExtensionKey, randomUUID),
  };
  workflows.push(workflow);
  return workflow;
}

export function workflowOfIssue(site: Site, issue: IssueRec): WorkflowRec {
  const project = site.state.projects.find((p) => p.id === issue.projectId);
  if (!project) throw new Error(`issue ${issue.key} has no project`);
  return workflowFor(site, project, issueTypeOf(site, issue.issueTypeId).name === PILOT_TYPE_NAME);
}

/** Whether Jira calls the app's validator (enabled) before this transition applies. */
export function runsAppValidator(site: Site, transition: TransitionDef): boolean {
  return transition.validators.some(
    (r) =>
      r.ruleKey === FORGE_VALIDATOR_RULE &&
      r.parameters.key === site.validatorExtensionKey &&
      r.parameters.disabled !== 'true',
  );
}

/** "Share settings with an existing project": `project` now uses `source`'s workflows. */
export function shareWorkflows(site: Site, source: ProjectRec, project: ProjectRec): void {
  for (const pilot of [true, false]) {
    const shared = workflowFor(site, source, pilot);
    for (const w of allWorkflows(site))
      if (w !== shared && w.pilot === pilot) w.projectIds = w.projectIds.filter((id) => id !== project.id);
    if (!shared.projectIds.includes(project.id)) shared.projectIds.push(project.id);
  }
}

const CATEGORY = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' } as const;

export function workflowStatusJson(status: StatusDef): Record<string, unknown> {
  return {
    id: status.id,
    name: status.name,
    description: status.description,
    scope: { type: 'GLOBAL' },
    statusCategory: CATEGORY[status.category.key],
    statusReference: status.id,
  };
}

export function statusesOf(workflow: WorkflowRec): StatusDef[] {
  const ids = new Set(workflow.transitions.flatMap((t) => [t.to, ...t.from]));
  return STATUSES.filter((s) => ids.has(s.id));
}

export function workflowJson(workflow: WorkflowRec): Record<string, unknown> {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    isEditable: true,
    scope: { type: 'GLOBAL' },
    startPointLayout: { x: -100, y: -150 },
    statuses: statusesOf(workflow).map((s, i) => ({
      statusReference: s.id,
      deprecated: false,
      layout: { x: 120 + 200 * i, y: -16 },
      properties: {},
    })),
    transitions: workflow.transitions.map((t) => ({
      id: t.id,
      name: t.name,
      description: '',
      type: t.type,
      toStatusReference: t.to,
      links: t.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 1 })),
      actions: [],
      validators: t.validators.map((r) => ({ id: r.id, ruleKey: r.ruleKey, parameters: { ...r.parameters } })),
      triggers: [],
      properties: {},
    })),
    version: { id: workflow.versionId, versionNumber: workflow.versionNumber },
    created: workflow.created,
    updated: workflow.updated,
  };
}
