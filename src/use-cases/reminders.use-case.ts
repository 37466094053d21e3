// Reminders from the daily scan: for each pilot, what the core says it owes today (decided from the app's stored
// record, the project's settings and the workstream mapping; sub-task status and assignee, the project lead and
// the reporter from Jira), less what was already sent, sent through Jira's issue notifications as the app. Each
// reminder is claimed before it is sent, so overlapping or repeated runs send it once; a failed send is released
// for the next run; a sent one is recorded with its audit line. A pilot with nothing new costs no Jira call (a
// page's reminder keys are read in batches of 25). One pilot's failure is reported and the
// others go on.
import { z } from 'zod';
import type { IsoDate } from '../core/dates';
import {
  passedMilestones,
  reminderKey,
  remindersDue,
  type LateWorkstream,
  type Reminder,
  type ReminderFacts,
} from '../core/reminders';
import { APP_ACTOR } from '../contract/people';
import { nowIso } from '../adapters/clock';
import { ProductError } from '../adapters/errors';
import type { JiraIssue } from '../adapters/jira/issues.api';
import { NOTIFY_ENDPOINT, notifyIssue, projectLead, subtaskNow } from '../adapters/jira/notify.api';
import {
  claimReminder,
  recordReminder,
  recordReminderAlone,
  releaseReminder,
  storedReminderKeys,
} from '../adapters/reminders.store';
import { assessIssue, stateOf, workstreamViews, type AssessablePilot } from './pilot-facts';

export interface ReminderOutcome {
  sent: number;
  /** One line per pilot whose reminders could not be worked out or sent this run. */
  problems: string[];
  /** Jira refused a notification with 403 (the site sends no mail): the caller sends no more this run. */
  mailOff?: boolean;
}

/** The issue fields the scan must ask for so reminders can name the reporter. */
export const REMINDER_FIELDS = ['reporter'];

/** Per scan invocation: each project's lead is asked of Jira once (again only after a failed lookup). */
export type LeadCache = Map<string, Promise<string | null>>;

const personSchema = z.looseObject({ accountId: z.string(), accountType: z.string().optional() }).nullable().optional();

/**
 * A person a reminder can name: an app (the app itself, when it created the pilot) reads no mail, and Jira refuses
 * a notification whose recipient is the caller.
 */
function person(value: unknown): string | null {
  const parsed = personSchema.safeParse(value);
  return parsed.success && parsed.data && parsed.data.accountType !== 'app' ? parsed.data.accountId : null;
}

export async function sendReminders(
  pilots: AssessablePilot[],
  day: IsoDate,
  leads: LeadCache,
): Promise<ReminderOutcome> {
  const outcome: ReminderOutcome = { sent: 0, problems: [] };
  const problem = (issueKey: string, error: unknown) => {
    const line = `Reminders for ${issueKey} were not sent: ${error instanceof Error ? error.message : String(error)}`;
    console.warn(line);
    outcome.problems.push(line);
  };
  // What each pilot owes, worked out from what the app stores; then one batch read for the page's reminder keys.
  const owing: Owing[] = [];
  for (const pilot of pilots) {
    if (!pilot.settings.reminders.enabled) continue;
    try {
      const o = owedBy(pilot, day);
      if (o.owed.length) owing.push(o);
    } catch (error) {
      problem(pilot.issue.key, error);
    }
  }
  if (owing.length === 0) return outcome;
  let stored: Set<string>;
  try {
    stored = await storedReminderKeys(owing.flatMap((o) => o.owed.map((r) => reminderKey(o.pilot.issue.id, r))));
  } catch (error) {
    for (const o of owing) problem(o.pilot.issue.key, error);
    return outcome;
  }
  for (const o of owing) {
    const fresh = new Set(o.owed.map((r) => reminderKey(o.pilot.issue.id, r)).filter((k) => !stored.has(k)));
    if (fresh.size === 0) continue;
    try {
      outcome.sent += await remindPilot(o, fresh, day, leads);
    } catch (error) {
      problem(o.pilot.issue.key, error);
      // Jira's 403 here means the site sends no mail at all: the other pilots' reminders wait for the next run.
      if (error instanceof ProductError && error.status === 403 && error.endpoint === NOTIFY_ENDPOINT) {
        outcome.mailOff = true;
        break;
      }
    }
  }
  return outcome;
}

interface Owing {
  pilot: AssessablePilot;
  facts: ReminderFacts;
  owed: Reminder[];
}

/** The reminders a pilot owes today as far as the app's records and the search results say (no Jira call). */
function owedBy(pilot: AssessablePilot, day: IsoDate): Owing {
  const { issue, record, settings, workstreams, graduated, reviewers } = pilot;
  const assessment = assessIssue(issue, record, settings, day, { workstreams, graduated, reviewers });
  const views = workstreamViews(issue, settings.template, workstreams);
  const passed = new Map(passedMilestones(record.pilot, day).map((m) => [m.key, m.date]));
  const rowMilestone = new Map(settings.template.map((r) => [r.id, r.mustCompleteBefore]));
  // Late as far as search knows; confirmed against the sub-task itself before anyone is named.
  const late: LateWorkstream[] = views.flatMap((v) => {
    const milestone = rowMilestone.get(v.rowId);
    const date = milestone && passed.get(milestone);
    if (!milestone || !date || !v.issueId || !v.issueKey || v.state === 'done' || v.state === 'missing') return [];
    return [
      {
        subtaskId: v.issueId,
        subtaskKey: v.issueKey,
        name: v.name,
        milestone,
        milestoneDate: date,
        state: v.state,
        assignee: null,
      },
    ];
  });
  const facts: ReminderFacts = {
    issueKey: issue.key,
    summary: issue.fields.summary ?? issue.key,
    pilot: record.pilot,
    waivers: record.waivers,
    phase: assessment.phase,
    stall: assessment.stall,
    gate: assessment.gate,
    projectLead: null,
    reporter: person(issue.fields.reporter),
    lateWorkstreams: late,
  };
  return { pilot, facts, owed: remindersDue(facts, day) };
}

