// The extension context Forge gives each Custom UI module (getContext and the resolver's context.extension).
import type { LocalHost } from '../host';

export type ColorMode = 'light' | 'dark';

/** The fields every module's context carries. */
export const common = (
  host: LocalHost,
  accountId: string,
  moduleKey: string,
  localId: string,
  colorMode: ColorMode = 'light',
) => ({
  accountId,
  cloudId: host.cloudId,
  localId,
  moduleKey,
  siteUrl: 'http://localhost',
  locale: 'en-US',
  timezone: 'UTC',
  environmentType: 'DEVELOPMENT',
  theme: { colorMode },
});

export function issuePanelContext(
  host: LocalHost,
  accountId: string,
  issue: { id: string; key: string; typeName: string; typeId: string },
  project: { id: string; key: string },
  colorMode: ColorMode = 'light',
  /** True on the render right after someone added the panel from the issue's app icon. */
  isNewToIssue = false,
) {
  const decl = host.manifest.modules['jira:issuePanel']![0]!;
  return {
    ...common(host, accountId, decl.key, `${decl.key}-${issue.id}`, colorMode),
    extension: {
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issue.key, type: issue.typeName, typeId: issue.typeId },
      project: { id: project.id, key: project.key, type: 'software' },
      isNewToIssue,
    },
  };
}

export function projectSettingsContext(
  host: LocalHost,
  accountId: string,
  project: { id: string; key: string },
  colorMode: ColorMode = 'light',
) {
  const decl = host.manifest.modules['jira:projectSettingsPage']![0]!;
  return {
    ...common(host, accountId, decl.key, `${decl.key}-${project.id}`, colorMode),
    extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: project.key, type: 'software' } },
  };
}

export function macroContext(
  host: LocalHost,
  accountId: string,
  page: { id: string; spaceId: string; spaceKey: string },
  macro: { localId: string; config: unknown },
  mode: { isConfiguring: boolean; isInserting: boolean },
  colorMode: ColorMode = 'light',
) {
  const decl = host.manifest.modules.macro![0]!;
  return {
    ...common(host, accountId, decl.key, macro.localId, colorMode),
    extension: {
      type: 'macro',
      content: { id: page.id, type: 'page' },
      space: { id: page.spaceId, key: page.spaceKey },
      config: macro.config ?? undefined,
      macro: { isConfiguring: mode.isConfiguring, isInserting: mode.isInserting },
      isEditing: mode.isConfiguring,
    },
  };
}

/** Invokes a resolver of a UI module the way the bridge's invoke does, for demo data and tests. */
export async function invokeAs<T = unknown>(
  host: LocalHost,
  module: 'jira:issuePanel' | 'jira:projectSettingsPage' | 'macro',
  context: { moduleKey: string },
  accountId: string,
  functionKey: string,
  payload: unknown,
): Promise<T> {
  const decl = (host.manifest.modules[module] ?? [])[0];
  if (!decl?.resolver) throw new Error(`${module} has no resolver in manifest.yml`);
  const { result } = await host.runner.invokeResolver(
    decl.key,
    decl.resolver.function,
    { functionKey, payload },
    context,
    accountId,
  );
  return result as T;
}
