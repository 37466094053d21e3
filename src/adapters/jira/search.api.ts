// JQL search over /rest/api/3/search/jql, paged with nextPageToken (absent on the last page).
import { route } from '@forge/api';
import { z } from 'zod';
import { issueSchema } from './issues.api';
import { jiraJson, type Actor } from './jira.client';

const searchSchema = z.looseObject({
  issues: z.array(issueSchema).default([]),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
});
export type SearchPage = z.infer<typeof searchSchema>;

export interface SearchRequest {
  jql: string;
  fields: string[];
  properties?: string[];
  maxResults?: number;
  nextPageToken?: string;
  /** Issue ids whose latest writes must be reflected (read-after-write), at most 50. */
  reconcileIssues?: number[];
}

export function searchJql(as: Actor, req: SearchRequest): Promise<SearchPage> {
  return jiraJson(
    {
      as,
      method: 'POST',
      route: route`/rest/api/3/search/jql`,
      body: {
        jql: req.jql,
        fields: req.fields,
        maxResults: req.maxResults ?? 100,
        ...(req.properties?.length ? { properties: req.properties } : {}),
        ...(req.nextPageToken ? { nextPageToken: req.nextPageToken } : {}),
        ...(req.reconcileIssues?.length ? { reconcileIssues: req.reconcileIssues } : {}),
      },
      endpoint: 'POST /rest/api/3/search/jql',
    },
    searchSchema,
  );
}

/** Every page of a search, one call per page. */
export async function* searchAll(as: Actor, req: SearchRequest): AsyncGenerator<SearchPage> {
  let token: string | undefined = req.nextPageToken;
  do {
    const page = await searchJql(as, { ...req, ...(token ? { nextPageToken: token } : {}) });
    yield page;
    token = page.nextPageToken ?? undefined;
  } while (token);
}

const idPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string() })).default([]),
  nextPageToken: z.string().nullable().optional(),
});

/** Jira's largest page: the enhanced search returns up to 5,000 issues when only ids (or keys) are asked for. */
export const MAX_ID_PAGE = 5000;

/** One page of issue ids only: the cheapest shape of the enhanced search (fields=id, the largest page). */
export async function searchIds(
  as: Actor,
  jql: string,
  nextPageToken?: string,
): Promise<{ ids: string[]; nextPageToken?: string }> {
  const page = await jiraJson(
    {
      as,
      method: 'POST',
      route: route`/rest/api/3/search/jql`,
      body: { jql, fields: ['id'], maxResults: MAX_ID_PAGE, ...(nextPageToken ? { nextPageToken } : {}) },
      endpoint: 'POST /rest/api/3/search/jql',
    },
    idPageSchema,
  );
  return { ids: page.issues.map((i) => i.id), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
}
