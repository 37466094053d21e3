// The diagnostic panel: open, save, decide and waive. Reads and checks run as the person in the panel, so Jira's
// own permissions apply; only the read-only app fields are written as the app.
import { effectivePhase } from '../core/assessment';
import { applyDecision, validateDecision } from '../core/decisions';
import { validateWaiver } from '../core/gate';
import type { Pilot, ReviewDecision } from '../core/pilot';
import { dueDateChanges, planWorkstreams } from '../core/workstreams';
import type { PilotEdit, Settings } from '../contract/schemas';
import type { PanelView } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError } from '../adapters/errors';
import { fieldIds, writeAppFields } from '../adapters/jira/fields.api';
import { editIssue, getIssue, type JiraIssue } from '../adapters/jira/issues.api';
import { myPermissions } from '../adapters/jira/permissions.api';
import { displayNames } from '../adapters/jira/users.api';
import { recordOf, workstreamsOf, writeRecord, type PilotRecord } from '../adapters/pilot-record.store';
import { appendAudit, loadSettings } from '../adapters/settings.store';
import { fieldValuesFor } from './field-values';
import { graduatedOf } from './pilot-closure.use-case';
import { assessIssue, isDone, isPilot, PILOT_FIELDS, PILOT_PROPERTIES, workstreamViews } from './pilot-facts';

export interface PanelCaller {
  accountId: string;
  issueKey: string;
}

interface Loaded {
  issue: JiraIssue;
  record: PilotRecord;
  settings: Settings;
  canEdit: boolean;
  canAdminister: boolean;
  /** In a done status with the app's record that it graduated through the gate. */
  graduated: boolean;
}

/** Two REST calls, both as the user: the issue with the app's properties, and what the user may do on it. */
async function loadPilot(caller: PanelCaller): Promise<Loaded> {
  const [issue, permissions] = await Promise.all([
    getIssue('user', caller.issueKey, PILOT_FIELDS, PILOT_PROPERTIES),
    myPermissions({ issueKey: caller.issueKey }, ['EDIT_ISSUES', 'ADMINISTER_PROJECTS']),
  ]);
  if (!isPilot(issue)) {
    throw new AppError('NOT_A_PILOT', `${issue.key} is not an AI Pilot; the readiness panel only applies to AI Pilot issues.`);
  }
  const projectId = issue.fields.project?.id;
  if (!projectId) throw new AppError('INTERNAL', `Jira did not say which project ${issue.key} belongs to.`);
  const [{ settings }, graduated] = await Promise.all([loadSettings(projectId), graduatedOf(issue)]);
  return { issue, record: recordOf(issue), settings, canEdit: permissions.EDIT_ISSUES, canAdminister: permissions.ADMINISTER_PROJECTS, graduated };
}

function buildView(loaded: Loaded, record: PilotRecord, day = today()): PanelView {
  const { issue, settings } = loaded;
  const plan = record.pilot.pilotStart ? planWorkstreams(settings.template, record.pilot.pilotStart, record.pilot.milestones) : [];
  const due = Object.fromEntries(plan.map((p) => [p.rowId, p.dueDate]));
  const workstreams = workstreamViews(issue, settings.template, due);
  const assessment = assessIssue(issue, record, settings, day, { views: workstreams, graduated: loaded.graduated });
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
    seeding: workstreamsOf(issue).complete ? 'complete' : 'pending',
    permissions: { canEdit: loaded.canEdit, canAdminister: loaded.canAdminister },
    settings,
  };
}

export async function openPanel(caller: PanelCaller): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  return buildView(loaded, loaded.record);
}

function requireFreshVersion(loaded: Loaded, expectedVersion: number): void {
  if (loaded.record.version !== expectedVersion) {
    throw new AppError(
      'CONFLICT',
      'Someone else saved this pilot while you were editing. Their values are shown now; apply your change again.',
      undefined,
      buildView(loaded, loaded.record),
    );
  }
}

async function store(loaded: Loaded, caller: PanelCaller, expectedVersion: number, next: PilotRecord, previous: Pilot): Promise<PanelView> {
  const day = today();
  const withPhase: PilotRecord = {
    ...next,
    pilot: { ...next.pilot, phase: effectivePhase(next.pilot, isDone(loaded.issue), day, loaded.graduated) },
    updatedAt: new Date().toISOString(),
    updatedBy: caller.accountId,
  };
  let stored: PilotRecord;
  try {
    stored = await writeRecord('user', loaded.issue.id, expectedVersion, withPhase);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const fresh = await loadPilot(caller);
      throw new AppError('CONFLICT', error.message, undefined, buildView(fresh, fresh.record));
    }
    throw error;
  }
  const view = buildView(loaded, stored, day);
  await writeAppFields(await fieldIds(), [{ issueId: loaded.issue.id, values: fieldValuesFor(stored, view.assessment, day) }]);
  await followSchedule(loaded, previous, stored.pilot);
  return view;
}

/**
 * Sub-tasks follow the schedule: due dates follow the milestone each workstream must complete before, and start
 * dates follow the pilot start (week offsets from the template). One edit per sub-task that changed.
 */
