// A pilot's approval chain in app storage (`approvals:{issueId}`), which only the app can write. Versioned like the
// pilot record: a KVS claim on (issue, next version) lets exactly one of two concurrent writers proceed, the
// version is checked again after the claim, and the chain and its audit line are written in one transaction.
import { kvs } from '@forge/kvs';
import { AppError } from './errors';
import {
  APPROVALS_SCHEMA_VERSION,
  decodeApprovals,
  fitApprovals,
  type ApprovalsRecord,
  type DecodedApprovals,
} from './approvals.codec';
import { claim, releaseClaim } from './claims.store';
import { batchRead } from './kvs-batch';
import { auditRecord, type AuditEntry } from './settings.store';
import { refreshPortfolioRows } from './portfolio-queue';

export type { ApprovalsRecord } from './approvals.codec';

export const approvalsKey = (issueId: string) => `approvals:${issueId}`;

/** Forge KVS values are at most 240 KiB. */
const MAX_APPROVALS_BYTES = 240 * 1024;
/** Longer than any invocation that writes (15 minutes); a version stored earlier is refused by the check after it. */
const CLAIM_SECONDS = 15 * 60;

/** The chains of several pilots in batch reads (25 keys each); each one decoded or flagged on its own. */
export async function readApprovals(issueIds: string[]): Promise<Map<string, DecodedApprovals>> {
  const found = await batchRead(issueIds.map(approvalsKey));
  return new Map(issueIds.map((id) => [id, decodeApprovals(found.get(approvalsKey(id)))]));
}

export async function readApprovalsOf(issueId: string): Promise<DecodedApprovals> {
  return decodeApprovals(await kvs.get(approvalsKey(issueId)));
}

/**
 * Stores `next` as expectedVersion + 1, or raises CONFLICT when someone else stored the chain in between. The
 * chain and its audit line are one KVS transaction (both or neither); a failed write releases its claim.
 */
export async function writeApprovals(
  issueId: string,
  expectedVersion: number,
  next: ApprovalsRecord,
  audit: { projectId: string; entry: AuditEntry },
): Promise<ApprovalsRecord> {
  const version = expectedVersion + 1;
  const whole: ApprovalsRecord = { ...next, schemaVersion: APPROVALS_SCHEMA_VERSION, version };
  const stored = fitApprovals(whole, MAX_APPROVALS_BYTES);
  if (!stored) {
    const bytes = Buffer.byteLength(JSON.stringify(whole));
    throw new AppError(
      'VALIDATION_FAILED',
      'The approval chain would be too large to store; shorten notes or blockers. Nothing was saved.',
      [
        {
          field: 'update.notes',
          message: `The approval chain would take ${Math.ceil(bytes / 1024)} KiB of at most 240 KiB`,
        },
      ],
    );
  }
  const claimKey = `approvals-rev:${issueId}:${version}`;
  const conflict = () =>
    new AppError(
      'CONFLICT',
      'Someone else changed the approval chain a moment ago. Their version is shown; apply your change again.',
    );
  if (!(await claim(claimKey, CLAIM_SECONDS))) throw conflict();
  const latest = await readApprovalsOf(issueId);
  if (!latest.ok || latest.record.version !== expectedVersion) {
    await releaseClaim(claimKey);
    throw conflict();
  }
  try {
    const line = auditRecord(audit.projectId, audit.entry);
    await kvs.transact().set(approvalsKey(issueId), stored).set(line.key, line.value).execute();
  } catch (error) {
    await releaseClaim(claimKey);
    throw error;
  }
  await refreshPortfolioRows([issueId]);
  return stored;
}

/** One creator at a time for a blocker's sub-task; released once the chain records it (or the attempt failed). */
export async function claimBlockerSubtask(issueId: string, blockerId: string): Promise<string | null> {
  const key = `approvals-subtask:${issueId}:${blockerId}`;
  return (await claim(key, CLAIM_SECONDS)) ? key : null;
}

export { releaseClaim };
