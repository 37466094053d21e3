// A failed portfolio load, by code. Jira's own reason for refusing the filter (a bad JQL, a project that is gone)
// is the message that matters, so it is the banner's title-level content; bad settings send the person to the
// macro's editor, since nothing on this page can fix them.
import type { ResultError } from '@contract/envelope';
import { ErrorBanner } from '@ui/ErrorBanner';

const EDIT_MACRO =
  'Edit the page, select this macro and choose Edit (the pencil) to change its projects or JQL filter.';

export function LoadFailure({ error, onRetry }: { error: ResultError; onRetry: () => void }) {
  if (error.code === 'JIRA_REJECTED') {
    return (
      <ErrorBanner
        error={error}
        title="Jira rejected this portfolio's filter"
        advice={`${EDIT_MACRO} A project in the list may have been deleted or renamed, or the JQL may name a field or value Jira does not know.`}
        testId="load-error"
      />
    );
  }
  if (error.code === 'VALIDATION_FAILED') {
    return (
      <ErrorBanner
        error={error}
        title="This portfolio's settings need attention"
        advice={EDIT_MACRO}
        unplaced={error.issues ?? []}
        testId="load-error"
      />
    );
  }
  return <ErrorBanner error={error} onRetry={onRetry} testId="load-error" />;
}
