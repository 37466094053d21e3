// The one contract: every payload crossing a boundary (Custom UI → resolver, KVS → app, config → macro) is parsed
// with these schemas. Both the resolvers and the static apps import this file through a path alias.
import { z } from 'zod';
import { FIRST_YEAR, isSaneDay, LAST_YEAR } from '../core/dates';
import { ANSWERS, MILESTONE_KEYS, PHASES, type MilestoneKey } from '../core/pilot';
import { QUESTION_IDS, type QuestionId } from '../core/questions';
import { EVIDENCE_ROLES, type EvidenceRole } from '../core/workstreams';
import {
  DEFAULT_REVIEWERS,
  MAX_BLOCKERS,
  MAX_BLOCKER_TEXT,
  MAX_REVIEWER_NAME,
  MAX_REVIEWER_NOTES,
  REVIEWER_STATES,
  validateReviewerNames,
} from '../core/approvals';

export const MAX_NOTE = 2000;
export const MAX_SETTINGS_BYTES = 64 * 1024;

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.string({ error: 'must be a real calendar date written YYYY-MM-DD' }).refine(isSaneDay, {
  error: `must be a real calendar date written YYYY-MM-DD, between ${FIRST_YEAR} and ${LAST_YEAR}`,
});
export const accountId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'must be a Jira account id');
export const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]*$/, 'must be an issue key like PILOT-12');
export const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'must be a project key like PILOT');
const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === '' || /^https?:\/\/[^\s<>"']+$/.test(v), 'must be an http(s) link');

export const questionId = z.enum(QUESTION_IDS as unknown as [QuestionId, ...QuestionId[]]);
export const answerSchema = z.enum(ANSWERS);
export const phaseSchema = z.enum(PHASES);
export const milestoneKey = z.enum(MILESTONE_KEYS as unknown as [MilestoneKey, ...MilestoneKey[]]);

export const diagnosticAnswerSchema = z
  .object({
    answer: answerSchema,
    note: text(MAX_NOTE).optional(),
    evidenceUrl: httpsUrl.optional(),
  })
  .strict();

/** Keys are question ids only: an unknown id such as "q8" is refused by name. */
export const diagnosticSchema = z
  .object(Object.fromEntries(QUESTION_IDS.map((id) => [id, diagnosticAnswerSchema.optional()])))
  .strict();

export const milestonesSchema = z
  .object(Object.fromEntries(MILESTONE_KEYS.map((k) => [k, isoDate.nullable().optional()])))
  .strict();

export const peopleSchema = z
  .object({
    productionOwner: accountId.nullable(),
    dataScienceLead: accountId.nullable(),
    businessOwner: accountId.nullable(),
  })
  .strict();

export const modelMetricSchema = z.object({ name: requiredText(60), value: z.number().finite() }).strict();

/** What the panel may edit. Phase is not here: decisions and the graduation transition move it. */
export const pilotEditSchema = z
  .object({
    pilotStart: isoDate.nullable(),
    demoDate: isoDate.nullable(),
    productionDate: isoDate.nullable(),
    milestones: milestonesSchema,
    people: peopleSchema,
    monthlyRunCost: z.number().finite().min(0).max(100_000_000).nullable(),
    modelMetric: modelMetricSchema.nullable(),
    diagnostic: diagnosticSchema,
    productionSpecUrl: httpsUrl.nullable(),
  })
  .strict();
export type PilotEdit = z.infer<typeof pilotEditSchema>;

// ---- settings ----
export const templateRowSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
    name: requiredText(120),
    ownerTeam: requiredText(120),
    startWeek: z.number().int().min(1).max(104),
    mustCompleteBefore: milestoneKey,
    evidenceRole: z.enum(EVIDENCE_ROLES as unknown as [EvidenceRole, ...EvidenceRole[]]).nullable(),
  })
  .strict();

export const templateSchema = z
  .array(templateRowSchema)
  .min(1)
  .max(50)
  .superRefine((rows, ctx) => {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const first = seen.get(row.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `row ${i + 1} repeats the id "${row.id}" of row ${first + 1}`,
        });
      } else seen.set(row.id, i);
    });
  });

export const gateCriteriaSchema = z
  .object({
    minScore: z.number().int().min(0).max(7).nullable(),
    requiredYes: z.array(questionId).max(7),
    requiredWorkstreamsDone: z.array(z.string().min(1).max(40)).max(50),
    modelMetric: z
      .object({ name: requiredText(60), min: z.number().finite() })
      .strict()
      .nullable(),
    requireProductionOwner: z.boolean(),
    requireProductionDate: z.boolean(),
    requireProductionCriteria: z.boolean().default(false),
  })
  .strict();

