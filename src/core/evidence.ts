// Cross-checks each self-reported answer against what Jira shows, so a pilot cannot score itself into
// production: the panel puts the evidence score beside the self-reported one and names every mismatch.
import { conversationHeld, type ReviewerFact } from './approvals';
import { isBefore, type IsoDate } from './dates';
import type { AccountId, Diagnostic, Phase, WorkstreamFact, WorkstreamState } from './pilot';
import { questionLabel } from './diagnostic';
import { QUESTIONS, type QuestionId } from './questions';
import {
  EVIDENCE_ROLE_LABELS,
  WORKSTREAM_STATE_LABELS,
  templateRowFor,
  type EvidenceRole,
  type WorkstreamTemplateRow,
} from './workstreams';

export interface EvidenceFacts {
  productionOwner: AccountId | null;
  workstreams: WorkstreamFact[];
  template: WorkstreamTemplateRow[];
  productionDate: IsoDate | null;
  productionSpecLinked: boolean;
  /** The production pathway page the app created in Confluence for this pilot, when there is one. */
  pathwayPage?: { title: string; url: string } | null;
  phase: Phase;
  /** The approval chain's expected reviewers (Q3), or null when the pilot's approvals record cannot be read. */
  reviewers: readonly ReviewerFact[] | null;
}

export interface QuestionEvidence {
  questionId: QuestionId;
  supported: boolean;
  /** What Jira shows, in words. */
  evidence: string;
}

export type MismatchKind = 'overclaimed' | 'underclaimed';

export interface EvidenceMismatch {
  questionId: QuestionId;
  kind: MismatchKind;
  message: string;
}

export interface EvidenceResult {
  evidenceScore: number;
  perQuestion: QuestionEvidence[];
  mismatches: EvidenceMismatch[];
}

interface Finding {
  supported: boolean;
  evidence: string;
}

const STATE_RANK: Record<WorkstreamState, number> = { todo: 0, 'in-progress': 1, done: 2 };

type Workstream =
  | { kind: 'no-row'; role: EvidenceRole }
  | { kind: 'no-subtask'; name: string }
  | { kind: 'subtask'; name: string; state: WorkstreamState };

function findWorkstream(facts: EvidenceFacts, role: EvidenceRole): Workstream {
  const row = templateRowFor(facts.template, role);
  if (!row) return { kind: 'no-row', role };
  const matching = facts.workstreams.filter((w) => w.rowId === row.id);
  if (matching.length === 0) return { kind: 'no-subtask', name: row.name };
  // If a sub-task was duplicated by hand, the furthest one along is the best evidence the work is happening.
  const best = matching.reduce((a, b) => (STATE_RANK[b.state] > STATE_RANK[a.state] ? b : a));
  return { kind: 'subtask', name: best.name.trim() || row.name, state: best.state };
}

function describe(workstream: Workstream): string {
  switch (workstream.kind) {
    case 'no-row':
      return `there is no ${EVIDENCE_ROLE_LABELS[workstream.role]} workstream in the template`;
    case 'no-subtask':
      return `there is no ${workstream.name} sub-task`;
    case 'subtask':
      return workstream.state === 'todo'
        ? `the ${workstream.name} sub-task is still To Do`
        : `the ${workstream.name} sub-task is ${WORKSTREAM_STATE_LABELS[workstream.state]}`;
  }
}

function reached(workstream: Workstream, least: WorkstreamState): boolean {
  return workstream.kind === 'subtask' && STATE_RANK[workstream.state] >= STATE_RANK[least];
}

/** Started is enough for most questions: the seed asks for work under way, not finished. */
function workstreamStarted(facts: EvidenceFacts, role: EvidenceRole): Finding {
  const workstream = findWorkstream(facts, role);
  return { supported: reached(workstream, 'in-progress'), evidence: describe(workstream) };
}

