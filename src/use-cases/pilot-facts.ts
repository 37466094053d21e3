// From a Jira issue (fields + the app's properties) to the facts the core checks. Shared by the panel, the
// validator, the scan and the portfolio so they read a pilot the same way.
import { assessPilot, type PilotAssessment, type ProjectRules } from '../core/assessment';
import type { ReviewerFact } from '../core/approvals';
import type { IsoDate } from '../core/dates';
import type { WorkstreamFact, WorkstreamState } from '../core/pilot';
import type { WorkstreamTemplateRow } from '../core/workstreams';
import type { Settings } from '../contract/schemas';
import type { WorkstreamView } from '../contract/views';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { PILOT_PROPERTY, type PilotRecord } from '../adapters/pilot-record.store';
import { LEGACY_WORKSTREAMS_PROPERTY, type WorkstreamMapping } from '../adapters/seeding.store';

export const AI_PILOT_TYPE = 'AI Pilot';
export const PILOT_FIELDS = ['summary', 'issuetype', 'project', 'status', 'subtasks', 'created'];
/** The legacy workstreams property is read only so the mapping can move to app storage on first read. */
export const PILOT_PROPERTIES = [PILOT_PROPERTY, LEGACY_WORKSTREAMS_PROPERTY];

/** A pilot with everything read that assessing it needs (the scan's pages, its reminders). */
export interface AssessablePilot {
  issue: JiraIssue;
  projectId: string;
  record: PilotRecord;
  settings: Settings;
  workstreams: WorkstreamMapping;
  graduated: boolean;
  /** The approval chain's reviewers; null when the chain cannot be read (Q3 then reads as unsupported). */
  reviewers: readonly ReviewerFact[] | null;
}

export function isPilot(issue: JiraIssue): boolean {
  return issue.fields.issuetype?.name === AI_PILOT_TYPE;
}

export function isDone(issue: JiraIssue): boolean {
  return issue.fields.status?.statusCategory?.key === 'done';
}

export function stateOf(statusCategoryKey: string | undefined): WorkstreamState {
  if (statusCategoryKey === 'done') return 'done';
  if (statusCategoryKey === 'indeterminate') return 'in-progress';
  return 'todo';
}

/** One row per template row: the sub-task created for it (if any, per the stored mapping) and its state in Jira. */
export function workstreamViews(
  issue: JiraIssue,
  template: WorkstreamTemplateRow[],
  mapping: WorkstreamMapping,
  dueDates: Record<string, string | null> = {},
): WorkstreamView[] {
  const { rows } = mapping;
  const subtasks = new Map((issue.fields.subtasks ?? []).map((s) => [s.id, s]));
  return template.map((row) => {
    const issueId = rows[row.id] ?? null;
    const subtask = issueId ? subtasks.get(issueId) : undefined;
    return {
      rowId: row.id,
      name: subtask?.fields?.summary ?? row.name,
      ownerTeam: row.ownerTeam,
      issueId: subtask ? subtask.id : null,
      issueKey: subtask ? subtask.key : null,
      state: subtask ? stateOf(subtask.fields?.status?.statusCategory?.key) : 'missing',
      dueDate: dueDates[row.id] ?? null,
    };
  });
}

export function workstreamFacts(views: WorkstreamView[]): WorkstreamFact[] {
  return views.flatMap((v) =>
    v.state === 'missing' ? [] : [{ rowId: v.rowId, name: v.name, state: v.state, dueDate: v.dueDate }],
  );
}

/**
 * One pilot issue assessed under its project's rules. `issueDone` can be overridden: the graduation validator
 * judges the pilot as it stands before the transition that would make it done.
 */
export function assessIssue(
  issue: JiraIssue,
  record: PilotRecord,
  rules: ProjectRules,
  day: IsoDate,
  options: ({ views: WorkstreamView[] } | { workstreams: WorkstreamMapping }) & {
    issueDone?: boolean;
    graduated?: boolean;
    /** The approval chain's expected reviewers (approvals-view.ts), or null when the chain cannot be read. */
    reviewers: readonly ReviewerFact[] | null;
  },
): PilotAssessment {
  const views = 'views' in options ? options.views : workstreamViews(issue, rules.template, options.workstreams);
  return assessPilot(
    {
      pilot: record.pilot,
      waivers: record.waivers,
      productionSpecLinked: Boolean(record.productionSpecUrl),
      productionCriteria: record.productionCriteria,
      pathwayPage: record.pathwayPage ? { title: record.pathwayPage.title, url: record.pathwayPage.url } : null,
      workstreams: workstreamFacts(views),
      issueDone: options.issueDone ?? isDone(issue),
      // Done counts as graduated only with the app's closure record saying so (see pilot-closure.use-case).
      graduated: options.graduated ?? false,
      reviewers: options.reviewers,
    },
    rules,
    day,
  );
}
