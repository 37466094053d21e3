// Confluence pages created as the calling person.
import { route } from '@forge/api';
import { z } from 'zod';
import { confluenceJson } from './confluence.client';

const createPageResponse = z.object({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  _links: z.object({ webui: z.string().optional(), base: z.string().optional() }).optional(),
});

export interface CreatedPage {
  id: string;
  title: string;
  spaceId: string;
  /** Absolute link to the page, from the response's base + webui links. */
  url: string;
}

/**
 * Publishes a page at the top of the space's page tree (under its homepage), with an ADF body.
 * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-post
 */
export async function createAdfPage(
  spaceId: string,
  title: string,
  doc: Record<string, unknown>,
): Promise<CreatedPage> {
  const page = await confluenceJson(
    {
      method: 'POST',
      route: route`/wiki/api/v2/pages`,
      endpoint: 'POST /wiki/api/v2/pages',
      body: {
        spaceId,
        status: 'current',
        title,
        body: { representation: 'atlas_doc_format', value: JSON.stringify(doc) },
      },
    },
    createPageResponse,
  );
  const base = page._links?.base ?? '';
  const webui = page._links?.webui ?? `/pages/viewpage.action?pageId=${page.id}`;
  return { id: page.id, title: page.title, spaceId: page.spaceId, url: `${base}${webui}` };
}
