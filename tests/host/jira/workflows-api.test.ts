// The workflows API (POST /rest/api/3/workflows, GET /rest/api/3/workflow/{id}/projectUsages, POST
// /rest/api/3/workflows/update): a project's own workflows, shared ones, Forge validator rules and versions.
/* eslint-disable @typescript-eslint/no-explicit-any -- REST bodies are read loosely in assertions */
import { ALICE, APP, create, createTestSite, finish, installPilotType, type Send, type TestSite } from './fixture';

let site: TestSite;
let app: Send;
let alice: Send;
let pilotTypeId: string;

beforeEach(async () => {
  site = createTestSite(site?.tally);
  app = site.as(APP);
  alice = site.as(ALICE);
  pilotTypeId = await installPilotType(app, ['PIL', 'OPS']);
});
afterAll(() => {
  expect(finish(site.tally, 'jira-workflows-api')).toEqual([]);
});

const projectId = async (key: string): Promise<string> =>
  ((await app('GET', `/rest/api/3/project/${key}`)).body as any).id;
const pilotWorkflow = async (key: string): Promise<any> => {
  const res = await app('POST', '/rest/api/3/workflows', {
    projectAndIssueTypes: [{ projectId: await projectId(key), issueTypeId: pilotTypeId }],
  });
  expect(res.status).toBe(200);
  return (res.body as any).workflows[0];
};
const usages = async (workflowId: string): Promise<string[]> =>
  ((await app('GET', `/rest/api/3/workflow/${workflowId}/projectUsages`)).body as any).projects.values.map(
    (p: any) => p.id,
  );

it("reads a project's AI Pilot workflow with Graduate carrying the app's Forge validator rule", async () => {
  const wf = await pilotWorkflow('PIL');
  const graduate = wf.transitions.find((t: any) => t.name === 'Graduate');
  expect(graduate.validators).toEqual([
    {
      id: expect.any(String),
      ruleKey: 'forge:expression-validator',
      parameters: expect.objectContaining({
        key: expect.stringMatching(/^ari:cloud:ecosystem::extension\/.+\/static\/graduation-gate$/),
        disabled: 'false',
      }),
    },
  ]);
  expect(wf.transitions.find((t: any) => t.name === 'Done').validators).toEqual([]);
  expect(await usages(wf.id)).toEqual([await projectId('PIL')]);
  expect((await pilotWorkflow('OPS')).id).not.toBe(wf.id);
  // Shared settings: OPS now follows PIL's workflows.
  site.jira.shareWorkflows('PIL', 'OPS');
  expect((await pilotWorkflow('OPS')).id).toBe(wf.id);
  expect(await usages(wf.id)).toEqual([await projectId('PIL'), await projectId('OPS')]);
});

it('adds the validator to Done through an update naming the current version; Jira then calls it on Done', async () => {
  const wf = await pilotWorkflow('PIL');
  const rule = wf.transitions.find((t: any) => t.name === 'Graduate').validators[0];
  const update = (version: any) => ({
    statuses: [],
    workflows: [
      {
        id: wf.id,
        version,
        statuses: wf.statuses.map((s: any) => ({ statusReference: s.statusReference, properties: {} })),
        transitions: wf.transitions.map((t: any) =>
          t.name === 'Done'
            ? {
                ...t,
                validators: [
                  {
                    ruleKey: rule.ruleKey,
                    parameters: { key: rule.parameters.key, config: '', disabled: 'false', tag: '' },
                  },
                ],
              }
            : t,
        ),
      },
    ],
  });
  expect((await alice('POST', '/rest/api/3/workflows/update', update(wf.version))).status).toBe(403);
  const res = await app('POST', '/rest/api/3/workflows/update', update(wf.version));
  expect(res.status).toBe(200);
  const updated = (res.body as any).workflows[0];
  expect(updated.version.versionNumber).toBe(wf.version.versionNumber + 1);
  expect(updated.transitions.find((t: any) => t.name === 'Done').validators[0]).toMatchObject({
    ruleKey: 'forge:expression-validator',
  });
  expect((await app('POST', '/rest/api/3/workflows/update', update(wf.version))).status).toBe(409);

  const p = await create(alice, 'PIL', 'Pilot', { issuetype: { name: 'AI Pilot' } });
  const calls: unknown[] = [];
  site.jira.setWorkflowValidator(async (args) => {
    calls.push(args);
    return { result: false, errorMessage: 'Gate not met' };
  });
  const done = await alice('POST', `/rest/api/3/issue/${p.key}/transitions`, { transition: { id: '31' } });
  expect(done).toMatchObject({ status: 400, body: { errorMessages: ['Gate not met'] } });
  expect(calls).toHaveLength(1);
});

it('refuses a Forge rule of an app that is not installed, and changes nothing', async () => {
  const wf = await pilotWorkflow('PIL');
  const res = await app('POST', '/rest/api/3/workflows/update', {
    workflows: [
      {
        id: wf.id,
        version: wf.version,
        statuses: wf.statuses.map((s: any) => ({ statusReference: s.statusReference, properties: {} })),
        transitions: wf.transitions.map((t: any) =>
          t.name === 'Done'
            ? {
                ...t,
                validators: [
                  {
                    ruleKey: 'forge:expression-validator',
                    parameters: { key: 'ari:cloud:ecosystem::extension/other/env/static/x' },
                  },
                ],
              }
            : t,
        ),
      },
    ],
  });
  expect(res.status).toBe(400);
  expect((await pilotWorkflow('PIL')).version).toEqual(wf.version);
});
