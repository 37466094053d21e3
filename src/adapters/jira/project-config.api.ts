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
  return jiraJson(
    { as: 'app', route: route`/rest/api/3/issuetype`, endpoint: 'GET /rest/api/3/issuetype' },
    z.array(issueTypeSchema),
  );
}

export function projectIssueTypes(projectId: string): Promise<IssueType[]> {
  return jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issuetype/project?projectId=${projectId}`,
      endpoint: 'GET /rest/api/3/issuetype/project',
    },
    z.array(issueTypeSchema),
  );
}

export function createIssueType(name: string, description: string, hierarchyLevel: 0 | -1): Promise<IssueType> {
  return jiraJson(
    {
      as: 'app',
      method: 'POST',
      route: route`/rest/api/3/issuetype`,
      body: { name, description, hierarchyLevel },
      endpoint: 'POST /rest/api/3/issuetype',
    },
    issueTypeSchema,
  );
}

const projectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  style: z.string().optional(),
  simplified: z.boolean().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export function getProject(as: 'user' | 'app', projectIdOrKey: string): Promise<Project> {
  return jiraJson(
    { as, route: route`/rest/api/3/project/${projectIdOrKey}`, endpoint: 'GET /rest/api/3/project/{projectIdOrKey}' },
    projectSchema,
  );
}

const schemeForProjectSchema = z.looseObject({
  values: z.array(
    z.looseObject({
      issueTypeScheme: z.looseObject({
        id: z.string(),
        name: z.string(),
        isDefault: z.boolean().optional(),
        defaultIssueTypeId: z.string().optional(),
      }),
      projectIds: z.array(z.string()),
    }),
  ),
});

export async function issueTypeSchemeOf(
  projectId: string,
): Promise<{ id: string; name: string; isDefault: boolean; defaultIssueTypeId?: string } | null> {
  const page = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issuetypescheme/project?projectId=${projectId}`,
      endpoint: 'GET /rest/api/3/issuetypescheme/project',
    },
    schemeForProjectSchema,
  );
  const scheme = page.values[0]?.issueTypeScheme;
  return scheme
    ? {
        id: scheme.id,
        name: scheme.name,
        isDefault: scheme.isDefault === true,
        ...(scheme.defaultIssueTypeId ? { defaultIssueTypeId: scheme.defaultIssueTypeId } : {}),
      }
    : null;
}

export async function schemeIssueTypeIds(schemeId: string): Promise<string[]> {
  const page = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${schemeId}&maxResults=200`,
      endpoint: 'GET /rest/api/3/issuetypescheme/mapping',
    },
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

export interface PilotScreen {
  screenId: string;
  /** The screen scheme that names it, so a report can tell an admin where to look. */
  screenSchemeName: string;
}

/** A new issue type scheme (Jira admins only); its id. */
export async function createIssueTypeScheme(scheme: {
  name: string;
  description: string;
  issueTypeIds: string[];
  defaultIssueTypeId?: string;
}): Promise<string> {
  const created = await jiraJson(
    {
      as: 'app',
      method: 'POST',
      route: route`/rest/api/3/issuetypescheme`,
      body: scheme,
      endpoint: 'POST /rest/api/3/issuetypescheme',
    },
    z.looseObject({ issueTypeSchemeId: z.string() }),
  );
  return created.issueTypeSchemeId;
}

/** Makes `projectId` use the scheme (Jira refuses when the project's issues use types the scheme lacks). */
export function assignIssueTypeScheme(projectId: string, issueTypeSchemeId: string): Promise<void> {
  return jiraVoid({
    as: 'app',
    method: 'PUT',
    route: route`/rest/api/3/issuetypescheme/project`,
    body: { issueTypeSchemeId, projectId },
    endpoint: 'PUT /rest/api/3/issuetypescheme/project',
  });
}

/** The screens the project's AI Pilot issues use (create, edit, view), following the screen schemes. */
export async function pilotScreens(projectId: string, pilotTypeId: string): Promise<PilotScreen[]> {
  const itss = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issuetypescreenscheme/project?projectId=${projectId}`,
      endpoint: 'GET /rest/api/3/issuetypescreenscheme/project',
    },
    z.looseObject({ values: z.array(z.looseObject({ issueTypeScreenScheme: z.looseObject({ id: z.string() }) })) }),
  );
  const itssId = itss.values[0]?.issueTypeScreenScheme.id;
  if (!itssId) return [];
  const mapping = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${itssId}`,
      endpoint: 'GET /rest/api/3/issuetypescreenscheme/mapping',
    },
    z.looseObject({ values: z.array(z.looseObject({ issueTypeId: z.string(), screenSchemeId: z.string() })) }),
  );
  const screenSchemeId = (
    mapping.values.find((m) => m.issueTypeId === pilotTypeId) ?? mapping.values.find((m) => m.issueTypeId === 'default')
  )?.screenSchemeId;
  if (!screenSchemeId) return [];
  const schemes = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/screenscheme?id=${screenSchemeId}`,
      endpoint: 'GET /rest/api/3/screenscheme',
    },
    z.looseObject({
      values: z.array(
        z.looseObject({ name: z.string(), screens: z.record(z.string(), z.union([z.number(), z.string()])) }),
      ),
    }),
  );
  const scheme = schemes.values[0];
  if (!scheme) return [];
  return [...new Set(Object.values(scheme.screens).map(String))].map((screenId) => ({
    screenId,
    screenSchemeName: scheme.name,
  }));
}

export interface ProjectRef {
  id: string;
  key: string;
}

const PROJECT_PAGE = 50;

