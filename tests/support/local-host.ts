// End-to-end tests run the real app in the local host: unmodified Forge SDKs, the in-process Jira checked against
// the OpenAPI documents (the run's reporter sums every host's tally), resolvers invoked the way the bridge does.
import { invokeAs, issuePanelContext, macroContext, projectSettingsContext } from '../../host/forge/contexts';
import { DEMO_USERS, seedDemoData } from '../../host/demo-data';
import { LocalHost } from '../../host/host';
import { ERROR_CODES } from '../../src/contract/envelope';
import { resolverOutputs } from '../../src/contract/outputs';
import type { PanelView } from '../../src/contract/views';

export { DEMO_USERS };
export type Envelope<T = unknown> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: string; message: string; issues?: Array<{ field: string; message: string }>; current?: unknown };
    };

export async function startHost(
  options: { demo?: boolean; msPerRetrySecond?: number; latencySleep?: (ms: number) => Promise<void> } = {},
): Promise<LocalHost> {
  const host = new LocalHost({
    dataDir: null,
    msPerRetrySecond: options.msPerRetrySecond ?? 5,
    saveTally: true,
    reportGiveUps: false,
    ...(options.latencySleep ? { latencySleep: options.latencySleep } : {}),
  });
  if (options.demo ?? true) await seedDemoData(host);
  return host;
}

export async function stopHost(host: LocalHost): Promise<void> {
  await host.close();
  expect(host.tally.violations).toEqual([]);
}

type Issue = {
  id: string;
  key: string;
  fields: { issuetype: { id: string; name: string }; project: { id: string; key: string } };
};

export async function getIssue(host: LocalHost, key: string, as = DEMO_USERS.admin.accountId): Promise<Issue> {
  const response = await host.asUser(as, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,project,subtasks,summary`);
  if (response.status !== 200) throw new Error(`GET ${key}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Issue;
}

/** Calls a panel resolver on `key` as `accountId`, exactly as the issue panel's invoke would. */
export async function panel<T = unknown>(
  host: LocalHost,
  key: string,
  accountId: string,
  functionKey: string,
  payload: unknown = {},
): Promise<Envelope<T>> {
  const issue = await getIssue(host, key);
  const context = issuePanelContext(
    host,
    accountId,
    { id: issue.id, key: issue.key, typeName: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
    issue.fields.project,
  );
  return checked(
    functionKey,
    await invokeAs<Envelope<T>>(host, 'jira:issuePanel', context, accountId, functionKey, payload),
  );
}

export async function settings<T = unknown>(
  host: LocalHost,
  projectKey: string,
  accountId: string,
  functionKey: string,
  payload: unknown = {},
): Promise<Envelope<T>> {
  const project = (await host.asApp('GET', `/rest/api/3/project/${projectKey}`)).body as { id: string; key: string };
  return checked(
    functionKey,
    await invokeAs<Envelope<T>>(
      host,
      'jira:projectSettingsPage',
      projectSettingsContext(host, accountId, project),
      accountId,
      functionKey,
      payload,
    ),
  );
}

export async function macro<T = unknown>(
  host: LocalHost,
  accountId: string,
  functionKey: string,
  payload: unknown,
): Promise<Envelope<T>> {
  const context = macroContext(
    host,
    accountId,
    { id: '1', spaceId: '1', spaceKey: 'ENG' },
    { localId: 'test-macro', config: {} },
    { isConfiguring: false, isInserting: false },
  );
  return checked(functionKey, await invokeAs<Envelope<T>>(host, 'macro', context, accountId, functionKey, payload));
}

export async function createPilot(
  host: LocalHost,
  projectKey: string,
  summary: string,
  as: string = DEMO_USERS.member.accountId,
): Promise<{ id: string; key: string }> {
  const response = await host.asUser(as, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: projectKey }, issuetype: { name: 'AI Pilot' }, summary },
  });
  if (response.status !== 201) throw new Error(`create: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; key: string };
}

export async function jql(host: LocalHost, query: string, as = DEMO_USERS.admin.accountId): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const response = await host.asUser(as, 'POST', '/rest/api/3/search/jql', {
      jql: query,
      fields: ['summary'],
      maxResults: 100,
      ...(token ? { nextPageToken: token } : {}),
    });
    if (response.status !== 200) throw new Error(`JQL ${query}: ${response.status} ${JSON.stringify(response.body)}`);
    const body = response.body as { issues: Array<{ key: string }>; nextPageToken?: string };
    keys.push(...body.issues.map((i) => i.key));
    token = body.nextPageToken;
  } while (token);
  return keys;
}

/** Every answer a test gets is checked against the contract: the output schema of its key, or the error envelope. */
function checked<T>(functionKey: string, result: Envelope<T>): Envelope<T> {
  if (result.ok) {
    const schema = resolverOutputs[functionKey as keyof typeof resolverOutputs];
    if (!schema) throw new Error(`No output schema for ${functionKey}`);
    const parsed = schema.safeParse(result.data);
    if (!parsed.success)
      throw new Error(
        `${functionKey} answered outside its contract: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`,
      );
  } else if (!(ERROR_CODES as readonly string[]).includes(result.error.code) || !result.error.message) {
    throw new Error(`${functionKey} answered with an error outside the envelope: ${JSON.stringify(result)}`);
  }
  return result;
}

export function unwrap<T>(result: Envelope<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The `panel/save` input that keeps everything a panel view shows, with `overrides` on top (as the form sends it). */
export function pilotInput(view: PanelView, overrides: Record<string, unknown> = {}) {
  const p = view.record.pilot;
  return {
    pilotStart: p.pilotStart,
    demoDate: p.demoDate,
    productionDate: p.productionDate,
    milestones: p.milestones,
    people: p.people,
    monthlyRunCost: p.monthlyRunCost,
    modelMetric: p.modelMetric,
    diagnostic: p.diagnostic,
    productionSpecUrl: view.record.productionSpecUrl,
    ...overrides,
  };
}

/** Diagnostic answers from letters, one per question: y = yes, n = no, anything else = unknown. */
export const answers = (letters: string) =>
  Object.fromEntries(
    [...letters].map((c, i) => [`q${i + 1}`, { answer: c === 'y' ? 'yes' : c === 'n' ? 'no' : 'unknown' }]),
  );
