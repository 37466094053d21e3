// What resolvers send back to the Custom UI apps. Types only: the UI renders them, the server builds them.
import type { PilotAssessment } from '../core/assessment';
import type { IsoDate } from '../core/dates';
import type { WorkstreamState } from '../core/pilot';
import type { Settings } from './schemas';

export interface WorkstreamView {
  rowId: string;
  name: string;
  ownerTeam: string;
  issueId: string | null;
  issueKey: string | null;
  state: WorkstreamState | 'missing';
  dueDate: IsoDate | null;
}

export interface PilotRecordView {
  version: number;
  pilot: import('../core/pilot').Pilot;
  waivers: import('../core/gate').Waiver[];
  productionSpecUrl: string | null;
  productionCriteria: import('../core/production-criteria').ProductionCriteria | null;
  pathwayPage: import('../core/pathway-document').PathwayPageLink | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Entries dropped from each history to keep the record bounded (only the latest are kept). */
  older: { decisions: number; productionDateChanges: number };
}

export interface PanelView {
  issue: { id: string; key: string; summary: string; projectId: string; projectKey: string; statusName: string | null };
  today: IsoDate;
  record: PilotRecordView;
  assessment: PilotAssessment;
  workstreams: WorkstreamView[];
  seeding: 'complete' | 'pending';
  permissions: { canEdit: boolean; canAdminister: boolean };
  settings: Settings;
  /** Display names of the accounts the record mentions, looked up as the viewer when the view was made. */
  names: Record<string, string>;
  /** Said after a save whose record is stored but whose Jira mirrors could not be written yet. */
  notice: string | null;
  /** The template version (settings version) the pilot's workstreams were seeded from, and where that template came from. */
  templateSource?: TemplateSourceView | null;
  /** The approval chain (its own record and version, apart from the pilot record's). */
  approvals: ApprovalsView;
}

export interface BlockerView {
  id: string;
  text: string;
  /** For a sub-task blocker: its status category in Jira is done. */
  done: boolean;
  subtaskId: string | null;
  subtaskKey: string | null;
}

export interface ReviewerView {
  name: string;
  state: import('../core/approvals').ReviewerState;
  conversationDate: IsoDate | null;
  notes: string;
  blockers: BlockerView[];
  history: import('../core/approvals').StateChange[];
}

export interface ApprovalsView {
  version: number;
  /** One per reviewer the project expects, in settings order. */
  reviewers: ReviewerView[];
  /** Why the stored approval chain cannot be read (then nothing can be changed until it is repaired). */
  unreadable: string | null;
}

export interface UserOption {
  accountId: string;
  displayName: string;
}

// ---- project settings page ----
export type StepState = 'in-place' | 'done-now' | 'manual' | 'missing';
export interface SetupStep {
  id: 'pilot-type' | 'subtask-type' | 'scheme' | 'screens' | 'validator';
  /** A step that is good practice but does not keep the project from working (shown, not counted for readiness). */
  advisory?: boolean;
  label: string;
  state: StepState;
  detail: string;
}
export interface SetupReport {
  projectKey: string;
  ready: boolean;
  steps: SetupStep[];
}

export interface AuditEntry {
  at: string;
  byAccountId: string;
  /** Display name of byAccountId as Jira knows it, when it could be looked up. */
  byName?: string;
  subject: string;
  changes: string[];
  /** Accounts the entry is about (a reminder's recipients). */
  accounts?: string[];
  /** Their display names, in the same order, looked up when the trail is read. */
  accountNames?: string[];
}

export interface StoredSettings {
  version: number;
  settings: Settings;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SettingsPageView extends StoredSettings {
  canAdminister: boolean;
  audit: AuditEntry[];
  setup: SetupReport | null;
}

/** Transitions into done statuses on the project's AI Pilot workflows, and whether each runs the graduation gate. */
export interface GateCoverageWorkflow {
  workflowName: string;
  /** Other projects that use this workflow (the app never edits a shared one). */
  sharedWithOtherProjects: number;
  transitions: Array<{ name: string; toStatus: string; state: 'covered' | 'added' | 'missing' }>;
}

export interface GateCoverageView {
  workflows: GateCoverageWorkflow[];
  /** What was done, and what a Jira admin must do, one sentence each. */
  lines: string[];
}

export interface GatePreviewRow {
  key: string;
  summary: string;
  passes: boolean;
  failures: string[];
}

// ---- Confluence portfolio macro ----
export interface PortfolioRow {
  key: string;
  summary: string;
  projectKey: string;
  owner: string | null;
  phase: import('../core/pilot').Phase;
  score: number;
  verdict: import('../core/diagnostic').Verdict;
  evidenceScore: number;
  mismatches: string[];
  daysSinceDemo: number | null;
  stalled: boolean;
  daysStalled: number;
  gatePassed: boolean;
  gateFailures: string[];
  workstreams: { done: number; total: number };
  nextMilestone: { label: string; date: string } | null;
  monthlyRunCost: number | null;
  decisionDue: boolean;
  decisionOverdue: boolean;
  /** Set when the pilot's stored data could not be read: the row says why, and counts in no total. */
  unreadable?: string;
}

export interface PortfolioView {
  today: IsoDate;
  /** The JQL the portfolio ran, as the viewer. */
  jql: string;
  /** Configured projects left out because this viewer cannot see them (or they no longer exist). */
  unavailableProjects: number;
  summary: import('../core/portfolio').PortfolioSummary;
  /** Pilots per diagnostic score 0..7. */
  distribution: number[];
  /** Daily snapshots summed over the projects the viewer sees pilots in. */
  trend: Array<{ day: IsoDate; stalled: number; stalledMonthlyCost: number; pilots: number }>;
  rows: PortfolioRow[];
  /** Demo-to-production days of the graduated pilots among the rows, per project (with its stall threshold) and per quarter. */
  cycleTime: import('../core/cycle-time').CycleTimeSummary;
}

/**
 * What portfolio/load sends: the same view with every mismatch and gate-failure sentence stored once in `texts`
 * and referenced by index from the rows. Those sentences repeat across pilots, and the payload of thousands of
 * pilots must stay far below Forge's 5 MB invoke response.
 */
export interface PortfolioPayload extends Omit<PortfolioView, 'rows'> {
  texts: string[];
  rows: Array<Omit<PortfolioRow, 'mismatches' | 'gateFailures'> & { mismatches: number[]; gateFailures: number[] }>;
}

export function compactPortfolio(view: PortfolioView): PortfolioPayload {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string) => {
    let i = index.get(text);
    if (i === undefined) {
      i = texts.push(text) - 1;
      index.set(text, i);
    }
    return i;
  };
  return {
    ...view,
    texts,
    rows: view.rows.map((r) => ({ ...r, mismatches: r.mismatches.map(ref), gateFailures: r.gateFailures.map(ref) })),
  };
}