/** Every project the app can see, a page at a time (ids and keys only). */
async function* allProjects(): AsyncGenerator<ProjectRef[]> {
  for (let startAt = 0; ; startAt += PROJECT_PAGE) {
    const page = await jiraJson(
      {
        as: 'app',
        route: route`/rest/api/3/project/search?startAt=${startAt}&maxResults=${PROJECT_PAGE}`,
        endpoint: 'GET /rest/api/3/project/search',
      },
      z.looseObject({
        values: z.array(z.looseObject({ id: z.string(), key: z.string() })),
        isLast: z.boolean().optional(),
      }),
    );
    yield page.values.map((p) => ({ id: p.id, key: p.key }));
    if (page.isLast !== false || page.values.length === 0) return;
  }
}

/**
 * The projects whose issue type scheme is `schemeId`. Jira has no "projects of this scheme" query in v3 that the
 * OpenAPI document types, so every project's scheme is asked for (50 projects per call) and grouped.
 */
export async function projectsUsingIssueTypeScheme(schemeId: string): Promise<ProjectRef[]> {
  const users: ProjectRef[] = [];
  for await (const projects of allProjects()) {
    if (!projects.length) continue;
    const query = new URLSearchParams({ maxResults: String(PROJECT_PAGE) });
    for (const p of projects) query.append('projectId', p.id);
    const page = await jiraJson(
      {
        as: 'app',
        route: route`/rest/api/3/issuetypescheme/project?${query}`,
        endpoint: 'GET /rest/api/3/issuetypescheme/project',
      },
      schemeForProjectSchema,
    );
    const ids = new Set(page.values.filter((v) => v.issueTypeScheme.id === schemeId).flatMap((v) => v.projectIds));
    users.push(...projects.filter((p) => ids.has(p.id)));
  }
  return users;
}

const SCREEN_SCHEME_PAGE = 25;

/**
 * For each screen, the projects that use it: every screen scheme that shows the screen, the issue type screen
 * schemes that map to those screen schemes, and their projects. Anything Jira does not list in full (a nested
 * page that is not the last) is reported as `unknown`, which the caller treats as shared.
 */
export async function projectsUsingScreens(
  screenIds: string[],
): Promise<Map<string, { projects: ProjectRef[]; unknown: boolean }>> {
  const wanted = new Set(screenIds);
  const itssOfScreen = new Map<string, Set<string>>(screenIds.map((id) => [id, new Set<string>()]));
  const unknown = new Set<string>();
  for (let startAt = 0; ; startAt += SCREEN_SCHEME_PAGE) {
    const page = await jiraJson(
      {
        as: 'app',
        route: route`/rest/api/3/screenscheme?expand=issueTypeScreenSchemes&startAt=${startAt}&maxResults=${SCREEN_SCHEME_PAGE}`,
        endpoint: 'GET /rest/api/3/screenscheme',
      },
      z.looseObject({
        values: z.array(
          z.looseObject({
            id: z.union([z.number(), z.string()]),
            screens: z.record(z.string(), z.union([z.number(), z.string()])),
            issueTypeScreenSchemes: z
              .looseObject({ values: z.array(z.looseObject({ id: z.string() })), isLast: z.boolean().optional() })
              .optional(),
          }),
        ),
        isLast: z.boolean().optional(),
      }),
    );
    for (const scheme of page.values) {
      for (const screenId of new Set(Object.values(scheme.screens).map(String))) {
        if (!wanted.has(screenId)) continue;
        const itss = scheme.issueTypeScreenSchemes;
        if (!itss || itss.isLast === false) unknown.add(screenId);
        for (const v of itss?.values ?? []) itssOfScreen.get(screenId)!.add(v.id);
      }
    }
    if (page.isLast !== false || page.values.length === 0) break;
  }
  const projectsOfItss = new Map<string, ProjectRef[]>();
  for (const itssId of new Set([...itssOfScreen.values()].flatMap((s) => [...s]))) {
    const projects: ProjectRef[] = [];
    for (let startAt = 0; ; startAt += PROJECT_PAGE) {
      const page = await jiraJson(
        {
          as: 'app',
          route: route`/rest/api/3/issuetypescreenscheme/${itssId}/project?startAt=${startAt}&maxResults=${PROJECT_PAGE}`,
          endpoint: 'GET /rest/api/3/issuetypescreenscheme/{issueTypeScreenSchemeId}/project',
        },
        z.looseObject({
          values: z.array(z.looseObject({ id: z.string(), key: z.string() })),
          isLast: z.boolean().optional(),
        }),
      );
      projects.push(...page.values.map((p) => ({ id: p.id, key: p.key })));
      if (page.isLast !== false || page.values.length === 0) break;
    }
    projectsOfItss.set(itssId, projects);
  }
  return new Map(
    screenIds.map((screenId) => {
      const byId = new Map<string, ProjectRef>();
      for (const itssId of itssOfScreen.get(screenId) ?? [])
        for (const p of projectsOfItss.get(itssId) ?? []) byId.set(p.id, p);
      return [screenId, { projects: [...byId.values()], unknown: unknown.has(screenId) }];
    }),
  );
}

export async function screenFields(screenId: string): Promise<{ tabId: string | null; fieldIds: string[] }> {
  const tabs = await jiraJson(
    {
      as: 'app',
      route: route`/rest/api/3/screens/${screenId}/tabs`,
      endpoint: 'GET /rest/api/3/screens/{screenId}/tabs',
    },
    z.array(z.looseObject({ id: z.number(), name: z.string() })),
  );
  const fieldIds: string[] = [];
  for (const tab of tabs) {
    const tabId = String(tab.id);
    const fields = await jiraJson(
      {
        as: 'app',
        route: route`/rest/api/3/screens/${screenId}/tabs/${tabId}/fields`,
        endpoint: 'GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
      },
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
