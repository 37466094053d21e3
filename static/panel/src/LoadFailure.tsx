import EmptyState from '@atlaskit/empty-state';
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';

export function LoadFailure({ error, onRetry }: { error: ResultError; onRetry: () => void }) {
  if (error.code === 'NOT_A_PILOT') {
    return (
      <EmptyState
        testId="not-a-pilot"
        header="This panel applies to AI Pilot issues"
        headingLevel={2}
        description="Pilot-to-Production tracks the diagnostic, gate and workstreams of issues of type AI Pilot. Create an AI Pilot issue, or change this issue's type, to use it."
      />
    );
  }
  return <ErrorBanner error={error} onRetry={onRetry} testId="load-error" />;
}
