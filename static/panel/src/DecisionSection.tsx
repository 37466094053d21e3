// The kill-list review: a stalled pilot needs accelerate, pause or kill. Shown only while one is due (or the
// pilot is stalled); the form itself loads on demand to keep the panel's first paint light.
import { lazy, Suspense } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { Loading } from '@ui/Loading';
import type { PanelView } from '@ui/outputs';
import type { Perform } from './PilotPanel';

const DecisionForm = lazy(() => import('./DecisionForm'));

interface Props {
  view: PanelView;
  names: Record<string, string>;
  onName: (accountId: string, displayName: string) => void;
  readOnly: boolean;
  perform: Perform;
}

export function DecisionSection({ view, names, onName, readOnly, perform }: Props) {
  const { stall, phase } = view.assessment;
  if (!(stall.decisionDue || stall.stalled) || phase === 'killed' || phase === 'graduated') return null;
  const title = stall.decisionDue ? 'A review decision is due' : 'This pilot is stalled';
  return (
    <SectionMessage appearance={stall.decisionOverdue ? 'error' : 'warning'} title={title} testId="decision-due">
      <Stack space="space.150">
        <Text as="p">
          {stall.decisionDue
            ? `${stall.reason}. Decide to accelerate, pause or kill it${stall.decisionOverdue ? ' (the decision is overdue)' : ''}; continuing as before is not an outcome.`
            : `${stall.reason}. A decision has been recorded for this stall; record another if the situation changed.`}
        </Text>
        {readOnly ? (
          <Text as="p" color="color.text.subtle">
            Someone with edit rights on this issue must record the decision.
          </Text>
        ) : null}
        <Suspense fallback={<Loading label="Opening the decision form…" size="small" />}>
          <DecisionForm view={view} names={names} onName={onName} readOnly={readOnly} perform={perform} />
        </Suspense>
      </Stack>
    </SectionMessage>
  );
}
