// The extension contexts and payloads of the issue-13 surfaces, in the shapes Forge's docs give them:
// jira:issueContext (extension issue/project, and the dynamicProperties payload), jira:dashboardGadget
// (gadgetConfiguration, dashboard.id, gadget.id, entryPoint 'edit' in its edit view), jira:globalPage, and the
// macro's adfExport payload (exportType, the macro's context with its saved config).
import type { LocalHost } from '../host';
import { common, type ColorMode } from './contexts';

type IssueRef = { id: string; key: string; typeName: string; typeId: string };
type ProjectRef = { id: string; key: string };

function decl<K extends 'jira:issueContext' | 'jira:dashboardGadget' | 'jira:globalPage'>(
  host: LocalHost,
  module: K,
  key?: string,
) {
  const all = host.manifest.modules[module] ?? [];
  const found = key ? all.find((d) => d.key === key) : all[0];
  if (!found) throw new Error(`manifest.yml has no ${module}${key ? ` "${key}"` : ''}`);
  return found as NonNullable<LocalHost['manifest']['modules'][K]>[number];
}

export function issueContextContext(
  host: LocalHost,
  accountId: string,
  issue: IssueRef,
  project: ProjectRef,
  colorMode: ColorMode = 'light',
  moduleKey?: string,
) {
  const d = decl(host, 'jira:issueContext', moduleKey);
  return {
    ...common(host, accountId, d.key, `${d.key}-${issue.id}`, colorMode),
    extension: {
      type: 'jira:issueContext',
      issue: { id: issue.id, key: issue.key, type: issue.typeName, typeId: issue.typeId },
      project: { id: project.id, key: project.key, type: 'software' },
      location: `http://localhost/browse/${issue.key}`,
    },
  };
}

/** What Jira passes an issue context's dynamicProperties function (Forge docs: cloudId and the extension). */
export function dynamicPropertiesPayload(host: LocalHost, issue: IssueRef, project: ProjectRef) {
  return {
    cloudId: host.cloudId,
    extension: {
      type: 'jira:issueContext',
      issue: { id: issue.id, type: issue.typeName, key: issue.key, typeId: issue.typeId },
      project: { id: project.id, type: 'software', key: project.key },
    },
  };
}

export function gadgetContext(
  host: LocalHost,
  accountId: string,
  gadget: { id: string; dashboardId: string; moduleKey: string; configuration: Record<string, unknown> | null },
  entryPoint: 'view' | 'edit',
  colorMode: ColorMode = 'light',
) {
  const d = decl(host, 'jira:dashboardGadget', gadget.moduleKey);
  return {
    ...common(host, accountId, d.key, `${d.key}-${gadget.id}`, colorMode),
    extension: {
      type: 'jira:dashboardGadget',
      gadgetConfiguration: gadget.configuration ?? {},
      dashboard: { id: gadget.dashboardId },
      gadget: { id: gadget.id },
      location: `http://localhost/jira/dashboards/${gadget.dashboardId}`,
      ...(entryPoint === 'edit' ? { entryPoint: 'edit' } : {}),
    },
  };
}

export function globalPageContext(
  host: LocalHost,
  accountId: string,
  colorMode: ColorMode = 'light',
  moduleKey?: string,
) {
  const d = decl(host, 'jira:globalPage', moduleKey);
  return {
    ...common(host, accountId, d.key, d.key, colorMode),
    extension: { type: 'jira:globalPage', location: `http://localhost/jira/apps/${d.key}` },
  };
}

/** What Confluence passes the macro's adfExport function for one macro on an exported page. */
export function adfExportPayload(
  host: LocalHost,
  accountId: string,
  exportType: 'pdf' | 'word' | 'other',
  page: { id: string; spaceId: string; spaceKey: string },
  macro: { localId: string; config: unknown },
) {
  const moduleKey = host.manifest.modules.macro?.[0]?.key ?? '';
  const extension = {
    type: 'macro',
    content: { id: page.id, type: 'page' },
    space: { id: page.spaceId, key: page.spaceKey },
    config: macro.config ?? undefined,
    macro: { isConfiguring: false, isInserting: false },
  };
  return {
    exportType,
    context: { ...common(host, accountId, moduleKey, macro.localId), extension },
    extensionPayload: { ...extension, macro: { ...extension.macro, localId: macro.localId } },
  };
}
