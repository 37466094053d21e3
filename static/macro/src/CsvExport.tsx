// The export button: every row of the table's query, fetched page by page, with the count so far, a Cancel, and
// on failure what happened and Retry (no partial file is ever downloaded).
import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Text, xcss } from '@atlaskit/primitives';
import type { ResultError } from '@contract/envelope';
import type { MacroConfig } from '@contract/schemas';
import { plural } from '@ui/format';
import { callBackend } from '@ui/invoke';
import { collectCsv } from './csv-export';
import { downloadCsv } from './csv';
import type { PageQuery } from './row-query';

/** The failure takes a line of its own in the toolbar it sits in. */
const ownLine = xcss({ flexBasis: '100%' });

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; rows: number }
  | { status: 'failed'; rows: number; error: ResultError }
  | { status: 'done'; rows: number };

interface Props {
  config: MacroConfig;
  query: PageQuery;
  filename: string;
  /** Rows the export will hold when known (the unfiltered list), for the button's words. */
  total: number | null;
}

export function CsvExport({ config, query, filename, total }: Props) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  // One run at a time; cancelling or starting again retires the run in flight.
  const run = useRef(0);

  const start = async () => {
    run.current += 1;
    const mine = run.current;
    const asked = { config, query };
    setState({ status: 'running', rows: 0 });
    const outcome = await collectCsv({
      fetchPage: (cursor) => callBackend('portfolio/rows', { config: asked.config, query: { ...asked.query, cursor } }),
      onProgress: (rows) => {
        if (run.current === mine) setState({ status: 'running', rows });
      },
      isCancelled: () => run.current !== mine,
    });
    if (run.current !== mine || outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      setState({ status: 'failed', rows: outcome.rows, error: outcome.error });
      return;
    }
    downloadCsv(filename, outcome.parts);
    setState({ status: 'done', rows: outcome.rows });
  };

  const cancel = () => {
    run.current += 1;
    setState({ status: 'idle' });
  };

  return (
    <>
      {state.status === 'running' ? (
        <Inline space="space.100" alignBlock="center">
          <Spinner size="small" label="Exporting" />
          <Box testId="export-progress" role="status">
            <Text>{`Exporting… ${plural(state.rows, 'row')}`}</Text>
          </Box>
          <Button onClick={cancel} testId="export-cancel">
            Cancel export
          </Button>
        </Inline>
      ) : (
        <Inline space="space.100" alignBlock="center">
          <Button onClick={() => void start()} isDisabled={total === 0} testId="export-csv">
            {total === null ? 'Export as CSV' : `Export ${plural(total, 'pilot')} as CSV`}
          </Button>
          {state.status === 'done' ? (
            <Box testId="export-done" role="status">
              <Text size="small" color="color.text.subtle">{`Exported ${plural(state.rows, 'row')}.`}</Text>
            </Box>
          ) : null}
        </Inline>
      )}
      {state.status === 'failed' ? (
        <Box testId="export-error" xcss={ownLine}>
          <SectionMessage
            appearance="error"
            title="The export stopped"
            actions={[
              <SectionMessageAction key="retry" onClick={() => void start()} testId="export-retry">
                Retry export
              </SectionMessageAction>,
              <SectionMessageAction key="dismiss" onClick={() => setState({ status: 'idle' })} testId="export-dismiss">
                Dismiss
              </SectionMessageAction>,
            ]}
          >
            <Text as="p">{`${state.error.message} No file was downloaded (${plural(state.rows, 'row')} had arrived). Retry starts the export again from the first row.`}</Text>
          </SectionMessage>
        </Box>
      ) : null}
    </>
  );
}
