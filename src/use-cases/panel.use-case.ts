// The diagnostic panel: open, save, decide and waive. Reads and checks run as the person in the panel, so Jira's
// own permissions apply; only the read-only app fields are written as the app.
import { effectivePhase, type PilotAssessment } from '../core/assessment';
import { applyDecision, validateDecision } from '../core/decisions';
import { validateWaiver } from '../core/gate';
import type { Pilot, ReviewDecision } from '../core/pilot';
import { dueDateChanges, planWorkstreams } from '../core/workstreams';
import type { PilotEdit, Settings } from '../contract/schemas';
import type { PanelView, TemplateSourceView } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError } from '../adapters/errors';
import { fieldIds, writeAppFields } from '../adapters/jira/fields.api';
import { editIssue, getIssue, type JiraIssue } from '../adapters/jira/issues.api';
import { myPermissions } from '../adapters/jira/permissions.api';
import { searchJql } from '../adapters/jira/search.api';
import { displayNames } from '../adapters/jira/users.api';
import { readClosure, type ClosureRecord } from '../adapters/closure.store';
import {
  latestRecord,
  prefetchedRecord,
  prefetchRecord,
  recordFromPrefetch,
  requireRead,
  requireRecord,
  writeRecord,
  type PilotRecord,
  type RecordPrefetch,
} from '../adapters/pilot-record.store';
import {
  loadWorkstreams,
  prefetchWorkstreams,
  workstreamsFromPrefetch,
  type WorkstreamMapping,
  type WorkstreamsPrefetch,
} from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { readApprovalsOf } from '../adapters/approvals.store';
import type { DecodedApprovals } from '../adapters/approvals.codec';
import { approvalsViewOf, approvalAccounts, reviewerFactsOf } from './approvals-view';
import { fieldValuesFor } from './field-values';
import { templateSourceOf } from './template-source';
import { graduatedOf } from './pilot-closure.use-case';
import { assessIssue, isDone, isPilot, PILOT_FIELDS, PILOT_PROPERTIES, workstreamViews } from './pilot-facts';

export interface PanelCaller {
  accountId: string;
  issueKey: string;
  /**
   * The issue's and its project's ids from the panel's Forge context (the platform's, not the UI's payload). When
   * given, app storage is read under them while Jira is asked for the issue, and what was read is used only if
   * the issue Jira returns has these very ids.
   */
  issueId?: string;
  projectId?: string;
}

export interface Loaded {
  issue: JiraIssue;
  record: PilotRecord;
  settings: Settings;
  canEdit: boolean;
  canAdminister: boolean;
  /** Template row → sub-task, from app storage. */
  workstreams: WorkstreamMapping;
  /** In a done status with the app's record that it graduated through the gate. */
  graduated: boolean;
  /** The template version the workstreams were seeded from (null before seeding finished). */
  templateSource?: TemplateSourceView | null;
  /** The names of the accounts `record` mentions, looked up while the issue was read (when they could be). */
  names?: Promise<Record<string, string>>;
  /** The approval chain from app storage (`approvals:{issueId}`), or why it cannot be read. */
  approvals: DecodedApprovals;
}

/** A call's outcome, kept rather than thrown, so calls started together are all waited for and fail in a fixed order. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const valueOf = <T>(settled: Settled<T>): T => {
  if (!settled.ok) throw settled.error;
  return settled.value;
};

/** App storage read by the context's ids, started with the Jira calls (one round instead of three). */
interface Prefetch {
  issueId: string;
  projectId: string;
  settings: Promise<Settled<Awaited<ReturnType<typeof loadSettings>>>>;
  closure: Promise<Settled<ClosureRecord | null>>;
  workstreams: Promise<Settled<WorkstreamsPrefetch>>;
  record: Promise<Settled<RecordPrefetch>>;
  templateSource: Promise<Settled<TemplateSourceView | null>>;
  approvals: Promise<Settled<DecodedApprovals>>;
  /** Names of the accounts the stored record mentions, asked of Jira as soon as the record is read (never rejects). */
  names: Promise<Record<string, string>> | null;
}

function prefetch(caller: PanelCaller, options: { names: boolean }): Prefetch | null {
  const { issueId, projectId } = caller;
  if (!issueId || !projectId) return null;
  const record = settle(prefetchRecord(issueId));
  return {
    issueId,
    projectId,
    settings: settle(loadSettings(projectId)),
    closure: settle(readClosure(issueId)),
    workstreams: settle(prefetchWorkstreams(issueId)),
    templateSource: settle(templateSourceOf(projectId, issueId)),
    approvals: settle(readApprovalsOf(issueId)),
    record,
    // Asked as the person before Jira has said they may see the issue: the answer is used only if they may (and
    // only for this issue's record), and Jira answers it from what the person may see anyway.
    names: options.names ? record.then((read) => namesOf(read.ok ? prefetchedRecord(read.value) : null)) : null,
  };
}

