// The contract's output half: a zod schema for what each resolver key answers, each one typed against the view
// interface it describes (`z.ZodType<View>`), so the compiler keeps schema and type in step. The end-to-end tests
// parse every answer they get with these; the UI relies on the same shapes.
import { z } from 'zod';
import type { PilotAssessment } from '../core/assessment';
import type { PortfolioSummary } from '../core/portfolio';
import { ANSWERS, MILESTONE_KEYS, PHASES } from '../core/pilot';
import { QUESTION_IDS } from '../core/questions';
import { VERDICTS } from '../core/diagnostic';
import { isoDate, settingsSchema, templateRowSchema } from './schemas';
import type { MilestoneKey } from '../core/pilot';
import type { MacroKey, PanelKey, SettingsKey } from './schemas';
import { REVIEWER_STATES } from '../core/approvals';
import type {
  ApprovalsView,
  AuditEntry,
  GateCoverageView,
  GatePreviewRow,
  PanelView,
  PathwaySpacesView,
  PilotRecordView,
  PortfolioPayload,
  PortfolioFirstView,
  PortfolioRow,
  PortfolioRowsPage,
  ProjectOption,
  SettingsPageView,
  SetupReport,
  UserOption,
  WorkstreamView,
  ShippedPilotOption,
  ShippedTemplatePreview,
  TemplateSourceView,
} from './views';
import type { CycleTimeSummary } from '../core/cycle-time';

const phase = z.enum(PHASES);
const verdict = z.enum(VERDICTS as unknown as ['not-assessed', 'heading-to-purgatory', 'real-production-potential']);
const questionId = z.enum(QUESTION_IDS as unknown as ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
const workstreamState = z.enum(['todo', 'in-progress', 'done']);
const day = isoDate;
const count = z.number().int().min(0);

const waiver = z.object({
  criterion: z.string(),
  reason: z.string(),
  expiresOn: day,
  byAccountId: z.string(),
  grantedOn: day,
});
const decision = z.union([
  z.object({
    kind: z.literal('accelerate'),
    ownerAccountId: z.string(),
    resourcing: z.string(),
    decidedOn: day,
    byAccountId: z.string(),
  }),
  z.object({ kind: z.literal('pause'), rationale: z.string(), resumeOn: day, decidedOn: day, byAccountId: z.string() }),
  z.object({
    kind: z.literal('kill'),
    reason: z.string(),
    decidedOn: day,
    byAccountId: z.string(),
    monthlyCostRecovered: z.number().optional(),
  }),
]);

const productionCriteria = z.object({
  latencyP95Ms: z.number(),
  availabilityPercent: z.number(),
  dataSources: z.array(z.string()),
  regulatoryFrameworks: z.array(z.string()),
  rollbackPlan: z.string(),
  monitoring: z.string(),
  definedOn: day,
  byAccountId: z.string(),
});
const pathwayPage = z.object({
  pageId: z.string(),
  spaceId: z.string(),
  spaceKey: z.string(),
  title: z.string(),
  url: z.string(),
  createdAt: z.string(),
  byAccountId: z.string(),
});

const recordView: z.ZodType<PilotRecordView> = z.object({
  version: count,
  pilot: z.object({
    phase,
    pilotStart: day.nullable(),
    demoDate: day.nullable(),
    productionDate: day.nullable(),
    productionDateHistory: z.array(
      z.object({ from: day.nullable(), to: day.nullable(), byAccountId: z.string(), at: z.string() }),
    ),
    milestones: z.partialRecord(
      z.enum(
        MILESTONE_KEYS as unknown as [
          'demoSignOff',
          'integrationTesting',
          'loadTesting',
          'productionDeployment',
          'productionGoLive',
          'userRollout',
        ],
      ),
      day,
    ),
    people: z.object({
      productionOwner: z.string().nullable(),
      dataScienceLead: z.string().nullable(),
      businessOwner: z.string().nullable(),
    }),
    monthlyRunCost: z.number().nullable(),
    modelMetric: z.object({ name: z.string(), value: z.number() }).nullable(),
    diagnostic: z.partialRecord(
      questionId,
      z.object({ answer: z.enum(ANSWERS), note: z.string().optional(), evidenceUrl: z.string().optional() }),
    ),
    resumeOn: day.nullable(),
    decisions: z.array(decision),
  }),
  waivers: z.array(waiver),
  productionSpecUrl: z.string().nullable(),
  productionCriteria: productionCriteria.nullable(),
  pathwayPage: pathwayPage.nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  older: z.object({ decisions: count, productionDateChanges: count }),
});

const stall = z.object({
  stalled: z.boolean(),
  clockStart: day.nullable(),
  daysOnClock: z.number().int().nullable(),
  daysStalled: count,
  reason: z.string(),
  decisionDue: z.boolean(),
  decisionOverdue: z.boolean(),
  decisionDueSince: day.nullable(),
});

const assessment: z.ZodType<PilotAssessment> = z.object({
  phase,
  score: z.number().int().min(0).max(7),
  verdict,
  assessed: z.boolean(),
  needsProductionOwner: z.boolean(),
  evidence: z.object({
    evidenceScore: z.number().int().min(0).max(7),
    perQuestion: z.array(z.object({ questionId, supported: z.boolean(), evidence: z.string() })),
    mismatches: z.array(z.object({ questionId, kind: z.enum(['overclaimed', 'underclaimed']), message: z.string() })),
  }),
  gate: z.object({
    passed: z.boolean(),
    criteria: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        met: z.boolean(),
        waivedBy: waiver.nullable(),
        reason: z.string().nullable(),
      }),
    ),
    failures: z.array(z.string()),
  }),
  stall,
  workstreamProgress: z.object({ done: count, total: count }),
  nextMilestone: z
    .object({
      key: z.enum(
        MILESTONE_KEYS as unknown as [
          'demoSignOff',
          'integrationTesting',
          'loadTesting',
          'productionDeployment',
          'productionGoLive',
          'userRollout',
        ],
      ),
      label: z.string(),
      date: day,
    })
    .nullable(),
  daysSinceDemo: z.number().int().nullable(),
});

