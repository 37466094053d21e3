// Jira issue events in the shape Forge delivers them to a trigger, and nothing more: the issue's id and key and the
// documented fields only (https://developer.atlassian.com/platform/forge/events-reference/jira/, type `Issue`:
// summary, issueType, creator, created, project, reporter, assignee, updated, status), plus the changelog of an
// update. No `parent`, no custom fields, no second spelling: an app that needs more asks Jira for it.
import type { JiraEvent } from '../jira';

export const DOCUMENTED_ISSUE_EVENT_FIELDS = [
  'summary',
  'issueType',
  'creator',
  'created',
  'project',
  'reporter',
  'assignee',
  'updated',
  'status',
] as const;

/** Where each documented field comes from in the issue as Jira's REST API renders it. */
const REST_FIELD: Record<(typeof DOCUMENTED_ISSUE_EVENT_FIELDS)[number], string> = {
  summary: 'summary',
  issueType: 'issuetype',
  creator: 'creator',
  created: 'created',
  project: 'project',
  reporter: 'reporter',
  assignee: 'assignee',
  updated: 'updated',
  status: 'status',
};

export function toForgeIssueEvent(event: JiraEvent, appAccountId: string) {
  const rendered = event.issue.fields;
  const fields: Record<string, unknown> = {};
  for (const name of DOCUMENTED_ISSUE_EVENT_FIELDS) {
    const value = rendered[REST_FIELD[name]];
    if (value !== undefined) fields[name] = value;
  }
  return {
    eventType: event.eventType,
    selfGenerated: event.selfGenerated,
    atlassianId: event.byApp ? appAccountId : event.atlassianId,
    issue: { id: event.issue.id, key: event.issue.key, fields },
    ...(event.eventType === 'avi:jira:updated:issue' && event.changelog ? { changelog: event.changelog } : {}),
  };
}
