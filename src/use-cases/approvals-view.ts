// From a stored approval chain and the pilot issue to what the panel shows and the checks read: one entry per
// reviewer the project expects (settings order), blockers that became sub-tasks taking their done state from Jira.
import { chainFacts, emptyReviewer, reviewerEntry, type ReviewerFact } from '../core/approvals';
import type { Settings } from '../contract/schemas';
import type { ApprovalsView } from '../contract/views';
import type { DecodedApprovals } from '../adapters/approvals.codec';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { stateOf } from './pilot-facts';

/** Done as Jira shows it, per sub-task id of the pilot. */
export function subtaskDoneOf(issue: JiraIssue): Map<string, boolean> {
  return new Map(
    (issue.fields.subtasks ?? []).map((s) => [s.id, stateOf(s.fields?.status?.statusCategory?.key) === 'done']),
  );
}

/** The facts Q3 and week 4 read, or null when the chain cannot be read. */
export function reviewerFactsOf(
  settings: Pick<Settings, 'reviewers'>,
  decoded: DecodedApprovals,
): ReviewerFact[] | null {
  return decoded.ok ? chainFacts(settings.reviewers, decoded.record.reviewers) : null;
}

export function approvalsViewOf(
  issue: JiraIssue,
  settings: Pick<Settings, 'reviewers'>,
  decoded: DecodedApprovals,
): ApprovalsView {
  if (!decoded.ok)
    return {
      version: 0,
      reviewers: [],
      unreadable: `The approval chain of ${issue.key} could not be read: ${decoded.reason}.`,
    };
  const subtasks = new Map((issue.fields.subtasks ?? []).map((s) => [s.id, s]));
  const done = subtaskDoneOf(issue);
  return {
    version: decoded.record.version,
    unreadable: null,
    reviewers: settings.reviewers.map((name) => {
      const entry = reviewerEntry(decoded.record.reviewers, name) ?? emptyReviewer();
      return {
        name,
        state: entry.state,
        conversationDate: entry.conversationDate,
        notes: entry.notes,
        history: entry.history,
        // A sub-task Jira no longer lists under the pilot (deleted, moved) is shown unlinked: the owner ticks or removes it.
        blockers: entry.blockers.map((b) => {
          const subtaskId = b.subtaskId && done.has(b.subtaskId) ? b.subtaskId : null;
          return {
            id: b.id,
            text: b.text,
            done: subtaskId ? done.get(subtaskId)! : b.done,
            subtaskId,
            subtaskKey: subtaskId ? (subtasks.get(subtaskId)?.key ?? null) : null,
          };
        }),
      };
    }),
  };
}

/** Accounts the chain's history names, to be shown by name. */
export function approvalAccounts(view: ApprovalsView): string[] {
  return view.reviewers.flatMap((r) => r.history.map((h) => h.byAccountId));
}
