// Jira users for the production-owner picker, found as the person asking (Jira applies their browse-users rights).
import { assumeTrustedRoute, route } from '@forge/api';
import { z } from 'zod';
import { jiraJson } from './jira.client';

const userSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  accountType: z.string().optional(),
  active: z.boolean().optional(),
});

export async function searchUsers(query: string): Promise<Array<{ accountId: string; displayName: string }>> {
  const users = await jiraJson(
    {
      as: 'user',
      route: route`/rest/api/3/user/search?query=${query}&maxResults=20`,
      endpoint: 'GET /rest/api/3/user/search',
    },
    z.array(userSchema),
  );
  return users
    .filter((u) => u.accountType !== 'app' && u.active !== false)
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
}

/** Display names of existing accounts, as the person asking may see them; 50 accounts per request. */
export async function displayNames(accountIds: string[]): Promise<Record<string, string>> {
  if (!accountIds.length) return {};
  if (accountIds.length > 50) {
    const out: Record<string, string> = {};
    for (let i = 0; i < accountIds.length; i += 50) Object.assign(out, await displayNames(accountIds.slice(i, i + 50)));
    return out;
  }
  const query = accountIds.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
  const page = await jiraJson(
    // Each account id is encoded above; `route` would encode the joined query string as a single value.
    {
      as: 'user',
      route: assumeTrustedRoute(`/rest/api/3/user/bulk?maxResults=50&${query}`),
      endpoint: 'GET /rest/api/3/user/bulk',
    },
    z.looseObject({ values: z.array(userSchema) }),
  );
  return Object.fromEntries(page.values.map((u) => [u.accountId, u.displayName ?? u.accountId]));
}
