// The project settings page: setup, the workstream template, the graduation gate (with a preview over the
// project's current pilots) and the stall rule. Every action re-checks project admin rights on the server.
import { reviewerKey } from '../core/approvals';
import type { GateCriteria } from '../core/gate';
import type { Settings } from '../contract/schemas';
import { today } from '../adapters/clock';
import { AppError } from '../adapters/errors';
import { searchAll } from '../adapters/jira/search.api';
import { requireProjectAdmin, myPermissions } from '../adapters/jira/permissions.api';
import { displayNames } from '../adapters/jira/users.api';
import { APP_ACTOR, APP_ACTOR_NAME, UNKNOWN_USER } from '../contract/people';
import { readRecords } from '../adapters/pilot-record.store';
import { loadWorkstreamsOf, rolloutRecord } from '../adapters/seeding.store';
import { loadSettings, readAudit, saveSettings } from '../adapters/settings.store';
import type { GatePreviewRow, SettingsPageView } from '../contract/views';
import { readApprovals } from '../adapters/approvals.store';
import { reviewerFactsOf } from './approvals-view';
import { assessIssue, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';
import type { SetupReport } from '../contract/views';
import { projectSetup } from './project-setup.use-case';
import { rolloutFor, type TemplateRollout } from './seed-workstreams.use-case';
import { enqueue } from '../adapters/work-queue';

export interface SettingsCaller {
  accountId: string;
  projectId: string;
}

type CallerRights = { projectAdmin: boolean; jiraAdmin: boolean };

/** `known` skips asking Jira again when the caller's rights were just checked. */
export async function openSettings(caller: SettingsCaller, known?: CallerRights): Promise<SettingsPageView> {
  const rights = known ?? (await callerRights(caller));
  const canAdminister = rights.projectAdmin;
  const stored = await loadSettings(caller.projectId);
  if (!canAdminister) {
    return { canAdminister, ...stored, audit: [], setup: null };
  }
  const [audit, setup] = await Promise.all([
    readAudit(caller.projectId),
    projectSetup(caller.projectId, false, rights),
  ]);
  const names = await displayNames([
    ...new Set(audit.flatMap((a) => [a.byAccountId, ...(a.accounts ?? [])]).filter((id) => id !== APP_ACTOR)),
  ]);
  const nameOf = (id: string) => (id === APP_ACTOR ? APP_ACTOR_NAME : names[id]);
  return {
    canAdminister,
    ...stored,
    audit: audit.map((a) => ({
      ...a,
      ...(nameOf(a.byAccountId) ? { byName: nameOf(a.byAccountId) } : {}),
      ...(a.accounts ? { accountNames: a.accounts.map((id) => nameOf(id) ?? UNKNOWN_USER) } : {}),
    })),
    setup,
  };
}

/** The caller's rights in this project and on the site, asked of Jira as the caller in one call. */
async function callerRights(caller: SettingsCaller): Promise<CallerRights> {
  const granted = await myPermissions({ projectId: caller.projectId }, ['ADMINISTER_PROJECTS', 'ADMINISTER']);
  return { projectAdmin: granted.ADMINISTER_PROJECTS, jiraAdmin: granted.ADMINISTER };
}

export async function requireAdminRights(caller: SettingsCaller, action: string): Promise<CallerRights> {
  const rights = await callerRights(caller);
  if (!rights.projectAdmin)
    throw new AppError(
      'FORBIDDEN',
      `Only project admins can ${action}. Ask an admin of this project, or a Jira admin, to do it.`,
    );
  return rights;
}

export async function runSetup(caller: SettingsCaller): Promise<SetupReport> {
  const rights = await requireAdminRights(caller, 'set up AI Pilots in this project');
  return projectSetup(caller.projectId, true, rights);
}

/** Where a save comes from when it is not the form (an adopted template): its own audit lines, records stored with it, rights already checked. */
export interface SettingsSaveOrigin {
  changes: string[];
  alsoStore: Array<{ key: string; value: unknown }>;
  rights: CallerRights;
}

export async function updateSettings(
  caller: SettingsCaller,
  expectedVersion: number,
  settings: Settings,
  origin?: SettingsSaveOrigin,
): Promise<SettingsPageView> {
  const rights = origin?.rights ?? (await requireAdminRights(caller, 'change the AI Pilot settings'));
  const current = await loadSettings(caller.projectId);
  const changes = describeChanges(current.settings, settings);
  // A template change that pilots in flight must follow is recorded with the settings, in the same write, so it
  // is never lost: the queue carries it now, and the daily run restarts any rollout the queue did not finish.
  const rollout = rolloutFor(
    caller.projectId,
    expectedVersion + 1,
    current.settings.template,
    settings.template,
    caller.accountId,
  );
  const alsoStore = [
    ...(rollout ? [rolloutRecord(caller.projectId, rollout.settingsVersion, rollout)] : []),
    ...(origin?.alsoStore ?? []),
  ];
  const lines = [...(origin?.changes ?? []), ...changes];
  await saveSettings(
    caller.projectId,
    current,
    expectedVersion,
    settings,
    caller.accountId,
    lines.length ? lines : ['saved without changes'],
    alsoStore,
  );
  if (rollout) await startRollout(rollout);
  return openSettings(caller, rights);
}

export async function previewGate(caller: SettingsCaller, gate: GateCriteria): Promise<GatePreviewRow[]> {
  await requireProjectAdmin(caller.projectId, 'preview graduation gates');
  const { settings } = await loadSettings(caller.projectId);
  const rules = { ...settings, gate };
  const day = today();
  const rows: GatePreviewRow[] = [];
  for await (const page of searchAll('user', {
    jql: `project = ${caller.projectId} AND issuetype = "AI Pilot" ORDER BY key ASC`,
    fields: PILOT_FIELDS,
    properties: PILOT_PROPERTIES,
  })) {
    const workstreams = await loadWorkstreamsOf(page.issues);
    const records = await readRecords(page.issues);
    const chains = await readApprovals(page.issues.map((i) => i.id));
    for (const issue of page.issues) {
      const read = records.get(issue.id)!;
      if (!read.ok) {
        rows.push({
          key: issue.key,
          summary: issue.fields.summary ?? issue.key,
          passes: false,
          failures: [read.message],
        });
        continue;
      }
      const assessment = assessIssue(issue, read.record, rules, day, {
        workstreams: workstreams.get(issue.id)!,
        reviewers: reviewerFactsOf(settings, chains.get(issue.id)!),
      });
      rows.push({
        key: issue.key,
        summary: issue.fields.summary ?? issue.key,
        passes: assessment.gate.passed,
        failures: assessment.gate.failures,
      });
    }
  }
  return rows;
}

/**
 * Hands the template change to the background queue. The settings and the rollout record are already stored, so
 * a queue that refuses does not turn the save into an error: the daily run finds the record and queues it again.
 */
async function startRollout(rollout: TemplateRollout): Promise<void> {
  try {
    await enqueue(rollout);
  } catch (error) {
    console.warn(`Could not queue the template rollout of project ${rollout.projectId}: ${String(error)}`);
  }
}

function describeChanges(before: Settings, after: Settings): string[] {
  const changes: string[] = [];
  const rowsBefore = new Map(before.template.map((r) => [r.id, r]));
  const rowsAfter = new Map(after.template.map((r) => [r.id, r]));
  for (const [id, row] of rowsAfter) {
    const old = rowsBefore.get(id);
    if (!old)
      changes.push(
        `template: added "${row.name}" (week ${row.startWeek}, ${row.ownerTeam}, before ${row.mustCompleteBefore})`,
      );
    else {
      for (const key of ['name', 'ownerTeam', 'startWeek', 'mustCompleteBefore', 'evidenceRole'] as const) {
        if (old[key] !== row[key])
          changes.push(`template "${row.name}": ${key} ${String(old[key])} → ${String(row[key])}`);
      }
    }
  }
  for (const [id, row] of rowsBefore) if (!rowsAfter.has(id)) changes.push(`template: removed "${row.name}"`);
  const orderBefore = before.template.map((r) => r.id).filter((id) => rowsAfter.has(id));
  const orderAfter = after.template.map((r) => r.id).filter((id) => rowsBefore.has(id));
  if (orderBefore.join() !== orderAfter.join()) changes.push('template: rows reordered');
  for (const key of Object.keys(after.gate) as (keyof GateCriteria)[]) {
    if (JSON.stringify(before.gate[key]) !== JSON.stringify(after.gate[key])) {
      changes.push(`gate ${key}: ${JSON.stringify(before.gate[key])} → ${JSON.stringify(after.gate[key])}`);
    }
  }
  for (const key of Object.keys(after.stallRule) as (keyof Settings['stallRule'])[]) {
    if (before.stallRule[key] !== after.stallRule[key])
      changes.push(`stall rule ${key}: ${before.stallRule[key]} → ${after.stallRule[key]}`);
  }
  if (before.reminders.enabled !== after.reminders.enabled)
    changes.push(`reminders: ${before.reminders.enabled ? 'on' : 'off'} → ${after.reminders.enabled ? 'on' : 'off'}`);
  changes.push(...reviewerChanges(before.reviewers, after.reviewers));
  return changes;
}

/** The approval chain's expected reviewers, as audit lines (added, removed, reordered). */
function reviewerChanges(before: string[], after: string[]): string[] {
  const changes: string[] = [];
  const was = new Set(before.map(reviewerKey));
  const now = new Set(after.map(reviewerKey));
  for (const name of after) if (!was.has(reviewerKey(name))) changes.push(`reviewers: added "${name}"`);
  for (const name of before) if (!now.has(reviewerKey(name))) changes.push(`reviewers: removed "${name}"`);
  const kept = (list: string[], other: Set<string>) => list.filter((n) => other.has(reviewerKey(n))).join('|');
  if (kept(before, now) !== kept(after, was)) changes.push(`reviewers: ${before.join(', ')} → ${after.join(', ')}`);
  return changes;
}
