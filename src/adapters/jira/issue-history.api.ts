// What happened to one issue, as Jira recorded it: GET /rest/api/3/issue/{issueIdOrKey} with expand=changelog
// (its status changes, oldest first) and the resolution date. Used to read when a workstream really started and
// was done.
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson, type Actor } from './jira.client';

const historySchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string().optional(),
    created: z.string().optional(),
    resolutiondate: z.string().nullable().optional(),
    assignee: z.looseObject({ accountId: z.string().optional(), displayName: z.string().optional() }).nullable().optional(),
    parent: z.looseObject({ id: z.string() }).optional(),
  }),
  changelog: z
    .looseObject({
      total: z.number().optional(),
      histories: z.array(z.looseObject({ created: z.string(), items: z.array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional() })) })).default([]),
    })
    .optional(),
});
export type IssueHistory = z.infer<typeof historySchema>;

export function getIssueHistory(as: Actor, issueIdOrKey: string): Promise<IssueHistory> {
  const fields = 'summary,created,resolutiondate,assignee,parent';
  return jiraJson(
    { as, route: route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields}&expand=changelog`, endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}' },
    historySchema,
  );
}

/** The instant of the issue's first status change, or null when its status never changed. */
export function firstStatusChange(history: IssueHistory): string | null {
  const changes = (history.changelog?.histories ?? []).filter((h) => h.items.some((i) => i.fieldId === 'status' || i.field === 'status'));
  const times = changes.map((h) => Date.parse(h.created)).filter(Number.isFinite);
  return times.length ? new Date(Math.min(...times)).toISOString() : null;
}
