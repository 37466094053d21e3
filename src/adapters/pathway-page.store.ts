// The production pathway page between "Confluence created it" and "the pilot record links it": kept under its own
// key, so a pilot record that cannot be written at that moment is linked by the next attempt, never by a second
// page. The create claim (claims.store) is released only when no page was made.
import { kvs } from '@forge/kvs';
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import type { PathwayPageLink } from '../core/pathway-document';

const createdKey = (issueId: string) => `pathway-created:${issueId}`;

const linkSchema = z.object({
  pageId: z.string(),
  spaceId: z.string(),
  spaceKey: z.string(),
  title: z.string(),
  url: z.string(),
  createdAt: z.string(),
  byAccountId: z.string(),
});

export async function rememberCreatedPage(issueId: string, link: PathwayPageLink): Promise<void> {
  await kvs.set(createdKey(issueId), link);
}

export async function readCreatedPage(issueId: string): Promise<PathwayPageLink | null> {
  const parsed = linkSchema.safeParse(await kvs.get(createdKey(issueId)));
  return parsed.success ? parsed.data : null;
}

export async function forgetCreatedPage(issueId: string): Promise<void> {
  await kvs.delete(createdKey(issueId));
}

/** No page was made: the create claim goes back (best effort, so Confluence's refusal is what the person sees). */
export { releaseClaim as releasePathwayClaim } from './claims.store';

/** How Confluence stores a Forge macro of this app: `{appId}/{environmentId}/static/{moduleKey}`. */
export function macroExtensionKey(moduleKey: string): string {
  const context = getAppContext();
  // The app id is a UUID; take the last segment in case a runtime hands over the whole app ARI.
  const appId = String(context.appAri.appId);
  return `${appId.slice(appId.lastIndexOf('/') + 1)}/${String(context.environmentAri.environmentId)}/static/${moduleKey}`;
}
