// Asks the portfolio-rows consumer to bring rows up to date after a change. Best effort: the change itself is
// stored already, and the daily scan rewrites every row, so a refresh that cannot be queued is logged, not thrown.
// Changes are coalesced: each marks its pilot pending in KVS, and one queue event at a time (a claim) drains every
// pending pilot, so a burst of changes costs a few events, not one each (Forge takes 500 events a minute per app).
import { Queue } from '@forge/events';
import { kvs, WhereConditions } from '@forge/kvs';
import { claim, releaseClaim } from './claims.store';

export const PORTFOLIO_QUEUE = 'portfolio-rows';
/** Issue ids per refresh message (the consumer reads each issue from Jira). */
export const MAX_REFRESH_IDS = 50;

export type PortfolioJob =
  | { kind: 'portfolio-project'; projectId: string; pageToken?: string; day?: string }
  | { kind: 'portfolio-rebuild'; day: string; pageToken?: string; projectIds?: string[] }
  | { kind: 'portfolio-pending' };

export async function pushPortfolioJob(job: PortfolioJob): Promise<void> {
  await new Queue({ key: PORTFOLIO_QUEUE }).push([{ body: job }]);
}

async function bestEffort(what: string, job: PortfolioJob): Promise<void> {
  try {
    await pushPortfolioJob(job);
  } catch (error) {
    console.warn(
      `Portfolio refresh of ${what} not queued (the daily scan brings it up to date): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const PENDING_PREFIX = 'portfolio-pending:';
/** Held from a drain's push until that drain starts: while held, a change only marks its pilot. */
const PUSH_CLAIM = 'portfolio-pending-push';
const PUSH_CLAIM_SECONDS = 120;
const BATCH = 25;

export async function refreshPortfolioRows(issueIds: readonly string[]): Promise<void> {
  const ids = [...new Set(issueIds.filter(Boolean))];
  if (!ids.length) return;
  try {
    const at = new Date().toISOString();
    for (let i = 0; i < ids.length; i += BATCH) {
      const result = await kvs.batchSet(
        ids.slice(i, i + BATCH).map((id) => ({ key: `${PENDING_PREFIX}${id}`, value: { at } })),
      );
      if (result.failedKeys.length) throw new Error(`${result.failedKeys.length} pending mark(s) not stored`);
    }
  } catch (error) {
    console.warn(
      `Portfolio refresh of ${ids.join(', ')} not marked (the daily scan brings it up to date): ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  await requestDrain();
}

/** Pushes a drain unless one is on its way (its claim is held); a push that fails frees the claim for the next change. */
export async function requestDrain(): Promise<void> {
  try {
    if (!(await claim(PUSH_CLAIM, PUSH_CLAIM_SECONDS))) return;
  } catch (error) {
    console.warn(`Portfolio refresh not requested: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  try {
    await pushPortfolioJob({ kind: 'portfolio-pending' });
  } catch (error) {
    await releaseClaim(PUSH_CLAIM);
    console.warn(
      `Portfolio refresh not queued (the next change or the daily scan brings it up to date): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A drain starts: from now on a change pushes a new drain (so nothing marked after this read waits). */
export async function drainStarted(): Promise<void> {
  await releaseClaim(PUSH_CLAIM);
}

/** Takes up to `limit` pending pilots: their marks are deleted before they are refreshed (a change meanwhile marks again). */
export async function takePending(limit = 50): Promise<string[]> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith(PENDING_PREFIX)).limit(limit).getMany();
  const keys = page.results.map((r) => r.key);
  for (let i = 0; i < keys.length; i += BATCH) await kvs.batchDelete(keys.slice(i, i + BATCH).map((key) => ({ key })));
  return keys.map((k) => k.slice(PENDING_PREFIX.length));
}

/** Marks pilots pending again (a refresh that Jira or storage refused for now). */
export async function markPendingAgain(issueIds: readonly string[]): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < issueIds.length; i += BATCH)
    await kvs.batchSet(issueIds.slice(i, i + BATCH).map((id) => ({ key: `${PENDING_PREFIX}${id}`, value: { at } })));
}

export async function anyPending(): Promise<boolean> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith(PENDING_PREFIX)).limit(1).getMany();
  return page.results.length > 0;
}

export async function refreshPortfolioProject(projectId: string): Promise<void> {
  if (projectId) await bestEffort(`project ${projectId}`, { kind: 'portfolio-project', projectId });
}
