// Puts the AI Pilot issue type, a sub-task type and the app's fields in place for one project, and reports what
// is in place and what an admin must still do by hand. Running it again changes nothing that is already there.
// Setup only touches what belongs to the project: a scheme or screen that another project also uses is never
// changed (the report says what a Jira admin must do instead), and site-wide changes (new issue types, which join
// the default scheme every project without its own scheme uses) need the caller to be a Jira admin, checked as
// the caller before the app acts as itself.
import { APP_FIELD_KEYS, fieldIds } from '../adapters/jira/fields.api';
import {
  addFieldToScreen,
  addIssueTypesToScheme,
  assignIssueTypeScheme,
  createIssueType,
  createIssueTypeScheme,
  getProject,
  issueTypeSchemeOf,
  listIssueTypes,
  pilotScreens,
  projectsUsingIssueTypeScheme,
  projectsUsingScreens,
  rememberProjectTypes,
  schemeIssueTypeIds,
  screenFields,
  type IssueType,
  type ProjectRef,
} from '../adapters/jira/project-config.api';
import type { SetupReport, SetupStep } from '../contract/views';
import { AI_PILOT_TYPE } from './pilot-facts';

const SUBTASK_NAME = 'Sub-task';

/** What the caller may do, asked of Jira as the caller (never inferred from the app's own rights). */
export interface SetupRights {
  /** Administer Jira (global): may change site-wide configuration such as issue types. */
  jiraAdmin: boolean;
}

/** `apply` false only inspects (for the settings page); true also fixes what the API allows and the caller may. */
export async function projectSetup(projectId: string, apply: boolean, rights: SetupRights): Promise<SetupReport> {
  const project = await getProject('app', projectId);
  if (project.style === 'next-gen' || project.simplified === true) return teamManaged(project.key);
  const steps: SetupStep[] = [];
  const types = await listIssueTypes();
  const pilotType = await ensureType(
    types,
    AI_PILOT_TYPE,
    0,
    apply,
    rights,
    steps,
    'pilot-type',
    'AI Pilot issue type',
  );
  const subtaskType = await ensureType(
    types,
    SUBTASK_NAME,
    -1,
    apply,
    rights,
    steps,
    'subtask-type',
    'Sub-task type for workstreams',
  );

  steps.push(await ensureScheme(project, pilotType, subtaskType, apply, rights));

  if (pilotType) {
    steps.push(await ensureScreens(project, pilotType.id, apply));
    if (subtaskType)
      await rememberProjectTypes(projectId, { pilotTypeId: pilotType.id, subtaskTypeId: subtaskType.id });
  } else {
    steps.push({
      id: 'screens',
      label: 'App fields on the AI Pilot screens',
      state: 'missing',
      detail: 'Needs the AI Pilot issue type first.',
    });
  }
  steps.push(VALIDATOR_STEP);
  return {
    projectKey: project.key,
    ready: steps.every((s) => s.advisory || s.state === 'in-place' || s.state === 'done-now'),
    steps,
  };
}

/** The validator's place on the workflow is checked, and added where the app may, by the gate coverage section. */
const VALIDATOR_STEP: SetupStep = {
  id: 'validator',
  label: 'Graduation gate on the workflow',
  state: 'manual',
  advisory: true,
  detail:
    'See "Graduation gate on the workflow" below: "Check transitions" lists every transition into a done status without the AI Pilot graduation gate validator, and a Jira admin can add it there to workflows this project alone uses. Moves into a done status without the gate count as closed without graduation.',
};

