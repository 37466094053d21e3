// A pilot's facts live on its Jira issue as the entity property `ai-pilot`, so one JQL page with
// `properties=ai-pilot` carries everything the portfolio needs, filtered by Jira's own permissions. Writes are
// versioned: a KVS claim on (issue, next version) lets exactly one of two concurrent saves win.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { dayOf, type IsoDate } from '../core/dates';
import type { Waiver } from '../core/gate';
import { emptyPilot, type Pilot } from '../core/pilot';
import {
  accountId,
  diagnosticSchema,
  isoDate,
  milestonesSchema,
  modelMetricSchema,
  peopleSchema,
  phaseSchema,
} from '../contract/schemas';
import { AppError } from './errors';
import { claim } from './claims.store';
import { setIssueProperty, type JiraIssue } from './jira/issues.api';
import type { Actor } from './jira/jira.client';

export const PILOT_PROPERTY = 'ai-pilot';
export const WORKSTREAM_PROPERTY = 'ai-pilot-workstream';

const decisionRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accelerate'), ownerAccountId: z.string(), resourcing: z.string(), decidedOn: isoDate, byAccountId: z.string() }),
  z.object({ kind: z.literal('pause'), rationale: z.string(), resumeOn: isoDate, decidedOn: isoDate, byAccountId: z.string() }),
  z.object({
    kind: z.literal('kill'),
    reason: z.string(),
    decidedOn: isoDate,
    byAccountId: z.string(),
    monthlyCostRecovered: z.number().optional(),
  }),
]);

const waiverSchema = z.object({
  criterion: z.string(),
  reason: z.string(),
  expiresOn: isoDate,
  byAccountId: z.string(),
  grantedOn: isoDate,
});

export const pilotRecordSchema = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int().min(0),
  pilot: z.object({
    phase: phaseSchema,
    pilotStart: isoDate.nullable(),
    demoDate: isoDate.nullable(),
    productionDate: isoDate.nullable(),
    productionDateHistory: z.array(
      z.object({ from: isoDate.nullable(), to: isoDate.nullable(), byAccountId: z.string(), at: z.string() }),
    ),
    milestones: milestonesSchema,
    people: peopleSchema,
    monthlyRunCost: z.number().nullable(),
    modelMetric: modelMetricSchema.nullable(),
    diagnostic: diagnosticSchema,
    resumeOn: isoDate.nullable(),
    decisions: z.array(decisionRecordSchema),
  }),
  waivers: z.array(waiverSchema),
  productionSpecUrl: z.string().nullable(),
  displayNames: z.record(accountId, z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export interface PilotRecord {
  schemaVersion: 1;
  version: number;
  pilot: Pilot;
  waivers: Waiver[];
  productionSpecUrl: string | null;
  displayNames: Record<string, string>;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A pilot nobody has saved yet: it started the day its issue was created. */
export function newRecord(createdDay: IsoDate | null): PilotRecord {
  return {
    schemaVersion: 1,
    version: 0,
    pilot: { ...emptyPilot(), pilotStart: createdDay },
    waivers: [],
    productionSpecUrl: null,
    displayNames: {},
    updatedAt: null,
    updatedBy: null,
  };
}

export function createdDay(issue: JiraIssue): IsoDate | null {
  const created = issue.fields.created;
  if (!created) return null;
  const instant = new Date(created);
  return Number.isNaN(instant.getTime()) ? null : dayOf(instant);
}

/** The record stored on the issue, or a fresh one. Unreadable data is an error, never silently replaced. */
export function recordOf(issue: JiraIssue): PilotRecord {
  const raw = issue.properties?.[PILOT_PROPERTY];
  if (raw === undefined || raw === null) return newRecord(createdDay(issue));
  const parsed = pilotRecordSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `The stored pilot data on ${issue.key} is unreadable (${parsed.error.issues[0]?.path.join('.') ?? 'record'}); nothing was changed.`);
  }
  return parsed.data as PilotRecord;
}

/**
 * Stores `next` as version expectedVersion + 1, or raises CONFLICT when someone else saved in between. The KVS
 * claim is atomic (FAIL_IF_EXISTS), so of two concurrent writers of the same version exactly one proceeds.
 */
export async function writeRecord(as: Actor, issueId: string, expectedVersion: number, next: PilotRecord): Promise<PilotRecord> {
  const version = expectedVersion + 1;
  const claimed = await claim(`pilot-rev:${issueId}:${version}`);
  if (!claimed) throw new AppError('CONFLICT', 'Someone else saved this pilot a moment ago. Review their changes and save again.');
  const stored: PilotRecord = { ...next, version };
  try {
    await setIssueProperty(as, issueId, PILOT_PROPERTY, stored);
  } catch (error) {
    await kvs.delete(`pilot-rev:${issueId}:${version}`);
    throw error;
  }
  return stored;
}

/** Claims (KVS keys one caller takes atomically) check their own deadline: expired keys linger on Forge. */
export { claim };
