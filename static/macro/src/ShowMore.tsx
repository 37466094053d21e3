// The foot of a paged list: the next page on request, a spinner while it comes, and a failed page said plainly
// with Retry (the rows already shown stay).
import Button from '@atlaskit/button/new';
import { Box, Inline } from '@atlaskit/primitives';
import { ErrorBanner } from '@ui/ErrorBanner';
import type { RowPages } from './useRowPages';

export function ShowMore({ pages, what, testId }: { pages: RowPages; what: string; testId: string }) {
  return (
    <>
      {pages.status === 'failed-more' && pages.error ? (
        <ErrorBanner
          error={pages.error}
          title={`The next ${what} did not load`}
          advice="The rows above are still here. Retry to load the next ones."
          onRetry={pages.retry}
          testId={`${testId}-error`}
        />
      ) : null}
      {pages.more && pages.status !== 'failed-more' ? (
        <Inline>
          <Box>
            <Button onClick={pages.loadMore} isLoading={pages.status === 'loading-more'} testId={testId}>
              {`Show more ${what}`}
            </Button>
          </Box>
        </Inline>
      ) : null}
    </>
  );
}
