// Project configuration the app sets up and relies on: issue types, the project's issue type scheme, and the
// screens its issues use. All calls run as the app (manage:jira-configuration) after the caller's admin check.
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { jiraJson, jiraVoid } from './jira.client';

export const issueTypeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().optional(),
  scope: z.looseObject({ type: z.string().optional() }).optional(),
});
export type IssueType = z.infer<typeof issueTypeSchema>;

export function listIssueTypes(): Promise<IssueType[]> {
  return jiraJson({ as: 'app', route: route`/rest/api/3/issuetype`, endpoint: 'GET /rest/api/3/issuetype' }, z.array(issueTypeSchema));
}

export function projectIssueTypes(projectId: string): Promise<IssueType[]> {
  return jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetype/project?projectId=${projectId}`, endpoint: 'GET /rest/api/3/issuetype/project' },
    z.array(issueTypeSchema),
  );
}

export function createIssueType(name: string, description: string, hierarchyLevel: 0 | -1): Promise<IssueType> {
  return jiraJson(
    { as: 'app', method: 'POST', route: route`/rest/api/3/issuetype`, body: { name, description, hierarchyLevel }, endpoint: 'POST /rest/api/3/issuetype' },
    issueTypeSchema,
  );
}

const projectSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string(), style: z.string().optional(), simplified: z.boolean().optional() });
export type Project = z.infer<typeof projectSchema>;

export function getProject(as: 'user' | 'app', projectIdOrKey: string): Promise<Project> {
  return jiraJson({ as, route: route`/rest/api/3/project/${projectIdOrKey}`, endpoint: 'GET /rest/api/3/project/{projectIdOrKey}' }, projectSchema);
}

const schemeForProjectSchema = z.looseObject({
  values: z.array(z.looseObject({ issueTypeScheme: z.looseObject({ id: z.string(), name: z.string(), isDefault: z.boolean().optional() }), projectIds: z.array(z.string()) })),
});

export async function issueTypeSchemeOf(projectId: string): Promise<{ id: string; name: string; isDefault: boolean } | null> {
  const page = await jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetypescheme/project?projectId=${projectId}`, endpoint: 'GET /rest/api/3/issuetypescheme/project' },
    schemeForProjectSchema,
  );
  const scheme = page.values[0]?.issueTypeScheme;
  return scheme ? { id: scheme.id, name: scheme.name, isDefault: scheme.isDefault === true } : null;
}

export async function schemeIssueTypeIds(schemeId: string): Promise<string[]> {
  const page = await jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${schemeId}&maxResults=200`, endpoint: 'GET /rest/api/3/issuetypescheme/mapping' },
    z.looseObject({ values: z.array(z.looseObject({ issueTypeId: z.string() })) }),
  );
  return page.values.map((v) => v.issueTypeId);
}

export function addIssueTypesToScheme(schemeId: string, issueTypeIds: string[]): Promise<void> {
  return jiraVoid({
    as: 'app',
    method: 'PUT',
    route: route`/rest/api/3/issuetypescheme/${schemeId}/issuetype`,
    body: { issueTypeIds },
    endpoint: 'PUT /rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype',
  });
}

/** The screens the project's AI Pilot issues use (create, edit, view), following the screen schemes. */
export async function pilotScreens(projectId: string, pilotTypeId: string): Promise<string[]> {
  const itss = await jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetypescreenscheme/project?projectId=${projectId}`, endpoint: 'GET /rest/api/3/issuetypescreenscheme/project' },
    z.looseObject({ values: z.array(z.looseObject({ issueTypeScreenScheme: z.looseObject({ id: z.string() }) })) }),
  );
  const itssId = itss.values[0]?.issueTypeScreenScheme.id;
  if (!itssId) return [];
  const mapping = await jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${itssId}`, endpoint: 'GET /rest/api/3/issuetypescreenscheme/mapping' },
    z.looseObject({ values: z.array(z.looseObject({ issueTypeId: z.string(), screenSchemeId: z.string() })) }),
  );
  const screenSchemeId = (mapping.values.find((m) => m.issueTypeId === pilotTypeId) ?? mapping.values.find((m) => m.issueTypeId === 'default'))?.screenSchemeId;
  if (!screenSchemeId) return [];
  const schemes = await jiraJson(
    { as: 'app', route: route`/rest/api/3/screenscheme?id=${screenSchemeId}`, endpoint: 'GET /rest/api/3/screenscheme' },
    z.looseObject({ values: z.array(z.looseObject({ screens: z.record(z.string(), z.union([z.number(), z.string()])) })) }),
  );
  const screens = schemes.values[0]?.screens ?? {};
  return [...new Set(Object.values(screens).map(String))];
}

export async function screenFields(screenId: string): Promise<{ tabId: string | null; fieldIds: string[] }> {
  const tabs = await jiraJson(
    { as: 'app', route: route`/rest/api/3/screens/${screenId}/tabs`, endpoint: 'GET /rest/api/3/screens/{screenId}/tabs' },
    z.array(z.looseObject({ id: z.number(), name: z.string() })),
  );
  const fieldIds: string[] = [];
  for (const tab of tabs) {
    const tabId = String(tab.id);
    const fields = await jiraJson(
      { as: 'app', route: route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`, endpoint: 'GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields' },
      z.array(z.looseObject({ id: z.string() })),
    );
    fieldIds.push(...fields.map((f) => f.id));
  }
  return { tabId: tabs[0] ? String(tabs[0].id) : null, fieldIds };
}

export function addFieldToScreen(screenId: string, tabId: string, fieldId: string): Promise<void> {
  return jiraVoid({
    as: 'app',
    method: 'POST',
    route: route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`,
    body: { fieldId },
    endpoint: 'POST /rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
  });
}

const projectTypesSchema = z.object({ pilotTypeId: z.string(), subtaskTypeId: z.string() });
export type ProjectTypes = z.infer<typeof projectTypesSchema>;

/** The AI Pilot and sub-task type ids of a project, remembered after setup so seeding needs no lookup. */
export async function projectTypes(projectId: string): Promise<ProjectTypes | null> {
  const cached = projectTypesSchema.safeParse(await kvs.get(`project-types:${projectId}`));
  if (cached.success) return cached.data;
  const types = await projectIssueTypes(projectId);
  const pilot = types.find((t) => t.name === 'AI Pilot');
  const subtask = types.find((t) => t.hierarchyLevel === -1 || t.subtask === true);
  if (!pilot || !subtask) return null;
  const found = { pilotTypeId: pilot.id, subtaskTypeId: subtask.id };
  await kvs.set(`project-types:${projectId}`, found);
  return found;
}

export async function rememberProjectTypes(projectId: string, types: ProjectTypes): Promise<void> {
  await kvs.set(`project-types:${projectId}`, types);
}
