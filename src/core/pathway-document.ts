// The production pathway document (the seed's week-2 deliverable of the production owner), as an Atlassian
// Document Format page body: the pilot's answers and their evidence, its production criteria, its workstreams with
// dates and owners, the reviewers the project expects, and the app's portfolio macro narrowed to this one pilot.
// Pure: the caller supplies every fact and the macro's extension identity.
import { REVIEWER_STATE_LABELS, type ReviewerState } from './approvals';
import type { IsoDate } from './dates';
import type { Answer, Pilot } from './pilot';
import { MILESTONES } from './pilot';
import { CRITERIA_LABELS, type ProductionCriteria } from './production-criteria';
import { QUESTIONS, type QuestionId } from './questions';

/** What the pilot record keeps of the page it links to. */
export interface PathwayPageLink {
  pageId: string;
  spaceId: string;
  spaceKey: string;
  title: string;
  /** Absolute link to the page in Confluence. */
  url: string;
  /** ISO instant. */
  createdAt: string;
  byAccountId: string;
}

export interface PathwayWorkstream {
  name: string;
  ownerTeam: string;
  issueKey: string | null;
  state: 'todo' | 'in-progress' | 'done' | 'missing';
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
}

export interface PathwayReviewer {
  name: string;
  state: ReviewerState;
  conversationDate: IsoDate | null;
  /** Each blocker the conversation listed, with whether it is done. */
  blockers: Array<{ text: string; done: boolean }>;
}

/** A Forge macro as Confluence stores it in ADF: an `extension` node of type com.atlassian.ecosystem. */
export interface MacroIdentity {
  /** `{appId}/{environmentId}/static/{moduleKey}` */
  extensionKey: string;
  title: string;
  localId: string;
  config: Record<string, unknown>;
}

export interface PathwayFacts {
  issueKey: string;
  issueUrl: string;
  summary: string;
  pilot: Pilot;
  evidence: Array<{ questionId: QuestionId; supported: boolean; evidence: string }>;
  criteria: ProductionCriteria | null;
  workstreams: PathwayWorkstream[];
  /** The approval chain's reviewers; null when the chain cannot be read (the section says so). */
  reviewers: PathwayReviewer[] | null;
  /** Display names by account id; an account without one is shown as "a Jira user". */
  names: Record<string, string>;
  macro: MacroIdentity;
}

type Node = Record<string, unknown>;