const workstream: z.ZodType<WorkstreamView> = z.object({
  rowId: z.string(),
  name: z.string(),
  ownerTeam: z.string(),
  issueId: z.string().nullable(),
  issueKey: z.string().nullable(),
  state: z.union([workstreamState, z.literal('missing')]),
  dueDate: day.nullable(),
});

const reviewerState = z.enum(REVIEWER_STATES);
const approvalsView: z.ZodType<ApprovalsView> = z.object({
  version: count,
  reviewers: z.array(
    z.object({
      name: z.string(),
      state: reviewerState,
      conversationDate: day.nullable(),
      notes: z.string(),
      blockers: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          done: z.boolean(),
          subtaskId: z.string().nullable(),
          subtaskKey: z.string().nullable(),
        }),
      ),
      history: z.array(
        z.object({
          from: reviewerState,
          to: reviewerState,
          reason: z.string().nullable(),
          byAccountId: z.string(),
          at: z.string(),
        }),
      ),
    }),
  ),
  unreadable: z.string().nullable(),
});

export const panelViewSchema: z.ZodType<PanelView> = z.object({
  issue: z.object({
    id: z.string(),
    key: z.string(),
    summary: z.string(),
    projectId: z.string(),
    projectKey: z.string(),
    statusName: z.string().nullable(),
  }),
  today: day,
  record: recordView,
  assessment,
  workstreams: z.array(workstream),
  seeding: z.enum(['complete', 'pending']),
  permissions: z.object({ canEdit: z.boolean(), canAdminister: z.boolean() }),
  settings: settingsSchema,
  names: z.record(z.string(), z.string()),
  notice: z.string().nullable(),
  templateSource: z
    .lazy(() => templateSource)
    .nullable()
    .optional(),
  approvals: approvalsView,
});

