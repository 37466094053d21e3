// Production criteria and the production pathway page. Whoever may edit the pilot (Jira's Edit issues permission,
// the same people who save the panel) may write the criteria and create the page: the seed makes the page the
// production owner's first deliverable, but the owner is often named in the same week, so the app does not wait
// for the owner field. Which Confluence space the page may go to is Confluence's decision: every Confluence call
// is made as the person, and a refusal is shown to them as it is, with nothing stored.
import { randomUUID } from 'node:crypto';
import {
  pathwayDocument,
  singlePilotMacroConfig,
  suggestedPathwayTitle,
  type PathwayPageLink,
} from '../core/pathway-document';
import { validateProductionCriteria } from '../core/production-criteria';
import { planWorkstreams } from '../core/workstreams';
import type { PanelView, PathwaySpacesView } from '../contract/views';
import { today } from '../adapters/clock';
import { AppError, ProductError } from '../adapters/errors';
import { createAdfPage } from '../adapters/confluence/pages.api';
import { spaceById, visibleSpaces, type SpaceSummary } from '../adapters/confluence/spaces.api';
import { linkRemotePage } from '../adapters/jira/remote-links.api';
import { displayNames } from '../adapters/jira/users.api';
import { claim } from '../adapters/claims.store';
import {
  forgetCreatedPage,
  macroExtensionKey,
  readCreatedPage,
  rememberCreatedPage,
  releasePathwayClaim,
} from '../adapters/pathway-page.store';
import {
  buildView,
  loadPilot,
  requireEdit,
  requireFreshVersion,
  store,
  withNames,
  type Loaded,
  type PanelCaller,
} from './panel.use-case';

/** The portfolio macro of this app's manifest, inserted into the page narrowed to the pilot. */
const MACRO_MODULE_KEY = 'pilot-portfolio';
const MACRO_TITLE = 'AI pilot portfolio';
/** Longer than one create (a few REST calls) takes; a claim left by a crashed run frees itself after this. */
const CREATE_CLAIM_SECONDS = 15 * 60;

export async function saveCriteria(caller: PanelCaller, expectedVersion: number, draft: unknown): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  requireEdit(loaded);
  const validation = validateProductionCriteria(draft);
  if (!validation.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The production criteria were not saved: ${validation.errors.map((e) => e.message).join('; ')}.`,
      validation.errors.map((e) => ({ field: `criteria.${e.field}`, message: e.message })),
    );
  }
  await requireFreshVersion(loaded, expectedVersion);
  const criteria = { ...validation.values, definedOn: today(), byAccountId: caller.accountId };
  const v = validation.values;
  return store(
    loaded,
    caller,
    expectedVersion,
    { ...loaded.record, productionCriteria: criteria },
    {
      subject: 'production criteria',
      changes: [
        `p95 latency ${v.latencyP95Ms} ms, availability ${v.availabilityPercent}%, data sources: ${v.dataSources.join(', ')}; frameworks: ${v.regulatoryFrameworks.join(', ')}`,
      ],
    },
  );
}

export async function pathwaySpaces(caller: PanelCaller): Promise<PathwaySpacesView> {
  const loaded = await loadPilot(caller);
  const summary = loaded.issue.fields.summary ?? loaded.issue.key;
  const existing = loaded.record.pathwayPage;
  if (existing) return { spaces: [], suggestedTitle: existing.title, existing };
  requireEdit(loaded);
  const spaces = await confluence(() => visibleSpaces(), null);
  return { spaces, suggestedTitle: suggestedPathwayTitle(loaded.issue.key, summary), existing: null };
}

/**
 * Creates the pilot's page once. A KVS claim per pilot lets one of several clicks (or people) create it; the page's
 * link is kept in its own key the moment Confluence answers, so a pilot record that cannot be written right then
 * is linked by the next attempt instead of a second page being made.
 */
export async function createPathwayPage(
  caller: PanelCaller,
  draft: { spaceId: string; title: string },
): Promise<PanelView> {
  const loaded = await loadPilot(caller);
  if (loaded.record.pathwayPage) return alreadyThere(loaded);
  requireEdit(loaded);
  const issueId = loaded.issue.id;
  const pending = await readCreatedPage(issueId);
  if (pending) return linkPage(caller, pending);
  if (!(await claim(pathwayClaimKey(issueId), CREATE_CLAIM_SECONDS))) {
    const created = await readCreatedPage(issueId);
    if (created) return linkPage(caller, created);
    throw new AppError(
      'CONFLICT',
      `The production pathway page of ${loaded.issue.key} is being created right now (by another click or another person). Reopen the panel in a moment to open it.`,
    );
  }
  let link: PathwayPageLink;
  try {
    const space = await confluence(() => spaceById(draft.spaceId), null);
    if (!space) {
      throw new AppError('VALIDATION_FAILED', 'Choose a Confluence space you can see; nothing was created.', [
        { field: 'page.spaceId', message: 'Choose a Confluence space you can see' },
      ]);
    }
    const doc = await documentFor(loaded, space);
    const page = await confluence(() => createAdfPage(space.id, draft.title.trim(), doc), space);
    link = {
      pageId: page.id,
      spaceId: space.id,
      spaceKey: space.key,
      title: page.title,
      url: page.url,
      createdAt: new Date().toISOString(),
      byAccountId: caller.accountId,
    };
  } catch (error) {
    await releasePathwayClaim(pathwayClaimKey(issueId));
    throw error;
  }
  try {
    await rememberCreatedPage(issueId, link);
  } catch (error) {
    // The page exists and the claim stays taken: linking it to the pilot now is what keeps it from being lost.
    console.warn(
      `Pending link of page ${link.pageId} not kept: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return linkPage(caller, link);
}

