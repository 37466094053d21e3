// One pilot on screen: header strip, evidence mismatches, the review decision when due, gate, workstreams, the
// diagnostic form and the decision history. Every write goes through `perform`, which adopts the returned
// view, and on CONFLICT replaces the form with the fresh server state so nothing is silently overwritten.
import { useMemo, useRef, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import type { Result, ResultError } from '@contract/envelope';
import { flagSuccess } from '@ui/flags';
import type { PanelView } from '@ui/outputs';
import { DecisionHistory } from './DecisionHistory';
import { DecisionSection } from './DecisionSection';
import { DiagnosticForm } from './DiagnosticForm';
import { draftOf, rebaseDraft, sameDraft, type PilotDraft } from './draft';
import { GateStatus } from './GateStatus';
import { HeaderStrip } from './HeaderStrip';
import { liveAssessment } from './live-assessment';
import { Mismatches } from './Mismatches';
import { PathwayPage } from './PathwayPage';
import { ProductionCriteriaForm } from './ProductionCriteriaForm';
import { Workstreams } from './Workstreams';
import { ApprovalChain } from './ApprovalChain';

export type Outcome = { ok: true } | { ok: false; error: ResultError };
export type Perform = (call: () => Promise<Result<PanelView>>, success: string) => Promise<Outcome>;

function isPanelView(value: unknown): value is PanelView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.record === 'object' && v.record !== null && typeof v.assessment === 'object' && v.assessment !== null;
}

export function PilotPanel({ initialView }: { initialView: PanelView }) {
  const [view, setView] = useState(initialView);
  const [base, setBase] = useState<PilotDraft>(() => draftOf(initialView));
  const [draft, setDraft] = useState<PilotDraft>(base);
  const [names, setNames] = useState<Record<string, string>>(initialView.names);
  const [conflict, setConflict] = useState<string | null>(null);
  const baseRef = useRef(base);
  baseRef.current = base;

  const live = useMemo(() => liveAssessment(view, draft), [view, draft]);
  const dirty = !sameDraft(base, draft);
  const readOnly = !view.permissions.canEdit;

  function adopt(next: PanelView, keepEdits: boolean) {
    const fresh = draftOf(next);
    const previousBase = baseRef.current;
    setDraft((mine) => (keepEdits ? rebaseDraft(previousBase, mine, fresh) : fresh));
    setBase(fresh);
    setView(next);
    setNames((known) => ({ ...known, ...next.names }));
  }

  /** Runs one write; `keepEdits` is false only for the diagnostic save, whose edits are what was just saved. */
  const perform =
    (keepEdits: boolean): Perform =>
    async (call, success) => {
      const result = await call();
      if (result.ok) {
        setConflict(null);
        adopt(result.data, keepEdits);
        flagSuccess(result.data.notice ?? success);
        return { ok: true };
      }
      if (result.error.code === 'CONFLICT' && isPanelView(result.error.current)) {
        adopt(result.error.current, false);
        setConflict(result.error.message);
      }
      return { ok: false, error: result.error };
    };

  const rememberName = (accountId: string, displayName: string) =>
    setNames((known) => ({ ...known, [accountId]: displayName }));

  return (
    <Stack space="space.200">
      {conflict ? (
        <SectionMessage appearance="warning" title="Someone else changed this pilot" testId="conflict-message">
          <Text as="p">{conflict}</Text>
        </SectionMessage>
      ) : null}
      {readOnly ? (
        <SectionMessage
          appearance="information"
          title="You can view this pilot but not edit it"
          testId="read-only-message"
        >
          <Text as="p">Ask a project admin for the Edit issues permission in this project to change it.</Text>
        </SectionMessage>
      ) : null}
      <HeaderStrip assessment={live} dirty={dirty} />
      <Mismatches mismatches={live.evidence.mismatches} />
      <DecisionSection view={view} names={names} onName={rememberName} readOnly={readOnly} perform={perform(true)} />
      <GateStatus view={view} gate={live.gate} perform={perform(true)} />
      <Workstreams view={view} progress={live.workstreamProgress} />
      <ApprovalChain view={view} readOnly={readOnly} perform={perform(true)} />
      <ProductionCriteriaForm
        key={JSON.stringify(view.record.productionCriteria)}
        view={view}
        readOnly={readOnly}
        perform={perform(true)}
      />
      <PathwayPage view={view} names={names} readOnly={readOnly} perform={perform(true)} />
      <DiagnosticForm
        view={view}
        draft={draft}
        onDraft={setDraft}
        onDiscard={() => setDraft(base)}
        dirty={dirty}
        assessment={live}
        names={names}
        onName={rememberName}
        readOnly={readOnly}
        perform={perform(false)}
      />
      <DecisionHistory decisions={view.record.pilot.decisions} names={names} />
    </Stack>
  );
}
