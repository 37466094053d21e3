// Scoring and verdict of the seed's seven-question diagnostic, over the self-reported answers only; what Jira
// actually shows is the evidence check's job (evidence.ts).
import type { AccountId, Diagnostic } from './pilot';
import { QUESTIONS, QUESTION_IDS, type QuestionId } from './questions';

export type Verdict = 'not-assessed' | 'heading-to-purgatory' | 'real-production-potential';

export const VERDICTS: readonly Verdict[] = ['not-assessed', 'heading-to-purgatory', 'real-production-potential'];

export const VERDICT_LABELS: Record<Verdict, string> = {
  'not-assessed': 'Not assessed',
  'heading-to-purgatory': 'Heading to purgatory',
  'real-production-potential': 'Real production potential',
};

/** The seed: "no" to three or more questions means purgatory, whatever the model's quality. */
export const PURGATORY_NOT_YES_THRESHOLD = 3;

/** The seed's week-2 rule: a pilot scoring this or more has real potential and needs a production owner now. */
export const PRODUCTION_OWNER_SCORE = 4;

export function scoreDiagnostic(d: Diagnostic): number {
  return QUESTION_IDS.filter((id) => d[id]?.answer === 'yes').length;
}

/** Unknown and unanswered count as no: an honest "don't know" is still a gap in the production pathway. */
export function countNotYes(d: Diagnostic): number {
  return QUESTION_IDS.length - scoreDiagnostic(d);
}

/**
 * A pilot is assessed once someone has said something about at least one question. An "unknown" carrying a
 * note counts (the team looked and wrote down what blocks the answer); a bare "unknown" is the form's default.
 */
export function isAssessed(d: Diagnostic): boolean {
  return QUESTION_IDS.some((id) => {
    const entry = d[id];
    if (!entry) return false;
    if (entry.answer !== 'unknown') return true;
    return (entry.note ?? '').trim() !== '';
  });
}

export function diagnosticVerdict(d: Diagnostic): Verdict {
  if (!isAssessed(d)) return 'not-assessed';
  return countNotYes(d) >= PURGATORY_NOT_YES_THRESHOLD ? 'heading-to-purgatory' : 'real-production-potential';
}

export function needsProductionOwner(score: number, productionOwner: AccountId | null): boolean {
  return score >= PRODUCTION_OWNER_SCORE && (productionOwner ?? '').trim() === '';
}

/** "Q2 Data access": how every message names a question, numbered as the seed numbers them. */
export function questionLabel(questionId: QuestionId): string {
  const index = QUESTIONS.findIndex((q) => q.id === questionId);
  const question = QUESTIONS[index];
  return question ? `Q${index + 1} ${question.short}` : questionId;
}
