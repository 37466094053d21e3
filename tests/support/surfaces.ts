// Test helpers for the issue-13 surfaces: the gadget's and the global page's resolver calls made the way their
// frames make them (the manifest's resolver for the module, with the module's own extension context), and the
// glance's dynamicProperties call, as the person viewing.
import type { LocalHost } from '../../host/host';
import { dynamicPropertiesPayload, gadgetContext, globalPageContext } from '../../host/forge/surface-contexts';
import { resolverOutputs } from '../../src/contract/outputs';
import { getIssue, type Envelope } from './local-host';

function contractChecked<T>(functionKey: string, result: Envelope<T>): Envelope<T> {
  if (result.ok) {
    const parsed = resolverOutputs[functionKey as keyof typeof resolverOutputs].safeParse(result.data);
    if (!parsed.success) throw new Error(`${functionKey} answered outside its contract`);
  }
  return result;
}

async function invokeModule<T>(
  host: LocalHost,
  moduleKey: string,
  resolverFunction: string | undefined,
  context: Record<string, unknown>,
  accountId: string,
  functionKey: string,
  payload: unknown,
): Promise<Envelope<T>> {
  if (!resolverFunction) throw new Error(`${moduleKey} has no resolver in manifest.yml`);
  const { result } = await host.runner.invokeResolver(
    moduleKey,
    resolverFunction,
    { functionKey, payload },
    context,
    accountId,
  );
  return contractChecked(functionKey, result as Envelope<T>);
}

/** A resolver call from a dashboard gadget on `accountId`'s dashboard with `configuration` saved. */
export async function gadget<T = unknown>(
  host: LocalHost,
  accountId: string,
  configuration: Record<string, unknown>,
  functionKey: string,
  payload: unknown,
  entryPoint: 'view' | 'edit' = 'view',
): Promise<Envelope<T>> {
  const decl = host.manifest.modules['jira:dashboardGadget']![0]!;
  const context = gadgetContext(
    host,
    accountId,
    { id: 'g-test', dashboardId: host.dashboards.dashboardOf(accountId), moduleKey: decl.key, configuration },
    entryPoint,
  );
  return invokeModule<T>(host, decl.key, decl.resolver?.function, context, accountId, functionKey, payload);
}

export async function globalPage<T = unknown>(
  host: LocalHost,
  accountId: string,
  functionKey: string,
  payload: unknown,
): Promise<Envelope<T>> {
  const decl = host.manifest.modules['jira:globalPage']![0]!;
  return invokeModule<T>(
    host,
    decl.key,
    decl.resolver?.function,
    globalPageContext(host, accountId),
    accountId,
    functionKey,
    payload,
  );
}

/** What Jira's issue view gets from the issue context's dynamicProperties function for `accountId`. */
export async function glance(
  host: LocalHost,
  key: string,
  accountId: string,
): Promise<{ status?: { type: string; value: { label: string; type?: string } } }> {
  const decl = host.manifest.modules['jira:issueContext']![0]!;
  const issue = await getIssue(host, key);
  const payload = dynamicPropertiesPayload(
    host,
    { id: issue.id, key: issue.key, typeName: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
    issue.fields.project,
  );
  return (await host.runner.invokeFunction(decl.dynamicProperties!.function, decl.key, payload, accountId)) as {
    status?: { type: string; value: { label: string; type?: string } };
  };
}
