// Project settings (workstream template, graduation gate, stall rule) in KVS, versioned like pilot records, with
// an audit trail of every change (who, when, what changed). The Confluence macro reads the same keys: one
// installation serves both products.
import { kvs, WhereConditions } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_GATE } from '../core/gate';
import { DEFAULT_STALL_RULE } from '../core/stall';
import { DEFAULT_TEMPLATE } from '../core/workstreams';
import { DEFAULT_REVIEWERS } from '../core/approvals';
import { DEFAULT_REMINDERS, settingsSchema, type Settings } from '../contract/schemas';
import { AppError } from './errors';
import { claim, releaseClaim } from './claims.store';
import { refreshPortfolioProject } from './portfolio-queue';

export const DEFAULT_SETTINGS: Settings = {
  template: DEFAULT_TEMPLATE,
  gate: DEFAULT_GATE,
  stallRule: DEFAULT_STALL_RULE,
  reminders: { ...DEFAULT_REMINDERS },
  reviewers: [...DEFAULT_REVIEWERS],
};

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
  /** Accounts the entry is about (e.g. a reminder's recipients): shown by name when the trail is read, never stored as names. */
  accounts: z.array(z.string()).max(50).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const settingsKey = (projectId: string) => `settings:${projectId}`;

export async function loadSettings(projectId: string): Promise<StoredSettings> {
  const raw = await kvs.get(settingsKey(projectId));
  if (raw === undefined) return { version: 0, settings: DEFAULT_SETTINGS, updatedAt: null, updatedBy: null };
  const parsed = storedSettingsSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('INTERNAL', 'The stored settings of this project are unreadable; nothing was changed.');
  return parsed.data;
}

/**
 * The project's settings, or why they cannot be read (for loops over many projects' pilots: that project's pilots
 * become flagged rows and the others go on). Other failures (storage down) are thrown as they are.
 */
export async function settingsOrReason(projectId: string, projectLabel: string): Promise<Settings | string> {
  try {
    return (await loadSettings(projectId)).settings;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INTERNAL') {
      return `The settings of project ${projectLabel} could not be read, so its pilots are not assessed; a project admin can open the AI Pilot settings page and save them again.`;
    }
    throw error;
  }
}

/** The store's limit on one value (Forge KVS: 240 KiB), with room to spare for the envelope around it. */
const MAX_STORED_BYTES = 200 * 1024;
/**
 * A revision claim outlives any invocation that writes (Forge's longest is 15 minutes); a writer that read the old
 * version late is refused by the version check after the claim. Kept short so that a claim whose release failed
 * with the write (one storage outage) does not lock the project's settings for long.
 */
const CLAIM_SECONDS = 15 * 60;

/**
 * Stores `settings` on top of `current` (as the caller just read it), or raises CONFLICT. Everything is checked
 * before the revision is claimed; the settings and their audit line are written in one KVS transaction; and the
 * claim is released on every failure after it, so a failed write never locks the project's settings.
 */
export async function saveSettings(
  projectId: string,
  current: StoredSettings,
  expectedVersion: number,
  settings: Settings,
  byAccountId: string,
  changes: string[],
  /** Records written in the same transaction (e.g. the rollout a template change needs). */
  alsoStore: Array<{ key: string; value: unknown }> = [],
): Promise<StoredSettings> {
  if (current.version !== expectedVersion) {
    throw new AppError(
      'CONFLICT',
      'Another admin changed these settings while you were editing. Their version is shown; apply your change again.',
      undefined,
      current,
    );
  }
  const at = new Date().toISOString();
  const stored = storedSettingsSchema.parse({
    version: expectedVersion + 1,
    settings,
    updatedAt: at,
    updatedBy: byAccountId,
  });
  const audit = auditEntrySchema.parse({ at, byAccountId, subject: 'settings', changes });
  if (Buffer.byteLength(JSON.stringify(stored)) > MAX_STORED_BYTES) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The workstream template is too large to store; shorten names or remove rows, then save again.',
      [{ field: 'settings.template', message: 'Workstream template: too large to store' }],
    );
  }
  const claimKey = `settings-rev:${projectId}:${expectedVersion + 1}`;
  if (!(await claim(claimKey, CLAIM_SECONDS))) {
    throw new AppError(
      'CONFLICT',
      'Another admin saved these settings at the same moment. Reload and apply your change again.',
      undefined,
      await loadSettings(projectId),
    );
  }
  const latest = await loadSettings(projectId);
  if (latest.version !== expectedVersion) {
    await releaseClaim(claimKey);
    throw new AppError(
      'CONFLICT',
      'Another admin changed these settings while you were editing. Their version is shown; apply your change again.',
      undefined,
      latest,
    );
  }
  try {
    let tx = kvs.transact().set(settingsKey(projectId), stored).set(auditKey(projectId, audit.at), audit);
    for (const record of alsoStore) tx = tx.set(record.key, record.value);
    await tx.execute();
  } catch (error) {
    await releaseClaim(claimKey);
    throw error;
  }
  // Thresholds, gates and templates change how every pilot of the project reads.
  await refreshPortfolioProject(projectId);
  return stored;
}

// Keys sort by time, so a prefix query returns the trail in order.
const auditKey = (projectId: string, at: string) => `audit:${projectId}:${at}:${randomUUID().slice(0, 8)}`;

/** An audit line as a key and value, for writers that store it in the same transaction as the change it records. */
export function auditRecord(projectId: string, entry: AuditEntry): { key: string; value: AuditEntry } {
  const value = auditEntrySchema.parse(entry);
  return { key: auditKey(projectId, value.at), value };
}

export async function appendAudit(projectId: string, entry: AuditEntry): Promise<void> {
  await kvs.set(auditKey(projectId, entry.at), entry);
}

export async function readAudit(projectId: string, limit = 50): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(`audit:${projectId}:`))
      .limit(100);
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
