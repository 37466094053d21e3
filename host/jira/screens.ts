// Which screen a project's issue type uses, and which fields that screen carries.
import type { IssueTypeScreenSchemeRec, ProjectRec, ScreenRec } from './state';
import type { Site } from './site';

export function screenSchemeFor(site: Site, project: ProjectRec): IssueTypeScreenSchemeRec | undefined {
  return project.issueTypeScreenSchemeId
    ? site.state.issueTypeScreenSchemes.find((s) => s.id === project.issueTypeScreenSchemeId)
    : undefined;
}

export function screenFor(site: Site, project: ProjectRec, issueTypeId: string): ScreenRec | undefined {
  const itss = screenSchemeFor(site, project);
  if (!itss) return undefined;
  const mapping =
    itss.mappings.find((m) => m.issueTypeId === issueTypeId) ?? itss.mappings.find((m) => m.issueTypeId === 'default');
  const scheme = mapping ? site.state.screenSchemes.find((s) => s.id === mapping.screenSchemeId) : undefined;
  return scheme ? site.state.screens.find((s) => s.id === scheme.defaultScreenId) : undefined;
}

/** Field ids on the issue type's create/edit screen; null for team-managed projects (no screens: every field is available). */
export function fieldsOnScreen(site: Site, project: ProjectRec, issueTypeId: string): Set<string> | null {
  if (project.style === 'next-gen') return null;
  const screen = screenFor(site, project, issueTypeId);
  return new Set(screen ? screen.tabs.flatMap((t) => t.fieldIds) : []);
}