async function namesOf(record: PilotRecord | null): Promise<Record<string, string>> {
  if (!record) return {};
  try {
    return await displayNames(mentionedAccounts(record));
  } catch (error) {
    console.warn(`Names not looked up: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
}

/**
 * Two REST calls, both as the user: the issue with the app's properties, and what the user may do on it. When the
 * context gives the issue's and project's ids, the app's storage (settings, closure, workstreams, record) is read
 * in the same round, and the record's names right after it; errors are raised in the order the calls depend on
 * each other (the issue first), as when they ran one after another.
 */
export async function loadPilot(caller: PanelCaller, options: { names: boolean } = { names: false }): Promise<Loaded> {
  const early = prefetch(caller, options);
  const [issueRead, permissionsRead] = await Promise.all([
    settle(getIssue('user', caller.issueKey, PILOT_FIELDS, PILOT_PROPERTIES)),
    settle(myPermissions({ issueKey: caller.issueKey }, ['EDIT_ISSUES', 'ADMINISTER_PROJECTS'])),
  ]);
  const issue = valueOf(issueRead);
  const permissions = valueOf(permissionsRead);
  if (!isPilot(issue)) {
    throw new AppError(
      'NOT_A_PILOT',
      `${issue.key} is not an AI Pilot; the readiness panel only applies to AI Pilot issues.`,
    );
  }
  const projectId = issue.fields.project?.id;
  if (!projectId) throw new AppError('INTERNAL', `Jira did not say which project ${issue.key} belongs to.`);
  const rights = { canEdit: permissions.EDIT_ISSUES, canAdminister: permissions.ADMINISTER_PROJECTS };
  if (early && early.issueId === issue.id && early.projectId === projectId) {
    const { settings } = valueOf(await early.settings);
    const closure = await early.closure;
    const graduated = isDone(issue) && valueOf(closure)?.outcome === 'graduated';
    const workstreams = await workstreamsFromPrefetch(issue, valueOf(await early.workstreams));
    const recordPrefetch = valueOf(await early.record);
    const record = requireRead(await recordFromPrefetch(issue, recordPrefetch));
    const templateSource = valueOf(await early.templateSource);
    const approvals = valueOf(await early.approvals);
    // The early names belong to the stored record; a record made here (new, or moved over) is named afterwards.
    const names = early.names && prefetchedRecord(recordPrefetch) ? early.names : undefined;
    return {
      issue,
      record,
      settings,
      ...rights,
      workstreams,
      graduated,
      templateSource,
      approvals,
      ...(names ? { names } : {}),
    };
  }
  const [{ settings }, graduated, workstreams, approvals] = await Promise.all([
    loadSettings(projectId),
    graduatedOf(issue),
    loadWorkstreams(issue),
    readApprovalsOf(issue.id),
  ]);
  const [record, templateSource] = await Promise.all([requireRecord(issue), templateSourceOf(projectId, issue.id)]);
  return { issue, record, settings, ...rights, workstreams, graduated, templateSource, approvals };
}

export type BaseView = Omit<PanelView, 'names' | 'notice'>;

export function buildView(loaded: Loaded, record: PilotRecord, day = today()): BaseView {
  const { issue, settings } = loaded;
  const plan = record.pilot.pilotStart
    ? planWorkstreams(settings.template, record.pilot.pilotStart, record.pilot.milestones)
    : [];
  const due = Object.fromEntries(plan.map((p) => [p.rowId, p.dueDate]));
  const workstreams = workstreamViews(issue, settings.template, loaded.workstreams, due);
  const assessment = assessIssue(issue, record, settings, day, {
    views: workstreams,
    graduated: loaded.graduated,
    reviewers: reviewerFactsOf(settings, loaded.approvals),
  });
  return {
    issue: {
      id: issue.id,
      key: issue.key,
      summary: issue.fields.summary ?? issue.key,
      projectId: issue.fields.project?.id ?? '',
      projectKey: issue.fields.project?.key ?? '',
      statusName: issue.fields.status?.name ?? null,
    },
    today: day,
    record,
    assessment,
    workstreams,
    seeding: loaded.workstreams.complete ? 'complete' : 'pending',
    permissions: { canEdit: loaded.canEdit, canAdminister: loaded.canAdminister },
    settings,
    templateSource: loaded.templateSource ?? null,
    approvals: approvalsViewOf(issue, settings, loaded.approvals),
  };
}

/** Account ids the record mentions (people, decisions, waivers, history), to be shown by name. */
function mentionedAccounts(record: PilotRecord): string[] {
  const { pilot } = record;
  const ids = [
    pilot.people.productionOwner,
    pilot.people.dataScienceLead,
    pilot.people.businessOwner,
    record.updatedBy,
    ...pilot.decisions.flatMap((d) => [d.byAccountId, d.kind === 'accelerate' ? d.ownerAccountId : null]),
    ...pilot.productionDateHistory.map((h) => h.byAccountId),
    ...record.waivers.map((w) => w.byAccountId),
    record.pathwayPage?.byAccountId ?? null,
    record.productionCriteria?.byAccountId ?? null,
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** Names are looked up as the viewer each time the view is made; the record stores account ids only. */
export async function withNames(view: BaseView, notice: string | null = null): Promise<PanelView> {
  let names: Record<string, string> = {};
  try {
    names = await displayNames([
      ...new Set([...mentionedAccounts(view.record as PilotRecord), ...approvalAccounts(view.approvals)]),
    ]);
  } catch (error) {
    // Names are a courtesy: the view is still right without them.
    console.warn(`Names not looked up: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ...view, names, notice };
}

export async function openPanel(caller: PanelCaller): Promise<PanelView> {
  const loaded = await loadPilot(caller, { names: true });
  const view = buildView(loaded, loaded.record);
  return loaded.names ? { ...view, names: await loaded.names, notice: null } : withNames(view);
}

export async function requireFreshVersion(loaded: Loaded, expectedVersion: number): Promise<void> {
  if (loaded.record.version !== expectedVersion) {
    throw new AppError(
      'CONFLICT',
      'Someone else saved this pilot while you were editing. Their values are shown now; apply your change again.',
      undefined,
      await withNames(buildView(loaded, loaded.record)),
    );
  }
}

/** Every account a save names must be a Jira account this person can see; nothing is stored otherwise. */
async function requireAccounts(
  candidates: Array<{ field: string; label: string; accountId: string | null }>,
): Promise<void> {
  const given = candidates.filter((c): c is { field: string; label: string; accountId: string } =>
    Boolean(c.accountId),
  );
  if (!given.length) return;
  const wellFormed = given.filter((c) => ACCOUNT_ID.test(c.accountId));
  const known = wellFormed.length ? await displayNames([...new Set(wellFormed.map((c) => c.accountId))]) : {};
  const issues = given
    .filter((c) => !known[c.accountId])
    .map((c) => ({
      field: c.field,
      message: `${c.label}: "${c.accountId}" is not a Jira account; pick the person from the list`,
    }));
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', `Nothing was saved. ${issues.map((i) => i.message).join('; ')}.`, issues);
  }
}

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

