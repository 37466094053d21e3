// Issue endpoints: read one issue with its properties, edit, bulk-create sub-tasks, issue properties.
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson, jiraVoid, type Actor } from './jira.client';

export const statusSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string() }).optional(),
});

export const subtaskSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({ summary: z.string().optional(), status: statusSchema.optional() }).optional(),
});

export const issueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string().optional(),
    issuetype: z.looseObject({ id: z.string(), name: z.string(), subtask: z.boolean().optional() }).optional(),
    project: z.looseObject({ id: z.string(), key: z.string(), name: z.string().optional() }).optional(),
    status: statusSchema.optional(),
    subtasks: z.array(subtaskSchema).optional(),
    created: z.string().optional(),
    parent: z.looseObject({ id: z.string(), key: z.string() }).optional(),
    duedate: z.string().nullable().optional(),
  }),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof issueSchema>;

export function getIssue(
  as: Actor,
  issueIdOrKey: string,
  fields: string[],
  properties: string[] = [],
): Promise<JiraIssue> {
  const fieldList = fields.join(',');
  const propertyList = properties.join(',');
  return jiraJson(
    {
      as,
      route: properties.length
        ? route`/rest/api/3/issue/${issueIdOrKey}?fields=${fieldList}&properties=${propertyList}`
        : route`/rest/api/3/issue/${issueIdOrKey}?fields=${fieldList}`,
      endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
    },
    issueSchema,
  );
}

export function editIssue(as: Actor, issueIdOrKey: string, fields: Record<string, unknown>): Promise<void> {
  return jiraVoid({
    as,
    method: 'PUT',
    route: route`/rest/api/3/issue/${issueIdOrKey}?notifyUsers=false`,
    body: { fields },
    endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}',
  });
}

export function setIssueProperty(as: Actor, issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void> {
  return jiraVoid({
    as,
    method: 'PUT',
    route: route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
    body: value,
    endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  });
}

const bulkCreateSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string() })),
  errors: z
    .array(
      z.looseObject({
        status: z.number().optional(),
        failedElementNumber: z.number().optional(),
        elementErrors: z
          .looseObject({
            errorMessages: z.array(z.string()).optional(),
            errors: z.record(z.string(), z.string()).optional(),
          })
          .optional(),
      }),
    )
    .default([]),
});
export type BulkCreateResult = z.infer<typeof bulkCreateSchema>;

export const MAX_BULK_CREATE = 50;

export function bulkCreateIssues(as: Actor, issueUpdates: unknown[]): Promise<BulkCreateResult> {
  if (issueUpdates.length > MAX_BULK_CREATE)
    throw new RangeError(`Jira creates at most ${MAX_BULK_CREATE} issues per bulk call`);
  return jiraJson(
    {
      as,
      method: 'POST',
      route: route`/rest/api/3/issue/bulk`,
      body: { issueUpdates },
      endpoint: 'POST /rest/api/3/issue/bulk',
    },
    bulkCreateSchema,
  );
}
