// How a pilot record is stored, apart from what the panel accepts. The input contract (src/contract/schemas.ts)
// may tighten at any time; stored records are read with this lenient, versioned schema, and older shapes are
// upgraded one step at a time (schemaVersion N → N + 1) before they are read. What still cannot be read is
// reported with its reason, never thrown across a whole page of pilots.
import { z } from 'zod';
import { isSaneDay } from '../core/dates';
import type { Waiver } from '../core/gate';
import type { PathwayPageLink } from '../core/pathway-document';
import type { ProductionCriteria } from '../core/production-criteria';
import { ANSWERS, MILESTONE_KEYS, PHASES, type Pilot } from '../core/pilot';
import { QUESTION_IDS } from '../core/questions';
import { AppError } from './errors';

export const STORED_SCHEMA_VERSION = 2;

/** Histories keep this many latest entries; older ones are counted, not kept. */
export const MAX_HISTORY = 50;

/** Forge KVS values are at most 240 KiB (developer.atlassian.com/platform/forge/limits-kvs-ce). */
export const MAX_RECORD_BYTES = 240 * 1024;

export interface PilotRecord {
  schemaVersion: typeof STORED_SCHEMA_VERSION;
  version: number;
  pilot: Pilot;
  waivers: Waiver[];
  productionSpecUrl: string | null;
  /** Null until someone in the panel writes them down (stored complete or not at all). */
  productionCriteria: ProductionCriteria | null;
  /** The Confluence page the app created for this pilot (at most one per pilot). */
  pathwayPage: PathwayPageLink | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** How many entries of each history were dropped to keep the record bounded. */
  older: { decisions: number; productionDateChanges: number };
}

// A stored day must still be a day the date code can work with; anything else makes the record unreadable
// (flagged), rather than throwing later in the middle of a page.
const day = z.string().refine(isSaneDay, 'is not a calendar day between 1970 and 2199');
const text = z.string();
const account = z.string();
const money = z.number().finite();

const decision = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('accelerate'),
    ownerAccountId: account,
    resourcing: text,
    decidedOn: day,
    byAccountId: account,
  }),
  z.object({ kind: z.literal('pause'), rationale: text, resumeOn: day, decidedOn: day, byAccountId: account }),
  z.object({
    kind: z.literal('kill'),
    reason: text,
    decidedOn: day,
    byAccountId: account,
    monthlyCostRecovered: money.optional(),
  }),
]);

const questionIds = new Set<string>(QUESTION_IDS);
const milestoneKeys = new Set<string>(MILESTONE_KEYS);

const storedV2 = z.object({
  schemaVersion: z.literal(2),
  version: z.number().int().min(0),
  pilot: z.object({
    phase: z.enum(PHASES),
    pilotStart: day.nullable().default(null),
    demoDate: day.nullable().default(null),
    productionDate: day.nullable().default(null),
    productionDateHistory: z
      .array(z.object({ from: day.nullable(), to: day.nullable(), byAccountId: account, at: z.string() }))
      .default([]),
    // Keys the app no longer knows are dropped rather than refused.
    milestones: z
      .record(z.string(), day.nullable().optional())
      .default({})
      .transform((m) =>
        Object.fromEntries(Object.entries(m).filter(([k, v]) => milestoneKeys.has(k) && typeof v === 'string')),
      ),
    people: z
      .object({
        productionOwner: account.nullable().default(null),
        dataScienceLead: account.nullable().default(null),
        businessOwner: account.nullable().default(null),
      })
      .default({ productionOwner: null, dataScienceLead: null, businessOwner: null }),
    monthlyRunCost: money.nullable().default(null),
    modelMetric: z.object({ name: text, value: money }).nullable().default(null),
    diagnostic: z
      .record(z.string(), z.object({ answer: z.enum(ANSWERS), note: text.optional(), evidenceUrl: text.optional() }))
      .default({})
      .transform((d) => Object.fromEntries(Object.entries(d).filter(([k]) => questionIds.has(k)))),
    resumeOn: day.nullable().default(null),
    decisions: z.array(decision).default([]),
  }),
  waivers: z
    .array(z.object({ criterion: text, reason: text, expiresOn: day, byAccountId: account, grantedOn: day }))
    .default([]),
  productionSpecUrl: z.string().nullable().default(null),
  // Added after schema 2 shipped: optional with defaults, so every record written before reads as "none yet".
  productionCriteria: z
    .object({
      latencyP95Ms: money,
      availabilityPercent: money,
      dataSources: z.array(text),
      regulatoryFrameworks: z.array(text),
      rollbackPlan: text,
      monitoring: text,
      definedOn: day,
      byAccountId: account,
    })
    .nullable()
    .default(null),
  pathwayPage: z
    .object({
      pageId: text,
      spaceId: text,
      spaceKey: text,
      title: text,
      url: text,
      createdAt: z.string(),
      byAccountId: account,
    })
    .nullable()
    .default(null),
  updatedAt: z.string().nullable().default(null),
  updatedBy: z.string().nullable().default(null),
  older: z
    .object({ decisions: z.number().int().min(0), productionDateChanges: z.number().int().min(0) })
    .default({ decisions: 0, productionDateChanges: 0 }),
});