const setupReport: z.ZodType<SetupReport> = z.object({
  projectKey: z.string(),
  ready: z.boolean(),
  steps: z.array(
    z.object({
      id: z.enum(['pilot-type', 'subtask-type', 'scheme', 'screens', 'validator']),
      label: z.string(),
      state: z.enum(['in-place', 'done-now', 'manual', 'missing']),
      detail: z.string(),
      advisory: z.boolean().optional(),
    }),
  ),
});

const auditEntry: z.ZodType<AuditEntry> = z.object({
  at: z.string(),
  byAccountId: z.string(),
  byName: z.string().optional(),
  subject: z.string(),
  changes: z.array(z.string()),
  accounts: z.array(z.string()).optional(),
  accountNames: z.array(z.string()).optional(),
});

export const settingsPageSchema: z.ZodType<SettingsPageView> = z.object({
  canAdminister: z.boolean(),
  version: count,
  settings: settingsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  audit: z.array(auditEntry),
  setup: setupReport.nullable(),
});

const gateCoverage: z.ZodType<GateCoverageView> = z.object({
  workflows: z.array(
    z.object({
      workflowName: z.string(),
      sharedWithOtherProjects: count,
      transitions: z.array(
        z.object({ name: z.string(), toStatus: z.string(), state: z.enum(['covered', 'added', 'missing']) }),
      ),
    }),
  ),
  lines: z.array(z.string()),
});

const gatePreviewRow: z.ZodType<GatePreviewRow> = z.object({
  key: z.string(),
  summary: z.string(),
  passes: z.boolean(),
  failures: z.array(z.string()),
});

const step = z.object({ done: count, of: count });
const summary: z.ZodType<PortfolioSummary> = z.object({
  total: count,
  byVerdict: z.record(verdict, count),
  byPhase: z.record(phase, count),
  lowScore: count,
  headingToPurgatory: count,
  stalled: count,
  stalledMonthlyCost: z.number().min(0),
  decisionsDue: count,
  decisionsOverdue: count,
  recoveredMonthlyCost: z.number().min(0),
  intervention: z.object({ week1: step, week2: step, week3: step, week4: step }),
});

/** Every field of a portfolio row; the compact payload replaces the sentences with indexes into `texts`. */
const portfolioRowFields = z.object({
  key: z.string(),
  summary: z.string(),
  projectKey: z.string(),
  owner: z.string().nullable(),
  phase,
  score: z.number().int().min(0).max(7),
  verdict,
  evidenceScore: z.number().int().min(0).max(7),
  mismatches: z.array(z.string()),
  daysSinceDemo: z.number().int().nullable(),
  stalled: z.boolean(),
  daysStalled: count,
  gatePassed: z.boolean(),
  gateFailures: z.array(z.string()),
  workstreams: z.object({ done: count, total: count }),
  nextMilestone: z.object({ label: z.string(), date: day }).nullable(),
  monthlyRunCost: z.number().nullable(),
  decisionDue: z.boolean(),
  decisionOverdue: z.boolean(),
  unreadable: z.string().optional(),
});
const portfolioRow: z.ZodType<PortfolioRow> = portfolioRowFields;

/** What every portfolio view carries besides its rows. */
const portfolioViewFields = {
  today: day,
  jql: z.string(),
  unavailableProjects: count,
  summary,
  distribution: z.array(count).length(8),
  trend: z.array(z.object({ day, stalled: count, stalledMonthlyCost: z.number(), pilots: count })),
  cycleTime: z.lazy(() => cycleTimeSchema),
};

export const portfolioPayloadSchema: z.ZodType<PortfolioPayload> = z.object({
  ...portfolioViewFields,
  texts: z.array(z.string()),
  rows: z.array(portfolioRowFields.extend({ mismatches: z.array(count), gateFailures: z.array(count) })),
});

export const portfolioRowsPageSchema: z.ZodType<PortfolioRowsPage> = z.object({
  rows: z.array(portfolioRow),
  nextCursor: z.string().nullable(),
});
export const portfolioFirstViewSchema: z.ZodType<PortfolioFirstView> = z.object({
  ...portfolioViewFields,
  source: z.enum(['store', 'jql']),
  asOf: day,
  rowCount: count,
  killList: portfolioRowsPageSchema,
  rows: portfolioRowsPageSchema,
});

