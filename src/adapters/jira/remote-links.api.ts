// Remote issue links: the pilot's production pathway page shown in the issue's links, as Jira shows any web link.
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson } from './jira.client';

const createRemoteLinkResponse = z.object({ id: z.number(), self: z.string() });

/**
 * Adds the link, or updates the one with the same globalId (so a retry never adds a second). As the user: Jira
 * checks their Link issues permission.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
 */
export async function linkRemotePage(
  issueId: string,
  link: { globalId: string; url: string; title: string },
): Promise<void> {
  await jiraJson(
    {
      as: 'user',
      method: 'POST',
      route: route`/rest/api/3/issue/${issueId}/remotelink`,
      endpoint: 'POST /rest/api/3/issue/{issueIdOrKey}/remotelink',
      body: {
        globalId: link.globalId,
        relationship: 'Production pathway',
        object: { url: link.url, title: link.title },
      },
    },
    createRemoteLinkResponse,
  );
}
