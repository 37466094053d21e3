// Puts the AI Pilot issue type, a sub-task type and the app's fields in place for one project, and reports what
// is in place and what an admin must still do by hand. Running it again changes nothing that is already there.
import { APP_FIELD_KEYS, fieldIds } from '../adapters/jira/fields.api';
import {
  addFieldToScreen,
  addIssueTypesToScheme,
  createIssueType,
  getProject,
  issueTypeSchemeOf,
  listIssueTypes,
  pilotScreens,
  rememberProjectTypes,
  schemeIssueTypeIds,
  screenFields,
  type IssueType,
} from '../adapters/jira/project-config.api';
import type { SetupReport, SetupStep } from '../contract/views';
import { AI_PILOT_TYPE } from './pilot-facts';

const SUBTASK_NAME = 'Sub-task';

/** `apply` false only inspects (for the settings page); true also fixes what the API allows. */
export async function projectSetup(projectId: string, apply: boolean): Promise<SetupReport> {
  const project = await getProject('app', projectId);
  if (project.style === 'next-gen' || project.simplified === true) return teamManaged(project.key);
  const steps: SetupStep[] = [];
  const types = await listIssueTypes();
  const pilotType = await ensureType(types, AI_PILOT_TYPE, 0, apply, steps, 'pilot-type', 'AI Pilot issue type');
  const subtaskType = await ensureType(types, SUBTASK_NAME, -1, apply, steps, 'subtask-type', 'Sub-task type for workstreams');

  const scheme = await issueTypeSchemeOf(projectId);
  if (!scheme) {
    steps.push({ id: 'scheme', label: 'Issue types in the project', state: 'manual', detail: 'Jira reports no issue type scheme for this project. In Project settings → Issue types, add "AI Pilot" and "Sub-task".' });
  } else {
    const inScheme = new Set(await schemeIssueTypeIds(scheme.id));
    const needed = [pilotType, subtaskType].filter((t): t is IssueType => t !== null && !inScheme.has(t.id));
    if (!needed.length && pilotType && subtaskType) {
      steps.push({ id: 'scheme', label: 'Issue types in the project', state: 'in-place', detail: `"${scheme.name}" has AI Pilot and Sub-task.` });
    } else if (apply && pilotType && subtaskType) {
      await addIssueTypesToScheme(scheme.id, needed.map((t) => t.id));
      steps.push({ id: 'scheme', label: 'Issue types in the project', state: 'done-now', detail: `Added ${needed.map((t) => t.name).join(' and ')} to "${scheme.name}".` });
    } else {
      steps.push({ id: 'scheme', label: 'Issue types in the project', state: 'missing', detail: `"${scheme.name}" lacks ${needed.map((t) => t.name).join(' and ') || 'the AI Pilot types'}.` });
    }
  }

  if (pilotType) {
    steps.push(await ensureScreens(projectId, pilotType.id, apply));
    if (subtaskType) await rememberProjectTypes(projectId, { pilotTypeId: pilotType.id, subtaskTypeId: subtaskType.id });
  } else {
    steps.push({ id: 'screens', label: 'App fields on the AI Pilot screens', state: 'missing', detail: 'Needs the AI Pilot issue type first.' });
  }
  steps.push(VALIDATOR_STEP);
  return { projectKey: project.key, ready: steps.every((s) => s.advisory || s.state === 'in-place' || s.state === 'done-now'), steps };
}

/** Jira offers apps no safe API to add a rule to a workflow's transition, so the admin does it once by hand. */
const VALIDATOR_STEP: SetupStep = {
  id: 'validator',
  label: 'Graduation gate on the workflow',
  state: 'manual',
  advisory: true,
  detail:
    'Once per workflow: Project settings → Workflows → edit the workflow AI Pilots use → select the transition into production → Rules → Add rule → "AI Pilot graduation gate" (validator) → Publish. Until then graduation is not gated.',
};

async function ensureType(
  types: IssueType[],
  name: string,
  hierarchyLevel: 0 | -1,
  apply: boolean,
  steps: SetupStep[],
  id: SetupStep['id'],
  label: string,
): Promise<IssueType | null> {
  const existing = types.find((t) => t.name === name && (t.hierarchyLevel ?? (t.subtask ? -1 : 0)) === hierarchyLevel && t.scope?.type !== 'PROJECT')
    ?? (hierarchyLevel === -1 ? types.find((t) => (t.hierarchyLevel === -1 || t.subtask === true) && t.scope?.type !== 'PROJECT') : undefined);
  if (existing) {
    steps.push({ id, label, state: 'in-place', detail: `"${existing.name}" exists.` });
    return existing;
  }
  if (!apply) {
    steps.push({ id, label, state: 'missing', detail: `No "${name}" issue type yet.` });
    return null;
  }
  const description = hierarchyLevel === 0 ? 'An AI initiative on its way from demo to production (Pilot-to-Production).' : 'A workstream of an AI Pilot.';
  const created = await createIssueType(name, description, hierarchyLevel);
  steps.push({ id, label, state: 'done-now', detail: `Created the "${created.name}" issue type.` });
  return created;
}

async function ensureScreens(projectId: string, pilotTypeId: string, apply: boolean): Promise<SetupStep> {
  const label = 'App fields on the AI Pilot screens';
  const ids = await fieldIds();
  const wanted = APP_FIELD_KEYS.map((k) => ids.app[k]);
  const screens = await pilotScreens(projectId, pilotTypeId);
  if (!screens.length) {
    return { id: 'screens', label, state: 'manual', detail: 'Jira reports no screens for AI Pilot issues here. In Project settings → Screens, add the "AI Pilot …" fields to the screen AI Pilot issues use.' };
  }
  let added = 0;
  let missing = 0;
  for (const screenId of screens) {
    const { tabId, fieldIds: present } = await screenFields(screenId);
    for (const fieldId of wanted.filter((f) => !present.includes(f))) {
      if (apply && tabId) {
        await addFieldToScreen(screenId, tabId, fieldId);
        added += 1;
      } else missing += 1;
    }
  }
  if (missing) return { id: 'screens', label, state: 'missing', detail: `${missing} app field placement(s) missing on ${screens.length} screen(s).` };
  if (added) return { id: 'screens', label, state: 'done-now', detail: `Added ${added} app field placement(s) to ${screens.length} screen(s).` };
  return { id: 'screens', label, state: 'in-place', detail: `All ${wanted.length} app fields are on the ${screens.length} screen(s) AI Pilots use.` };
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
        detail: 'Open Project settings → Work types → AI Pilot, drag the "AI Pilot …" fields from the field list into the layout, then Save changes.',
      },
    ],
  };
}
