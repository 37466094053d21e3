// Issue types, issue type schemes and which types a project offers.
import type { IssueTypeRec, IssueTypeSchemeRec, ProjectRec } from './state';
import type { Site } from './site';

export const isSubtaskType = (t: IssueTypeRec): boolean => t.hierarchyLevel === -1;

export function issueTypeById(site: Site, id: string): IssueTypeRec | undefined {
  return site.state.issueTypes.find((t) => t.id === id);
}

export function issueTypeOf(site: Site, id: string): IssueTypeRec {
  const t = issueTypeById(site, id);
  if (!t) throw new Error(`unknown issue type ${id}`);
  return t;
}

export function issueTypeJson(site: Site, t: IssueTypeRec): Record<string, unknown> {
  const avatarId = isSubtaskType(t) ? 10316 : 10318;
  return {
    self: site.url(`/rest/api/3/issuetype/${t.id}`),
    id: t.id,
    description: t.description,
    iconUrl: site.url(`/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`),
    name: t.name,
    subtask: isSubtaskType(t),
    avatarId,
    hierarchyLevel: t.hierarchyLevel,
    ...(t.projectId ? { scope: { type: 'PROJECT', project: { id: t.projectId } } } : {}),
  };
}

export function schemeOf(site: Site, project: ProjectRec): IssueTypeSchemeRec | undefined {
  return project.issueTypeSchemeId
    ? site.state.issueTypeSchemes.find((s) => s.id === project.issueTypeSchemeId)
    : undefined;
}

/** The types a project offers: its scheme's types (company-managed) or its own types (team-managed). */
export function projectIssueTypes(site: Site, project: ProjectRec): IssueTypeRec[] {
  if (project.style === 'next-gen') return site.state.issueTypes.filter((t) => t.projectId === project.id);
  const scheme = schemeOf(site, project);
  if (!scheme) return [];
  return scheme.issueTypeIds.map((id) => issueTypeById(site, id)).filter((t): t is IssueTypeRec => t !== undefined);
}

/** Finds a project's type by id or (case-insensitive) name. */
export function findProjectIssueType(
  site: Site,
  project: ProjectRec,
  ref: { id?: unknown; name?: unknown },
): IssueTypeRec | undefined {
  const types = projectIssueTypes(site, project);
  if (typeof ref.id === 'string' || typeof ref.id === 'number') return types.find((t) => t.id === String(ref.id));
  if (typeof ref.name === 'string')
    return types.find((t) => t.name.toLowerCase() === (ref.name as string).toLowerCase());
  return undefined;
}

/** Schemes that projects use: the default scheme serves every company-managed project without its own. */
export function schemeForProjectId(site: Site, project: ProjectRec): IssueTypeSchemeRec | undefined {
  return schemeOf(site, project);
}
