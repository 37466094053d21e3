// The portfolio macro in a PDF or Word export: the same portfolio the macro shows (loadPortfolio, as the exporting
// person), as ADF tables Confluence can print: the summary, then the kill list (stalled pilots, longest first).
// Every node is one of doc/paragraph/text/table/tableRow/tableHeader/tableCell, and no text node is empty (ADF
// forbids it).
import { LOW_SCORE_MAX } from '../core/portfolio';
import { QUESTION_IDS } from '../core/questions';
import type { MacroConfig } from '../contract/schemas';
import type { PortfolioRow, PortfolioView } from '../contract/views';
import { loadPortfolio } from './portfolio.use-case';

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: Array<{ type: string }>;
}
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export async function exportPortfolio(config: MacroConfig): Promise<AdfDoc> {
  return portfolioAdf(await loadPortfolio(config));
}

export function messageAdf(title: string, message: string): AdfDoc {
  return { type: 'doc', version: 1, content: [paragraph(title, true), paragraph(message)] };
}

const money = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? 'not recorded' : Math.round(value).toLocaleString('en-US');

export function portfolioAdf(view: PortfolioView): AdfDoc {
  const s = view.summary;
  const summary = table(
    ['Measure', 'Value'],
    [
      ['Pilots', String(s.total)],
      [`Scoring 0-${LOW_SCORE_MAX}`, String(s.lowScore)],
      ['Heading to purgatory', String(s.headingToPurgatory)],
      ['Stalled now (kill list)', String(s.stalled)],
      ['Monthly cost of stalled pilots', money(s.stalledMonthlyCost)],
      ['Decisions due', String(s.decisionsDue)],
      ['Decisions overdue', String(s.decisionsOverdue)],
      ['Monthly cost recovered by kills', money(s.recoveredMonthlyCost)],
    ],
  );
  const killList = killListRows(view.rows);
  const content: AdfNode[] = [
    paragraph('AI pilot portfolio: summary', true),
    summary,
    paragraph(`Kill list: ${killList.length} stalled ${killList.length === 1 ? 'pilot' : 'pilots'}`, true),
  ];
  if (killList.length === 0) content.push(paragraph('No pilot is stalled past its project’s threshold.'));
  else {
    content.push(
      table(
        ['Key', 'Pilot', 'Project', 'Production owner', 'Score', 'Days stalled', 'Monthly run cost', 'Review decision'],
        killList.map((r) => [
          r.key,
          r.summary,
          r.projectKey,
          r.owner ?? 'none named',
          `${r.score}/${QUESTION_IDS.length}`,
          String(r.daysStalled),
          money(r.monthlyRunCost),
          r.decisionOverdue ? 'overdue' : r.decisionDue ? 'due' : 'not due',
        ]),
      ),
    );
  }
  const unreadable = view.rows.filter((r) => r.unreadable).length;
  if (unreadable > 0)
    content.push(
      paragraph(
        `${unreadable} ${unreadable === 1 ? 'pilot' : 'pilots'} could not be read and ${unreadable === 1 ? 'is' : 'are'} counted nowhere.`,
      ),
    );
  if (view.unavailableProjects > 0)
    content.push(
      paragraph(
        `${view.unavailableProjects} chosen ${view.unavailableProjects === 1 ? 'project is' : 'projects are'} hidden from the exporting person or no longer exist.`,
      ),
    );
  content.push(
    paragraph(`As of ${view.today}, the pilots the exporting person may see in Jira that match: ${view.jql}`),
  );
  return { type: 'doc', version: 1, content };
}

/** The kill list: stalled pilots whose record could be read, the longest stalled first. */
export function killListRows(rows: readonly PortfolioRow[]): PortfolioRow[] {
  return rows
    .filter((r) => r.stalled && !r.unreadable)
    .sort((a, b) => b.daysStalled - a.daysStalled || (a.key < b.key ? -1 : 1));
}

function paragraph(text: string, strong = false): AdfNode {
  if (!text) return { type: 'paragraph' };
  return { type: 'paragraph', content: [{ type: 'text', text, ...(strong ? { marks: [{ type: 'strong' }] } : {}) }] };
}

function table(headers: string[], rows: string[][]): AdfNode {
  const row = (cells: string[], cellType: 'tableHeader' | 'tableCell'): AdfNode => ({
    type: 'tableRow',
    content: cells.map((c) => ({ type: cellType, content: [paragraph(c)] })),
  });
  return {
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: [row(headers, 'tableHeader'), ...rows.map((r) => row(r, 'tableCell'))],
  };
}
