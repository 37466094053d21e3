// Graduation is a fact the app records, not a status category: when a pilot moves into a done status, the app
// records "graduated" only if the graduation gate passed for that very move (the validator's pass names the status
// it let the pilot into); any other way in (Done, Won't do, a transition without the validator) is recorded as
// "closed without graduation". Moving out of done clears the record. The decision is taken from the issue as Jira
// has it now, so a duplicate, late or concurrent event converges to the same record, audited once.
import { nowIso } from '../adapters/clock';
import {
  clearGatePass,
  createClosure,
  deleteClosure,
  readClosure,
  readClosures,
  readGatePass,
  replaceClosure,
  type ClosureRecord,
} from '../adapters/closure.store';
import { getIssue, type JiraIssue } from '../adapters/jira/issues.api';
import { claim } from '../adapters/pilot-record.store';
import { appendAudit } from '../adapters/settings.store';
import { isDone, isPilot } from './pilot-facts';

export type ClosureSync =
  | { status: 'not-a-pilot' | 'open' | 'unchanged' }
  | { status: 'recorded'; closure: ClosureRecord }
  | { status: 'reopened'; was: ClosureRecord };

const OUTCOME_WORDS = { graduated: 'graduated', 'closed-without-graduation': 'closed without graduation' } as const;

/** Brings the closure record in line with the issue's current status. `byAccountId`: who moved it (from the event). */
export async function syncClosure(issueIdOrKey: string, byAccountId: string | null): Promise<ClosureSync> {
  const issue = await getIssue('app', issueIdOrKey, ['status', 'issuetype', 'project']);
  if (!isPilot(issue)) return { status: 'not-a-pilot' };
  const projectId = issue.fields.project?.id;
  const current = await readClosure(issue.id);
  if (!isDone(issue)) {
    if (!current) return { status: 'open' };
    // Two deliveries of the reopening both clear; only the one that claims it writes the audit line.
    const first = await claim(`pilot-closure-reopened:${issue.id}:${current.at}`);
    await deleteClosure(issue.id);
    await clearGatePass(issue.id);
    if (first && projectId) {
      await appendAudit(projectId, {
        at: nowIso(),
        byAccountId: byAccountId ?? 'app',
        subject: `${issue.key} closure`,
        changes: [
          `reopened to ${issue.fields.status?.name ?? 'an open status'}; it was ${OUTCOME_WORDS[current.outcome]}`,
        ],
      });
    }
    return { status: 'reopened', was: current };
  }
  const statusId = issue.fields.status?.id ?? '';
  const statusName = issue.fields.status?.name ?? 'a done status';
  if (current) return upgradeClosure(issue, current, statusId, statusName, byAccountId);
  const pass = await readGatePass(issue.id);
  const graduated = pass !== null && statusId !== '' && pass.toStatusId === statusId;
  const closure: ClosureRecord = {
    outcome: graduated ? 'graduated' : 'closed-without-graduation',
    statusId,
    statusName,
    at: nowIso(),
    byAccountId,
  };
  if (!(await createClosure(issue.id, closure))) return { status: 'unchanged' };
  // The pass is spent: a later move (after a reopen) needs the gate again.
  if (pass) await clearGatePass(issue.id);
  if (projectId) {
    await appendAudit(projectId, {
      at: closure.at,
      byAccountId: byAccountId ?? 'app',
      subject: `${issue.key} closure`,
      changes: [
        graduated
          ? `graduated: moved to ${statusName} through the graduation gate`
          : `closed without graduation: moved to ${statusName} without passing the graduation gate; not counted as graduated`,
      ],
    });
  }
  return { status: 'recorded', closure };
}

/**
 * A pilot closed without graduation that then takes a transition carrying the gate into another done status (the
 * workflow lets Graduate start from Done) passed the gate on its way into production: its record becomes
 * "graduated", audited once. A graduated record is never downgraded by a later move between done statuses.
 */
async function upgradeClosure(
  issue: JiraIssue,
  current: ClosureRecord,
  statusId: string,
  statusName: string,
  byAccountId: string | null,
): Promise<ClosureSync> {
  if (current.outcome === 'graduated' || statusId === '' || current.statusId === statusId)
    return { status: 'unchanged' };
  const pass = await readGatePass(issue.id);
  if (!pass || pass.toStatusId !== statusId) return { status: 'unchanged' };
  const closure: ClosureRecord = { outcome: 'graduated', statusId, statusName, at: nowIso(), byAccountId };
  const first = await claim(`pilot-closure-upgraded:${issue.id}:${current.at}`);
  await replaceClosure(issue.id, closure);
  await clearGatePass(issue.id);
  const projectId = issue.fields.project?.id;
  if (first && projectId) {
    await appendAudit(projectId, {
      at: closure.at,
      byAccountId: byAccountId ?? 'app',
      subject: `${issue.key} closure`,
      changes: [
        `graduated: moved to ${statusName} through the graduation gate (it was closed without graduation in ${current.statusName})`,
      ],
    });
  }
  return { status: 'recorded', closure };
}

/** Whether a pilot issue in a done status graduated (per the app's record). Open issues: false. */
export async function graduatedOf(issue: JiraIssue): Promise<boolean> {
  if (!isDone(issue)) return false;
  return (await readClosure(issue.id))?.outcome === 'graduated';
}

/** The closure records of the done pilots among `issues` that the app recorded as graduated, by issue id. */
export async function graduationsAmong(issues: JiraIssue[]): Promise<Map<string, ClosureRecord>> {
  const done = issues.filter(isDone).map((i) => i.id);
  if (done.length === 0) return new Map();
  const closures = await readClosures(done);
  return new Map([...closures].filter(([, c]) => c.outcome === 'graduated'));
}