export const stallRuleSchema = z
  .object({
    thresholdDays: z.number().int().min(1).max(730),
    decisionGraceDays: z.number().int().min(0).max(90),
  })
  .strict();

/** Reminders from the daily scan, on or off per project; settings stored before they existed read as on. */
export const remindersSettingSchema = z.object({ enabled: z.boolean() }).strict();
export const DEFAULT_REMINDERS = { enabled: true } as const;

/** The reviewers each pilot's approval chain expects; settings stored before the chain existed read as the default. */
export const reviewersSchema = z
  .array(z.string().trim())
  .superRefine((names, ctx) => {
    for (const e of validateReviewerNames(names))
      ctx.addIssue({ code: 'custom', path: e.field === '' ? [] : [Number(e.field)], message: e.message });
  })
  .default([...DEFAULT_REVIEWERS]);

export const settingsSchema = z
  .object({
    template: templateSchema,
    gate: gateCriteriaSchema,
    stallRule: stallRuleSchema,
    reminders: remindersSettingSchema.default(DEFAULT_REMINDERS),
    reviewers: reviewersSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = new Set(s.template.map((r) => r.id));
    s.gate.requiredWorkstreamsDone.forEach((id, i) => {
      if (!ids.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gate', 'requiredWorkstreamsDone', i],
          message: `"${id}" is not a workstream of the template`,
        });
      }
    });
  });
export type Settings = z.infer<typeof settingsSchema>;

// ---- decisions and waivers (presence of each part is checked by the core, which names every missing field) ----
export const decisionDraftSchema = z
  .object({
    kind: z.string().max(40),
    ownerAccountId: z.string().max(128).optional(),
    resourcing: z.string().max(MAX_NOTE).optional(),
    rationale: z.string().max(MAX_NOTE).optional(),
    resumeOn: z.string().max(10).optional(),
    reason: z.string().max(MAX_NOTE).optional(),
  })
  .strict();

export const waiverDraftSchema = z
  .object({ criterion: z.string().min(1).max(60), reason: requiredText(MAX_NOTE), expiresOn: isoDate })
  .strict();

// ---- production criteria and the production pathway page (presence and ranges are checked by the core, which
// names every field at once) ----
const criteriaNumber = z
  .union([z.number(), z.string().max(20)])
  .nullable()
  .optional();
const criteriaList = z.array(z.string().max(1000)).max(100).optional();
export const productionCriteriaDraftSchema = z
  .object({
    latencyP95Ms: criteriaNumber,
    availabilityPercent: criteriaNumber,
    dataSources: criteriaList,
    regulatoryFrameworks: criteriaList,
    rollbackPlan: z
      .string()
      .max(MAX_NOTE * 2)
      .optional(),
    monitoring: z
      .string()
      .max(MAX_NOTE * 2)
      .optional(),
  })
  .strict();

/** A Confluence space id (v2 ids are numeric strings). */
export const confluenceSpaceId = z.string().regex(/^[0-9]{1,20}$/, 'must be a Confluence space id');
export const pathwayPageDraftSchema = z.object({ spaceId: confluenceSpaceId, title: requiredText(255) }).strict();

// ---- macro config ----
export const PILOT_FILTERS = ['all', 'stalled', 'purgatory'] as const;
export const SORT_KEYS = ['daysSinceDemo', 'score', 'monthlyRunCost', 'key'] as const;
export const macroConfigSchema = z
  .object({
    projectKeys: z.array(projectKey).max(50).default([]),
    jql: z.string().trim().max(2000).default(''),
    pilots: z.enum(PILOT_FILTERS).default('all'),
    sort: z.enum(SORT_KEYS).default('daysSinceDemo'),
  })
  .strict()
  .refine((c) => c.projectKeys.length > 0 || c.jql.length > 0, {
    message: 'Choose at least one project or enter a JQL filter',
    path: ['projectKeys'],
  });
export type MacroConfig = z.infer<typeof macroConfigSchema>;

// ---- the approval chain (panel) ----
export const blockerInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be a blocker id')
      .nullable()
      .optional(),
    text: z.string().max(MAX_BLOCKER_TEXT * 2),
    done: z.boolean(),
  })
  .strict();
