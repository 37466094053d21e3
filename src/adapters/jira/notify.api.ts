// Jira's issue notifications and the facts a reminder names people by: the project lead and a sub-task's
// assignee and status, as Jira holds them now.
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson, jiraVoid } from './jira.client';
import { statusSchema } from './issues.api';

export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  accountIds: string[];
}

/** The endpoint as errors name it (a 403 from it: the site's outgoing mail is off, or no mail server is set up). */
export const NOTIFY_ENDPOINT = 'POST /rest/api/3/issue/{issueIdOrKey}/notify';

/**
 * Queues an email about the issue to the named people, as the app (write:jira-work). Jira delivers it only to
 * those who can browse the issue, and refuses a call without recipients.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export function notifyIssue(issueIdOrKey: string, n: IssueNotification): Promise<void> {
  return jiraVoid({
    as: 'app',
    method: 'POST',
    route: route`/rest/api/3/issue/${issueIdOrKey}/notify`,
    body: {
      subject: n.subject,
      textBody: n.textBody,
      htmlBody: n.htmlBody,
      to: {
        reporter: false,
        assignee: false,
        watchers: false,
        voters: false,
        users: n.accountIds.map((accountId) => ({ accountId })),
      },
    },
    endpoint: NOTIFY_ENDPOINT,
  });
}

const personSchema = z.looseObject({ accountId: z.string(), accountType: z.string().optional() });
/** An app account (never a reader of mail) is nobody to remind. */
const human = (p: z.infer<typeof personSchema> | null | undefined): string | null =>
  p && p.accountType !== 'app' ? p.accountId : null;

const projectLeadSchema = z.looseObject({ id: z.string(), lead: personSchema.optional() });

/**
 * The project's lead, as the app.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
 */
export async function projectLead(projectId: string): Promise<string | null> {
  const project = await jiraJson(
    { as: 'app', route: route`/rest/api/3/project/${projectId}`, endpoint: 'GET /rest/api/3/project/{projectIdOrKey}' },
    projectLeadSchema,
  );
  return human(project.lead);
}

const subtaskNowSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    status: statusSchema.optional(),
    assignee: personSchema.nullable().optional(),
  }),
});

/**
 * A sub-task's status category and assignee read straight from the issue (search trails writes).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export async function subtaskNow(
  issueId: string,
): Promise<{ statusCategory: string | undefined; assignee: string | null }> {
  const issue = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issue/${issueId}?fields=status,assignee`,
      endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
    },
    subtaskNowSchema,
  );
  return { statusCategory: issue.fields.status?.statusCategory?.key, assignee: human(issue.fields.assignee) };
}
