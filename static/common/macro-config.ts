// The portfolio macro's saved config as both of its apps read it: the contract's schema decides what is valid, and
// the labels name each choice in the same words in the config dialog and in the macro's empty states.
import type { z } from 'zod';
import { macroConfigSchema, type MacroConfig } from '@contract/schemas';
import type { FieldIssue } from '@contract/envelope';

export type PilotFilter = MacroConfig['pilots'];
export type SortKey = MacroConfig['sort'];

export const PILOT_FILTER_LABELS: Record<PilotFilter, string> = {
  all: 'All pilots',
  stalled: 'Stalled pilots only (the kill list)',
  purgatory: 'Pilots heading to purgatory only',
};

export const PILOT_FILTER_HELP: Record<PilotFilter, string> = {
  all: 'Every AI Pilot issue the viewer may see.',
  stalled: 'Post-demo past the stall threshold without a clear production pathway.',
  purgatory: 'Three or more diagnostic answers are "no" or "unknown".',
};

export const SORT_LABELS: Record<SortKey, string> = {
  daysSinceDemo: 'Days since demo (longest first)',
  score: 'Diagnostic score (lowest first)',
  monthlyRunCost: 'Monthly run cost (highest first)',
  key: 'Issue key',
};

/** The form's fields, so a problem lands beside the control that can fix it ('' is the config as a whole). */
export type ConfigField = 'projectKeys' | 'jql' | 'pilots' | 'sort' | '';

export interface ConfigProblem extends FieldIssue {
  field: ConfigField;
}

export type ConfigReading =
  { status: 'missing' } | { status: 'invalid'; problems: ConfigProblem[] } | { status: 'valid'; config: MacroConfig };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The config saved on a macro (`context.extension.config`): absent while inserting or before the first save. */
export function readMacroConfig(extension: unknown): ConfigReading {
  const saved = isRecord(extension) ? extension.config : undefined;
  if (saved === undefined || saved === null || (isRecord(saved) && Object.keys(saved).length === 0))
    return { status: 'missing' };
  const parsed = macroConfigSchema.safeParse(saved);
  if (parsed.success) return { status: 'valid', config: parsed.data };
  return { status: 'invalid', problems: describeConfigProblems(parsed.error.issues, saved) };
}

function fieldOf(path: readonly PropertyKey[]): ConfigField {
  const head = path[0];
  return head === 'projectKeys' || head === 'jql' || head === 'pilots' || head === 'sort' ? head : '';
}

/** Sentences a person can act on, one per problem, each placed on the field that holds it. */
export function describeConfigProblems(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigProblem[] {
  const keys = isRecord(input) && Array.isArray(input.projectKeys) ? input.projectKeys : [];
  return issues.map((issue) => {
    const field = fieldOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return {
        field: '',
        message: `The saved settings hold fields this version does not know (${issue.keys.join(', ')}). Save the settings again.`,
      };
    }
    switch (field) {
      case 'projectKeys': {
        if (issue.code === 'custom') return { field, message: issue.message };
        if (issue.code === 'too_big')
          return { field, message: `Choose at most ${String(issue.maximum)} projects, or use a JQL filter instead.` };
        const index = issue.path[1];
        const key = typeof index === 'number' ? keys[index] : undefined;
        return {
          field,
          message: `${typeof key === 'string' ? `"${key}"` : 'A saved project'} is not a project key like PILOT. Untick it and choose the project again.`,
        };
      }
      case 'jql':
        if (issue.code === 'too_big')
          return { field, message: `The JQL filter is too long: at most ${String(issue.maximum)} characters.` };
        return { field, message: 'The JQL filter must be text.' };
      case 'pilots':
        return { field, message: 'Choose which pilots to show.' };
      case 'sort':
        return { field, message: 'Choose how to sort the pilots.' };
      default:
        return { field: '', message: issue.message };
    }
  });
}
