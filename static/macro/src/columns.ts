// The portfolio table's columns in one place: header, the server-side order a column sorts by (only the orders
// the portfolio can page in), and its plain-text value for the CSV export, so the table and the export cannot
// drift apart.
import { VERDICT_LABELS } from '@core/diagnostic';
import { PHASE_LABELS } from '@core/pilot';
import type { RowSort } from '@core/portfolio-rows';
import type { PortfolioRow } from '@contract/views';

export type ColumnKey =
  | 'key'
  | 'owner'
  | 'phase'
  | 'score'
  | 'mismatches'
  | 'daysSinceDemo'
  | 'stalled'
  | 'gate'
  | 'workstreams'
  | 'nextMilestone'
  | 'monthlyRunCost'
  | 'decision';

interface Column {
  key: ColumnKey;
  label: string;
  /** The server-side order this column's header sorts by; absent: a plain header (the server cannot page in it). */
  sort?: RowSort;
  /** Export columns (label → text); a table column may export as more than one. */
  csv: Array<[string, (row: PortfolioRow) => string]>;
}

const num = (value: number | null) => (value === null ? '' : String(value));

export function gateText(row: PortfolioRow): string {
  return row.gatePassed ? 'Passed' : 'Not met';
}

export function decisionText(row: PortfolioRow): string {
  if (row.decisionOverdue) return 'Overdue';
  if (row.decisionDue) return 'Due';
  return '';
}

export const COLUMNS: readonly Column[] = [
  {
    key: 'key',
    label: 'Pilot',
    sort: 'key',
    csv: [
      ['Key', (r) => r.key],
      ['Summary', (r) => r.summary],
    ],
  },
  { key: 'owner', label: 'Production owner', csv: [['Production owner', (r) => r.owner ?? '']] },
  { key: 'phase', label: 'Phase', csv: [['Phase', (r) => PHASE_LABELS[r.phase]]] },
  {
    key: 'score',
    label: 'Score',
    sort: 'score',
    csv: [
      ['Score (of 7)', (r) => String(r.score)],
      ['Verdict', (r) => VERDICT_LABELS[r.verdict]],
    ],
  },
  {
    key: 'mismatches',
    label: 'Evidence mismatches',
    csv: [
      ['Evidence mismatches', (r) => String(r.mismatches.length)],
      ['Mismatch details', (r) => r.mismatches.join('\n')],
    ],
  },
  {
    key: 'daysSinceDemo',
    label: 'Days since demo',
    sort: 'daysSinceDemo',
    csv: [['Days since demo', (r) => num(r.daysSinceDemo)]],
  },
  { key: 'stalled', label: 'Stalled', csv: [['Stalled (days)', (r) => (r.stalled ? String(r.daysStalled) : '')]] },
  {
    key: 'gate',
    label: 'Graduation gate',
    csv: [
      ['Graduation gate', gateText],
      ['Gate failures', (r) => r.gateFailures.join('\n')],
    ],
  },
  {
    key: 'workstreams',
    label: 'Workstreams',
    csv: [['Workstreams done', (r) => `${r.workstreams.done}/${r.workstreams.total}`]],
  },
  {
    key: 'nextMilestone',
    label: 'Next milestone',
    csv: [
      ['Next milestone', (r) => r.nextMilestone?.label ?? ''],
      ['Next milestone date', (r) => r.nextMilestone?.date ?? ''],
    ],
  },
  {
    key: 'monthlyRunCost',
    label: 'Monthly cost',
    sort: 'monthlyRunCost',
    csv: [['Monthly run cost', (r) => num(r.monthlyRunCost)]],
  },
  {
    key: 'decision',
    label: 'Review decision',
    csv: [['Review decision', decisionText]],
  },
];

/** The column whose header sorts by `sort`. */
export function columnOfSort(sort: RowSort): ColumnKey {
  return COLUMNS.find((c) => c.sort === sort)?.key ?? 'key';
}

/** The server order a header sorts by, or null for a plain header. */
export function sortOfColumn(key: unknown): RowSort | null {
  return COLUMNS.find((c) => c.key === key)?.sort ?? null;
}

const CSV_FIELDS = COLUMNS.flatMap((c) => c.csv);

/** The export's header record. */
export function csvHeader(): string[] {
  return CSV_FIELDS.map(([label]) => label);
}

/** One pilot as an export record, field for field under csvHeader(). */
export function csvRecord(row: PortfolioRow): string[] {
  return CSV_FIELDS.map(([, value]) => value(row));
}