/** Sends the pilot's reminders not sent before (`fresh` keys), asking Jira only for what they name. */
async function remindPilot(
  { pilot, facts, owed }: Owing,
  fresh: Set<string>,
  day: IsoDate,
  leads: LeadCache,
): Promise<number> {
  const { issue, projectId } = pilot;
  const wanted = owed.filter((r) => fresh.has(reminderKey(issue.id, r)));
  const lead = wanted.some((r) => r.reason === 'decision-due') ? await leadOf(projectId, leads) : null;
  const lateNow: LateWorkstream[] = [];
  for (const w of facts.lateWorkstreams) {
    if (!fresh.has(reminderKey(issue.id, { reason: 'milestone', cycle: `${w.subtaskId}:${w.milestoneDate}` })))
      continue;
    // A sub-task Jira cannot give now (deleted since search saw it, say) is left for the next run; the pilot's
    // other reminders still go.
    let now: Awaited<ReturnType<typeof subtaskNow>>;
    try {
      now = await subtaskNow(w.subtaskId);
    } catch (error) {
      console.warn(
        `Reminder about ${w.subtaskKey} of ${issue.key} left for the next run: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    lateNow.push({ ...w, state: stateOf(now.statusCategory), assignee: now.assignee });
  }
  const toSend = remindersDue({ ...facts, projectLead: lead, lateWorkstreams: lateNow }, day).filter(
    (r) => fresh.has(reminderKey(issue.id, r)) && r.recipients.length > 0,
  );
  let sent = 0;
  for (const reminder of toSend) if (await sendOnce(issue, projectId, reminder)) sent += 1;
  return sent;
}

function leadOf(projectId: string, leads: LeadCache): Promise<string | null> {
  let lead = leads.get(projectId);
  if (!lead) {
    lead = projectLead(projectId);
    leads.set(projectId, lead);
    // A failed lookup fails this pilot's reminders only; the next pilot of the project asks again.
    lead.catch(() => leads.delete(projectId));
  }
  return lead;
}

/** Claim, send, record; a failed send releases the claim so the next run tries again. */
async function sendOnce(issue: JiraIssue, projectId: string, reminder: Reminder): Promise<boolean> {
  const key = reminderKey(issue.id, reminder);
  if (!(await claimReminder(key))) return false;
  let delivered: string[];
  try {
    delivered = await notifyAll(issue, reminder);
  } catch (error) {
    await releaseReminder(key);
    throw error;
  }
  const at = nowIso();
  const sent = {
    sentAt: at,
    reason: reminder.reason,
    cycle: reminder.cycle,
    recipients: delivered.map((accountId) => ({ accountId })),
  };
  try {
    await recordReminder(key, sent, {
      projectId,
      entry: {
        at,
        byAccountId: APP_ACTOR,
        subject: `${issue.key} reminder`,
        changes: [`${reminder.subject}: sent to ${delivered.length} ${delivered.length === 1 ? 'person' : 'people'}`],
        accounts: delivered,
      },
    });
  } catch (error) {
    // Sent but not recorded with its audit line: recorded alone if storage takes it; otherwise the claim stays
    // until its deadline, so no run today sends it again.
    console.warn(`Reminder ${key} was sent but could not be recorded with its audit line: ${String(error)}`);
    await recordReminderAlone(key, sent);
  }
  return true;
}

/**
 * Sends the reminder to its recipients in one call; the ones it reached. Jira refuses the whole call (400) when one
 * recipient is invalid (an account deactivated or erased since the record named it), so then each is sent alone
 * and the invalid ones are left out; none reached is the first refusal, thrown.
 */
async function notifyAll(issue: JiraIssue, reminder: Reminder): Promise<string[]> {
  const send = (accountIds: string[]) =>
    notifyIssue(issue.id, {
      subject: reminder.subject,
      textBody: reminder.text,
      htmlBody: `<p>${escapeHtml(reminder.text)}</p>`,
      accountIds,
    });
  try {
    await send(reminder.recipients);
    return reminder.recipients;
  } catch (error) {
    if (!(error instanceof ProductError && error.status === 400 && reminder.recipients.length > 1)) throw error;
    const reached: string[] = [];
    for (const accountId of reminder.recipients) {
      try {
        await send([accountId]);
        reached.push(accountId);
      } catch (one) {
        if (one instanceof ProductError && one.status === 400) continue;
        // Any other failure: what was sent is recorded (never sent twice), the rest is not retried.
        if (reached.length === 0) throw one;
        break;
      }
    }
    if (reached.length === 0) throw error;
    return reached;
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
