// The platform's part for `action` modules: Rovo calling an agent's action and Jira Automation running an action
// of an `automation:actionProvider`, both read from manifest.yml. No language model: the person picks the action
// and types its inputs; the host checks them against the manifest's declaration, calls the function the way Forge
// does, and checks the answer.
//
// Sources (Forge docs, manifest-reference/modules/rovo-action, automation-action, function-reference/arguments):
// - the function gets `(payload, context)`; for Rovo the payload is the inputs plus a `context` object with the
//   Atlassian app identifiers (`cloudId`, `moduleKey`, and `jira`/`confluence` where the chat was opened); for
//   Automation the payload is the configured inputs; `context` is `{ installContext, principal: { accountId },
//   license, installation }` and names the person (Automation: the user of the rule's connection).
// - input types are string | integer | number | boolean; Automation refuses a configuration whose fields do not
//   match the declared types, that holds fields not declared as inputs, or whose JSON exceeds 100 KB. The Rovo docs
//   say nothing on checking inputs (the model extracts them); the host applies the same checks to both.
// - an action "can only handle data up to 5 MB"; an Automation action reports failure as `{ errors: [{ message }] }`
//   and its outputs must match the declared `outputs` (type, nullable) to become smart values.
import { NeedsAuthenticationError } from '@forge/api';
import type { LocalHost } from '../host';

export type IoType = 'string' | 'integer' | 'number' | 'boolean';
export interface ActionInputDecl {
  title: string;
  type: IoType;
  required?: boolean;
  description?: string;
}
export interface ActionDecl {
  key: string;
  name: string;
  function: string;
  actionVerb: string;
  description: string;
  inputs?: Record<string, ActionInputDecl>;
  outputs?: Record<string, { type: IoType; nullable: boolean; description?: string }>;
  outputContext?: { entityName: string; outputType: string; outputDomain: string };
  /** Automation: the Custom UI form that configures the inputs in the rule builder. */
  config?: { resource: string; render?: string };
  resolver?: { function: string };
}
export type Surface = 'rovo' | 'automation';
export interface DeclaredAction extends ActionDecl {
  surfaces: Surface[];
  /** The agents that list this action. */
  agents: string[];
}

/** Forge: "The Rovo Agent action module can only handle data up to 5 MB". */
export const ACTION_DATA_LIMIT_BYTES = 5 * 1024 * 1024;
/** Automation: "The total size of the configuration, as a JSON, should not exceed 100 kilobytes". */
export const AUTOMATION_CONFIG_LIMIT_BYTES = 100 * 1024;

type ModuleMap = Record<string, unknown>;

export function declaredActions(host: LocalHost): DeclaredAction[] {
  const modules = host.manifest.modules as unknown as ModuleMap;
  const actions = (modules.action ?? []) as ActionDecl[];
  const agents = (modules['rovo:agent'] ?? []) as Array<{ key: string; name: string; actions?: string[] }>;
  const providers = (modules['automation:actionProvider'] ?? []) as Array<{ key: string; actions: string[] }>;
  return actions.map((a) => {
    const byAgents = agents.filter((g) => g.actions?.includes(a.key)).map((g) => g.name);
    const surfaces: Surface[] = [
      ...(byAgents.length ? (['rovo'] as const) : []),
      ...(providers.some((p) => p.actions.includes(a.key)) ? (['automation'] as const) : []),
    ];
    return { ...a, surfaces, agents: byAgents };
  });
}

export function agents(host: LocalHost): Array<{
  key: string;
  name: string;
  description?: string;
  prompt: string;
  conversationStarters?: string[];
  actions?: string[];
}> {
  return ((host.manifest.modules as unknown as ModuleMap)['rovo:agent'] ?? []) as Array<{
    key: string;
    name: string;
    prompt: string;
  }>;
}

export interface InputProblem {
  input: string;
  message: string;
}

