// How a pilot left flight, in app storage only the app can write: `pilot-closure:{issueId}` says whether its move
// into a done status graduated it (the graduation gate passed on the way in) or closed it without graduation.
// The workflow validator leaves a short-lived pass (`gate-pass:{issueId}`) naming the status the passed transition
// goes to; the issue-updated trigger turns the move into a closure record, exactly once.
import { kvs } from '@forge/kvs';
import { isAlreadyExists } from './claims.store';
import { batchRead } from './kvs-batch';
import { z } from 'zod';
import { refreshPortfolioRows } from './portfolio-queue';

export const CLOSURE_OUTCOMES = ['graduated', 'closed-without-graduation'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

const closureSchema = z.object({
  outcome: z.enum(CLOSURE_OUTCOMES),
  /** The done status the pilot moved into. */
  statusId: z.string(),
  statusName: z.string(),
  /** When the app recorded the move (ISO instant). */
  at: z.string(),
  /** Who moved it, when the event said (account id). */
  byAccountId: z.string().nullable(),
});
export type ClosureRecord = z.infer<typeof closureSchema>;

const gatePassSchema = z.object({
  /** The status the validated transition goes to. */
  toStatusId: z.string(),
  fromStatusId: z.string().nullable(),
  at: z.string(),
});
export type GatePass = z.infer<typeof gatePassSchema>;

/** How long a validator's pass stays good: long enough for a late or retried event, short enough not to linger. */
export const GATE_PASS_TTL_SECONDS = 6 * 3600;

const closureKey = (issueId: string) => `pilot-closure:${issueId}`;
const passKey = (issueId: string) => `gate-pass:${issueId}`;

/** The closure record, or null. A value the code cannot read counts as none: the pilot is then not graduated. */
export async function readClosure(issueId: string): Promise<ClosureRecord | null> {
  const parsed = closureSchema.safeParse(await kvs.get(closureKey(issueId)));
  return parsed.success ? parsed.data : null;
}

/** Closure records of many pilots at once (missing ones absent from the map). */
export async function readClosures(issueIds: string[]): Promise<Map<string, ClosureRecord>> {
  const found = new Map<string, ClosureRecord>();
  const stored = await batchRead(issueIds.map(closureKey));
  for (const id of issueIds) {
    const parsed = closureSchema.safeParse(stored.get(closureKey(id)));
    if (parsed.success) found.set(id, parsed.data);
  }
  return found;
}

/** Stores the record unless one exists; true when this caller stored it (so it alone writes the audit line). */
export async function createClosure(issueId: string, record: ClosureRecord): Promise<boolean> {
  try {
    await kvs.set(closureKey(issueId), record, { keyPolicy: 'FAIL_IF_EXISTS' });
    await refreshPortfolioRows([issueId]);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Overwrites the record (a closed pilot that then passed the gate into production). */
export async function replaceClosure(issueId: string, record: ClosureRecord): Promise<void> {
  await kvs.set(closureKey(issueId), closureSchema.parse(record));
  await refreshPortfolioRows([issueId]);
}

export async function deleteClosure(issueId: string): Promise<void> {
  await kvs.delete(closureKey(issueId));
  await refreshPortfolioRows([issueId]);
}

export async function recordGatePass(issueId: string, pass: GatePass): Promise<void> {
  await kvs.set(passKey(issueId), pass, { ttl: { value: GATE_PASS_TTL_SECONDS, unit: 'SECONDS' } });
}

export async function readGatePass(issueId: string): Promise<GatePass | null> {
  const parsed = gatePassSchema.safeParse(await kvs.get(passKey(issueId)));
  return parsed.success ? parsed.data : null;
}

export async function clearGatePass(issueId: string): Promise<void> {
  await kvs.delete(passKey(issueId));
}
