// Projects: lookup, creation (with the schemes and screens Jira gives a new company-managed project) and JSON.
import type { ProjectRec } from './state';
import { SUBTASK_TYPE_ID, TASK_TYPE_ID, nextId } from './state';
import type { Actor, Site } from './site';
import type { NewProject, Project } from './types';
import { PROJECT_PERMISSIONS } from './types';
import { avatarUrls, userJsonOrNull } from './users';
import { canBrowse } from './permissions';
import { issueTypeJson, projectIssueTypes } from './issue-types';
import { projectNotFound } from './errors';
import { START_DATE_ID } from './fields';

export const DEFAULT_SCREEN_FIELDS = ['summary', 'description', 'issuetype', 'duedate', START_DATE_ID];

export function findProject(site: Site, idOrKey: string): ProjectRec | undefined {
  const upper = idOrKey.toUpperCase();
  return site.state.projects.find((p) => p.id === idOrKey || p.key === upper);
}

/** The project by id or key, or Jira's 404 when missing or not browsable. */
export function visibleProject(site: Site, actor: Actor, idOrKey: string): ProjectRec {
  const project = findProject(site, idOrKey);
  if (!project || !canBrowse(site, actor, project)) throw projectNotFound(idOrKey);
  return project;
}

export function toProject(p: ProjectRec): Project {
  return { id: p.id, key: p.key, name: p.name, leadAccountId: p.leadAccountId, style: p.style };
}

export function addProject(site: Site, input: NewProject): Project {
  const { state } = site;
  const key = input.key.toUpperCase();
  if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(key)) throw new Error(`invalid project key ${input.key}`);
  if (state.projects.some((p) => p.key === key)) throw new Error(`project ${key} already exists`);
  if (!site.user(input.leadAccountId)) throw new Error(`unknown lead ${input.leadAccountId}`);
  const style = input.style ?? 'classic';
  const project: ProjectRec = {
    id: nextId(state, 'project'),
    key,
    name: input.name,
    description: '',
    leadAccountId: input.leadAccountId,
    style,
    issueTypeSchemeId: null,
    issueTypeScreenSchemeId: null,
    nextIssueNumber: 1,
    properties: {},
  };
  if (style === 'classic') {
    const schemeId = nextId(state, 'issueTypeScheme');
    state.issueTypeSchemes.push({
      id: schemeId,
      name: `${key}: Software Simplified Issue Type Scheme`,
      description: '',
      isDefault: false,
      defaultIssueTypeId: TASK_TYPE_ID,
      issueTypeIds: [TASK_TYPE_ID, SUBTASK_TYPE_ID],
    });
    project.issueTypeSchemeId = schemeId;
    project.issueTypeScreenSchemeId = createScreens(site, key);
  } else {
    state.issueTypes.push(
      {
        id: nextId(state, 'issueType'),
        name: 'Task',
        description: 'A small, distinct piece of work.',
        hierarchyLevel: 0,
        projectId: project.id,
      },
      {
        id: nextId(state, 'issueType'),
        name: 'Subtask',
        description: 'A small piece of work that is part of a larger task.',
        hierarchyLevel: -1,
        projectId: project.id,
      },
    );
  }
  state.projects.push(project);
  state.grants[project.id] = { [input.leadAccountId]: [...PROJECT_PERMISSIONS] };
  return toProject(project);
}

function createScreens(site: Site, key: string): string {
  const { state } = site;
  const screenId = Number(nextId(state, 'screen'));
  const tabId = Number(nextId(state, 'tab'));
  state.screens.push({
    id: screenId,
    name: `${key}: Default Issue Screen`,
    tabs: [{ id: tabId, name: 'Field Tab', fieldIds: [...DEFAULT_SCREEN_FIELDS] }],
  });
  const screenSchemeId = Number(nextId(state, 'screenScheme'));
  state.screenSchemes.push({
    id: screenSchemeId,
    name: `${key}: Screen Scheme`,
    description: '',
    defaultScreenId: screenId,
  });
  const itssId = nextId(state, 'issueTypeScreenScheme');
  state.issueTypeScreenSchemes.push({
    id: itssId,
    name: `${key}: Issue Type Screen Scheme`,
    description: '',
    mappings: [{ issueTypeId: 'default', screenSchemeId }],
  });
  return itssId;
}

/** Short form used in issue fields and issue type scopes (ProjectDetails). */
export function projectDetailsJson(site: Site, p: ProjectRec): Record<string, unknown> {
  return {
    self: site.url(`/rest/api/3/project/${p.id}`),
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: p.style === 'next-gen',
    avatarUrls: avatarUrls(site, `project-${p.key}`),
  };
}

export function projectJson(site: Site, p: ProjectRec, full: boolean): Record<string, unknown> {
  const base = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectDetailsJson(site, p),
    style: p.style,
    isPrivate: false,
    properties: {},
  };
  if (!full) return base;
  return {
    ...base,
    description: p.description,
    lead: userJsonOrNull(site, p.leadAccountId) ?? undefined,
    components: [],
    issueTypes: projectIssueTypes(site, p).map((t) => issueTypeJson(site, t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  };
}