export function expandPortfolio(payload: PortfolioPayload): PortfolioView {
  const { texts, rows, ...rest } = payload;
  const text = (i: number) => texts[i] ?? '';
  return {
    ...rest,
    rows: rows.map((r) => ({ ...r, mismatches: r.mismatches.map(text), gateFailures: r.gateFailures.map(text) })),
  };
}

/** One page of portfolio rows; `nextCursor` asks for the next page with the same query (null: no more rows). */
export interface PortfolioRowsPage {
  rows: PortfolioRow[];
  nextCursor: string | null;
}

/**
 * What portfolio/first sends: the summary numbers, charts and cycle time over every pilot the viewer may see, and
 * the first page of the kill list and of all rows. Further pages come from portfolio/rows.
 */
export interface PortfolioFirstView extends Omit<PortfolioView, 'rows'> {
  /** `store`: from the app's portfolio store (project and pilot filters); `jql`: the macro's own JQL filter, run as the viewer. */
  source: 'store' | 'jql';
  /** The oldest day any figure was computed on (the daily scan refreshes them; changes to a pilot within seconds). */
  asOf: IsoDate;
  /** Pilots in the rows list (summary.total plus pilots whose data could not be read). */
  rowCount: number;
  killList: PortfolioRowsPage;
  rows: PortfolioRowsPage;
}

export interface ProjectOption {
  id: string;
  key: string;
  name: string;
}

// ---- template from what shipped ----
export interface TemplateSourceView {
  version: number;
  /** The graduated pilot the template was adopted from, or null for a template an admin typed. */
  fromPilotKey: string | null;
}

export interface ShippedPilotOption {
  key: string;
  summary: string;
  /** When the pilot's graduation was recorded (ISO instant). */
  graduatedAt: string;
}

type TemplateRowFacts = {
  startWeek: number;
  mustCompleteBefore: import('../core/pilot').MilestoneKey;
  ownerTeam: string;
  position: number;
};

export interface ShippedTemplatePreview {
  /** The settings version the proposal was made against (adopt sends it back as expectedVersion). */
  version: number;
  /** Identifies the proposed template; adopting refuses if what the pilot's history gives has changed since. */
  proposal: string;
  pilot: { key: string; summary: string; pilotStart: IsoDate; graduatedAt: string };
  template: Settings['template'];
  observed: Array<{ rowId: string; name: string; startWeek: number; doneWeek: number | null; assignee: string | null }>;
  left: Array<{ name: string; reason: string }>;
  diff: Array<{
    rowId: string;
    name: string;
    change: 'added' | 'removed' | 'changed' | 'unchanged';
    moved: boolean;
    before: TemplateRowFacts | null;
    after: TemplateRowFacts | null;
    differences: string[];
  }>;
  /** Workstreams the gate requires that the new template no longer has: adopting drops them from the gate. */
  gateNoLongerRequires: string[];
  /** What pilots in flight get when it is adopted (the template rollout), or null when nothing reaches them. */
  rollout: { addedRows: number; movedRows: number } | null;
  /** Why the resulting settings could not be saved, field by field (empty when they can). */
  problems: Array<{ field: string; message: string }>;
}

export type { CycleTimeSummary } from '../core/cycle-time';
// ---- production pathway page ----
export interface ConfluenceSpaceOption {
  id: string;
  key: string;
  name: string;
}

export interface PathwaySpacesView {
  spaces: ConfluenceSpaceOption[];
  /** The title the page gets unless the person changes it. */
  suggestedTitle: string;
  /** Set when the pilot already has its page: the panel offers "open" instead of "create". */
  existing: import('../core/pathway-document').PathwayPageLink | null;
}
