// The workflow validator's check: an AI Pilot may take the graduation transition only when its project's gate
// is met or each unmet criterion is waived (until the waiver expires). Runs as the app: nobody is there to consent.
import { today } from '../adapters/clock';
import { getIssue } from '../adapters/jira/issues.api';
import { readRecord } from '../adapters/pilot-record.store';
import { loadWorkstreams } from '../adapters/seeding.store';
import { loadSettings } from '../adapters/settings.store';
import { assessIssue, isPilot, PILOT_FIELDS, PILOT_PROPERTIES } from './pilot-facts';

export async function checkGraduation(issueIdOrKey: string): Promise<{ result: boolean; errorMessage?: string }> {
  const issue = await getIssue('app', issueIdOrKey, PILOT_FIELDS, PILOT_PROPERTIES);
  if (!isPilot(issue)) return { result: true };
  const projectId = issue.fields.project?.id;
  if (!projectId) return { result: false, errorMessage: `Could not tell which project ${issue.key} is in; try again.` };
  const { settings } = await loadSettings(projectId);
  const read = await readRecord(issue);
  if (!read.ok) return { result: false, errorMessage: read.message };
  const assessment = assessIssue(issue, read.record, settings, today(), { workstreams: await loadWorkstreams(issue), issueDone: false });
  if (assessment.gate.passed) return { result: true };
  return {
    result: false,
    errorMessage: `${issue.key} cannot graduate yet. Graduation gate not met: ${assessment.gate.failures.join('; ')}.`,
  };
}
