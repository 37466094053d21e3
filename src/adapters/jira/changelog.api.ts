// When issues' statuses first changed, from Jira's changelogs: POST /rest/api/3/changelog/bulkfetch returns the
// changelogs of up to 1000 issues, oldest first, filtered to the fields asked for (here: status), paged with
// nextPageToken. (The `changelog` expand of an issue read returns only recent updates, newest first, so it cannot
// say when work started.)
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraJson, type Actor } from './jira.client';

const pageSchema = z.looseObject({
  issueChangeLogs: z
    .array(
      z.looseObject({
        issueId: z.string(),
        changeHistories: z
          .array(
            z.looseObject({
              created: z.string(),
              items: z
                .array(z.looseObject({ fieldId: z.string().optional(), field: z.string().optional() }))
                .default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  nextPageToken: z.string().nullable().optional(),
});

const MAX_ISSUES = 1000;
const MAX_PAGES = 20;

/**
 * Issue id → the instant of its first status change, for the issues given (absent when its status never changed or
 * the caller may not see it). Stops paging once every issue has one.
 */
export async function firstStatusChanges(as: Actor, issueIds: string[]): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for (let i = 0; i < issueIds.length; i += MAX_ISSUES) {
    const ids = issueIds.slice(i, i + MAX_ISSUES);
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await jiraJson(
        {
          as,
          method: 'POST',
          route: route`/rest/api/3/changelog/bulkfetch`,
          body: {
            issueIdsOrKeys: ids,
            fieldIds: ['status'],
            maxResults: 1000,
            ...(token ? { nextPageToken: token } : {}),
          },
          endpoint: 'POST /rest/api/3/changelog/bulkfetch',
        },
        pageSchema,
      );
      for (const log of page.issueChangeLogs) {
        for (const h of log.changeHistories) {
          if (!h.items.some((item) => item.fieldId === 'status' || item.field === 'status')) continue;
          const at = Date.parse(h.created);
          if (!Number.isFinite(at)) continue;
          const known = first.get(log.issueId);
          if (known === undefined || at < Date.parse(known)) first.set(log.issueId, new Date(at).toISOString());
        }
      }
      token = page.nextPageToken ?? undefined;
      pages += 1;
    } while (token && pages < MAX_PAGES && ids.some((id) => !first.has(id)));
  }
  return first;
}
