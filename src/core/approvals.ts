// The approval chain (seed, week 4): each reviewer the project expects (security, compliance, legal, privacy,
// infrastructure by default) gets a 30-minute preliminary conversation whose outcome is "a list of things the team
// needs to do to make this reviewable". A reviewer moves not contacted → conversation scheduled → blockers listed →
// cleared; each step forward needs what makes it true, and any step back needs a reason. Pure: the day is passed in.
import { isBefore, isSaneDay, type IsoDate } from './dates';
import type { AccountId } from './pilot';
import { hasVisibleText, type FieldError } from './validation';

export const REVIEWER_STATES = ['not-contacted', 'conversation-scheduled', 'blockers-listed', 'cleared'] as const;
export type ReviewerState = (typeof REVIEWER_STATES)[number];

export const REVIEWER_STATE_LABELS: Record<ReviewerState, string> = {
  'not-contacted': 'Not contacted',
  'conversation-scheduled': 'Conversation scheduled',
  'blockers-listed': 'Blockers listed',
  cleared: 'Cleared',
};

export const DEFAULT_REVIEWERS: readonly string[] = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'];

/** Settings limits: a reviewer is a short name; a project expects a handful of them. */
export const MAX_REVIEWERS = 12;
export const MAX_REVIEWER_NAME = 40;
export const REVIEWER_NAME = /^[\p{L}\p{N}][\p{L}\p{N} &/.-]*$/u;
/** Per reviewer: blockers listed, the text of one, notes, and the state changes kept. */
export const MAX_BLOCKERS = 30;
export const MAX_BLOCKER_TEXT = 500;
export const MAX_REVIEWER_NOTES = 2000;
export const MAX_REVIEWER_HISTORY = 20;

export interface Blocker {
  id: string;
  text: string;
  /** As the owner ticked it; for a blocker that became a sub-task, Jira's status decides instead. */
  done: boolean;
  subtaskId: string | null;
}

export interface StateChange {
  from: ReviewerState;
  to: ReviewerState;
  reason: string | null;
  byAccountId: AccountId;
  at: string;
}

export interface ReviewerEntry {
  state: ReviewerState;
  conversationDate: IsoDate | null;
  notes: string;
  blockers: Blocker[];
  history: StateChange[];
}

/** What the evidence check and the portfolio need of one expected reviewer. */
export interface ReviewerFact {
  name: string;
  state: ReviewerState;
  conversationDate: IsoDate | null;
}

/** Reviewer names compare without case or outer spaces: "Security" in settings is the "security" entry. */
export function reviewerKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The stored entry of a reviewer, own keys only: a reviewer named "constructor" is not Object's constructor. */
export function reviewerEntry(
  entries: Readonly<Record<string, ReviewerEntry>>,
  name: string,
): ReviewerEntry | undefined {
  const key = reviewerKey(name);
  return Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : undefined;
}

export function emptyReviewer(): ReviewerEntry {
  return { state: 'not-contacted', conversationDate: null, notes: '', blockers: [], history: [] };
}

export const stateRank = (state: ReviewerState) => REVIEWER_STATES.indexOf(state);

/** The conversation has taken place: blockers were listed or cleared, or its scheduled day has come. */
export function conversationHeld(fact: Pick<ReviewerFact, 'state' | 'conversationDate'>, today: IsoDate): boolean {
  if (stateRank(fact.state) >= stateRank('blockers-listed')) return true;
  return (
    fact.state === 'conversation-scheduled' && fact.conversationDate !== null && !isBefore(today, fact.conversationDate)
  );
}

export interface ReviewerProgress {
  expected: number;
  /** At least a conversation scheduled (or further). */
  scheduled: number;
  held: number;
  cleared: number;
}

export function reviewerProgress(facts: readonly ReviewerFact[], today: IsoDate): ReviewerProgress {
  return {
    expected: facts.length,
    scheduled: facts.filter((f) => stateRank(f.state) >= stateRank('conversation-scheduled')).length,
    held: facts.filter((f) => conversationHeld(f, today)).length,
    cleared: facts.filter((f) => f.state === 'cleared').length,
  };
}

/** Week 4 of the intervention is met when every expected reviewer has at least a conversation on the calendar. */
export function allReviewersScheduled(progress: ReviewerProgress): boolean {
  return progress.expected > 0 && progress.scheduled === progress.expected;
}

/** The expected reviewers in settings order, each with its stored entry (or a fresh one). */
export function chainFacts(
  expected: readonly string[],
  entries: Readonly<Record<string, ReviewerEntry>>,
): ReviewerFact[] {
  return expected.map((name) => {
    const entry = reviewerEntry(entries, name) ?? emptyReviewer();
    return { name, state: entry.state, conversationDate: entry.conversationDate };
  });
}