/** C0 controls (but tab and line breaks) and DEL: XML, in which Confluence stores pages, has no place for them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const text = (value: string, marks?: Node[]): Node => ({
  type: 'text',
  text: value.replace(CONTROL, ''),
  ...(marks ? { marks } : {}),
});
const paragraph = (...content: Node[]): Node => ({
  type: 'paragraph',
  content: content.filter((c) => (c.text as string) !== ''),
});
const heading = (level: number, value: string): Node => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const link = (value: string, href: string): Node => text(value, [{ type: 'link', attrs: { href } }]);
const strong = (value: string): Node => text(value, [{ type: 'strong' }]);
const cell = (kind: 'tableHeader' | 'tableCell', ...content: Node[]): Node => ({
  type: kind,
  content: [paragraph(...(content.length ? content : [text('—')]))],
});
const table = (header: string[], rows: Node[][][]): Node => ({
  type: 'table',
  attrs: { isNumberColumnEnabled: false, layout: 'default' },
  content: [
    { type: 'tableRow', content: header.map((h) => cell('tableHeader', text(h))) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => cell('tableCell', ...c)) })),
  ],
});
const bullets = (items: string[]): Node => ({
  type: 'bulletList',
  content: items.map((i) => ({ type: 'listItem', content: [paragraph(text(i))] })),
});

const ANSWER_WORDS: Record<Answer, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };
const STATE_WORDS: Record<PathwayWorkstream['state'], string> = {
  todo: 'To Do',
  'in-progress': 'In progress',
  done: 'Done',
  missing: 'No sub-task',
};

const nonEmpty = (value: string) => (value === '' ? [] : [text(value)]);

function person(names: Record<string, string>, accountId: string | null): string {
  if (!accountId) return 'not named';
  return names[accountId] ?? 'a Jira user';
}

function criteriaSection(criteria: ProductionCriteria | null): Node[] {
  if (!criteria)
    return [
      paragraph(
        strong('Not defined yet. '),
        text('Write them in the AI Pilot readiness panel on the issue before the demo.'),
      ),
    ];
  return [
    table(
      ['Criterion', 'Target'],
      [
        [[text(CRITERIA_LABELS.latencyP95Ms)], [text(`${criteria.latencyP95Ms} ms`)]],
        [[text(CRITERIA_LABELS.availabilityPercent)], [text(`${criteria.availabilityPercent}%`)]],
        [[text(CRITERIA_LABELS.dataSources)], [text(criteria.dataSources.join(', '))]],
        [[text(CRITERIA_LABELS.regulatoryFrameworks)], [text(criteria.regulatoryFrameworks.join(', '))]],
        [[text(CRITERIA_LABELS.rollbackPlan)], nonEmpty(criteria.rollbackPlan)],
        [[text(CRITERIA_LABELS.monitoring)], nonEmpty(criteria.monitoring)],
      ],
    ),
    paragraph(text(`Defined on ${criteria.definedOn}.`)),
  ];
}

/** The ADF document of the page. */
export function pathwayDocument(facts: PathwayFacts): Node {
  const { pilot, names } = facts;
  const evidence = new Map(facts.evidence.map((e) => [e.questionId, e]));
  const milestones = MILESTONES.flatMap((m) => {
    const date = pilot.milestones[m.key];
    return date ? [`${m.label}: ${date}`] : [];
  });
  const content: Node[] = [
    paragraph(
      text('Production pathway of '),
      link(`${facts.issueKey} ${facts.summary}`, facts.issueUrl),
      text('. Written from the pilot when this page was created; the issue stays the record.'),
    ),
    heading(2, 'People and dates'),
    bullets([
      `Production owner: ${person(names, pilot.people.productionOwner)}`,
      `Data science lead: ${person(names, pilot.people.dataScienceLead)}`,
      `Business owner: ${person(names, pilot.people.businessOwner)}`,
      `Pilot start: ${pilot.pilotStart ?? 'not set'}`,
      `Demo date: ${pilot.demoDate ?? 'not set'}`,
      `Target production date: ${pilot.productionDate ?? 'not set'}`,
      ...milestones,
    ]),
    heading(2, 'Production criteria'),
    ...criteriaSection(facts.criteria),
    heading(2, 'Readiness diagnostic'),
    table(
      ['Question', 'Answer', 'Note and evidence link', 'What Jira shows'],
      QUESTIONS.map((q, i) => {
        const answer = pilot.diagnostic[q.id];
        const found = evidence.get(q.id);
        const noteCell = [
          ...nonEmpty(answer?.note ?? ''),
          ...(answer?.evidenceUrl ? [text(answer.note ? ' ' : ''), link(answer.evidenceUrl, answer.evidenceUrl)] : []),
        ];
        return [
          [text(`Q${i + 1}. ${q.text}`)],
          [text(answer ? ANSWER_WORDS[answer.answer] : 'Not answered')],
          noteCell,
          found ? [text(`${found.supported ? 'Supported' : 'Not supported'}: ${found.evidence}`)] : [],
        ];
      }),
    ),
    heading(2, 'Workstreams'),
    facts.workstreams.length
      ? table(
          ['Workstream', 'Owner', 'Starts', 'Due', 'Status'],
          facts.workstreams.map((w) => [
            [text(w.issueKey ? `${w.name} (${w.issueKey})` : w.name)],
            [text(w.ownerTeam)],
            [text(w.startDate ?? 'not planned')],
            [text(w.dueDate ?? 'no milestone date')],
            [text(STATE_WORDS[w.state])],
          ]),
        )
      : paragraph(text('The project template has no workstreams.')),
  ];
  content.push(
    heading(2, 'Approval chain'),
    paragraph(
      text(
        'Hold a 30-minute preliminary conversation with each reviewer; each one yields the list of things the team must do to make this reviewable.',
      ),
    ),
  );
  if (facts.reviewers === null) {
    content.push(
      paragraph(text("The pilot's approval chain could not be read when this page was made; see the AI Pilot panel.")),
    );
  } else if (facts.reviewers.length === 0) {
    content.push(paragraph(text('The project expects no reviewers.')));
  } else {
    content.push(
      bullets(
        facts.reviewers.map((r) => {
          const when = r.conversationDate ? ` (conversation ${r.conversationDate})` : '';
          const open = r.blockers.filter((b) => !b.done).map((b) => b.text);
          const blockers = r.blockers.length
            ? `; blockers: ${r.blockers.length - open.length} of ${r.blockers.length} done${open.length ? ` (open: ${open.join('; ')})` : ''}`
            : '';
          return `${r.name}: ${REVIEWER_STATE_LABELS[r.state]}${when}${blockers}`;
        }),
      ),
    );
  }
  content.push(heading(2, 'Portfolio'), {
    type: 'extension',
    attrs: {
      extensionType: 'com.atlassian.ecosystem',
      extensionKey: facts.macro.extensionKey,
      parameters: {
        localId: facts.macro.localId,
        extensionId: `ari:cloud:ecosystem::extension/${facts.macro.extensionKey}`,
        extensionTitle: facts.macro.title,
        guestParams: facts.macro.config,
      },
      layout: 'default',
      localId: facts.macro.localId,
    },
  });
  return { type: 'doc', version: 1, content };
}

/** The portfolio macro's config narrowed to one pilot (the macro's own project + JQL filter). */
export function singlePilotMacroConfig(projectKey: string, issueKey: string): Record<string, unknown> {
  return { projectKeys: [projectKey], jql: `key = ${issueKey}`, pilots: 'all', sort: 'key' };
}

export function suggestedPathwayTitle(issueKey: string, summary: string): string {
  return `${issueKey} production pathway: ${summary}`.slice(0, 255);
}
