// Asks the portfolio-rows consumer to bring rows up to date after a change. Best effort: the change itself is
// stored already, and the daily scan rewrites every row, so a refresh that cannot be queued is logged, not thrown.
import { Queue } from '@forge/events';

export const PORTFOLIO_QUEUE = 'portfolio-rows';
/** Issue ids per refresh message (the consumer reads each issue from Jira). */
export const MAX_REFRESH_IDS = 50;

export type PortfolioJob =
  | { kind: 'portfolio-pilots'; issueIds: string[] }
  | { kind: 'portfolio-project'; projectId: string; pageToken?: string; day?: string }
  | { kind: 'portfolio-rebuild'; day: string; pageToken?: string; projectIds?: string[] };

export async function pushPortfolioJob(job: PortfolioJob): Promise<void> {
  await new Queue({ key: PORTFOLIO_QUEUE }).push([{ body: job }]);
}

async function bestEffort(what: string, job: PortfolioJob): Promise<void> {
  try {
    await pushPortfolioJob(job);
  } catch (error) {
    console.warn(`Portfolio refresh of ${what} not queued (the daily scan brings it up to date): ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function refreshPortfolioRows(issueIds: readonly string[]): Promise<void> {
  const ids = [...new Set(issueIds.filter(Boolean))];
  for (let i = 0; i < ids.length; i += MAX_REFRESH_IDS) await bestEffort(ids.slice(i, i + MAX_REFRESH_IDS).join(', '), { kind: 'portfolio-pilots', issueIds: ids.slice(i, i + MAX_REFRESH_IDS) });
}

export async function refreshPortfolioProject(projectId: string): Promise<void> {
  if (projectId) await bestEffort(`project ${projectId}`, { kind: 'portfolio-project', projectId });
}