export const MIRROR_LAGGING =
  "Saved. Jira's search will catch up: the pilot's searchable fields are updated on the next save or by tonight's scan.";

/**
 * Stores `next` as the next version: the view is computed first, so a record the app could not show is never
 * stored. Then the Jira mirrors (fields, sub-task dates) follow, from the latest stored version only; a mirror
 * write that fails does not undo the save, and is repaired by the next save or the daily scan.
 */
export async function store(
  loaded: Loaded,
  caller: PanelCaller,
  expectedVersion: number,
  next: PilotRecord,
  audit?: { subject: string; changes: string[] },
): Promise<PanelView> {
  const day = today();
  const withPhase: PilotRecord = {
    ...next,
    pilot: { ...next.pilot, phase: effectivePhase(next.pilot, isDone(loaded.issue), day, loaded.graduated) },
    updatedAt: new Date().toISOString(),
    updatedBy: caller.accountId,
  };
  buildView(loaded, { ...withPhase, version: expectedVersion + 1 }, day);
  let stored: PilotRecord;
  try {
    const projectId = loaded.issue.fields.project?.id ?? '';
    const entry = audit && {
      at: withPhase.updatedAt ?? new Date().toISOString(),
      byAccountId: caller.accountId,
      subject: `${loaded.issue.key} ${audit.subject}`,
      changes: audit.changes,
    };
    stored = await writeRecord(loaded.issue.id, expectedVersion, withPhase, entry ? { projectId, entry } : undefined);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const fresh = await loadPilot(caller);
      throw new AppError('CONFLICT', error.message, undefined, await withNames(buildView(fresh, fresh.record)));
    }
    throw error;
  }
  const view = buildView(loaded, stored, day);
  let notice: string | null = null;
  try {
    await mirror(loaded, stored, view, loaded.record.pilot);
  } catch (error) {
    // The record is stored: whatever stopped the mirrors, the save stands and the next save or the scan repairs them.
    console.warn(
      `Mirrors of ${loaded.issue.key} v${stored.version} not written: ${error instanceof Error ? error.message : String(error)}`,
    );
    notice = MIRROR_LAGGING;
  }
  return withNames(view, notice);
}

