// Where a template version came from, in app storage: `template-origin:{projectId}:{settingsVersion}` is written in
// the same transaction as the settings save that adopted a template from what a graduated pilot shipped. Pilots
// record the settings version their workstreams were seeded from (the seed marker), so the panel can say both.
import { kvs } from '@forge/kvs';
import { z } from 'zod';

const originSchema = z.object({
  kind: z.literal('shipped-pilot'),
  fromIssueId: z.string(),
  fromIssueKey: z.string(),
  /** When the pilot's graduation was recorded (closure record). */
  graduatedAt: z.string(),
  byAccountId: z.string(),
  at: z.string(),
});
export type TemplateOrigin = z.infer<typeof originSchema>;

const originKey = (projectId: string, settingsVersion: number) =>
  `template-origin:${projectId}:${String(settingsVersion).padStart(8, '0')}`;

/** The record as a key and value, for the settings save's own transaction. */
export function originRecord(
  projectId: string,
  settingsVersion: number,
  origin: TemplateOrigin,
): { key: string; value: TemplateOrigin } {
  return { key: originKey(projectId, settingsVersion), value: originSchema.parse(origin) };
}

/** The origin of a settings version's template, or null (typed by an admin, or unreadable). */
export async function readOrigin(projectId: string, settingsVersion: number): Promise<TemplateOrigin | null> {
  const parsed = originSchema.safeParse(await kvs.get(originKey(projectId, settingsVersion)));
  return parsed.success ? parsed.data : null;
}
