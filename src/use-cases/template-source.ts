// Which template version a pilot's workstreams were seeded from (its seed marker, in app storage) and whether that
// version was adopted from a graduated pilot (the template origin record). Shown in the panel's workstreams.
import type { TemplateSourceView } from '../contract/views';
import { seedMarker } from '../adapters/seeding.store';
import { readOrigin } from '../adapters/template-origin.store';

/** Null when the pilot is not seeded yet or was seeded before versions were recorded. A storage failure is the panel's. */
export async function templateSourceOf(projectId: string, issueId: string): Promise<TemplateSourceView | null> {
  const marker = await seedMarker(issueId);
  if (marker?.templateVersion === undefined) return null;
  const origin = marker.templateVersion > 0 ? await readOrigin(projectId, marker.templateVersion) : null;
  return { version: marker.templateVersion, fromPilotKey: origin?.fromIssueKey ?? null };
}