const userOption: z.ZodType<UserOption> = z.object({ accountId: z.string(), displayName: z.string() });
const projectOption: z.ZodType<ProjectOption> = z.object({ id: z.string(), key: z.string(), name: z.string() });

// ---- template from what shipped, cycle time ----
const templateSource: z.ZodType<TemplateSourceView> = z.object({ version: count, fromPilotKey: z.string().nullable() });
const rowFacts = z.object({
  startWeek: count,
  mustCompleteBefore: z.enum(MILESTONE_KEYS as unknown as [MilestoneKey, ...MilestoneKey[]]),
  ownerTeam: z.string(),
  position: count,
});
const shippedPilotOption: z.ZodType<ShippedPilotOption> = z.object({
  key: z.string(),
  summary: z.string(),
  graduatedAt: z.string(),
});
const shippedTemplatePreview: z.ZodType<ShippedTemplatePreview> = z.object({
  version: count,
  proposal: z.string(),
  pilot: z.object({ key: z.string(), summary: z.string(), pilotStart: day, graduatedAt: z.string() }),
  // What the pilot's history gives, even when it cannot be saved (then `problems` says why).
  template: z.array(templateRowSchema),
  observed: z.array(
    z.object({
      rowId: z.string(),
      name: z.string(),
      startWeek: count,
      doneWeek: count.nullable(),
      assignee: z.string().nullable(),
    }),
  ),
  left: z.array(z.object({ name: z.string(), reason: z.string() })),
  diff: z.array(
    z.object({
      rowId: z.string(),
      name: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'unchanged']),
      moved: z.boolean(),
      before: rowFacts.nullable(),
      after: rowFacts.nullable(),
      differences: z.array(z.string()),
    }),
  ),
  gateNoLongerRequires: z.array(z.string()),
  rollout: z.object({ addedRows: count, movedRows: count }).nullable(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});
const cycleGroup = { label: z.string(), pilots: count, medianDays: z.number().min(0), minDays: count, maxDays: count };
const cycleTimeSchema: z.ZodType<CycleTimeSummary> = z.object({
  pilots: count,
  medianDays: z.number().min(0).nullable(),
  byProject: z.array(z.object({ ...cycleGroup, stallThresholdDays: count.nullable() })),
  byQuarter: z.array(z.object(cycleGroup)),
  withoutDemo: z.array(z.string()),
});
const pathwaySpaces: z.ZodType<PathwaySpacesView> = z.object({
  spaces: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
  suggestedTitle: z.string(),
  existing: pathwayPage.nullable(),
});

/** What each resolver key answers with (inside the `{ ok: true, data }` envelope). */
export const resolverOutputs: Record<PanelKey | SettingsKey | MacroKey, z.ZodType> = {
  'panel/load': panelViewSchema,
  'panel/save': panelViewSchema,
  'panel/decide': panelViewSchema,
  'panel/waive': panelViewSchema,
  'panel/revoke-waiver': panelViewSchema,
  'panel/find-users': z.array(userOption),
  'panel/approvals-update': panelViewSchema,
  'panel/approvals-subtask': panelViewSchema,
  'panel/save-criteria': panelViewSchema,
  'panel/pathway-spaces': pathwaySpaces,
  'panel/create-pathway': panelViewSchema,
  'settings/load': settingsPageSchema,
  'settings/setup': setupReport,
  'settings/save': settingsPageSchema,
  'settings/preview-gate': z.array(gatePreviewRow),
  'settings/gate-coverage': gateCoverage,
  'settings/shipped-pilots': z.array(shippedPilotOption),
  'settings/shipped-preview': shippedTemplatePreview,
  'settings/shipped-adopt': settingsPageSchema,
  'portfolio/load': portfolioPayloadSchema,
  'portfolio/first': portfolioFirstViewSchema,
  'portfolio/rows': portfolioRowsPageSchema,
  'portfolio/projects': z.array(projectOption),
};
