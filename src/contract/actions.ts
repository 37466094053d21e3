// The inputs of every `action` module (Rovo agent actions and Jira Automation actions), declared once: the
// manifest's `inputs` must equal these declarations (tests/manifest/actions.test.ts), and each action function
// parses its inputs with the zod schema built from them, so the function accepts exactly what the manifest declares.
import { z } from 'zod';

/** The four input types Forge's `action` module allows (manifest schema `CoreActionIOType`). */
export const ACTION_IO_TYPES = ['string', 'integer', 'number', 'boolean'] as const;
export type ActionIoType = (typeof ACTION_IO_TYPES)[number];

export interface ActionInputDecl {
  title: string;
  type: ActionIoType;
  required: boolean;
  description: string;
}

const projectKeysInput: ActionInputDecl = {
  title: 'Project keys',
  type: 'string',
  required: true,
  description: 'Jira project keys, comma-separated, e.g. "PAY, OPS"',
};
const issueKeyInput: ActionInputDecl = {
  title: 'Pilot issue key',
  type: 'string',
  required: true,
  description: 'The AI Pilot issue key, e.g. PAY-12',
};

export const ACTION_INPUTS = {
  'list-stalled-pilots': { projectKeys: projectKeysInput },
  'explain-pilot': { issueKey: issueKeyInput },
  'portfolio-status': { projectKeys: projectKeysInput },
  'check-pilot-gate': { issueKey: issueKeyInput },
  'record-pilot-decision': {
    issueKey: issueKeyInput,
    kind: { title: 'Decision', type: 'string', required: true, description: 'accelerate, pause or kill' },
    ownerAccountId: {
      title: 'Production owner (accelerate)',
      type: 'string',
      required: false,
      description: 'Account id of the named production owner',
    },
    resourcing: {
      title: 'Dedicated resourcing (accelerate)',
      type: 'string',
      required: false,
      description: 'Who works on it and how much of their time',
    },
    rationale: { title: 'Rationale (pause)', type: 'string', required: false, description: 'Why the pilot is paused' },
    resumeOn: {
      title: 'Resume on (pause)',
      type: 'string',
      required: false,
      description: 'The date the pilot resumes, YYYY-MM-DD',
    },
    reason: { title: 'Reason (kill)', type: 'string', required: false, description: 'Why the pilot is killed' },
  },
} as const satisfies Record<string, Record<string, ActionInputDecl>>;

export type ActionKey = keyof typeof ACTION_INPUTS;

/** Longest string input the app reads (a decision's free text is at most 2000 characters in the panel too). */
export const MAX_ACTION_STRING = 2000;

function typed(name: string, decl: ActionInputDecl): z.ZodType<string | number | boolean> {
  // A missing or null input is "required"; any other value of the wrong type names the declared type.
  const error = (expected: string) => (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null
      ? `${decl.title} (${name}) is required`
      : `${decl.title} (${name}) must be ${expected}`;
  switch (decl.type) {
    case 'string':
      return z
        .string({ error: error('text') })
        .max(MAX_ACTION_STRING, `${decl.title} (${name}) is too long (at most ${MAX_ACTION_STRING} characters)`);
    case 'integer':
      return z.number({ error: error('a whole number') }).int(`${decl.title} (${name}) must be a whole number`);
    case 'number':
      return z.number({ error: error('a number') }).finite();
    case 'boolean':
      return z.boolean({ error: error('true or false') });
  }
}

/** The zod schema of one action's inputs: declared types, required ones present, undeclared ones refused. */
export function actionInputSchema(inputs: Record<string, ActionInputDecl>): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, decl] of Object.entries(inputs))
    shape[name] = decl.required ? typed(name, decl) : typed(name, decl).nullable().optional();
  return z.strictObject(shape);
}

/** Project keys from a comma- or space-separated list; every one must look like a Jira project key. */
export const projectKeyList = z
  .string()
  .transform((s) => [
    ...new Set(
      s
        .split(/[\s,;]+/)
        .map((k) => k.trim().toUpperCase())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'must be project keys like PAY, OPS'))
      .min(1, 'name at least one project key')
      .max(50, 'at most 50 projects'),
  );

export const pilotIssueKey = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]*$/, 'must be an issue key like PAY-12'));

/** What Forge gives an action beside its inputs (rovo-action docs): the Atlassian app context, never the caller. */
export const actionPayloadContext = z.looseObject({ cloudId: z.string().optional(), moduleKey: z.string().optional() });

/** Answers are compact; the platform's limit for an action is 5 MB, the app stays far below it. */
export const MAX_ANSWER_BYTES = 256 * 1024;
