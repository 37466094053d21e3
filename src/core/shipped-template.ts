// "Treat the first successful pilot-to-production transition as a template": a template version derived from
// what a graduated pilot actually did (which workstreams it ran, in which week of the pilot each started and
// finished, who owned it), and how that differs from the project's current template. Pure: the use case gathers
// the facts from app storage and Jira.
import { daysBetween, type IsoDate } from './dates';
import { MILESTONES, type MilestoneKey, type Milestones } from './pilot';
import type { WorkstreamTemplateRow } from './workstreams';

/** One sub-task of the graduated pilot, as Jira recorded it. */
export interface ShippedWorkstream {
  /** The template row the app created it for (from the app's workstream mapping), or null for a sub-task the team added. */
  rowId: string | null;
  /** The sub-task's summary. */
  name: string;
  /** The day work started: its first status change (Jira's changelog), or null when it never left its first status. */
  startedOn: IsoDate | null;
  /** The day it was resolved (Jira's resolution date), or null when it was not done. */
  doneOn: IsoDate | null;
  /** Display name of the person it was assigned to, when there was one. */
  assignee: string | null;
}

export interface ShippedFacts {
  pilotStart: IsoDate;
  milestones: Milestones;
  workstreams: readonly ShippedWorkstream[];
}

/** What happened to one row, shown next to the proposal. */
export interface ObservedRow {
  rowId: string;
  name: string;
  startWeek: number;
  /** Week of the pilot the work was resolved in, or null when it was not done. */
  doneWeek: number | null;
  assignee: string | null;
}

export interface ShippedTemplate {
  rows: WorkstreamTemplateRow[];
  observed: ObservedRow[];
  /** Sub-tasks left out, each with why. */
  left: Array<{ name: string; reason: string }>;
}

/** Templates take whole weeks from 1 to this. */
export const MAX_TEMPLATE_WEEK = 104;
const NEW_ROW_OWNER = 'Owner not recorded';
const NEW_ROW_MILESTONE: MilestoneKey = 'productionGoLive';

/** The pilot week a day falls in: the pilot start is in week 1; work begun before the pilot started counts as week 1. */
export function pilotWeek(pilotStart: IsoDate, day: IsoDate): number {
  return Math.max(1, Math.floor(daysBetween(pilotStart, day) / 7) + 1);
}

/** The first milestone (in the pilot's order) the work was done by, on the pilot's own dates; null when none was after it. */
export function milestoneReached(milestones: Milestones, doneOn: IsoDate): MilestoneKey | null {
  for (const m of MILESTONES) {
    const date = milestones[m.key];
    if (date && daysBetween(doneOn, date) >= 0) return m.key;
  }
  return null;
}

/** A template row id from a sub-task's summary, unique among `taken`. */
export function rowIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/g, '') || 'workstream';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The template the pilot's history gives: every workstream it started, in the week it started, due by the first
 * milestone it was done by (its old milestone when it was not done, or done after every milestone). Rows of the
 * current template keep their name, owner role and evidence role; a sub-task the team added becomes a new row
 * owned by whoever it was assigned to. Workstreams never started are left out, and said so.
 */
export function deriveShippedTemplate(current: readonly WorkstreamTemplateRow[], facts: ShippedFacts): ShippedTemplate {
  const byId = new Map(current.map((r) => [r.id, r]));
  const taken = new Set(current.map((r) => r.id));
  const seen = new Set<string>();
  const entries: Array<{ row: WorkstreamTemplateRow; observed: ObservedRow; order: number }> = [];
  const left: ShippedTemplate['left'] = [];
  facts.workstreams.forEach((w, index) => {
    if (w.rowId !== null && seen.has(w.rowId)) {
      left.push({ name: w.name, reason: 'a second sub-task for the same template row' });
      return;
    }
    if (!w.startedOn) {
      left.push({ name: w.name, reason: 'never started before the pilot graduated' });
      return;
    }
    const startWeek = pilotWeek(facts.pilotStart, w.startedOn);
    if (startWeek > MAX_TEMPLATE_WEEK) {
      left.push({ name: w.name, reason: `started in week ${startWeek}; templates run to week ${MAX_TEMPLATE_WEEK}` });
      return;
    }
    const doneWeek = w.doneOn ? pilotWeek(facts.pilotStart, w.doneOn) : null;
    const base = w.rowId !== null ? byId.get(w.rowId) : undefined;
    const id = base ? base.id : rowIdFor(w.name, taken);
    taken.add(id);
    seen.add(id);
    const reached = w.doneOn ? milestoneReached(facts.milestones, w.doneOn) : null;
    const row: WorkstreamTemplateRow = {
      id,
      name: base?.name ?? w.name.trim().slice(0, 120),
      ownerTeam: base?.ownerTeam ?? (w.assignee?.trim().slice(0, 120) || NEW_ROW_OWNER),
      startWeek,
      mustCompleteBefore: reached ?? base?.mustCompleteBefore ?? NEW_ROW_MILESTONE,
      evidenceRole: base?.evidenceRole ?? null,
    };
    const order = base ? current.indexOf(base) : current.length + index;
    entries.push({ row, observed: { rowId: id, name: row.name, startWeek, doneWeek, assignee: w.assignee }, order });
  });
  entries.sort((a, b) => a.row.startWeek - b.row.startWeek || a.order - b.order);
  return { rows: entries.map((e) => e.row), observed: entries.map((e) => e.observed), left };
}

