// The workflows API (manage:jira-configuration, as the app after the caller's admin check): which workflows a
// project's AI Pilots follow, which projects use each, and an update that adds the app's validator rule.
import { getAppContext, route } from '@forge/api';
import { z } from 'zod';
import { jiraJson } from './jira.client';

/** Jira's rule key for every Forge workflow validator (the workflows API's "Forge rules"). */
export const FORGE_VALIDATOR_RULE = 'forge:expression-validator';
/** The manifest key of the graduation gate validator. */
export const GATE_VALIDATOR_MODULE = 'graduation-gate';

const ruleSchema = z.looseObject({
  id: z.string().optional(),
  ruleKey: z.string(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type WorkflowRule = z.infer<typeof ruleSchema>;

const transitionSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  toStatusReference: z.string().optional(),
  links: z.array(z.looseObject({ fromStatusReference: z.string().optional() })).optional(),
  validators: z.array(ruleSchema).optional(),
});
export type WorkflowTransition = z.infer<typeof transitionSchema>;

const workflowSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  isEditable: z.boolean().optional(),
  version: z.looseObject({ id: z.string().optional(), versionNumber: z.number().optional() }).optional(),
  statuses: z
    .array(z.looseObject({ statusReference: z.string(), properties: z.record(z.string(), z.unknown()).optional() }))
    .default([]),
  transitions: z.array(transitionSchema).default([]),
  scope: z.looseObject({ type: z.string().optional() }).optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

const statusSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.string().optional(),
  statusReference: z.string(),
});
export type WorkflowStatus = z.infer<typeof statusSchema>;

const readSchema = z.looseObject({
  statuses: z.array(statusSchema).default([]),
  workflows: z.array(workflowSchema).default([]),
});

export function readWorkflowsFor(projectId: string, issueTypeId: string): Promise<z.infer<typeof readSchema>> {
  return jiraJson(
    {
      as: 'app',
      method: 'POST',
      route: route`/rest/api/3/workflows`,
      body: { projectAndIssueTypes: [{ projectId, issueTypeId }] },
      endpoint: 'POST /rest/api/3/workflows',
    },
    readSchema,
  );
}

const usageSchema = z.looseObject({
  projects: z
    .looseObject({
      values: z.array(z.looseObject({ id: z.string() })).default([]),
      nextPageToken: z.string().optional(),
    })
    .optional(),
});

/** Ids of every project that uses the workflow. */
export async function workflowProjectIds(workflowId: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await jiraJson(
      {
        as: 'app',
        route: token
          ? route`/rest/api/3/workflow/${workflowId}/projectUsages?maxResults=200&nextPageToken=${token}`
          : route`/rest/api/3/workflow/${workflowId}/projectUsages?maxResults=200`,
        endpoint: 'GET /rest/api/3/workflow/{workflowId}/projectUsages',
      },
      usageSchema,
    );
    ids.push(...(page.projects?.values ?? []).map((p) => p.id));
    token = page.projects?.nextPageToken;
  } while (token);
  return ids;
}

/** Writes the workflow back with `transitions`, on top of the version read (Jira answers 409 if it moved on). */
export async function updateWorkflowTransitions(
  workflow: Workflow,
  statuses: WorkflowStatus[],
  transitions: WorkflowTransition[],
): Promise<void> {
  await jiraJson(
    {
      as: 'app',
      method: 'POST',
      route: route`/rest/api/3/workflows/update`,
      body: {
        statuses: statuses.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          name: s.name,
          statusCategory: s.statusCategory ?? 'TODO',
          statusReference: s.statusReference,
        })),
        workflows: [
          {
            id: workflow.id,
            version: workflow.version ?? {},
            statuses: workflow.statuses.map((s) => ({
              statusReference: s.statusReference,
              properties: s.properties ?? {},
            })),
            transitions,
          },
        ],
      },
      endpoint: 'POST /rest/api/3/workflows/update',
    },
    z.looseObject({}),
  );
}

/** `parameters.key` of this app's graduation gate rule: the validator module's extension ARI. */
export function gateValidatorKey(): string {
  const context = getAppContext();
  const appId = String(context.appAri.appId);
  const envId = String(context.environmentAri.environmentId);
  return `ari:cloud:ecosystem::extension/${appId.slice(appId.lastIndexOf('/') + 1)}/${envId}/static/${GATE_VALIDATOR_MODULE}`;
}
