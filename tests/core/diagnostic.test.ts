import type { Answer, Diagnostic } from '../../src/core/pilot';
import { QUESTION_IDS, type QuestionId } from '../../src/core/questions';
import {
  VERDICT_LABELS,
  countNotYes,
  diagnosticVerdict,
  isAssessed,
  needsProductionOwner,
  questionLabel,
  scoreDiagnostic,
} from '../../src/core/diagnostic';

/** "yyn-u--": one letter per question q1..q7; '-' leaves the question unanswered. */
function diag(pattern: string): Diagnostic {
  const letters: Record<string, Answer> = { y: 'yes', n: 'no', u: 'unknown' };
  const d: Diagnostic = {};
  QUESTION_IDS.forEach((id, i) => {
    const answer = letters[pattern[i] ?? '-'];
    if (answer) d[id] = { answer };
  });
  return d;
}

describe('scoreDiagnostic', () => {
  it.each(QUESTION_IDS.map((id, i) => [id, i]))('a yes on %s alone scores 1', (id) => {
    const d: Diagnostic = { [id]: { answer: 'yes' } };
    expect(scoreDiagnostic(d)).toBe(1);
    expect(countNotYes(d)).toBe(6);
  });

  it.each<[string, number, number]>([
    ['-------', 0, 7],
    ['nnnnnnn', 0, 7],
    ['uuuuuuu', 0, 7],
    ['yyyyyyy', 7, 0],
    ['yyyynnn', 4, 3],
    ['yyyyynu', 5, 2],
    ['yyyyy--', 5, 2],
    ['ynynyny', 4, 3],
  ])('%s scores %i with %i not-yes', (pattern, score, notYes) => {
    expect(scoreDiagnostic(diag(pattern))).toBe(score);
    expect(countNotYes(diag(pattern))).toBe(notYes);
  });
});

describe('diagnosticVerdict', () => {
  it.each<[string, Diagnostic, string]>([
    ['nothing answered', {}, 'not-assessed'],
    ['every entry a bare unknown', diag('uuuuuuu'), 'not-assessed'],
    ['unknown with blank note', { q1: { answer: 'unknown', note: '   ' } }, 'not-assessed'],
    [
      'unknown with a note is assessed',
      { q1: { answer: 'unknown', note: 'waiting on legal' } },
      'heading-to-purgatory',
    ],
    ['2 no', diag('yyyyynn'), 'real-production-potential'],
    ['3 no', diag('yyyynnn'), 'heading-to-purgatory'],
    ['2 no + 1 unknown (unknown counts as no)', diag('yyyynnu'), 'heading-to-purgatory'],
    ['2 no + 1 unanswered (unanswered counts as unknown)', diag('yyyynn-'), 'heading-to-purgatory'],
    ['1 no + 1 unknown', diag('yyyyynu'), 'real-production-potential'],
    ['all yes', diag('yyyyyyy'), 'real-production-potential'],
    ['all no', diag('nnnnnnn'), 'heading-to-purgatory'],
  ])('%s → %s', (_name, d, verdict) => {
    expect(diagnosticVerdict(d)).toBe(verdict);
  });

  it.each<[string, boolean]>([
    ['-------', false],
    ['uuuuuuu', false],
    ['n------', true],
    ['------y', true],
  ])('isAssessed(%s) = %s', (pattern, assessed) => {
    expect(isAssessed(diag(pattern))).toBe(assessed);
  });

  it('labels every verdict', () => {
    expect(VERDICT_LABELS).toEqual({
      'not-assessed': 'Not assessed',
      'heading-to-purgatory': 'Heading to purgatory',
      'real-production-potential': 'Real production potential',
    });
  });
});

describe('needsProductionOwner (seed week 2)', () => {
  it.each<[number, string | null, boolean]>([
    [3, null, false],
    [4, null, true],
    [7, null, true],
    [4, '   ', true],
    [4, 'acc-1', false],
    [0, null, false],
  ])('score %i, owner %p → %s', (score, owner, expected) => {
    expect(needsProductionOwner(score, owner)).toBe(expected);
  });
});

describe('questionLabel', () => {
  it.each<[QuestionId, string]>([
    ['q1', 'Q1 Production owner'],
    ['q2', 'Q2 Data access'],
    ['q7', 'Q7 Change management'],
  ])('%s → %s', (id, label) => {
    expect(questionLabel(id)).toBe(label);
  });
});