const pathwayClaimKey = (issueId: string) => `pathway-claim:${issueId}`;

async function alreadyThere(loaded: Loaded): Promise<PanelView> {
  const page = loaded.record.pathwayPage;
  return withNames(
    buildView(loaded, loaded.record),
    page
      ? `${loaded.issue.key} already has its production pathway page: "${page.title}". Open it from the panel.`
      : null,
  );
}

/** Stores the link in the pilot record (retrying when a panel save lands in between), then forgets the pending link. */
async function linkPage(caller: PanelCaller, link: PathwayPageLink): Promise<PanelView> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadPilot(caller);
    if (loaded.record.pathwayPage) {
      await forgetCreatedPage(loaded.issue.id);
      return alreadyThere(loaded);
    }
    try {
      const view = await store(
        loaded,
        caller,
        loaded.record.version,
        { ...loaded.record, pathwayPage: link },
        {
          subject: 'production pathway page',
          changes: [`created "${link.title}" in Confluence space ${link.spaceKey}: ${link.url}`],
        },
      );
      await forgetCreatedPage(loaded.issue.id);
      return { ...view, notice: (await addRemoteLink(loaded.issue.id, link)) ?? view.notice };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT' && attempt < 3) continue;
      if (error instanceof AppError && error.code === 'CONFLICT') throw error;
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `The page "${link.title}" was created in Confluence but could not be linked to ${loaded.issue.key} yet. Press Create again to link it; no second page will be made.`,
      );
    }
  }
}

/** The page in the issue's own links too; a mirror, so a failure is said, not fatal (the panel holds the link). */
async function addRemoteLink(issueId: string, link: PathwayPageLink): Promise<string | null> {
  try {
    await linkRemotePage(issueId, { globalId: `confluence-page=${link.pageId}`, url: link.url, title: link.title });
    return null;
  } catch (error) {
    console.warn(
      `Remote link to page ${link.pageId} not added: ${error instanceof Error ? error.message : String(error)}`,
    );
    return `The page "${link.title}" is created and linked in this panel; Jira's own issue links could not show it (${error instanceof ProductError && error.status === 403 ? 'you lack the Link issues permission' : 'Jira did not answer'}).`;
  }
}

