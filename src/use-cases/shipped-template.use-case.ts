// Template from what shipped: a project admin picks a graduated pilot (the app's closure record says it passed the
// gate), sees the template its history gives next to the current one, and adopts it as the next template version.
// Everything is read as the admin (Jira decides what they may see) and recomputed on adopt, never taken from the
// page; adopting is an ordinary settings save (claim, validation, size check, audit line, template rollout), with a
// record of where the template came from written in the same transaction.
import { z } from 'zod';
import { dayOf } from '../core/dates';
import { deriveShippedTemplate, templateDiff, type ShippedWorkstream } from '../core/shipped-template';
import { describeIssues } from '../contract/envelope';
import { settingsSchema, type Settings } from '../contract/schemas';
import type { SettingsPageView, ShippedPilotOption, ShippedTemplatePreview } from '../contract/views';
import { nowIso } from '../adapters/clock';
import { readClosure, readClosures } from '../adapters/closure.store';
import { AppError } from '../adapters/errors';
import { firstStatusChanges } from '../adapters/jira/changelog.api';
import { getIssue } from '../adapters/jira/issues.api';
import { searchAll, searchJql } from '../adapters/jira/search.api';
import { createdDay, requireRecord } from '../adapters/pilot-record.store';
import { loadWorkstreams } from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { originRecord } from '../adapters/template-origin.store';
import { isDone, isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';
import { rolloutFor } from './seed-workstreams.use-case';
import { requireAdminRights, updateSettings, type SettingsCaller } from './settings.use-case';

/** A pilot's sub-tasks the derivation reads; a template holds at most 50 rows. */
const MAX_SUBTASKS = 100;

/** Graduated pilots of the project the admin can see, newest graduation first. */
export async function listShippedPilots(caller: SettingsCaller): Promise<ShippedPilotOption[]> {
  await requireAdminRights(caller, 'build a template from a graduated pilot');
  const options: ShippedPilotOption[] = [];
  for await (const page of searchAll('user', {
    jql: `project = ${caller.projectId} AND issuetype = "AI Pilot" AND statusCategory = Done ORDER BY key ASC`,
    fields: ['summary', 'issuetype'],
  })) {
    const pilots = page.issues.filter(isPilot);
    const closures = await readClosures(pilots.map((i) => i.id));
    for (const issue of pilots) {
      const closure = closures.get(issue.id);
      if (closure?.outcome === 'graduated')
        options.push({ key: issue.key, summary: issue.fields.summary ?? issue.key, graduatedAt: closure.at });
    }
  }
  return options.sort((a, b) => (a.graduatedAt < b.graduatedAt ? 1 : a.graduatedAt > b.graduatedAt ? -1 : 0));
}

interface Proposal {
  preview: ShippedTemplatePreview;
  settings: Settings;
  issueId: string;
}

export async function previewShippedTemplate(
  caller: SettingsCaller,
  issueKey: string,
): Promise<ShippedTemplatePreview> {
  await requireAdminRights(caller, 'build a template from a graduated pilot');
  return (await propose(caller, issueKey)).preview;
}

export async function adoptShippedTemplate(
  caller: SettingsCaller,
  expectedVersion: number,
  issueKey: string,
  proposal: string,
): Promise<SettingsPageView> {
  const rights = await requireAdminRights(caller, 'adopt a template from a graduated pilot');
  const { preview, settings, issueId } = await propose(caller, issueKey);
  if (preview.problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The template from ${preview.pilot.key} cannot be saved: ${preview.problems.map((p) => p.message).join('; ')}`,
      preview.problems,
    );
  }
  if (preview.version !== expectedVersion) {
    throw new AppError(
      'CONFLICT',
      'Another admin changed these settings since the preview. Preview the template again and check it before adopting.',
      undefined,
      await loadSettings(caller.projectId),
    );
  }
  if (preview.proposal !== proposal) {
    throw new AppError(
      'CONFLICT',
      `What ${preview.pilot.key}'s history gives has changed since the preview (its sub-tasks or dates changed). Preview it again before adopting.`,
    );
  }
  const nextVersion = expectedVersion + 1;
  const changes = [
    `template adopted from what shipped in ${preview.pilot.key} (graduated ${preview.pilot.graduatedAt.slice(0, 10)}); new pilots are seeded from template version ${nextVersion}`,
    ...preview.left.map((l) => `left out "${l.name}": ${l.reason}`),
  ];
  return updateSettings(caller, expectedVersion, settings, {
    changes,
    rights,
    alsoStore: [
      originRecord(caller.projectId, nextVersion, {
        kind: 'shipped-pilot',
        fromIssueId: issueId,
        fromIssueKey: preview.pilot.key,
        graduatedAt: preview.pilot.graduatedAt,
        byAccountId: caller.accountId,
        at: nowIso(),
      }),
    ],
  });
}