function productionOwnerFinding(facts: EvidenceFacts): Finding {
  return (facts.productionOwner ?? '').trim() !== ''
    ? { supported: true, evidence: 'a production owner is set' }
    : { supported: false, evidence: 'no production owner is set' };
}

function productionSpecFinding(facts: EvidenceFacts): Finding {
  if (facts.pathwayPage)
    return {
      supported: true,
      evidence: `the production pathway page "${facts.pathwayPage.title}" is linked (${facts.pathwayPage.url})`,
    };
  if (facts.productionSpecLinked) return { supported: true, evidence: 'a production spec is linked' };
  const infra = findWorkstream(facts, 'infrastructure');
  if (reached(infra, 'done')) return { supported: true, evidence: describe(infra) };
  return { supported: false, evidence: `no production spec is linked and ${describe(infra)}` };
}

function productionDateFinding(facts: EvidenceFacts, today: IsoDate): Finding {
  const date = facts.productionDate;
  if (date === null) return { supported: false, evidence: 'no production date is set' };
  // Once in production the date is history, not a slip.
  if (facts.phase === 'graduated')
    return { supported: true, evidence: `the pilot graduated with production date ${date}` };
  if (isBefore(date, today)) return { supported: false, evidence: `the production date ${date} has passed` };
  return { supported: true, evidence: `the production date ${date} is on the calendar` };
}

/**
 * Q3 ("actively engaged with security, compliance and legal") is what the approval chain shows: engaged means at
 * least one expected reviewer has had the preliminary conversation, not that a sub-task exists.
 */
function reviewersFinding(facts: EvidenceFacts, today: IsoDate): Finding {
  const reviewers = facts.reviewers;
  if (reviewers === null) return { supported: false, evidence: 'the approval chain could not be read' };
  if (reviewers.length === 0) return { supported: false, evidence: 'the project expects no reviewers' };
  const held = reviewers.filter((r) => conversationHeld(r, today)).map((r) => r.name);
  if (held.length === 0)
    return {
      supported: false,
      evidence: `no reviewer has had a conversation yet (approval chain: 0 of ${reviewers.length})`,
    };
  return {
    supported: true,
    evidence: `${held.length} of ${reviewers.length} reviewers had their conversation (${held.join(', ')})`,
  };
}

function findingFor(questionId: QuestionId, facts: EvidenceFacts, today: IsoDate): Finding {
  switch (questionId) {
    case 'q1':
      return productionOwnerFinding(facts);
    case 'q2':
      return workstreamStarted(facts, 'data-access');
    case 'q3':
      return reviewersFinding(facts, today);
    case 'q4':
      return productionSpecFinding(facts);
    case 'q5':
      return workstreamStarted(facts, 'infrastructure');
    case 'q6':
      return productionDateFinding(facts, today);
    case 'q7':
      return workstreamStarted(facts, 'change-management');
  }
}

export function checkEvidence(diagnostic: Diagnostic, facts: EvidenceFacts, today: IsoDate): EvidenceResult {
  const perQuestion: QuestionEvidence[] = [];
  const mismatches: EvidenceMismatch[] = [];
  for (const question of QUESTIONS) {
    const finding = findingFor(question.id, facts, today);
    perQuestion.push({ questionId: question.id, supported: finding.supported, evidence: finding.evidence });
    // "unknown" claims nothing, so it cannot contradict the evidence either way.
    const answer = diagnostic[question.id]?.answer;
    if (answer === 'yes' && !finding.supported) {
      mismatches.push({
        questionId: question.id,
        kind: 'overclaimed',
        message: `${questionLabel(question.id)}: answered yes, but ${finding.evidence}`,
      });
    } else if (answer === 'no' && finding.supported) {
      mismatches.push({
        questionId: question.id,
        kind: 'underclaimed',
        message: `${questionLabel(question.id)}: answered no, but ${finding.evidence}`,
      });
    }
  }
  return { evidenceScore: perQuestion.filter((q) => q.supported).length, perQuestion, mismatches };
}
