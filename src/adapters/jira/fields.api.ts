// The app's Forge custom fields as this site numbers them (customfield_NNNNN), found once and kept in KVS, and
// the one bulk call that writes their values (only the app may write read-only Forge fields).
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { jiraJson, jiraVoid } from './jira.client';

export const APP_FIELD_KEYS = [
  'pilot-diagnostic',
  'pilot-score',
  'pilot-phase',
  'pilot-stall',
  'pilot-demo-date',
  'pilot-production-date',
  'pilot-monthly-cost',
] as const;
export type AppFieldKey = (typeof APP_FIELD_KEYS)[number];

const fieldListSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    schema: z.looseObject({ custom: z.string().optional(), type: z.string().optional() }).optional(),
  }),
);

const fieldIdsSchema = z.object({
  app: z.record(z.string(), z.string()),
  /** Jira's own "Start date" field, where the site has one. */
  startDate: z.string().nullable(),
});
export type FieldIds = { app: Record<AppFieldKey, string>; startDate: string | null };

const CACHE_KEY = 'field-ids:v1';

export async function fieldIds(): Promise<FieldIds> {
  const cached = fieldIdsSchema.safeParse(await kvs.get(CACHE_KEY));
  if (cached.success && APP_FIELD_KEYS.every((k) => cached.data.app[k])) return cached.data as FieldIds;
  const fields = await jiraJson(
    { as: 'app', route: route`/rest/api/3/field`, endpoint: 'GET /rest/api/3/field' },
    fieldListSchema,
  );
  const app: Partial<Record<AppFieldKey, string>> = {};
  for (const key of APP_FIELD_KEYS) {
    const found = fields.find((f) => f.schema?.custom?.endsWith(`/static/${key}`));
    if (found) app[key] = found.id;
  }
  const missing = APP_FIELD_KEYS.filter((k) => !app[k]);
  if (missing.length)
    throw new Error(`Jira has no field for ${missing.join(', ')}; is the app deployed with its custom fields?`);
  const startDate = fields.find((f) => f.name === 'Start date' && f.schema?.type === 'date')?.id ?? null;
  const ids = { app: app as Record<AppFieldKey, string>, startDate };
  await kvs.set(CACHE_KEY, ids);
  return ids;
}

export type AppFieldValues = Partial<Record<AppFieldKey, unknown>>;

/** Writes several app fields on several issues in one request. */
export async function writeAppFields(
  ids: FieldIds,
  perIssue: Array<{ issueId: string; values: AppFieldValues }>,
): Promise<void> {
  const updates = perIssue.flatMap(({ issueId, values }) =>
    Object.entries(values).map(([key, value]) => ({
      customField: ids.app[key as AppFieldKey],
      issueIds: [Number(issueId)],
      value: value ?? null,
    })),
  );
  if (!updates.length) return;
  await jiraVoid({
    as: 'app',
    method: 'POST',
    route: route`/rest/api/3/app/field/value?generateChangelog=false`,
    body: { updates },
    endpoint: 'POST /rest/api/3/app/field/value',
  });
}