/**
 * Writes the Jira mirrors of `stored`. When a newer save finished while ours was writing, ours may have landed
 * last: the newest version is then written once more, so the fields end at the newest record whatever the order.
 */
async function mirror(loaded: Loaded, stored: PilotRecord, view: BaseView, previous: Pilot): Promise<void> {
  const ids = await fieldIds();
  await writeAppFields(ids, [
    { issueId: loaded.issue.id, values: fieldValuesFor(stored, view.assessment, view.today) },
  ]);
  await followSchedule(loaded, previous, stored.pilot);
  const latest = await latestRecord(loaded.issue.id);
  if (!latest || latest.version === stored.version) return;
  const latestView = buildView(loaded, latest, view.today);
  await writeAppFields(ids, [
    { issueId: loaded.issue.id, values: fieldValuesFor(latest, latestView.assessment, view.today) },
  ]);
  await followSchedule(loaded, stored.pilot, latest.pilot);
}

/**
 * Sub-tasks follow the schedule of the stored record: each sub-task's due date is compared with Jira's current
 * one (not with what the previous save meant to write), so a missed or out-of-order write is repaired by the next
 * save. Start dates follow a changed pilot start (week offsets from the template). One edit per sub-task that differs.
 */
async function followSchedule(loaded: Loaded, previous: Pilot, next: Pilot): Promise<void> {
  const { rows } = loaded.workstreams;
  const { template } = loaded.settings;
  const subtaskIds = Object.values(rows);
  if (!subtaskIds.length) return;
  const { startDate } = await fieldIds();
  const current = new Map<string, JiraIssue>();
  for (let i = 0; i < subtaskIds.length; i += 50) {
    const chunk = subtaskIds.slice(i, i + 50);
    const page = await searchJql('app', {
      jql: `id in (${chunk.join(', ')})`,
      fields: ['duedate'],
      maxResults: 50,
      reconcileIssues: chunk.map(Number),
    });
    for (const issue of page.issues) current.set(issue.id, issue);
  }
  const updates = new Map<string, Record<string, unknown>>();
  const add = (rowId: string, fields: Record<string, unknown>) =>
    updates.set(rowId, { ...updates.get(rowId), ...fields });
  const existing = Object.entries(rows)
    .filter(([, issueId]) => current.has(issueId))
    .map(([rowId, issueId]) => ({ rowId, dueDate: current.get(issueId)?.fields.duedate ?? null }));
  for (const change of dueDateChanges(existing, template, next.milestones)) add(change.rowId, { duedate: change.to });
  if (startDate && next.pilotStart && next.pilotStart !== previous.pilotStart) {
    for (const planned of planWorkstreams(template, next.pilotStart, next.milestones)) {
      if (rows[planned.rowId]) add(planned.rowId, { [startDate]: planned.startDate });
    }
  }
  for (const [rowId, fields] of updates) {
    const issueId = rows[rowId];
    if (issueId) await editIssue('app', issueId, fields);
  }
}

export function requireEdit(loaded: Loaded): void {
  if (!loaded.canEdit)
    throw new AppError(
      'FORBIDDEN',
      `You can view ${loaded.issue.key} but not edit it; ask for the Edit issues permission in this project.`,
    );
}

const PEOPLE_LABELS: Record<keyof Pilot['people'], string> = {
  productionOwner: 'Production owner',
  dataScienceLead: 'Data science lead',
  businessOwner: 'Business owner',
};

export async function savePanel(caller: PanelCaller, expectedVersion: number, edit: PilotEdit): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  await requireFreshVersion(loaded, expectedVersion);
  const previous = loaded.record.pilot;
  const people = edit.people;
  await requireAccounts(
    (Object.keys(PEOPLE_LABELS) as Array<keyof Pilot['people']>)
      .filter((role) => people[role] !== previous.people[role])
      .map((role) => ({ field: `pilot.people.${role}`, label: PEOPLE_LABELS[role], accountId: people[role] })),
  );
  const history = [...previous.productionDateHistory];
  if (edit.productionDate !== previous.productionDate) {
    history.push({
      from: previous.productionDate,
      to: edit.productionDate,
      byAccountId: caller.accountId,
      at: new Date().toISOString(),
    });
  }
  const milestones = Object.fromEntries(
    Object.entries(edit.milestones).filter(([, v]) => typeof v === 'string'),
  ) as Pilot['milestones'];
  const next: PilotRecord = {
    ...loaded.record,
    pilot: {
      ...previous,
      pilotStart: edit.pilotStart,
      demoDate: edit.demoDate,
      productionDate: edit.productionDate,
      productionDateHistory: history,
      milestones,
      people,
      monthlyRunCost: edit.monthlyRunCost,
      modelMetric: edit.modelMetric,
      diagnostic: edit.diagnostic as Pilot['diagnostic'],
    },
    productionSpecUrl: edit.productionSpecUrl,
  };
  return store(loaded, caller, expectedVersion, next);
}