export const reviewerUpdateSchema = z
  .object({
    reviewer: z.string().trim().min(1, 'choose a reviewer').max(MAX_REVIEWER_NAME),
    state: z.enum(REVIEWER_STATES),
    conversationDate: isoDate.nullable(),
    notes: z.string().max(MAX_REVIEWER_NOTES * 2),
    reason: z
      .string()
      .max(MAX_REVIEWER_NOTES * 2)
      .nullable()
      .optional(),
    blockers: z.array(blockerInputSchema).max(MAX_BLOCKERS),
  })
  .strict();
const approvalsVersioned = { expectedApprovalsVersion: z.number().int().min(0) };
export const approvalsUpdateInput = z.object({ ...approvalsVersioned, update: reviewerUpdateSchema }).strict();
export const approvalsSubtaskInput = z
  .object({
    ...approvalsVersioned,
    reviewer: z.string().trim().min(1).max(MAX_REVIEWER_NAME),
    blockerId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a blocker id'),
  })
  .strict();

// ---- resolver inputs, one map per surface: a surface exposes only its own keys ----
const empty = z.object({}).strict();
const versioned = { expectedVersion: z.number().int().min(0) };

export const panelInputs = {
  'panel/load': empty,
  'panel/save': z.object({ ...versioned, pilot: pilotEditSchema }).strict(),
  'panel/decide': z.object({ ...versioned, decision: decisionDraftSchema }).strict(),
  'panel/waive': z.object({ ...versioned, waiver: waiverDraftSchema }).strict(),
  'panel/revoke-waiver': z.object({ ...versioned, criterion: z.string().min(1).max(60) }).strict(),
  'panel/find-users': z.object({ query: z.string().trim().min(1).max(100) }).strict(),
  'panel/approvals-update': approvalsUpdateInput,
  'panel/approvals-subtask': approvalsSubtaskInput,
  'panel/save-criteria': z.object({ ...versioned, criteria: productionCriteriaDraftSchema }).strict(),
  'panel/pathway-spaces': empty,
  'panel/create-pathway': z.object({ page: pathwayPageDraftSchema }).strict(),
} as const;

export const settingsInputs = {
  'settings/load': empty,
  'settings/setup': empty,
  'settings/save': z.object({ ...versioned, settings: settingsSchema }).strict(),
  'settings/preview-gate': z.object({ gate: gateCriteriaSchema }).strict(),
  'settings/gate-coverage': z.object({ apply: z.boolean().default(false) }).strict(),
  'settings/shipped-pilots': empty,
  'settings/shipped-preview': z.object({ issueKey }).strict(),
  'settings/shipped-adopt': z
    .object({
      ...versioned,
      issueKey,
      proposal: z.string().regex(/^[0-9a-f]{1,16}$/, 'must be the proposal id the preview gave'),
    })
    .strict(),
} as const;

// ---- the portfolio's rows, paged on demand (the first view carries the first page of each list) ----
/** Orders the server can page in (each is an index of the portfolio store). */
export const ROW_SORTS = ['key', 'score', 'daysSinceDemo', 'monthlyRunCost'] as const;
export type RowSort = (typeof ROW_SORTS)[number];
export const ROW_LISTS = ['all', 'kill'] as const;
export const rowQuerySchema = z
  .object({
    /** `kill`: the kill list (stalled pilots, longest stalled first; sort and order are ignored). */
    list: z.enum(ROW_LISTS).default('all'),
    sort: z.enum(ROW_SORTS).default('key'),
    order: z.enum(['ASC', 'DESC']).default('ASC'),
    phase: z.enum(PHASES).nullable().default(null),
    verdict: z.enum(['not-assessed', 'heading-to-purgatory', 'real-production-potential']).nullable().default(null),
    /** Matches the pilot's key or summary, ignoring case. */
    text: z.string().trim().max(100, 'must be at most 100 characters').default(''),
    /** From the previous page's nextCursor; null for the first page. */
    cursor: z.string().max(8000).nullable().default(null),
  })
  .strict();
export type RowQuery = z.infer<typeof rowQuerySchema>;

export const macroInputs = {
  'portfolio/load': z.object({ config: macroConfigSchema }).strict(),
  'portfolio/first': z.object({ config: macroConfigSchema }).strict(),
  'portfolio/rows': z.object({ config: macroConfigSchema, query: rowQuerySchema }).strict(),
  'portfolio/projects': empty,
} as const;

export type PanelKey = keyof typeof panelInputs;
export type SettingsKey = keyof typeof settingsInputs;
export type MacroKey = keyof typeof macroInputs;
