// Reminders: which nudges a pilot owes on a given day, and to whom. Each reminder has a reason and a cycle; the
// pair names one episode (this stall's decision deadline, this waiver's expiry, this sub-task's milestone date,
// this resumption day), and the app sends a reminder at most once per pilot, reason and cycle. A new episode (a
// new stall after a resumption, a waiver renewed with a new date, a milestone moved) is a new cycle.
import { daysBetween, isBefore, type IsoDate } from './dates';
import type { GateResult, Waiver } from './gate';
import { MILESTONES, type AccountId, type MilestoneKey, type Phase, type Pilot, type WorkstreamState } from './pilot';
import type { StallStatus } from './stall';

export const REMINDER_REASONS = ['decision-due', 'waiver', 'milestone', 'resume'] as const;
export type ReminderReason = (typeof REMINDER_REASONS)[number];

/** A waiver is reminded of once in the week before it lapses, and once after it has. */
export const WAIVER_WARNING_DAYS = 7;

export interface Reminder {
  reason: ReminderReason;
  /** With the reason, names the episode: the same (reason, cycle) is never sent twice for one pilot. */
  cycle: string;
  /**
   * Deduplicated account ids, none empty. May be empty: Jira refuses a notification without recipients, so the
   * caller sends (and remembers) such a reminder only once someone is named.
   */
  recipients: AccountId[];
  subject: string;
  text: string;
}

/** A workstream sub-task whose milestone date has passed, as Jira reports it now (status and assignee). */
export interface LateWorkstream {
  subtaskId: string;
  subtaskKey: string;
  name: string;
  milestone: MilestoneKey;
  milestoneDate: IsoDate;
  state: WorkstreamState;
  assignee: AccountId | null;
}

export interface ReminderFacts {
  issueKey: string;
  summary: string;
  pilot: Pilot;
  waivers: Waiver[];
  /** The pilot's phase today and its stall and gate results under its project's rules. */
  phase: Phase;
  stall: StallStatus;
  gate: GateResult;
  projectLead: AccountId | null;
  reporter: AccountId | null;
  lateWorkstreams: LateWorkstream[];
}

const CLOSED: readonly Phase[] = ['graduated', 'closed', 'killed'];

/** Milestones whose date is before `today`, with that date: their workstreams should be done by now. */
export function passedMilestones(pilot: Pilot, today: IsoDate): Array<{ key: MilestoneKey; date: IsoDate }> {
  return MILESTONES.flatMap((m) => {
    const date = pilot.milestones[m.key];
    return date && isBefore(date, today) ? [{ key: m.key, date }] : [];
  });
}

export function recipients(...ids: Array<AccountId | null | undefined>): AccountId[] {
  return [...new Set(ids.flatMap((id) => (typeof id === 'string' && id.trim() !== '' ? [id.trim()] : [])))];
}

const MILESTONE_LABEL: Record<MilestoneKey, string> = Object.fromEntries(
  MILESTONES.map((m) => [m.key, m.label]),
) as Record<MilestoneKey, string>;

/** Every reminder the pilot owes today, before any is known to have been sent. A closed pilot owes none. */
export function remindersDue(facts: ReminderFacts, today: IsoDate): Reminder[] {
  if (CLOSED.includes(facts.phase)) return [];
  const owner = facts.pilot.people.productionOwner;
  const title = `${facts.issueKey} ${facts.summary}`;
  const out: Reminder[] = [];
  const add = (r: Omit<Reminder, 'recipients'>, to: AccountId[]) => out.push({ ...r, recipients: to });

  const { stall } = facts;
  if (stall.decisionDue && stall.decisionDueSince) {
    const stage = stall.decisionOverdue ? 'overdue' : 'due';
    add(
      {
        reason: 'decision-due',
        cycle: `${stall.decisionDueSince}:${stage}`,
        subject: `${facts.issueKey}: review decision ${stage === 'overdue' ? 'overdue' : 'due'}`,
        text: `${title} has been stalled since ${stall.decisionDueSince} (${stall.reason}). A review decision is ${stage}: accelerate, pause or kill it in the AI Pilot readiness panel.`,
      },
      recipients(owner, facts.projectLead, facts.reporter),
    );
  }

  for (const waiver of facts.waivers) {
    const stage = isBefore(waiver.expiresOn, today)
      ? 'expired'
      : daysBetween(today, waiver.expiresOn) <= WAIVER_WARNING_DAYS
        ? 'expiring'
        : null;
    if (!stage) continue;
    const criterion = facts.gate.criteria.find((c) => c.id === waiver.criterion);
    // Nothing to say when the criterion is met now, no longer part of the gate, or covered by a later waiver.
    if (!criterion || criterion.met) continue;
    if (facts.waivers.some((w) => w.criterion === waiver.criterion && isBefore(waiver.expiresOn, w.expiresOn)))
      continue;
    add(
      {
        reason: 'waiver',
        cycle: `${waiver.criterion}:${waiver.expiresOn}:${stage}`,
        subject: `${facts.issueKey}: gate waiver ${stage === 'expired' ? 'expired' : 'expiring'}`,
        text:
          stage === 'expired'
            ? `The waiver of "${criterion.label}" on ${title} expired on ${waiver.expiresOn}; the graduation gate counts that criterion as unmet again.`
            : `The waiver of "${criterion.label}" on ${title} expires on ${waiver.expiresOn}. Meet the criterion or renew the waiver before then.`,
      },
      recipients(waiver.byAccountId, owner),
    );
  }

  for (const late of facts.lateWorkstreams) {
    if (late.state === 'done') continue;
    add(
      {
        reason: 'milestone',
        cycle: `${late.subtaskId}:${late.milestoneDate}`,
        subject: `${facts.issueKey}: ${late.subtaskKey} late for ${MILESTONE_LABEL[late.milestone]}`,
        text: `The milestone ${MILESTONE_LABEL[late.milestone]} of ${title} was on ${late.milestoneDate}, and the workstream ${late.subtaskKey} "${late.name}" is not done.`,
      },
      recipients(late.assignee, owner),
    );
  }

  const { pilot } = facts;
  if (pilot.phase === 'paused' && pilot.resumeOn && !isBefore(today, pilot.resumeOn)) {
    const pausedBy = [...pilot.decisions].reverse().find((d) => d.kind === 'pause')?.byAccountId ?? null;
    add(
      {
        reason: 'resume',
        cycle: pilot.resumeOn,
        subject: `${facts.issueKey}: paused pilot resumes`,
        text: `${title} was paused until ${pilot.resumeOn}. That day has come: its stall clock runs again from then.`,
      },
      recipients(owner, pausedBy),
    );
  }
  return out;
}

/** The KVS key remembering one reminder of one pilot. */
export function reminderKey(issueId: string, reminder: Pick<Reminder, 'reason' | 'cycle'>): string {
  return `reminder:${issueId}:${reminder.reason}:${reminder.cycle}`;
}