export type RowChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface TemplateDiffRow {
  rowId: string;
  name: string;
  change: RowChange;
  /** Moved to another place in the list (only for rows in both). */
  moved: boolean;
  before: (Pick<WorkstreamTemplateRow, 'startWeek' | 'mustCompleteBefore' | 'ownerTeam'> & { position: number }) | null;
  after: (Pick<WorkstreamTemplateRow, 'startWeek' | 'mustCompleteBefore' | 'ownerTeam'> & { position: number }) | null;
  /** One phrase per difference ("week 2 → 5", "owner A → B"). */
  differences: string[];
}

const milestoneLabel = (key: MilestoneKey) => MILESTONES.find((m) => m.key === key)?.label ?? key;

/** Row by row: what adopting `after` in place of `before` adds, removes, reschedules, re-owns or moves in the list. */
export function templateDiff(
  before: readonly WorkstreamTemplateRow[],
  after: readonly WorkstreamTemplateRow[],
): TemplateDiffRow[] {
  const old = new Map(before.map((r, i) => [r.id, { row: r, position: i + 1 }]));
  const next = new Map(after.map((r, i) => [r.id, { row: r, position: i + 1 }]));
  // Relative order of the rows kept: a row moved when its place among them changed.
  const keptBefore = before.filter((r) => next.has(r.id)).map((r) => r.id);
  const keptAfter = after.filter((r) => old.has(r.id)).map((r) => r.id);
  const pick = (r: WorkstreamTemplateRow, position: number) => ({
    startWeek: r.startWeek,
    mustCompleteBefore: r.mustCompleteBefore,
    ownerTeam: r.ownerTeam,
    position,
  });
  const rows: TemplateDiffRow[] = [];
  for (const [id, { row, position }] of next) {
    const was = old.get(id);
    if (!was) {
      rows.push({
        rowId: id,
        name: row.name,
        change: 'added',
        moved: false,
        before: null,
        after: pick(row, position),
        differences: [`added in week ${row.startWeek}, before ${milestoneLabel(row.mustCompleteBefore)}`],
      });
      continue;
    }
    const differences: string[] = [];
    if (was.row.startWeek !== row.startWeek) differences.push(`starts week ${was.row.startWeek} → ${row.startWeek}`);
    if (was.row.mustCompleteBefore !== row.mustCompleteBefore) {
      differences.push(
        `done before ${milestoneLabel(was.row.mustCompleteBefore)} → ${milestoneLabel(row.mustCompleteBefore)}`,
      );
    }
    if (was.row.ownerTeam !== row.ownerTeam) differences.push(`owner ${was.row.ownerTeam} → ${row.ownerTeam}`);
    if (was.row.name !== row.name) differences.push(`name ${was.row.name} → ${row.name}`);
    const moved = keptBefore.indexOf(id) !== keptAfter.indexOf(id);
    if (moved) differences.push(`position ${was.position} → ${position}`);
    rows.push({
      rowId: id,
      name: row.name,
      change: differences.length ? 'changed' : 'unchanged',
      moved,
      before: pick(was.row, was.position),
      after: pick(row, position),
      differences,
    });
  }
  for (const [id, { row, position }] of old) {
    if (!next.has(id))
      rows.push({
        rowId: id,
        name: row.name,
        change: 'removed',
        moved: false,
        before: pick(row, position),
        after: null,
        differences: ['removed'],
      });
  }
  return rows;
}