/** Checks a settings list of reviewer names; each problem names its position. */
export function validateReviewerNames(names: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (names.length === 0) errors.push({ field: '', message: 'List at least one reviewer' });
  if (names.length > MAX_REVIEWERS)
    errors.push({ field: '', message: `List at most ${MAX_REVIEWERS} reviewers (there are ${names.length})` });
  const seen = new Map<string, number>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (!hasVisibleText(name)) errors.push({ field: String(i), message: `Reviewer ${i + 1} has no name` });
    else if (name.length > MAX_REVIEWER_NAME)
      errors.push({ field: String(i), message: `Reviewer ${i + 1}: keep the name to ${MAX_REVIEWER_NAME} characters` });
    else if (!REVIEWER_NAME.test(name))
      errors.push({
        field: String(i),
        message: `Reviewer ${i + 1}: use letters, digits, spaces, "&", "/", "." and "-"`,
      });
    const key = reviewerKey(name);
    const first = seen.get(key);
    if (first !== undefined && key !== '')
      errors.push({ field: String(i), message: `Reviewer ${i + 1} repeats "${name}" (reviewer ${first + 1})` });
    else seen.set(key, i);
  });
  return errors;
}

export interface BlockerInput {
  /** Absent for a new blocker. */
  id?: string | null;
  text: string;
  done: boolean;
}

export interface ReviewerUpdate {
  reviewer: string;
  state: ReviewerState;
  conversationDate: IsoDate | null;
  notes: string;
  /** Required when the state moves back. */
  reason?: string | null;
  blockers: BlockerInput[];
}

export type UpdateResult = { ok: true; entry: ReviewerEntry; changes: string[] } | { ok: false; errors: FieldError[] };

export interface UpdateContext {
  expected: readonly string[];
  today: IsoDate;
  byAccountId: AccountId;
  at: string;
  /** Done as Jira shows it, for every sub-task of the pilot (by sub-task id); a linked id missing here is gone. */
  subtaskDone: ReadonlyMap<string, boolean>;
  newId: () => string;
}

/**
 * One reviewer's new state, date, notes and blockers applied to its stored entry. Every problem is named by field
 * (`reviewer`, `state`, `conversationDate`, `reason`, `notes`, `blockers.N.text`, ...), all at once; a refused
 * update changes nothing.
 */
