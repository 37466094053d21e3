// The issue glance's one line ("3/7 · gate not met · stalled 120 d"): the same assessment the panel shows, in the
// few words a status lozenge holds (Jira allows 255 characters).
import type { PilotAssessment } from './assessment';
import { QUESTION_IDS } from './questions';

/** Jira's issue context status lozenge appearances (manifest `status.value.type`). */
export type GlanceAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export interface Glance {
  label: string;
  appearance: GlanceAppearance;
}

const PHASE_WORDS: Partial<Record<PilotAssessment['phase'], string>> = {
  graduated: 'graduated',
  closed: 'closed without graduation',
  paused: 'paused',
  killed: 'killed',
};

export function glanceOf(a: Pick<PilotAssessment, 'phase' | 'score' | 'assessed' | 'gate' | 'stall'>): Glance {
  const parts = [
    a.assessed ? `${a.score}/${QUESTION_IDS.length}` : 'not assessed',
    a.gate.passed ? 'gate met' : 'gate not met',
  ];
  if (a.stall.stalled) parts.push(`stalled ${a.stall.daysStalled} d`);
  const phase = PHASE_WORDS[a.phase];
  if (phase) parts.push(phase);
  const appearance: GlanceAppearance =
    a.phase === 'killed' || a.stall.stalled
      ? 'removed'
      : a.phase === 'graduated' || a.gate.passed
        ? 'success'
        : a.phase === 'paused'
          ? 'moved'
          : 'inprogress';
  return { label: parts.join(' · '), appearance };
}
