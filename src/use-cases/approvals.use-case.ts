// The approval chain from the panel: move a reviewer through its states, date its conversation, list its blockers,
// and turn a blocker into a Jira sub-task of the pilot. Whoever may edit the pilot (Jira says so, asked as that
// person) may change the chain; the chain lives in app storage, never in an issue property.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applyReviewerUpdate, emptyReviewer, reviewerEntry, reviewerKey, type ReviewerUpdate } from '../core/approvals';
import { today } from '../adapters/clock';
import { AppError } from '../adapters/errors';
import { bulkCreateIssues, getIssue } from '../adapters/jira/issues.api';
import { myPermissions } from '../adapters/jira/permissions.api';
import { projectTypes } from '../adapters/jira/project-config.api';
import { searchJql } from '../adapters/jira/search.api';
import {
  claimBlockerSubtask,
  readApprovalsOf,
  releaseClaim,
  writeApprovals,
  type ApprovalsRecord,
} from '../adapters/approvals.store';
import type { PanelView } from '../contract/views';
import { subtaskDoneOf } from './approvals-view';
import { buildView, loadPilot, requireEdit, withNames, type Loaded, type PanelCaller } from './panel.use-case';

/** The issue property a blocker's sub-task carries, so a retry after a lost write finds it instead of creating another. */
export const BLOCKER_PROPERTY = 'ai-pilot-blocker';

function readableChain(loaded: Loaded): ApprovalsRecord {
  if (!loaded.approvals.ok) {
    throw new AppError(
      'INTERNAL',
      `The approval chain of ${loaded.issue.key} could not be read (${loaded.approvals.reason}). Nothing was changed; ask a Jira admin to look at the app's stored data.`,
    );
  }
  return loaded.approvals.record;
}

async function conflictWithFreshView(caller: PanelCaller, message: string): Promise<AppError> {
  const fresh = await loadPilot(caller);
  return new AppError('CONFLICT', message, undefined, await withNames(buildView(fresh, fresh.record)));
}

function expectedName(loaded: Loaded, reviewer: string): string {
  const name = loaded.settings.reviewers.find((n) => reviewerKey(n) === reviewerKey(reviewer));
  if (!name) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${reviewer}" is not a reviewer this project expects. Nothing was saved.`,
      [{ field: 'update.reviewer', message: `"${reviewer}" is not one of ${loaded.settings.reviewers.join(', ')}` }],
    );
  }
  return name;
}

/**
 * Done as Jira shows it per sub-task of the pilot. The issue was read alongside the chain, so a sub-task linked
 * just before the chain was read may be missing from it: before a linked sub-task counts as gone (deleted, moved),
 * Jira is asked once more.
 */
async function subtasksNow(
  loaded: Loaded,
  blockers: ReadonlyArray<{ subtaskId: string | null }>,
): Promise<Map<string, boolean>> {
  const done = subtaskDoneOf(loaded.issue);
  if (blockers.every((b) => !b.subtaskId || done.has(b.subtaskId))) return done;
  return subtaskDoneOf(await getIssue('user', loaded.issue.key, ['subtasks']));
}