async function documentFor(
  loaded: Loaded,
  space: SpaceSummary & { siteBase: string },
): Promise<Record<string, unknown>> {
  const view = buildView(loaded, loaded.record);
  const { pilot } = loaded.record;
  const plan = pilot.pilotStart ? planWorkstreams(loaded.settings.template, pilot.pilotStart, pilot.milestones) : [];
  const starts = new Map(plan.map((p) => [p.rowId, p.startDate]));
  const people = [pilot.people.productionOwner, pilot.people.dataScienceLead, pilot.people.businessOwner].filter(
    (id): id is string => Boolean(id),
  );
  let names: Record<string, string> = {};
  try {
    names = people.length ? await displayNames([...new Set(people)]) : {};
  } catch (error) {
    // A page without names still carries the facts; the person sees "a Jira user" and can edit the page.
    console.warn(`Names not looked up for the pathway page: ${error instanceof Error ? error.message : String(error)}`);
  }
  const extensionKey = macroExtensionKey(MACRO_MODULE_KEY);
  return pathwayDocument({
    issueKey: loaded.issue.key,
    issueUrl: `${space.siteBase}/browse/${loaded.issue.key}`,
    summary: loaded.issue.fields.summary ?? loaded.issue.key,
    pilot,
    evidence: view.assessment.evidence.perQuestion,
    criteria: loaded.record.productionCriteria,
    workstreams: view.workstreams.map((w) => ({
      name: w.name,
      ownerTeam: w.ownerTeam,
      issueKey: w.issueKey,
      state: w.state,
      startDate: starts.get(w.rowId) ?? null,
      dueDate: w.dueDate,
    })),
    reviewers: view.approvals.unreadable
      ? null
      : view.approvals.reviewers.map((r) => ({
          name: r.name,
          state: r.state,
          conversationDate: r.conversationDate,
          blockers: r.blockers.map((b) => ({ text: b.text, done: b.done })),
        })),
    names,
    macro: {
      extensionKey,
      title: MACRO_TITLE,
      localId: randomUUID(),
      config: singlePilotMacroConfig(loaded.issue.fields.project?.key ?? '', loaded.issue.key),
    },
  });
}

/** Confluence's refusals in words a person can act on; "nothing was created" holds for every one of them. */
async function confluence<T>(call: () => Promise<T>, space: SpaceSummary | null): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ProductError)) throw error;
    const where = space ? `the Confluence space ${space.key} (${space.name})` : 'Confluence';
    if (error.status === 429)
      throw new AppError(
        'RATE_LIMITED',
        `Confluence is busy; try again in ${error.retryAfterSeconds ?? 10} seconds. Nothing was created.`,
      );
    if (error.status >= 500)
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        'Confluence is not answering right now; nothing was created. Try again shortly.',
      );
    // Confluence answers 404 (and 403 on some sites) when the person may not view the space or add pages to it.
    if (space && (error.status === 403 || error.status === 404)) {
      throw new AppError(
        'FORBIDDEN',
        `You cannot add pages to ${where}. Choose another space, or ask a space admin for the "Add pages" permission. Nothing was created.`,
        [{ field: 'page.spaceId', message: `You cannot add pages to ${space.key}` }],
      );
    }
    if (error.status === 401 || error.status === 403)
      throw new AppError('FORBIDDEN', 'Confluence refused this for your account; nothing was created.');
    if (space && error.status === 400 && /title/i.test(error.messages.join(' '))) {
      throw new AppError(
        'VALIDATION_FAILED',
        `A page with this title already exists in ${where}. Change the title or choose another space; nothing was created.`,
        [{ field: 'page.title', message: `A page with this title already exists in ${space.key}` }],
      );
    }
    if (error.status === 413)
      throw new AppError(
        'VALIDATION_FAILED',
        'The page would be larger than Confluence accepts (5 MB); nothing was created.',
      );
    throw new AppError(
      'JIRA_REJECTED',
      `Confluence refused the page: ${error.messages.join(' ') || `status ${error.status}`}. Nothing was created.`,
    );
  }
}