export function applyReviewerUpdate(current: ReviewerEntry, update: ReviewerUpdate, ctx: UpdateContext): UpdateResult {
  const errors: FieldError[] = [];
  const name = ctx.expected.find((n) => reviewerKey(n) === reviewerKey(update.reviewer));
  if (!name) {
    return {
      ok: false,
      errors: [
        {
          field: 'reviewer',
          message: `"${update.reviewer}" is not a reviewer this project expects (${ctx.expected.join(', ')})`,
        },
      ],
    };
  }
  if (!(REVIEWER_STATES as readonly string[]).includes(update.state))
    errors.push({ field: 'state', message: `"${String(update.state)}" is not a reviewer state` });
  const date = update.conversationDate;
  if (date !== null && !isSaneDay(date))
    errors.push({ field: 'conversationDate', message: 'The conversation date must be a calendar day (YYYY-MM-DD)' });
  const notes = update.notes.trim();
  if (notes.length > MAX_REVIEWER_NOTES)
    errors.push({
      field: 'notes',
      message: `Keep the notes to ${MAX_REVIEWER_NOTES} characters (they have ${notes.length})`,
    });

  // Blockers: known ids keep their sub-task; a blocker that is a sub-task cannot be dropped from the list.
  const known = new Map(current.blockers.map((b) => [b.id, b]));
  if (update.blockers.length > MAX_BLOCKERS)
    errors.push({ field: 'blockers', message: `List at most ${MAX_BLOCKERS} blockers per reviewer` });
  const used = new Set<string>();
  const blockers: Blocker[] = [];
  update.blockers.forEach((input, i) => {
    const text = input.text.trim();
    if (!hasVisibleText(text))
      errors.push({
        field: `blockers.${i}.text`,
        message: `Blocker ${i + 1} says nothing; describe what must be done or remove it`,
      });
    else if (text.length > MAX_BLOCKER_TEXT)
      errors.push({
        field: `blockers.${i}.text`,
        message: `Blocker ${i + 1}: keep it to ${MAX_BLOCKER_TEXT} characters`,
      });
    let stored: Blocker | undefined;
    if (input.id) {
      stored = known.get(input.id);
      if (!stored)
        errors.push({
          field: `blockers.${i}.id`,
          message: `Blocker ${i + 1} is not one of ${name}'s blockers (reload and try again)`,
        });
      else if (used.has(input.id))
        errors.push({ field: `blockers.${i}.id`, message: `Blocker ${i + 1} is listed twice` });
      used.add(input.id);
    }
    // A sub-task Jira no longer lists under the pilot (deleted, moved) decides nothing: the blocker is the owner's again.
    const subtaskId = stored?.subtaskId && ctx.subtaskDone.has(stored.subtaskId) ? stored.subtaskId : null;
    blockers.push({
      id: stored?.id ?? ctx.newId(),
      text,
      // A sub-task's done state is Jira's; the tick box only speaks for blockers kept here.
      done: subtaskId ? (ctx.subtaskDone.get(subtaskId) ?? stored?.done ?? false) : Boolean(input.done),
      subtaskId,
    });
  });
  for (const b of current.blockers) {
    if (b.subtaskId && ctx.subtaskDone.has(b.subtaskId) && !used.has(b.id))
      errors.push({
        field: 'blockers',
        message: `"${b.text}" is a Jira sub-task; close the sub-task instead of removing the blocker`,
      });
  }

  const from = current.state;
  const to = update.state;
  const back = stateRank(to) < stateRank(from);
  const reason = (update.reason ?? '').trim();
  if (back && !hasVisibleText(reason)) {
    errors.push({
      field: 'reason',
      message: `Say why ${name} goes back from ${REVIEWER_STATE_LABELS[from]} to ${REVIEWER_STATE_LABELS[to]}`,
    });
  } else if (reason.length > MAX_REVIEWER_NOTES)
    errors.push({ field: 'reason', message: `Keep the reason to ${MAX_REVIEWER_NOTES} characters` });
  if (stateRank(to) >= stateRank('conversation-scheduled') && date === null) {
    errors.push({ field: 'conversationDate', message: `Give the date of the conversation with ${name}` });
  }
  const held = date !== null && isSaneDay(date) && !isBefore(ctx.today, date);
  if (stateRank(to) >= stateRank('blockers-listed') && date !== null && isSaneDay(date) && !held) {
    errors.push({
      field: 'conversationDate',
      message: `The conversation with ${name} is on ${date}; blockers are listed once it has taken place`,
    });
  }
  if (to === 'blockers-listed' && blockers.length === 0) {
    errors.push({
      field: 'blockers',
      message: `List at least one blocker ${name} raised, or mark ${name} cleared if there were none`,
    });
  }
  if (to === 'cleared') {
    blockers.forEach((b, i) => {
      if (!b.done)
        errors.push({
          field: `blockers.${i}.done`,
          message: `${name} cannot be cleared while "${b.text}" is open${b.subtaskId ? ' (its sub-task is not done in Jira)' : ''}`,
        });
    });
  }
  if (errors.length) return { ok: false, errors };

  const changes: string[] = [];
  const history = [...current.history];
  if (from !== to) {
    history.push({ from, to, reason: reason || null, byAccountId: ctx.byAccountId, at: ctx.at });
    changes.push(
      `${name}: ${REVIEWER_STATE_LABELS[from]} → ${REVIEWER_STATE_LABELS[to]}${reason ? ` (${reason})` : ''}`,
    );
  }
  if (date !== current.conversationDate)
    changes.push(`${name}: conversation date ${current.conversationDate ?? 'none'} → ${date ?? 'none'}`);
  if (notes !== current.notes) changes.push(`${name}: notes changed`);
  const added = blockers.filter((b) => !known.has(b.id));
  const removed = current.blockers.filter((b) => !used.has(b.id));
  const ticked = blockers.filter((b) => known.has(b.id) && known.get(b.id)!.done !== b.done && !b.subtaskId);
  const edited = blockers.filter((b) => known.has(b.id) && known.get(b.id)!.text !== b.text);
  for (const b of added) changes.push(`${name}: blocker added "${b.text}"`);
  for (const b of removed) changes.push(`${name}: blocker removed "${b.text}"`);
  for (const b of ticked) changes.push(`${name}: blocker "${b.text}" ${b.done ? 'done' : 'reopened'}`);
  for (const b of blockers.filter((x) => known.get(x.id)?.subtaskId && !x.subtaskId)) {
    changes.push(
      `${name}: blocker "${b.text}" is no longer sub-task ${known.get(b.id)!.subtaskId} (not a sub-task of the pilot in Jira)`,
    );
  }
  for (const b of edited) changes.push(`${name}: blocker reworded "${known.get(b.id)!.text}" → "${b.text}"`);
  return {
    ok: true,
    entry: { state: to, conversationDate: date, notes, blockers, history: history.slice(-MAX_REVIEWER_HISTORY) },
    changes,
  };
}
