// The dialog's editable state, and the one step from it to a config the contract accepts. A saved config from an
// older version is read field by field, so whatever still makes sense survives into the form.
import { macroConfigSchema, PILOT_FILTERS, SORT_KEYS, type MacroConfig } from '@contract/schemas';
import { describeConfigProblems, type ConfigProblem, type PilotFilter, type SortKey } from '@ui/macro-config';

export interface ConfigDraft {
  projectKeys: string[];
  jql: string;
  pilots: PilotFilter;
  sort: SortKey;
}

export const EMPTY_DRAFT: ConfigDraft = { projectKeys: [], jql: '', pilots: 'all', sort: 'daysSinceDemo' };

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

export function draftOf(saved: unknown): ConfigDraft {
  if (typeof saved !== 'object' || saved === null) return EMPTY_DRAFT;
  const s = saved as Record<string, unknown>;
  const keys = Array.isArray(s.projectKeys) ? s.projectKeys.filter((k): k is string => typeof k === 'string') : [];
  return {
    projectKeys: [...new Set(keys)],
    jql: typeof s.jql === 'string' ? s.jql : '',
    pilots: oneOf(PILOT_FILTERS, s.pilots, EMPTY_DRAFT.pilots),
    sort: oneOf(SORT_KEYS, s.sort, EMPTY_DRAFT.sort),
  };
}

export type DraftCheck = { ok: true; config: MacroConfig } | { ok: false; problems: ConfigProblem[] };

export function checkDraft(draft: ConfigDraft): DraftCheck {
  const parsed = macroConfigSchema.safeParse(draft);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: describeConfigProblems(parsed.error.issues, draft) };
}
