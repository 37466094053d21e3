// Project settings (workstream template, graduation gate, stall rule) in KVS, versioned like pilot records, with
// an audit trail of every change (who, when, what changed). The Confluence macro reads the same keys: one
// installation serves both products.
import { kvs, WhereConditions } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_GATE } from '../core/gate';
import { DEFAULT_STALL_RULE } from '../core/stall';
import { DEFAULT_TEMPLATE } from '../core/workstreams';
import { settingsSchema, type Settings } from '../contract/schemas';
import { AppError } from './errors';
import { claim } from './pilot-record.store';

export const DEFAULT_SETTINGS: Settings = { template: DEFAULT_TEMPLATE, gate: DEFAULT_GATE, stallRule: DEFAULT_STALL_RULE };

const storedSettingsSchema = z.object({
  version: z.number().int().min(0),
  settings: settingsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type { StoredSettings } from '../contract/views';
type StoredSettings = z.infer<typeof storedSettingsSchema>;

const auditEntrySchema = z.object({
  at: z.string(),
  byAccountId: z.string(),
  subject: z.string(),
  changes: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const settingsKey = (projectId: string) => `settings:${projectId}`;

export async function loadSettings(projectId: string): Promise<StoredSettings> {
  const raw = await kvs.get(settingsKey(projectId));
  if (raw === undefined) return { version: 0, settings: DEFAULT_SETTINGS, updatedAt: null, updatedBy: null };
  const parsed = storedSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INTERNAL', 'The stored settings of this project are unreadable; nothing was changed.');
  return parsed.data;
}

/** Stores `settings` on top of `current` (as the caller just read it), or raises CONFLICT. */
export async function saveSettings(
  projectId: string,
  current: StoredSettings,
  expectedVersion: number,
  settings: Settings,
  byAccountId: string,
  changes: string[],
): Promise<StoredSettings> {
  if (current.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'Another admin changed these settings while you were editing. Their version is shown; apply your change again.', undefined, current);
  }
  if (!(await claim(`settings-rev:${projectId}:${expectedVersion + 1}`, 7 * 86_400))) {
    throw new AppError('CONFLICT', 'Another admin saved these settings at the same moment. Reload and apply your change again.', undefined, await loadSettings(projectId));
  }
  const at = new Date().toISOString();
  const stored: StoredSettings = { version: expectedVersion + 1, settings, updatedAt: at, updatedBy: byAccountId };
  await kvs.set(settingsKey(projectId), stored);
  await appendAudit(projectId, { at, byAccountId, subject: 'settings', changes });
  return stored;
}

export async function appendAudit(projectId: string, entry: AuditEntry): Promise<void> {
  const item = auditItem(projectId, entry);
  await kvs.set(item.key, item.value);
}

/** The KVS key and value of one audit line, for writing it in the same transaction as the change it records. */
export function auditItem(projectId: string, entry: AuditEntry): { key: string; value: AuditEntry } {
  // Keys sort by time, so a prefix query returns the trail in order.
  return { key: `audit:${projectId}:${entry.at}:${randomUUID().slice(0, 8)}`, value: entry };
}

export async function readAudit(projectId: string, limit = 50): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(`audit:${projectId}:`)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) {
      const parsed = auditEntrySchema.safeParse(r.value);
      if (parsed.success) entries.push(parsed.data);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return entries.reverse().slice(0, limit);
}
