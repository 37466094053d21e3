// The portfolio table's columns in one place: header, how a row sorts in each, and its plain-text value for the
// CSV export, so the table and the export cannot drift apart.
import { VERDICT_LABELS } from '@core/diagnostic';
import { PHASE_LABELS, PHASES } from '@core/pilot';
import type { SortKey } from '@ui/macro-config';
import type { PortfolioRow } from '@ui/outputs';

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

export type SortOrder = 'ASC' | 'DESC';

type SortValue = number | string | null;

interface Column {
  key: ColumnKey;
  label: string;
  /** What the column sorts by; null sorts last whichever the direction. */
  sortValue: (row: PortfolioRow) => SortValue;
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
    sortValue: (r) => r.key,
    csv: [
      ['Key', (r) => r.key],
      ['Summary', (r) => r.summary],
    ],
  },
  { key: 'owner', label: 'Production owner', sortValue: (r) => r.owner, csv: [['Production owner', (r) => r.owner ?? '']] },
  { key: 'phase', label: 'Phase', sortValue: (r) => PHASES.indexOf(r.phase), csv: [['Phase', (r) => PHASE_LABELS[r.phase]]] },
  {
    key: 'score',
    label: 'Score',
    sortValue: (r) => r.score,
    csv: [
      ['Score (of 7)', (r) => String(r.score)],
      ['Verdict', (r) => VERDICT_LABELS[r.verdict]],
    ],
  },
  {
    key: 'mismatches',
    label: 'Evidence mismatches',
    sortValue: (r) => r.mismatches.length,
    csv: [
      ['Evidence mismatches', (r) => String(r.mismatches.length)],
      ['Mismatch details', (r) => r.mismatches.join('\n')],
    ],
  },
  { key: 'daysSinceDemo', label: 'Days since demo', sortValue: (r) => r.daysSinceDemo, csv: [['Days since demo', (r) => num(r.daysSinceDemo)]] },
  { key: 'stalled', label: 'Stalled', sortValue: (r) => (r.stalled ? r.daysStalled : null), csv: [['Stalled (days)', (r) => (r.stalled ? String(r.daysStalled) : '')]] },
  {
    key: 'gate',
    label: 'Graduation gate',
    sortValue: (r) => (r.gatePassed ? 0 : 1 + r.gateFailures.length),
    csv: [
      ['Graduation gate', gateText],
      ['Gate failures', (r) => r.gateFailures.join('\n')],
    ],
  },
  {
    key: 'workstreams',
    label: 'Workstreams',
    sortValue: (r) => (r.workstreams.total === 0 ? null : r.workstreams.done / r.workstreams.total),
    csv: [['Workstreams done', (r) => `${r.workstreams.done}/${r.workstreams.total}`]],
  },
  {
    key: 'nextMilestone',
    label: 'Next milestone',
    sortValue: (r) => r.nextMilestone?.date ?? null,
    csv: [
      ['Next milestone', (r) => r.nextMilestone?.label ?? ''],
      ['Next milestone date', (r) => r.nextMilestone?.date ?? ''],
    ],
  },
  { key: 'monthlyRunCost', label: 'Monthly cost', sortValue: (r) => r.monthlyRunCost, csv: [['Monthly run cost', (r) => num(r.monthlyRunCost)]] },
  {
    key: 'decision',
    label: 'Review decision',
    sortValue: (r) => (r.decisionOverdue ? 2 : r.decisionDue ? 1 : null),
    csv: [['Review decision', decisionText]],
  },
];

export function isColumnKey(value: unknown): value is ColumnKey {
  return COLUMNS.some((c) => c.key === value);
}

/** The macro's default sort as a column and a direction: the worst first for each (stalest, lowest, costliest). */
export const DEFAULT_ORDER: Record<SortKey, { key: ColumnKey; order: SortOrder }> = {
  daysSinceDemo: { key: 'daysSinceDemo', order: 'DESC' },
  score: { key: 'score', order: 'ASC' },
  monthlyRunCost: { key: 'monthlyRunCost', order: 'DESC' },
  key: { key: 'key', order: 'ASC' },
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A stable order: the chosen column, empty values last in both directions, then the issue key. */
export function sortRows(rows: readonly PortfolioRow[], key: ColumnKey, order: SortOrder): PortfolioRow[] {
  const column = COLUMNS.find((c) => c.key === key) ?? COLUMNS[0]!;
  const direction = order === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = column.sortValue(a);
    const vb = column.sortValue(b);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    const primary = va === null || vb === null ? 0 : direction * compareValues(va, vb);
    return primary !== 0 ? primary : collator.compare(a.key, b.key);
  });
}

export interface RowFilter {
  text: string;
  phase: PortfolioRow['phase'] | null;
  verdict: PortfolioRow['verdict'] | null;
}

export const NO_FILTER: RowFilter = { text: '', phase: null, verdict: null };

export function isFiltering(filter: RowFilter): boolean {
  return filter.text.trim() !== '' || filter.phase !== null || filter.verdict !== null;
}

/** Text matches the key, the summary or the production owner, ignoring case. */
export function filterRows(rows: readonly PortfolioRow[], filter: RowFilter): PortfolioRow[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (filter.phase === null || r.phase === filter.phase) &&
      (filter.verdict === null || r.verdict === filter.verdict) &&
      (needle === '' || [r.key, r.summary, r.owner ?? ''].some((v) => v.toLocaleLowerCase().includes(needle))),
  );
}

/** The export's header and rows, in the order given (the table's current filter and sort, every page). */
export function csvTable(rows: readonly PortfolioRow[]): string[][] {
  const fields = COLUMNS.flatMap((c) => c.csv);
  return [fields.map(([label]) => label), ...rows.map((r) => fields.map(([, value]) => value(r)))];
}