/** One step per schema version: each takes the stored shape of version N and returns version N + 1. */
const UPGRADERS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  // v1 (the `ai-pilot` issue property) kept display names; names are looked up when shown now.
  1: (raw) => {
    const { displayNames: _names, ...rest } = raw;
    return { ...rest, schemaVersion: 2, older: { decisions: 0, productionDateChanges: 0 } };
  },
};

export type Decoded = { ok: true; record: PilotRecord; upgraded: boolean } | { ok: false; reason: string };

export function decodeRecord(raw: unknown): Decoded {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'the stored value is not a record' };
  let value = raw as Record<string, unknown>;
  const from = value.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { ok: false, reason: 'it has no schema version' };
  if (from > STORED_SCHEMA_VERSION)
    return { ok: false, reason: `it was written by a newer version of the app (schema ${from})` };
  for (let v = from; v < STORED_SCHEMA_VERSION; v += 1) {
    const upgrade = UPGRADERS[v];
    if (!upgrade) return { ok: false, reason: `schema ${v} has no upgrade` };
    value = upgrade(value);
  }
  const parsed = storedV2.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'record';
    return { ok: false, reason: `${where} ${issue?.message ?? 'is malformed'}` };
  }
  return { ok: true, record: parsed.data as PilotRecord, upgraded: from !== STORED_SCHEMA_VERSION };
}

/** Keeps the last MAX_HISTORY entries of each history and counts the ones dropped. */
export function boundHistories(record: PilotRecord): PilotRecord {
  const decisions = record.pilot.decisions;
  const changes = record.pilot.productionDateHistory;
  if (decisions.length <= MAX_HISTORY && changes.length <= MAX_HISTORY) return record;
  return {
    ...record,
    pilot: {
      ...record.pilot,
      decisions: decisions.slice(-MAX_HISTORY),
      productionDateHistory: changes.slice(-MAX_HISTORY),
    },
    older: {
      decisions: record.older.decisions + Math.max(0, decisions.length - MAX_HISTORY),
      productionDateChanges: record.older.productionDateChanges + Math.max(0, changes.length - MAX_HISTORY),
    },
  };
}

/**
 * Keeps the newest history entries that fit the store: the count bound alone is not enough, since 50 decisions of
 * 2,000 multi-byte characters exceed the limit, and a record that cannot grow could never be saved again (nobody
 * can shorten a past decision). The oldest entries are dropped and counted until the record fits; the latest entry
 * of each history is always kept.
 */
export function fitHistories(record: PilotRecord): PilotRecord {
  let fitted = boundHistories(record);
  while (recordBytes(fitted) > MAX_RECORD_BYTES) {
    const { decisions, productionDateHistory: changes } = fitted.pilot;
    const dropDecision =
      decisions.length > 1 &&
      (changes.length <= 1 || JSON.stringify(decisions).length >= JSON.stringify(changes).length);
    if (!dropDecision && changes.length <= 1) break;
    fitted = {
      ...fitted,
      pilot: dropDecision
        ? { ...fitted.pilot, decisions: decisions.slice(1) }
        : { ...fitted.pilot, productionDateHistory: changes.slice(1) },
      older: dropDecision
        ? { ...fitted.older, decisions: fitted.older.decisions + 1 }
        : { ...fitted.older, productionDateChanges: fitted.older.productionDateChanges + 1 },
    };
  }
  return fitted;
}

export function recordBytes(record: PilotRecord): number {
  return Buffer.byteLength(JSON.stringify(record));
}

/** Refuses a record the store would refuse, naming the part that makes it large. */
export function checkSize(record: PilotRecord): void {
  const bytes = recordBytes(record);
  if (bytes <= MAX_RECORD_BYTES) return;
  const parts: Array<[string, string, unknown]> = [
    ['pilot.diagnostic', 'Diagnostic notes', record.pilot.diagnostic],
    ['pilot.decisions', 'Review decisions', record.pilot.decisions],
    ['waivers', 'Waivers', record.waivers],
    ['pilot.productionDateHistory', 'Production date history', record.pilot.productionDateHistory],
  ];
  const [field, label] = parts.reduce((a, b) => (JSON.stringify(b[2]).length > JSON.stringify(a[2]).length ? b : a));
  const kib = (n: number) => Math.ceil(n / 1024);
  throw new AppError(
    'VALIDATION_FAILED',
    `${label} make this pilot too large to store (${kib(bytes)} KiB; at most ${kib(MAX_RECORD_BYTES)} KiB). Shorten them and save again; nothing was saved.`,
    [
      {
        field,
        message: `${label} are too long: the pilot would take ${kib(bytes)} KiB of at most ${kib(MAX_RECORD_BYTES)} KiB`,
      },
    ],
  );
}