/** What the platform refuses before the app is ever called. */
export function checkInputs(action: ActionDecl, inputs: Record<string, unknown>, surface: Surface): InputProblem[] {
  const declared = action.inputs ?? {};
  const problems: InputProblem[] = [];
  for (const name of Object.keys(inputs)) {
    if (!(name in declared))
      problems.push({
        input: name,
        message: `"${name}" is not an input of ${action.key}; the manifest declares ${Object.keys(declared).join(', ') || 'none'}`,
      });
  }
  for (const [name, decl] of Object.entries(declared)) {
    const value = inputs[name];
    if (value === undefined || value === null || value === '') {
      if (decl.required) problems.push({ input: name, message: `${decl.title} (${name}) is required` });
      continue;
    }
    if (!matchesType(value, decl.type))
      problems.push({
        input: name,
        message: `${decl.title} (${name}) must be ${TYPE_WORDS[decl.type]}; got ${JSON.stringify(value)}`,
      });
  }
  if (surface === 'automation' && Buffer.byteLength(JSON.stringify(inputs), 'utf8') > AUTOMATION_CONFIG_LIMIT_BYTES) {
    problems.push({
      input: '',
      message: `The configuration is over Automation's ${AUTOMATION_CONFIG_LIMIT_BYTES / 1024} KB limit`,
    });
  }
  return problems;
}

const TYPE_WORDS: Record<IoType, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function matchesType(value: unknown, type: IoType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/**
 * A form's strings as the declared types, as a configuration form would submit them: a blank optional field is
 * left out; a value that is not of its type is passed on unchanged, so checkInputs refuses it by name.
 */
export function fromForm(action: ActionDecl, form: Record<string, string>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(form)) {
    if (name.startsWith('__')) continue;
    const decl = action.inputs?.[name];
    const value = raw.trim();
    if (value === '' && !decl?.required) continue;
    if (!decl) inputs[name] = raw;
    else if ((decl.type === 'integer' || decl.type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
      inputs[name] = Number(value);
    else if (decl.type === 'boolean' && (value === 'true' || value === 'false')) inputs[name] = value === 'true';
    else inputs[name] = decl.type === 'string' ? raw : value;
  }
  return inputs;
}

export type ActionRun =
  | { status: 'refused'; problems: InputProblem[] }
  | { status: 'needs-consent' }
  | {
      status: 'answered';
      surface: Surface;
      payload: Record<string, unknown>;
      answer: unknown;
      bytes: number;
      problems: string[];
      outputs?: Record<string, unknown>;
      failed?: string[];
    };

/** Runs one action as `accountId`, the way `surface` would: checks, payload, invocation, answer checks. */
export async function runAction(
  host: LocalHost,
  key: string,
  inputs: Record<string, unknown>,
  accountId: string,
  surface?: Surface,
): Promise<ActionRun> {
  const action = declaredActions(host).find((a) => a.key === key);
  if (!action) return { status: 'refused', problems: [{ input: '', message: `manifest.yml has no action "${key}"` }] };
  const via = surface ?? action.surfaces[0];
  if (!via || !action.surfaces.includes(via)) {
    return {
      status: 'refused',
      problems: [
        {
          input: '',
          message: `${key} is not offered to ${surface ?? 'any surface'}: no agent lists it and no automation:actionProvider does`,
        },
      ],
    };
  }
  const problems = checkInputs(action, inputs, via);
  if (problems.length) return { status: 'refused', problems };
  const payload = via === 'rovo' ? { ...inputs, context: { cloudId: host.cloudId, moduleKey: key } } : { ...inputs };
  let answer: unknown;
  try {
    answer = await host.runner.invokeAction(key, action.function, payload, accountId);
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) return { status: 'needs-consent' };
    throw error;
  }
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer ?? null);
  const bytes = Buffer.byteLength(text, 'utf8');
  const answerProblems: string[] = [];
  if (bytes > ACTION_DATA_LIMIT_BYTES)
    answerProblems.push(`The answer is ${bytes} bytes, over the action limit of 5 MB`);
  if (via === 'rovo') return { status: 'answered', surface: via, payload, answer, bytes, problems: answerProblems };
  const errors = (answer as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) {
    return {
      status: 'answered',
      surface: via,
      payload,
      answer,
      bytes,
      problems: answerProblems,
      failed: errors.map((e) => String((e as { message?: unknown }).message ?? e)),
    };
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(action.outputs ?? {})) {
    const value = (answer as Record<string, unknown> | null)?.[name];
    if (value === null || value === undefined) {
      if (!decl.nullable) answerProblems.push(`Output "${name}" is declared not nullable but the action returned none`);
      outputs[name] = null;
    } else if (!matchesType(value, decl.type)) {
      answerProblems.push(`Output "${name}" is declared ${decl.type} but the action returned ${JSON.stringify(value)}`);
    } else outputs[name] = value;
  }
  return { status: 'answered', surface: via, payload, answer, bytes, problems: answerProblems, outputs };
}
