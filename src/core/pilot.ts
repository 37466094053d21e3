// The pilot model: the facts we hold about one AI Pilot issue. Checks (diagnostic, evidence, gate, stall)
// are functions over these facts and live in their own files.
import type { IsoDate } from './dates';
import type { QuestionId } from './questions';

export const PHASES = ['pilot', 'post-demo', 'graduated', 'closed', 'paused', 'killed'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  pilot: 'Pilot',
  'post-demo': 'Post-demo',
  graduated: 'Graduated',
  closed: 'Closed without graduation',
  paused: 'Paused',
  killed: 'Killed',
};

export const MILESTONES = [
  { key: 'demoSignOff', label: 'Demo / sign-off' },
  { key: 'integrationTesting', label: 'Integration testing' },
  { key: 'loadTesting', label: 'Load testing' },
  { key: 'productionDeployment', label: 'Production deployment' },
  { key: 'productionGoLive', label: 'Production go-live' },
  { key: 'userRollout', label: 'User rollout' },
] as const;
export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS = MILESTONES.map((m) => m.key) as readonly MilestoneKey[];
export type Milestones = Partial<Record<MilestoneKey, IsoDate>>;

export type AccountId = string;

export const ANSWERS = ['yes', 'no', 'unknown'] as const;
export type Answer = (typeof ANSWERS)[number];

export interface DiagnosticAnswer {
  answer: Answer;
  note?: string;
  evidenceUrl?: string;
}
/** A question with no entry has not been answered, which counts as unknown. */
export type Diagnostic = Partial<Record<QuestionId, DiagnosticAnswer>>;

export interface ProductionDateChange {
  from: IsoDate | null;
  to: IsoDate | null;
  byAccountId: AccountId;
  /** ISO instant */
  at: string;
}

export interface PilotPeople {
  productionOwner: AccountId | null;
  dataScienceLead: AccountId | null;
  businessOwner: AccountId | null;
}

export interface ModelMetric {
  name: string;
  value: number;
}

export type ReviewDecision =
  | { kind: 'accelerate'; ownerAccountId: AccountId; resourcing: string }
  | { kind: 'pause'; rationale: string; resumeOn: IsoDate }
  | { kind: 'kill'; reason: string };

export type RecordedDecision = ReviewDecision & {
  decidedOn: IsoDate;
  byAccountId: AccountId;
  /** For kill: the monthly run cost no longer spent. */
  monthlyCostRecovered?: number;
};

export interface Pilot {
  phase: Phase;
  pilotStart: IsoDate | null;
  demoDate: IsoDate | null;
  productionDate: IsoDate | null;
  productionDateHistory: ProductionDateChange[];
  milestones: Milestones;
  people: PilotPeople;
  /** Compute, vendor and engineering spend per month, in the site's currency. */
  monthlyRunCost: number | null;
  modelMetric: ModelMetric | null;
  diagnostic: Diagnostic;
  /** Set while paused: the stall clock restarts on this day. */
  resumeOn: IsoDate | null;
  decisions: RecordedDecision[];
}

export function emptyPilot(): Pilot {
  return {
    phase: 'pilot',
    pilotStart: null,
    demoDate: null,
    productionDate: null,
    productionDateHistory: [],
    milestones: {},
    people: { productionOwner: null, dataScienceLead: null, businessOwner: null },
    monthlyRunCost: null,
    modelMetric: null,
    diagnostic: {},
    resumeOn: null,
    decisions: [],
  };
}

/** Workstream progress as Jira reports it through the status category of the sub-task. */
export type WorkstreamState = 'todo' | 'in-progress' | 'done';

export interface WorkstreamFact {
  /** Template row id recorded on the sub-task when it was created. */
  rowId: string;
  name: string;
  state: WorkstreamState;
  dueDate: IsoDate | null;
}
