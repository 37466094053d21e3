// Keeps a pilot's JQL-searchable mirror current when Jira changes under it: a workstream sub-task moving to In
// Progress or Done changes the pilot's evidence score (and may clear a stall), without anyone saving the panel.
import { today } from '../adapters/clock';
import { APP_FIELD_KEYS, fieldIds, writeAppFields, type AppFieldValues } from '../adapters/jira/fields.api';
import { getIssue } from '../adapters/jira/issues.api';
import { recordOf } from '../adapters/pilot-record.store';
import { loadSettings } from '../adapters/settings.store';
import { fieldValuesFor } from './field-values';
import { graduatedOf } from './pilot-closure.use-case';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

/** Rewrites the app fields of `pilotId` that no longer match its facts; returns how many changed. */
export async function refreshPilotFields(pilotId: string): Promise<number> {
  const ids = await fieldIds();
  const issue = await getIssue('app', pilotId, [...PILOT_FIELDS, ...APP_FIELD_KEYS.map((k) => ids.app[k])], PILOT_PROPERTIES);
  if (!isPilot(issue) || !issue.fields.project?.id) return 0;
  const record = recordOf(issue);
  if (record.version === 0) return 0; // never saved: nothing is mirrored yet
  const { settings } = await loadSettings(issue.fields.project.id);
  const day = today();
  const wanted = fieldValuesFor(record, assessIssue(issue, record, settings, day, { graduated: await graduatedOf(issue) }), day);
  const changed: AppFieldValues = {};
  for (const key of APP_FIELD_KEYS) {
    const current = issue.fields[ids.app[key]];
    const next = wanted[key];
    // The stall value carries the day it was computed; compare what it says, not when.
    const comparable = (v: unknown) => (key === 'pilot-stall' && v && typeof v === 'object' ? { ...v, scannedOn: null } : v);
    if (JSON.stringify(comparable(current) ?? null) !== JSON.stringify(comparable(next) ?? null)) changed[key] = next;
  }
  if (Object.keys(changed).length) await writeAppFields(ids, [{ issueId: issue.id, values: changed }]);
  return Object.keys(changed).length;
}