async function ensureType(
  types: IssueType[],
  name: string,
  hierarchyLevel: 0 | -1,
  apply: boolean,
  rights: SetupRights,
  steps: SetupStep[],
  id: SetupStep['id'],
  label: string,
): Promise<IssueType | null> {
  const existing =
    types.find(
      (t) =>
        t.name === name && (t.hierarchyLevel ?? (t.subtask ? -1 : 0)) === hierarchyLevel && t.scope?.type !== 'PROJECT',
    ) ??
    (hierarchyLevel === -1
      ? types.find((t) => (t.hierarchyLevel === -1 || t.subtask === true) && t.scope?.type !== 'PROJECT')
      : undefined);
  if (existing) {
    steps.push({ id, label, state: 'in-place', detail: `"${existing.name}" exists.` });
    return existing;
  }
  if (!apply) {
    steps.push({
      id,
      label,
      state: 'missing',
      detail: `No "${name}" issue type yet.${rights.jiraAdmin ? '' : ' Creating it needs a Jira admin.'}`,
    });
    return null;
  }
  if (!rights.jiraAdmin) {
    // A new issue type is site-wide and joins the default scheme every project without its own scheme uses.
    steps.push({
      id,
      label,
      state: 'manual',
      detail: `Issue types are shared by the whole site, so only a Jira admin can add one. A Jira admin: Settings → Work items → Work types → Add work type, name it "${name}" (exactly), type ${hierarchyLevel === 0 ? 'Standard' : 'Sub-task'}; or a Jira admin runs Set up here once.`,
    });
    return null;
  }
  const description =
    hierarchyLevel === 0
      ? 'An AI initiative on its way from demo to production (Pilot-to-Production).'
      : 'A workstream of an AI Pilot.';
  const created = await createIssueType(name, description, hierarchyLevel);
  steps.push({ id, label, state: 'done-now', detail: `Created the "${created.name}" issue type.` });
  return created;
}

const keysOf = (projects: ProjectRef[]) =>
  projects
    .map((p) => p.key)
    .sort()
    .join(', ');

async function ensureScheme(
  project: { id: string; key: string },
  pilotType: IssueType | null,
  subtaskType: IssueType | null,
  apply: boolean,
  rights: SetupRights,
): Promise<SetupStep> {
  const label = 'Issue types in the project';
  const scheme = await issueTypeSchemeOf(project.id);
  if (!scheme) {
    return {
      id: 'scheme',
      label,
      state: 'manual',
      detail:
        'Jira reports no issue type scheme for this project. A Jira admin: Project settings → Work types, add "AI Pilot" and "Sub-task".',
    };
  }
  const inScheme = new Set(await schemeIssueTypeIds(scheme.id));
  const needed = [pilotType, subtaskType].filter((t): t is IssueType => t !== null && !inScheme.has(t.id));
  if (!needed.length && pilotType && subtaskType) {
    return { id: 'scheme', label, state: 'in-place', detail: `"${scheme.name}" has AI Pilot and Sub-task.` };
  }
  if (!pilotType || !subtaskType) {
    return {
      id: 'scheme',
      label,
      state: 'missing',
      detail: `"${scheme.name}" lacks ${needed.map((t) => t.name).join(' and ') || 'the AI Pilot types'}; they must exist first.`,
    };
  }
  const names = needed.map((t) => t.name).join(' and ');
  // The default scheme serves every project that has no scheme of its own, so it is shared by definition.
  const others = scheme.isDefault
    ? null
    : (await projectsUsingIssueTypeScheme(scheme.id)).filter((p) => p.id !== project.id);
  if (others === null || others.length) {
    const sharedWith =
      others === null
        ? 'every project without its own issue type scheme'
        : others.length === 1
          ? `project ${keysOf(others)}`
          : `projects ${keysOf(others)}`;
    if (apply && rights.jiraAdmin) {
      // A Jira admin (checked as the caller) may give the project a copy of its own; the shared scheme stays as it is.
      const name = `${scheme.name} (${project.key} with AI Pilots)`;
      const copyId = await createIssueTypeScheme({
        name,
        description: `A copy of "${scheme.name}" for ${project.key}, with the AI Pilot issue types. Made by Pilot-to-Production setup.`,
        issueTypeIds: [...inScheme, ...needed.map((t) => t.id)],
        ...(scheme.defaultIssueTypeId ? { defaultIssueTypeId: scheme.defaultIssueTypeId } : {}),
      });
      await assignIssueTypeScheme(project.id, copyId);
      return {
        id: 'scheme',
        label,
        state: 'done-now',
        detail: `"${scheme.name}" is shared with ${sharedWith}, so it was left as it is: ${project.key} now uses its own copy, "${name}", which adds ${names}.`,
      };
    }
    if (rights.jiraAdmin) {
      return {
        id: 'scheme',
        label,
        state: 'missing',
        detail: `"${scheme.name}" is shared with ${sharedWith} and lacks ${names}; Set up leaves it as it is and gives ${project.key} its own copy.`,
      };
    }
    return {
      id: 'scheme',
      label,
      state: 'manual',
      detail:
        `"${scheme.name}" is shared with ${sharedWith}, so the app does not change it. A Jira admin: Settings → Work items → Work type schemes → ` +
        `Copy "${scheme.name}", add ${names} to the copy, and associate the copy with ${project.key} (or add them to "${scheme.name}" itself if every project that uses it should offer AI Pilots). Then run Set up again.`,
    };
  }
  if (!apply) return { id: 'scheme', label, state: 'missing', detail: `"${scheme.name}" lacks ${names}.` };
  await addIssueTypesToScheme(
    scheme.id,
    needed.map((t) => t.id),
  );
  return {
    id: 'scheme',
    label,
    state: 'done-now',
    detail: `Added ${names} to "${scheme.name}", which only ${project.key} uses.`,
  };
}

