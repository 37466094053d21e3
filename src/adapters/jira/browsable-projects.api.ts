// The projects the viewer may browse, asked of Jira as them (GET /rest/api/3/project/search?action=browse, at most
// 100 a page): the first page says how many there are, and the rest are read together.
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson } from './jira.client';

const PAGE = 100;
const projectPage = z.looseObject({
  total: z.number().int().min(0).optional(),
  isLast: z.boolean().optional(),
  values: z.array(z.looseObject({ id: z.string(), key: z.string() })),
});

export interface BrowsableProject {
  id: string;
  key: string;
}

async function page(startAt: number): Promise<z.infer<typeof projectPage>> {
  return jiraJson(
    {
      as: 'user',
      route: route`/rest/api/3/project/search?action=browse&startAt=${startAt}&maxResults=${PAGE}&orderBy=key`,
      endpoint: 'GET /rest/api/3/project/search',
    },
    projectPage,
  );
}

export async function browsableProjects(): Promise<BrowsableProject[]> {
  const first = await page(0);
  const pages = [first];
  if (first.isLast === false) {
    const total = first.total ?? first.values.length;
    const starts: number[] = [];
    for (let at = first.values.length; at < total; at += PAGE) starts.push(at);
    pages.push(...(await Promise.all(starts.map(page))));
  }
  const byId = new Map<string, BrowsableProject>();
  for (const p of pages) for (const v of p.values) byId.set(v.id, { id: v.id, key: v.key });
  return [...byId.values()];
}