/** Reads the pilot as the admin and works out the template, its difference from the current one and the settings it makes. */
async function propose(caller: SettingsCaller, issueKey: string): Promise<Proposal> {
  const issue = await getIssue('user', issueKey, PILOT_FIELDS, PILOT_PROPERTIES);
  if (!isPilot(issue) || issue.fields.project?.id !== caller.projectId) {
    throw new AppError('NOT_FOUND', `${issueKey} is not an AI Pilot of this project.`);
  }
  const closure = isDone(issue) ? await readClosure(issue.id) : null;
  if (closure?.outcome !== 'graduated') {
    throw new AppError(
      'VALIDATION_FAILED',
      `${issue.key} has not graduated through the gate; only a graduated pilot's history can become the template.`,
      [{ field: 'issueKey', message: `Graduated pilot: ${issue.key} did not pass the graduation gate` }],
    );
  }
  const [record, mapping, stored] = await Promise.all([
    requireRecord(issue),
    loadWorkstreams(issue),
    loadSettings(caller.projectId),
  ]);
  const pilotStart = record.pilot.pilotStart ?? createdDay(issue);
  if (!pilotStart)
    throw new AppError('VALIDATION_FAILED', `${issue.key} has no pilot start to count weeks from.`, [
      { field: 'issueKey', message: `Graduated pilot: ${issue.key} has no pilot start date` },
    ]);

  const rowOf = new Map(Object.entries(mapping.rows).map(([rowId, subtaskId]) => [subtaskId, rowId]));
  const workstreams = await shippedWorkstreams(
    issue.id,
    (issue.fields.subtasks ?? []).map((s) => s.id),
    rowOf,
  );

  const current = stored.settings;
  const derived = deriveShippedTemplate(current.template, {
    pilotStart,
    milestones: record.pilot.milestones,
    workstreams,
  });
  const ids = new Set(derived.rows.map((r) => r.id));
  const gateNoLongerRequires = current.gate.requiredWorkstreamsDone.filter((id) => !ids.has(id));
  const candidate = {
    ...current,
    template: derived.rows,
    gate: {
      ...current.gate,
      requiredWorkstreamsDone: current.gate.requiredWorkstreamsDone.filter((id) => ids.has(id)),
    },
  };
  const parsed = settingsSchema.safeParse(candidate);
  const problems = parsed.success
    ? []
    : describeIssues(parsed.error.issues).map((i) => ({ field: `settings.${i.field}`, message: i.message }));
  if (derived.rows.length === 0)
    problems.push({
      field: 'settings.template',
      message: `Workstream template: ${issue.key} started no workstream, so there is nothing to adopt`,
    });
  const rollout = rolloutFor(caller.projectId, stored.version + 1, current.template, derived.rows, caller.accountId);
  const preview: ShippedTemplatePreview = {
    version: stored.version,
    proposal: proposalId(derived.rows),
    pilot: { key: issue.key, summary: issue.fields.summary ?? issue.key, pilotStart, graduatedAt: closure.at },
    template: derived.rows,
    observed: derived.observed,
    left: derived.left,
    diff: templateDiff(current.template, derived.rows),
    gateNoLongerRequires,
    rollout: rollout ? { addedRows: rollout.addedRows.length, movedRows: rollout.movedRows.length } : null,
    problems,
  };
  return { preview, settings: parsed.success ? parsed.data : (candidate as Settings), issueId: issue.id };
}

const subtaskFieldsSchema = z.looseObject({
  summary: z.string().optional(),
  resolutiondate: z.string().nullable().optional(),
  assignee: z.looseObject({ displayName: z.string().optional() }).nullable().optional(),
});

/**
 * The pilot's sub-tasks as the admin sees them (one search, reconciled with the sub-tasks the pilot lists), each
 * with the day its status first changed (Jira's changelogs, one bulk call) and the day it was resolved.
 */
async function shippedWorkstreams(
  pilotId: string,
  subtaskIds: string[],
  rowOf: Map<string, string>,
): Promise<ShippedWorkstream[]> {
  const page = await searchJql('user', {
    jql: `parent = ${pilotId} ORDER BY created ASC`,
    fields: ['summary', 'resolutiondate', 'assignee'],
    maxResults: MAX_SUBTASKS,
    reconcileIssues: subtaskIds.slice(0, 50).map(Number),
  });
  const started = page.issues.length
    ? await firstStatusChanges(
        'user',
        page.issues.map((i) => i.id),
      )
    : new Map<string, string>();
  return page.issues.map((sub) => {
    const fields = subtaskFieldsSchema.safeParse(sub.fields).data ?? {};
    const start = started.get(sub.id);
    const resolved = fields.resolutiondate ? new Date(fields.resolutiondate) : null;
    return {
      rowId: rowOf.get(sub.id) ?? null,
      name: fields.summary ?? sub.key,
      startedOn: start ? dayOf(new Date(start)) : null,
      doneOn: resolved && !Number.isNaN(resolved.getTime()) ? dayOf(resolved) : null,
      assignee: fields.assignee?.displayName ?? null,
    };
  });
}

/** A short id of the proposed rows (FNV-1a over their JSON), so adopt can tell the admin adopts what they saw. */
function proposalId(rows: Settings['template']): string {
  const text = JSON.stringify(rows);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}