async function ensureScreens(
  project: { id: string; key: string },
  pilotTypeId: string,
  apply: boolean,
): Promise<SetupStep> {
  const label = 'App fields on the AI Pilot screens';
  const ids = await fieldIds();
  const wanted = APP_FIELD_KEYS.map((k) => ids.app[k]);
  const screens = await pilotScreens(project.id, pilotTypeId);
  if (!screens.length) {
    return {
      id: 'screens',
      label,
      state: 'manual',
      detail:
        'Jira reports no screens for AI Pilot issues here. In Project settings → Screens, add the "AI Pilot …" fields to the screen AI Pilot issues use.',
    };
  }
  const lacking: Array<{ screenId: string; screenSchemeName: string; tabId: string | null; fields: string[] }> = [];
  for (const screen of screens) {
    const { tabId, fieldIds: present } = await screenFields(screen.screenId);
    const fields = wanted.filter((f) => !present.includes(f));
    if (fields.length) lacking.push({ ...screen, tabId, fields });
  }
  if (!lacking.length)
    return {
      id: 'screens',
      label,
      state: 'in-place',
      detail: `All ${wanted.length} app fields are on the ${screens.length} screen(s) AI Pilots use.`,
    };

  const usage = await projectsUsingScreens(lacking.map((l) => l.screenId));
  const manual: string[] = [];
  let added = 0;
  let missing = 0;
  for (const screen of lacking) {
    const use = usage.get(screen.screenId);
    const others = (use?.projects ?? []).filter((p) => p.id !== project.id);
    if (!use || use.unknown || others.length) {
      const sharedWith = others.length
        ? `shared with ${others.length === 1 ? 'project' : 'projects'} ${keysOf(others)}`
        : 'possibly used by other projects';
      manual.push(
        `Screen ${screen.screenId} (screen scheme "${screen.screenSchemeName}") is ${sharedWith}, so the app does not change it. A Jira admin: Settings → Work items → Screens → ` +
          `add the ${screen.fields.length} "AI Pilot …" field(s) to that screen (they then show in those projects too), or give ${project.key} its own screen scheme for AI Pilot issues and run Set up again.`,
      );
      continue;
    }
    for (const fieldId of screen.fields) {
      if (apply && screen.tabId) {
        await addFieldToScreen(screen.screenId, screen.tabId, fieldId);
        added += 1;
      } else missing += 1;
    }
  }
  if (manual.length)
    return {
      id: 'screens',
      label,
      state: 'manual',
      detail: [
        ...manual,
        ...(added ? [`Added ${added} app field placement(s) to the screens only ${project.key} uses.`] : []),
      ].join(' '),
    };
  if (missing)
    return {
      id: 'screens',
      label,
      state: 'missing',
      detail: `${missing} app field placement(s) missing on ${screens.length} screen(s).`,
    };
  return {
    id: 'screens',
    label,
    state: 'done-now',
    detail: `Added ${added} app field placement(s) to ${lacking.length} screen(s) only ${project.key} uses.`,
  };
}

function teamManaged(projectKey: string): SetupReport {
  return {
    projectKey,
    ready: false,
    steps: [
      {
        id: 'pilot-type',
        label: 'AI Pilot work type',
        state: 'manual',
        detail: `${projectKey} is team-managed, and Jira offers apps no API to add its work types. In ${projectKey}: Project settings → Work types → Add work type, name it "AI Pilot" (exactly), then Save.`,
      },
      {
        id: 'screens',
        label: 'App fields on the AI Pilot layout',
        state: 'manual',
        detail:
          'Open Project settings → Work types → AI Pilot, drag the "AI Pilot …" fields from the field list into the layout, then Save changes.',
      },
    ],
  };
}
