// A short list of pilots for the gadget (kill list, decisions due): key, summary, owner and why it is listed.
import type { ReactNode } from 'react';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { Section } from '@ui/Section';
import type { PortfolioRow } from '@ui/outputs';
import { IssueLink } from '../../macro/src/IssueLink';

const table = xcss({ width: '100%', borderCollapse: 'collapse' });

interface Props {
  id: string;
  title: string;
  empty: string;
  rows: PortfolioRow[];
  siteUrl: string;
  detail: (row: PortfolioRow) => string;
  /** How many there are in all (the list may hold only the pages loaded so far). */
  total: number;
  /** Said under the list when it holds fewer than `total`. */
  partial?: string;
  /** Below the list (e.g. Show more). */
  children?: ReactNode;
}

export function PilotList({ id, title, empty, rows, siteUrl, detail, total, partial, children }: Props) {
  return (
    <Section id={id} title={`${title} (${total})`} testId={id}>
      {rows.length === 0 && total === 0 ? (
        <Text as="p">{empty}</Text>
      ) : (
        <Stack space="space.050">
          <Box as="table" xcss={table}>
            <thead>
              <tr>
                <th scope="col">Pilot</th>
                <th scope="col">Summary</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`${id}-row-${r.key}`}>
                  <td>
                    <IssueLink issueKey={r.key} siteUrl={siteUrl} />
                  </td>
                  <td>{r.summary}</td>
                  <td>{r.owner ?? 'none named'}</td>
                  <td>{detail(r)}</td>
                </tr>
              ))}
            </tbody>
          </Box>
          {rows.length < total ? (
            <Text size="small" color="color.text.subtle" testId={`${id}-partial`}>
              {`${rows.length} of ${total} shown.${partial ? ` ${partial}` : ''}`}
            </Text>
          ) : null}
        </Stack>
      )}
      {children}
    </Section>
  );
}
