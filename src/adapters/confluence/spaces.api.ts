// Confluence spaces the calling person can see (Confluence v2 lists only those).
import { route } from '@forge/api';
import { z } from 'zod';
import { confluenceJson } from './confluence.client';

const getSpacesResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      type: z.string().optional(),
      status: z.string().optional(),
    }),
  ),
  _links: z.object({ next: z.string().optional() }).optional(),
});

export interface SpaceSummary {
  id: string;
  key: string;
  name: string;
}

/** How many spaces the picker offers: a person with more types a key (the list is sorted by name). */
const MAX_SPACES = 250;

/**
 * Current spaces the user may view, following the cursor up to MAX_SPACES.
 * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
 */
export async function visibleSpaces(): Promise<SpaceSummary[]> {
  const spaces: SpaceSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: z.infer<typeof getSpacesResponse> = await confluenceJson(
      {
        route: cursor
          ? route`/wiki/api/v2/spaces?status=current&limit=250&cursor=${cursor}`
          : route`/wiki/api/v2/spaces?status=current&limit=250`,
        endpoint: 'GET /wiki/api/v2/spaces',
      },
      getSpacesResponse,
    );
    spaces.push(
      ...page.results
        .filter((s) => s.status === undefined || s.status === 'current')
        .map((s) => ({ id: s.id, key: s.key, name: s.name })),
    );
    const next = page._links?.next;
    cursor = next ? new URLSearchParams(next.slice(next.indexOf('?') + 1)).get('cursor') : null;
  } while (cursor && spaces.length < MAX_SPACES);
  return spaces.slice(0, MAX_SPACES).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One space by id, if the user may view it (Confluence leaves out the others), with the site's base link
 * (`https://site` without `/wiki`) so the page can link back to the Jira issue.
 * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
 */
export async function spaceById(spaceId: string): Promise<(SpaceSummary & { siteBase: string }) | null> {
  const page = await confluenceJson(
    { route: route`/wiki/api/v2/spaces?ids=${spaceId}&status=current`, endpoint: 'GET /wiki/api/v2/spaces' },
    getSpacesResponse.extend({
      _links: z.object({ next: z.string().optional(), base: z.string().optional() }).optional(),
    }),
  );
  const space = page.results.find((s) => s.id === spaceId);
  if (!space) return null;
  const base = page._links?.base ?? '';
  return { id: space.id, key: space.key, name: space.name, siteBase: base.replace(/\/wiki\/?$/, '') };
}
