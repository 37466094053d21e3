// The same assessment the server makes, over the draft instead of the saved record, so score, verdict, evidence
// and gate move as the person edits. On load the draft equals the record, so both sides agree exactly.
import { assessPilot, type PilotAssessment } from '@core/assessment';
import type { WorkstreamFact } from '@core/pilot';
import type { PanelView } from '@ui/outputs';
import { previewPilot, type PilotDraft } from './draft';

export function workstreamFactsOf(view: PanelView): WorkstreamFact[] {
  return view.workstreams.flatMap((w) =>
    w.state === 'missing' ? [] : [{ rowId: w.rowId, name: w.name, state: w.state, dueDate: w.dueDate }],
  );
}

export function liveAssessment(view: PanelView, draft: PilotDraft): PilotAssessment {
  try {
    return assessPilot(
      {
        pilot: previewPilot(view.record.pilot, draft),
        waivers: view.record.waivers,
        productionSpecLinked: draft.productionSpecUrl.trim() !== '',
        productionCriteria: view.record.productionCriteria,
        pathwayPage: view.record.pathwayPage
          ? { title: view.record.pathwayPage.title, url: view.record.pathwayPage.url }
          : null,
        workstreams: workstreamFactsOf(view),
        // The server has folded the done status and the app's closure record into the phase: a done pilot is
        // graduated only when the app recorded it passing the gate, otherwise closed without graduation.
        issueDone: view.assessment.phase === 'graduated' || view.assessment.phase === 'closed',
        graduated: view.assessment.phase === 'graduated',
        reviewers: view.approvals.unreadable
          ? null
          : view.approvals.reviewers.map((r) => ({
              name: r.name,
              state: r.state,
              conversationDate: r.conversationDate,
            })),
      },
      view.settings,
      view.today,
    );
  } catch {
    // A half-typed value the core refuses: keep showing what the server last assessed.
    return view.assessment;
  }
}
