// The manifest's action modules and the app's own input contract are one declaration: each action's `inputs`
// in manifest.yml equal contract/actions.ts (from which the functions' zod schemas are built), every agent
// action is a GET (agents started by Automation run only GET actions), and each action's function is exported.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import * as app from '../../src/index';
import { ACTION_INPUTS, actionInputSchema } from '../../src/contract/actions';

const root = resolve(__dirname, '..', '..');
type Action = {
  key: string;
  function: string;
  actionVerb: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
};
const modules = (YAML.parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as { modules: Record<string, unknown[]> })
  .modules;
const actions = modules.action as Action[];
const agents = modules['rovo:agent'] as Array<{ key: string; actions: string[]; name: string }>;
const providers = modules['automation:actionProvider'] as Array<{ actions: string[] }>;
const functions = modules.function as Array<{ key: string; handler: string }>;

it('declares in the manifest exactly the inputs the functions parse', () => {
  expect(Object.fromEntries(actions.map((a) => [a.key, a.inputs]))).toEqual(ACTION_INPUTS);
});

it('offers every action somewhere, and the agent only GET actions', () => {
  for (const a of actions) {
    const inAgent = agents.some((g) => g.actions.includes(a.key));
    const inAutomation = providers.some((p) => p.actions.includes(a.key));
    expect([a.key, inAgent || inAutomation]).toEqual([a.key, true]);
    if (inAgent) expect([a.key, a.actionVerb]).toEqual([a.key, 'GET']);
  }
  expect(agents.map((g) => g.name)).toEqual(['Pilot coach']);
});

it("runs each action's function from an export of src/index.ts", () => {
  for (const a of actions) {
    const decl = functions.find((f) => f.key === a.function);
    expect(decl).toBeDefined();
    expect(typeof (app as Record<string, unknown>)[decl!.handler.split('.')[1]!]).toBe('function');
  }
});

it('the schema built from a declaration refuses other types, missing required inputs and undeclared ones', () => {
  const schema = actionInputSchema(ACTION_INPUTS['record-pilot-decision']);
  expect(schema.safeParse({ issueKey: 'PAY-1', kind: 'kill', reason: 'x' }).success).toBe(true);
  expect(schema.safeParse({ issueKey: 'PAY-1', kind: 'kill', reason: null }).success).toBe(true);
  const bad = schema.safeParse({ issueKey: 1, resumeOn: false, extra: 'x' });
  expect(bad.success).toBe(false);
  const messages = bad.error!.issues.map((i) => i.message);
  expect(messages).toHaveLength(4);
  expect(messages).toEqual(
    expect.arrayContaining([
      'Decision (kind) is required',
      'Pilot issue key (issueKey) must be text',
      'Resume on (pause) (resumeOn) must be text',
    ]),
  );
  expect(bad.error!.issues.find((i) => i.code === 'unrecognized_keys')).toMatchObject({ keys: ['extra'] });
});
