// Keeps a pilot's JQL-searchable mirror current when Jira changes under it: a workstream sub-task moving to In
// Progress or Done changes the pilot's evidence score (and may clear a stall), without anyone saving the panel.
import { today } from '../adapters/clock';
import { APP_FIELD_KEYS, fieldIds, writeAppFields } from '../adapters/jira/fields.api';
import { getIssue } from '../adapters/jira/issues.api';
import { readRecord, storedVersion } from '../adapters/pilot-record.store';
import { loadWorkstreams } from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { readApprovalsOf } from '../adapters/approvals.store';
import { reviewerFactsOf } from './approvals-view';
import { fieldValuesFor, staleValues } from './field-values';
import { graduatedOf } from './pilot-closure.use-case';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

/** Rewrites the app fields of `pilotId` that no longer match its facts; returns how many changed. */
export async function refreshPilotFields(pilotId: string): Promise<number> {
  const ids = await fieldIds();
  const issue = await getIssue(
    'app',
    pilotId,
    [...PILOT_FIELDS, ...APP_FIELD_KEYS.map((k) => ids.app[k])],
    PILOT_PROPERTIES,
  );
  if (!isPilot(issue) || !issue.fields.project?.id) return 0;
  const read = await readRecord(issue);
  if (!read.ok) {
    console.warn(read.message);
    return 0;
  }
  const record = read.record;
  if (record.version === 0) return 0; // never saved: nothing is mirrored yet
  const { settings } = await loadSettings(issue.fields.project.id);
  const day = today();
  const reviewers = reviewerFactsOf(settings, await readApprovalsOf(issue.id));
  const wanted = fieldValuesFor(
    record,
    assessIssue(issue, record, settings, day, {
      workstreams: await loadWorkstreams(issue),
      graduated: await graduatedOf(issue),
      reviewers,
    }),
    day,
  );
  const changed = staleValues(issue.fields, ids, wanted);
  // A save stored a newer version meanwhile: its own mirror write (or the scan) brings the fields to that one.
  if (!Object.keys(changed).length || (await storedVersion(issue.id)) !== record.version) return 0;
  await writeAppFields(ids, [{ issueId: issue.id, values: changed }]);
  return Object.keys(changed).length;
}