async function followSchedule(loaded: Loaded, previous: Pilot, next: Pilot): Promise<void> {
  const { rows } = workstreamsOf(loaded.issue);
  const { template } = loaded.settings;
  const updates = new Map<string, Record<string, unknown>>();
  const add = (rowId: string, fields: Record<string, unknown>) => updates.set(rowId, { ...updates.get(rowId), ...fields });
  const existing = Object.keys(rows).map((rowId) => {
    const row = template.find((r) => r.id === rowId);
    return { rowId, dueDate: row ? (previous.milestones[row.mustCompleteBefore] ?? null) : null };
  });
  for (const change of dueDateChanges(existing, template, next.milestones)) add(change.rowId, { duedate: change.to });
  if (next.pilotStart && next.pilotStart !== previous.pilotStart) {
    const { startDate } = await fieldIds();
    if (startDate) {
      for (const planned of planWorkstreams(template, next.pilotStart, next.milestones)) {
        if (rows[planned.rowId]) add(planned.rowId, { [startDate]: planned.startDate });
      }
    }
  }
  for (const [rowId, fields] of updates) {
    const issueId = rows[rowId];
    if (issueId) await editIssue('app', issueId, fields);
  }
}

function requireEdit(loaded: Loaded): void {
  if (!loaded.canEdit) throw new AppError('FORBIDDEN', `You can view ${loaded.issue.key} but not edit it; ask for the Edit issues permission in this project.`);
}

export async function savePanel(caller: PanelCaller, expectedVersion: number, edit: PilotEdit): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  requireFreshVersion(loaded, expectedVersion);
  const previous = loaded.record.pilot;
  const history = [...previous.productionDateHistory];
  if (edit.productionDate !== previous.productionDate) {
    history.push({ from: previous.productionDate, to: edit.productionDate, byAccountId: caller.accountId, at: new Date().toISOString() });
  }
  const people = edit.people;
  const unknownNames = [people.productionOwner, people.dataScienceLead, people.businessOwner].filter(
    (id): id is string => Boolean(id) && !loaded.record.displayNames[id as string],
  );
  const names = { ...loaded.record.displayNames, ...(await displayNames([...new Set(unknownNames)])) };
  const milestones = Object.fromEntries(Object.entries(edit.milestones).filter(([, v]) => typeof v === 'string')) as Pilot['milestones'];
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
    displayNames: names,
  };
  return store(loaded, caller, expectedVersion, next, previous);
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
  requireFreshVersion(loaded, expectedVersion);
  const phase = effectivePhase(loaded.record.pilot, isDone(loaded.issue), day, loaded.graduated);
  if (phase === 'killed' || phase === 'graduated' || phase === 'closed') {
    throw new AppError('VALIDATION_FAILED', `${loaded.issue.key} is ${phase}; review decisions apply to pilots still in flight.`);
  }
  const previous = loaded.record.pilot;
  const next = applyDecision({ ...previous, phase }, validation.decision, day, caller.accountId);
  const names =
    validation.decision.kind === 'accelerate' && !loaded.record.displayNames[validation.decision.ownerAccountId]
      ? { ...loaded.record.displayNames, ...(await displayNames([validation.decision.ownerAccountId])) }
      : loaded.record.displayNames;
  const view = await store(loaded, caller, expectedVersion, { ...loaded.record, pilot: next, displayNames: names }, previous);
  await appendAudit(view.issue.projectId, {
    at: new Date().toISOString(),
    byAccountId: caller.accountId,
    subject: `${view.issue.key} review decision`,
    changes: [describeDecision(validation.decision)],
  });
  return view;
}

function describeDecision(d: ReviewDecision): string {
  if (d.kind === 'accelerate') return `accelerate: owner ${d.ownerAccountId}; resourcing: ${d.resourcing}`;
  if (d.kind === 'pause') return `pause until ${d.resumeOn}: ${d.rationale}`;
  return `kill: ${d.reason}`;
}

export async function waive(caller: PanelCaller, expectedVersion: number, draft: { criterion: string; reason: string; expiresOn: string }): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  if (!loaded.canAdminister) throw new AppError('FORBIDDEN', 'Only project admins can waive a graduation criterion.');
  const day = today();
  const validation = validateWaiver(draft, loaded.settings.gate, day);
  if (!validation.ok) {
    throw new AppError('VALIDATION_FAILED', validation.errors.map((e) => e.message).join('; '), validation.errors.map((e) => ({ field: `waiver.${e.field}`, message: e.message })));
  }
  requireFreshVersion(loaded, expectedVersion);
  const waivers = [
    ...loaded.record.waivers.filter((w) => w.criterion !== draft.criterion),
    { criterion: draft.criterion, reason: draft.reason.trim(), expiresOn: draft.expiresOn, byAccountId: caller.accountId, grantedOn: day },
  ];
  const view = await store(loaded, caller, expectedVersion, { ...loaded.record, waivers }, loaded.record.pilot);
  await appendAudit(view.issue.projectId, {
    at: new Date().toISOString(),
    byAccountId: caller.accountId,
    subject: `${view.issue.key} waiver`,
    changes: [`waived ${draft.criterion} until ${draft.expiresOn}: ${draft.reason.trim()}`],
  });
  return view;
}

export async function revokeWaiver(caller: PanelCaller, expectedVersion: number, criterion: string): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  if (!loaded.canAdminister) throw new AppError('FORBIDDEN', 'Only project admins can revoke a waiver.');
  if (!loaded.record.waivers.some((w) => w.criterion === criterion)) {
    throw new AppError('VALIDATION_FAILED', `There is no waiver for "${criterion}" on ${loaded.issue.key}.`, [{ field: 'criterion', message: 'No such waiver' }]);
  }
  requireFreshVersion(loaded, expectedVersion);
  const waivers = loaded.record.waivers.filter((w) => w.criterion !== criterion);
  const view = await store(loaded, caller, expectedVersion, { ...loaded.record, waivers }, loaded.record.pilot);
  await appendAudit(view.issue.projectId, {
    at: new Date().toISOString(),
    byAccountId: caller.accountId,
    subject: `${view.issue.key} waiver`,
    changes: [`revoked the waiver of ${criterion}`],
  });
  return view;
}