export async function decide(caller: PanelCaller, expectedVersion: number, draft: unknown): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  const day = today();
  const validation = validateDecision(draft, day);
  if (!validation.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The decision is incomplete: ${validation.errors.map((e) => e.message).join('; ')}`,
      validation.errors.map((e) => ({ field: `decision.${e.field}`, message: e.message })),
    );
  }
  if (validation.decision.kind === 'accelerate') {
    await requireAccounts([
      { field: 'decision.ownerAccountId', label: 'Production owner', accountId: validation.decision.ownerAccountId },
    ]);
  }
  await requireFreshVersion(loaded, expectedVersion);
  const phase = effectivePhase(loaded.record.pilot, isDone(loaded.issue), day, loaded.graduated);
  if (phase === 'killed' || phase === 'graduated' || phase === 'closed') {
    throw new AppError(
      'VALIDATION_FAILED',
      `${loaded.issue.key} is ${phase}; review decisions apply to pilots still in flight.`,
    );
  }
  const previous = loaded.record.pilot;
  const next = applyDecision({ ...previous, phase }, validation.decision, day, caller.accountId);
  return store(
    loaded,
    caller,
    expectedVersion,
    { ...loaded.record, pilot: next },
    { subject: 'review decision', changes: [describeDecision(validation.decision)] },
  );
}

function describeDecision(d: ReviewDecision): string {
  if (d.kind === 'accelerate') return `accelerate: owner ${d.ownerAccountId}; resourcing: ${d.resourcing}`;
  if (d.kind === 'pause') return `pause until ${d.resumeOn}: ${d.rationale}`;
  return `kill: ${d.reason}`;
}

export async function waive(
  caller: PanelCaller,
  expectedVersion: number,
  draft: { criterion: string; reason: string; expiresOn: string },
): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  if (!loaded.canAdminister) throw new AppError('FORBIDDEN', 'Only project admins can waive a graduation criterion.');
  const day = today();
  const validation = validateWaiver(draft, loaded.settings.gate, day);
  if (!validation.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      validation.errors.map((e) => e.message).join('; '),
      validation.errors.map((e) => ({ field: `waiver.${e.field}`, message: e.message })),
    );
  }
  await requireFreshVersion(loaded, expectedVersion);
  const waivers = [
    ...loaded.record.waivers.filter((w) => w.criterion !== draft.criterion),
    {
      criterion: draft.criterion,
      reason: draft.reason.trim(),
      expiresOn: draft.expiresOn,
      byAccountId: caller.accountId,
      grantedOn: day,
    },
  ];
  return store(
    loaded,
    caller,
    expectedVersion,
    { ...loaded.record, waivers },
    { subject: 'waiver', changes: [`waived ${draft.criterion} until ${draft.expiresOn}: ${draft.reason.trim()}`] },
  );
}

export async function revokeWaiver(
  caller: PanelCaller,
  expectedVersion: number,
  criterion: string,
): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  if (!loaded.canAdminister) throw new AppError('FORBIDDEN', 'Only project admins can revoke a waiver.');
  if (!loaded.record.waivers.some((w) => w.criterion === criterion)) {
    throw new AppError('VALIDATION_FAILED', `There is no waiver for "${criterion}" on ${loaded.issue.key}.`, [
      { field: 'criterion', message: 'No such waiver' },
    ]);
  }
  await requireFreshVersion(loaded, expectedVersion);
  const waivers = loaded.record.waivers.filter((w) => w.criterion !== criterion);
  return store(
    loaded,
    caller,
    expectedVersion,
    { ...loaded.record, waivers },
    { subject: 'waiver', changes: [`revoked the waiver of ${criterion}`] },
  );
}

/** The assessment the panel shows, without the names it looks up: the issue glance's one line is made from it. */
export async function pilotAssessment(caller: PanelCaller): Promise<PilotAssessment> {
  const loaded = await loadPilot(caller);
  return buildView(loaded, loaded.record).assessment;
}