export async function updateReviewer(
  caller: PanelCaller,
  expectedVersion: number,
  update: ReviewerUpdate,
): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  const chain = readableChain(loaded);
  const name = expectedName(loaded, update.reviewer);
  const key = reviewerKey(name);
  const at = new Date().toISOString();
  const result = applyReviewerUpdate(reviewerEntry(chain.reviewers, key) ?? emptyReviewer(), update, {
    expected: loaded.settings.reviewers,
    today: today(),
    byAccountId: caller.accountId,
    at,
    subtaskDone: await subtasksNow(loaded, reviewerEntry(chain.reviewers, key)?.blockers ?? []),
    newId: () => randomUUID().slice(0, 12),
  });
  if (!result.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Nothing was saved. ${result.errors.map((e) => e.message).join('; ')}.`,
      result.errors.map((e) => ({ field: `update.${e.field}`, message: e.message })),
    );
  }
  if (chain.version !== expectedVersion) {
    throw await conflictWithFreshView(
      caller,
      'Someone else changed the approval chain while you were editing. Their version is shown; apply your change again.',
    );
  }
  const next: ApprovalsRecord = {
    ...chain,
    reviewers: { ...chain.reviewers, [key]: result.entry },
    updatedAt: at,
    updatedBy: caller.accountId,
  };
  const projectId = loaded.issue.fields.project?.id ?? '';
  try {
    await writeApprovals(loaded.issue.id, expectedVersion, next, {
      projectId,
      entry: {
        at,
        byAccountId: caller.accountId,
        subject: `${loaded.issue.key} approval chain`,
        changes: result.changes.length ? result.changes : [`${name}: saved without changes`],
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT')
      throw await conflictWithFreshView(caller, error.message);
    throw error;
  }
  const after = await loadPilot(caller);
  return withNames(buildView(after, after.record));
}

/**
 * Makes one blocker a sub-task of the pilot, exactly once: a blocker already linked is left as it is; a claim
 * keeps two clicks from both creating; and a sub-task created by an attempt whose write was lost is found by the
 * property it carries, so the retry links it instead of creating another.
 */
export async function blockerToSubtask(
  caller: PanelCaller,
  expectedVersion: number,
  reviewer: string,
  blockerId: string,
): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  const chain = readableChain(loaded);
  const name = expectedName(loaded, reviewer);
  const key = reviewerKey(name);
  const blocker = reviewerEntry(chain.reviewers, key)?.blockers.find((b) => b.id === blockerId);
  if (!blocker) {
    throw new AppError('VALIDATION_FAILED', `${name} has no such blocker; reload the panel. Nothing was created.`, [
      { field: 'blockerId', message: 'No such blocker' },
    ]);
  }
  // A sub-task Jira no longer lists under the pilot (deleted, moved) does not count: the blocker can get a new one.
  const gone =
    blocker.subtaskId && !(await subtasksNow(loaded, [blocker])).has(blocker.subtaskId) ? blocker.subtaskId : null;
  const linked = (b: { subtaskId: string | null } | undefined) => Boolean(b?.subtaskId && b.subtaskId !== gone);
  if (linked(blocker)) return withNames(buildView(loaded, loaded.record));
  if (chain.version !== expectedVersion) {
    throw await conflictWithFreshView(
      caller,
      'Someone else changed the approval chain while you were editing. Their version is shown; try again.',
    );
  }
  const projectId = loaded.issue.fields.project?.id;
  const types = projectId ? await projectTypes(projectId) : null;
  if (!projectId || !types) {
    throw new AppError(
      'VALIDATION_FAILED',
      `This project has no sub-task type for AI Pilot work; a project admin runs setup on the settings page first.`,
    );
  }
  // The app creates the sub-task (so a retry can tell its own from a member's); whether one may be created is Jira's
  // word for this person, as if they created it themselves.
  if (!(await myPermissions({ projectId }, ['CREATE_ISSUES'])).CREATE_ISSUES) {
    throw new AppError(
      'FORBIDDEN',
      `You may edit ${loaded.issue.key} but not create issues in its project, so its blocker cannot become a sub-task; ask for the Create issues permission. Nothing was created.`,
    );
  }
  const claimKey = await claimBlockerSubtask(loaded.issue.id, blockerId);
  if (!claimKey)
    throw await conflictWithFreshView(
      caller,
      'This blocker is being made a sub-task right now (another click or person); the panel shows the result once it is done.',
    );
  try {
    // Whoever held the claim before us linked its sub-task before letting go: read the chain again under the claim.
    const now = await readApprovalsOf(loaded.issue.id);
    if (now.ok && linked(reviewerEntry(now.record.reviewers, key)?.blockers.find((b) => b.id === blockerId))) {
      const after = await loadPilot(caller);
      return withNames(buildView(after, after.record));
    }
    const subtaskId =
      (await findBlockerSubtask(loaded, blockerId)) ??
      (await createBlockerSubtask(loaded, projectId, types.subtaskTypeId, name, blockerId, blocker.text));
    await linkSubtask(loaded, caller, key, name, blockerId, subtaskId, gone);
  } finally {
    await releaseClaim(claimKey);
  }
  const after = await loadPilot(caller);
  return withNames(buildView(after, after.record));
}

async function findBlockerSubtask(loaded: Loaded, blockerId: string): Promise<string | null> {
  const subtaskIds = (loaded.issue.fields.subtasks ?? []).map((s) => s.id);
  if (!subtaskIds.length) return null;
  const page = await searchJql('app', {
    jql: `parent = ${loaded.issue.id}`,
    fields: ['summary', 'creator'],
    properties: [BLOCKER_PROPERTY],
    maxResults: 100,
    reconcileIssues: subtaskIds.slice(-50).map(Number),
  });
  const mark = z.object({ pilotId: z.string(), blockerId: z.string() });
  // Anyone who may edit a sub-task may also write this property on it: only a sub-task the app itself created (the
  // search keeps to this pilot's sub-tasks) is taken for the lost one; a member's own with a copied property is not.
  const byApp = z.object({ accountType: z.literal('app') });
  for (const sub of page.issues) {
    const parsed = mark.safeParse(sub.properties?.[BLOCKER_PROPERTY]);
    if (!parsed.success || parsed.data.blockerId !== blockerId || parsed.data.pilotId !== loaded.issue.id) continue;
    if (byApp.safeParse((sub.fields as Record<string, unknown>).creator).success) return sub.id;
  }
  return null;
}

async function createBlockerSubtask(
  loaded: Loaded,
  projectId: string,
  subtaskTypeId: string,
  reviewer: string,
  blockerId: string,
  text: string,
): Promise<string> {
  const summary = `${reviewer} review: ${text}`.replace(/\s+/g, ' ').slice(0, 250);
  const result = await bulkCreateIssues('app', [
    {
      fields: {
        project: { id: projectId },
        parent: { id: loaded.issue.id },
        issuetype: { id: subtaskTypeId },
        summary,
        labels: ['ai-pilot-blocker'],
        description: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: `Raised by ${reviewer} in the preliminary review conversation: ${text}` },
              ],
            },
          ],
        },
      },
      properties: [{ key: BLOCKER_PROPERTY, value: { pilotId: loaded.issue.id, blockerId, reviewer } }],
    },
  ]);
  const created = result.issues[0];
  if (!created) {
    const messages = result.errors.flatMap((e) => [
      ...(e.elementErrors?.errorMessages ?? []),
      ...Object.values(e.elementErrors?.errors ?? {}),
    ]);
    throw new AppError(
      'JIRA_REJECTED',
      `Jira did not create the sub-task: ${messages.join(' ') || 'no reason given'}.`,
    );
  }
  return created.id;
}

/** Records the sub-task on the blocker, on top of whatever the chain holds now (a save in between is kept). */
async function linkSubtask(
  loaded: Loaded,
  caller: PanelCaller,
  key: string,
  name: string,
  blockerId: string,
  subtaskId: string,
  gone: string | null,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await readApprovalsOf(loaded.issue.id);
    if (!current.ok)
      throw new AppError(
        'INTERNAL',
        `The approval chain of ${loaded.issue.key} could not be read (${current.reason}); the sub-task exists and is linked on the next try.`,
      );
    const entry = reviewerEntry(current.record.reviewers, key);
    const blocker = entry?.blockers.find((b) => b.id === blockerId);
    if (!entry || !blocker)
      throw new AppError(
        'CONFLICT',
        'The blocker was removed while its sub-task was being created; the sub-task stays in Jira.',
      );
    if (blocker.subtaskId && blocker.subtaskId !== gone) return;
    const at = new Date().toISOString();
    const next: ApprovalsRecord = {
      ...current.record,
      reviewers: {
        ...current.record.reviewers,
        [key]: { ...entry, blockers: entry.blockers.map((b) => (b.id === blockerId ? { ...b, subtaskId } : b)) },
      },
      updatedAt: at,
      updatedBy: caller.accountId,
    };
    try {
      await writeApprovals(loaded.issue.id, current.record.version, next, {
        projectId: loaded.issue.fields.project?.id ?? '',
        entry: {
          at,
          byAccountId: caller.accountId,
          subject: `${loaded.issue.key} approval chain`,
          changes: [`${name}: blocker "${blocker.text}" is now sub-task ${subtaskId}`],
        },
      });
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
  throw new AppError(
    'CONFLICT',
    'The approval chain kept changing while the sub-task was linked; reload and try again (the sub-task is not created twice).',
  );
}
