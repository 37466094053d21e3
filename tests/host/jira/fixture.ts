// Shared set-up for the local Jira tests: the app's Forge fields (as manifest.yml declares them), a small site, and
// every request sent through the OpenAPI checker so each test file can assert its traffic matched the spec.
import { createJira, type ForgeFieldDecl, type Jira, type Principal, type RestResponse } from '../../../host/jira';
import {
  createOpenApiChecker,
  createTally,
  saveTally,
  withOpenApiChecks,
  type OpenApiChecker,
  type Tally,
} from '../../../host/openapi';

export const APP_ID = 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000';
export const ENV_ID = '11111111-2222-4333-8444-555555555555';

export const FORGE_FIELDS: ForgeFieldDecl[] = [
  {
    key: 'pilot-diagnostic',
    name: 'AI Pilot diagnostic',
    type: 'object',
    readOnly: true,
    searchAliases: {
      q1: { alias: 'Owner', type: 'string' },
      q2: { alias: 'DataAccess', type: 'string' },
      score: { alias: 'Score', type: 'number' },
      verdict: { alias: 'Verdict', type: 'string' },
    },
  },
  { key: 'pilot-score', name: 'AI Pilot readiness score', type: 'number', readOnly: true },
  { key: 'pilot-phase', name: 'AI Pilot phase', type: 'string', readOnly: true },
  {
    key: 'pilot-stall',
    name: 'AI Pilot stall status',
    type: 'object',
    readOnly: true,
    searchAliases: {
      status: { alias: 'Status', type: 'string' },
      daysStalled: { alias: 'DaysStalled', type: 'number' },
      decisionDue: { alias: 'DecisionDue', type: 'string' }, // a schema boolean is a JQL string
      scannedOn: { alias: 'ScannedOn', type: 'date' },
    },
  },
  { key: 'pilot-demo-date', name: 'AI Pilot demo date', type: 'date', readOnly: true },
  { key: 'pilot-owner', name: 'AI Pilot production owner', type: 'user' },
  { key: 'pilot-notes', name: 'AI Pilot notes', type: 'string' },
];

export const F = {
  diagnostic: 'customfield_10100',
  score: 'customfield_10101',
  phase: 'customfield_10102',
  stall: 'customfield_10103',
  demoDate: 'customfield_10104',
  owner: 'customfield_10105',
  notes: 'customfield_10106',
  startDate: 'customfield_10015',
} as const;

export const APP: Principal = { kind: 'app' };
export const ADMIN: Principal = { kind: 'user', accountId: 'u-admin' };
export const ALICE: Principal = { kind: 'user', accountId: 'u-alice' };
export const BOB: Principal = { kind: 'user', accountId: 'u-bob' };

export type Send = (method: string, path: string, body?: unknown) => Promise<RestResponse>;

export interface TestSite {
  jira: Jira;
  /** The same Jira behind the OpenAPI checks. */
  checked: Jira;
  tally: Tally;
  as(principal: Principal): Send;
  now: { value: Date };
}

let sharedChecker: OpenApiChecker | undefined;
export const checker = (): OpenApiChecker => (sharedChecker ??= createOpenApiChecker());

/**
 * Users: u-admin (site admin), u-alice (browses/creates/edits/transitions PIL and OPS, nothing in SEC), u-bob
 * (browses PIL only). Projects: PIL and OPS (company-managed), SEC (company-managed, hidden from Alice and Bob).
 */
export function createTestSite(tally: Tally = createTally()): TestSite {
  const now = { value: new Date('2026-03-01T12:00:00.000Z') };
  const jira = createJira({
    appId: APP_ID,
    envId: ENV_ID,
    forgeFields: FORGE_FIELDS,
    clock: () => now.value,
    workflowValidatorKey: 'graduation-gate',
  });
  jira.addUser({ accountId: 'u-admin', displayName: 'Ada Admin', emailAddress: 'ada@example.com', siteAdmin: true });
  jira.addUser({ accountId: 'u-alice', displayName: 'Alice Analyst', emailAddress: 'alice@example.com' });
  jira.addUser({ accountId: 'u-bob', displayName: 'Bob Builder' });
  jira.addProject({ key: 'PIL', name: 'AI Pilots', leadAccountId: 'u-admin' });
  jira.addProject({ key: 'OPS', name: 'Operations', leadAccountId: 'u-admin' });
  jira.addProject({ key: 'SEC', name: 'Secret Pilots', leadAccountId: 'u-admin' });
  jira.grant('PIL', 'u-alice', ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'LINK_ISSUES']);
  jira.grant('OPS', 'u-alice', ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES']);
  jira.grant('PIL', 'u-bob', ['BROWSE_PROJECTS']);
  const checked = withOpenApiChecks(jira, checker(), tally);
  const as =
    (principal: Principal): Send =>
    (method, path, body) =>
      checked.handle({ method, path, body, principal });
  return { jira, checked, tally, as, now };
}

export const jql = (q: string, extra = ''): string => `/rest/api/3/search/jql?jql=${encodeURIComponent(q)}${extra}`;

export async function create(
  send: Send,
  project: string,
  summary: string,
  more: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  const res = await send('POST', '/rest/api/3/issue', {
    fields: { project: { key: project }, issuetype: { name: 'Task' }, summary, ...more },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; key: string };
}

/** Saves the file's tally for the run summary and returns its violations (expected to be none). */
export function finish(tally: Tally, label: string): string[] {
  saveTally(tally, label);
  return tally.violations;
}

/** The app's setup flow over REST: create the AI Pilot type and add it to each project's issue type scheme. */
export async function installPilotType(send: Send, projectKeys: string[]): Promise<string> {
  const created = await send('POST', '/rest/api/3/issuetype', {
    name: 'AI Pilot',
    description: 'An AI initiative on its way to production',
    hierarchyLevel: 0,
  });
  if (created.status !== 201) throw new Error(`issuetype: ${created.status} ${JSON.stringify(created.body)}`);
  const typeId = (created.body as { id: string }).id;
  for (const key of projectKeys) {
    const project = (await send('GET', `/rest/api/3/project/${key}`)).body as { id: string };
    const schemes = (await send('GET', `/rest/api/3/issuetypescheme/project?projectId=${project.id}`)).body as {
      values: Array<{ issueTypeScheme: { id: string } }>;
    };
    const schemeId = schemes.values[0]?.issueTypeScheme.id;
    const put = await send('PUT', `/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds: [typeId] });
    if (put.status !== 204) throw new Error(`scheme: ${put.status} ${JSON.stringify(put.body)}`);
  }
  return typeId;
}

export async function setFieldValue(send: Send, field: string, issueIds: string[], value: unknown): Promise<void> {
  const res = await send('POST', '/rest/api/3/app/field/value', {
    updates: [{ customField: field, issueIds: issueIds.map(Number), value }],
  });
  if (res.status !== 204) throw new Error(`field value: ${res.status} ${JSON.stringify(res.body)}`);
}
