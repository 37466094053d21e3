// The workflow validator's check: an AI Pilot may take the graduation transition only when its project's gate
// is met or each unmet criterion is waived (until the waiver expires), and only while it is in flight (not killed,
// not paused). Runs as the app: nobody is there to consent. On a pass it records, in app storage, which status the
// transition lets the pilot into; the issue-updated trigger turns that move into a "graduated" closure record.
// Any failure to read or to record is a refusal (the entry point fails closed).
import { nowIso, today } from '../adapters/clock';
import { recordGatePass } from '../adapters/closure.store';
import { getIssue } from '../adapters/jira/issues.api';
import { readRecord, type PilotRecord } from '../adapters/pilot-record.store';
import { loadWorkstreams } from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { readApprovalsOf } from '../adapters/approvals.store';
import { reviewerFactsOf } from './approvals-view';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

export interface TransitionMove {
  fromStatusId: string | null;
  toStatusId: string;
}

export async function checkGraduation(
  issueIdOrKey: string,
  move: TransitionMove | null = null,
): Promise<{ result: boolean; errorMessage?: string }> {
  const issue = await getIssue('app', issueIdOrKey, PILOT_FIELDS, PILOT_PROPERTIES);
  if (!isPilot(issue)) return { result: true };
  const projectId = issue.fields.project?.id;
  if (!projectId) return { result: false, errorMessage: `Could not tell which project ${issue.key} is in; try again.` };
  // The record as the gate trusts it: from app storage (`pilot:{issueId}`), never from the `ai-pilot` property a
  // member can write. A record that cannot be read is a refusal.
  const read = await readRecord(issue);
  if (!read.ok) return { result: false, errorMessage: read.message };
  const record = read.record;
  const held = notInFlight(issue.key, record);
  if (held) return { result: false, errorMessage: held };
  const { settings } = await loadSettings(projectId);
  const reviewers = reviewerFactsOf(settings, await readApprovalsOf(issue.id));
  const assessment = assessIssue(issue, record, settings, today(), {
    workstreams: await loadWorkstreams(issue),
    issueDone: false,
    reviewers,
  });
  if (!assessment.gate.passed) {
    return {
      result: false,
      errorMessage: `${issue.key} cannot graduate yet. Graduation gate not met: ${assessment.gate.failures.join('; ')}.`,
    };
  }
  // Without this record the move would count as "closed without graduation"; if it cannot be written, refuse.
  if (move)
    await recordGatePass(issue.id, { toStatusId: move.toStatusId, fromStatusId: move.fromStatusId, at: nowIso() });
  return { result: true };
}

/** Why a killed or paused pilot cannot graduate, or null when it is in flight. */
function notInFlight(key: string, record: PilotRecord): string | null {
  const { phase, decisions } = record.pilot;
  if (phase !== 'killed' && phase !== 'paused') return null;
  const kind = phase === 'killed' ? 'kill' : 'pause';
  const last = [...decisions].reverse().find((d) => d.kind === kind);
  const when = last ? ` on ${last.decidedOn}` : '';
  if (phase === 'killed') return `${key} was killed${when}; a killed pilot cannot graduate.`;
  return `${key} was paused${when}; record an accelerate decision to take it forward before it can graduate.`;
}
