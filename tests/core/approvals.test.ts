import {
  allReviewersScheduled,
  applyReviewerUpdate,
  chainFacts,
  conversationHeld,
  emptyReviewer,
  reviewerEntry,
  reviewerProgress,
  validateReviewerNames,
  type ReviewerEntry,
  type ReviewerState,
  type ReviewerUpdate,
  type UpdateContext,
} from '../../src/core/approvals';

const TODAY = '2026-03-10';
let n = 0;
const ctx = (over: Partial<UpdateContext> = {}): UpdateContext => ({
  expected: ['security', 'compliance', 'legal'],
  today: TODAY,
  byAccountId: 'acc-1',
  at: '2026-03-10T10:00:00.000Z',
  subtaskDone: new Map(),
  newId: () => `b${(n += 1)}`,
  ...over,
});

function entry(state: ReviewerState, over: Partial<ReviewerEntry> = {}): ReviewerEntry {
  return { ...emptyReviewer(), state, ...over };
}

function update(over: Partial<ReviewerUpdate>): ReviewerUpdate {
  return { reviewer: 'security', state: 'not-contacted', conversationDate: null, notes: '', blockers: [], ...over };
}

describe('reviewer state transitions', () => {
  it.each<[string, ReviewerEntry, Partial<ReviewerUpdate>, string[] | null]>([
    [
      'schedule with a date',
      entry('not-contacted'),
      { state: 'conversation-scheduled', conversationDate: '2026-03-20' },
      null,
    ],
    ['schedule without a date', entry('not-contacted'), { state: 'conversation-scheduled' }, ['conversationDate']],
    [
      'list blockers after the conversation',
      entry('conversation-scheduled', { conversationDate: '2026-03-09' }),
      { state: 'blockers-listed', conversationDate: '2026-03-09', blockers: [{ text: 'DPIA', done: false }] },
      null,
    ],
    [
      'list blockers before the conversation',
      entry('conversation-scheduled'),
      { state: 'blockers-listed', conversationDate: '2026-03-20', blockers: [{ text: 'DPIA', done: false }] },
      ['conversationDate'],
    ],
    [
      'blockers listed with no blocker',
      entry('conversation-scheduled'),
      { state: 'blockers-listed', conversationDate: '2026-03-01' },
      ['blockers'],
    ],
    [
      'cleared with an open blocker',
      entry('blockers-listed'),
      { state: 'cleared', conversationDate: '2026-03-01', blockers: [{ text: 'DPIA', done: false }] },
      ['blockers.0.done'],
    ],
    [
      'cleared with every blocker done',
      entry('blockers-listed'),
      { state: 'cleared', conversationDate: '2026-03-01', blockers: [{ text: 'DPIA', done: true }] },
      null,
    ],
    [
      'cleared straight after a conversation without blockers',
      entry('conversation-scheduled'),
      { state: 'cleared', conversationDate: '2026-03-01' },
      null,
    ],
    [
      'back without a reason',
      entry('cleared'),
      { state: 'conversation-scheduled', conversationDate: '2026-03-01' },
      ['reason'],
    ],
    [
      'back with a reason',
      entry('cleared'),
      { state: 'conversation-scheduled', conversationDate: '2026-03-01', reason: 'new data source in scope' },
      null,
    ],
    ['back with a blank reason', entry('blockers-listed'), { state: 'not-contacted', reason: ' \u200b ' }, ['reason']],
    [
      'blank blocker text',
      entry('conversation-scheduled'),
      { state: 'blockers-listed', conversationDate: '2026-03-01', blockers: [{ text: '  ', done: false }] },
      ['blockers.0.text'],
    ],
    [
      'unknown blocker id',
      entry('not-contacted'),
      { blockers: [{ id: 'nope', text: 'x', done: false }] },
      ['blockers.0.id'],
    ],
    [
      'a bad date',
      entry('not-contacted'),
      { state: 'conversation-scheduled', conversationDate: '2026-02-30' },
      ['conversationDate'],
    ],
  ])('%s', (_name, current, change, fields) => {
    const result = applyReviewerUpdate(current, update(change), ctx());
    if (fields === null) {
      expect(result.ok).toBe(true);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect([...new Set(result.errors.map((e) => e.field))]).toEqual(fields);
    }
  });

  it('refuses a reviewer the project does not expect, by field', () => {
    const result = applyReviewerUpdate(emptyReviewer(), update({ reviewer: 'marketing' }), ctx());
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'reviewer' }] });
  });

  it('records a move back with its reason and who made it', () => {
    const result = applyReviewerUpdate(
      entry('cleared', { conversationDate: '2026-03-01' }),
      update({ state: 'conversation-scheduled', conversationDate: '2026-03-01', reason: 'scope grew' }),
      ctx(),
    );
    expect(result.ok && result.entry.history).toEqual([
      {
        from: 'cleared',
        to: 'conversation-scheduled',
        reason: 'scope grew',
        byAccountId: 'acc-1',
        at: '2026-03-10T10:00:00.000Z',
      },
    ]);
    expect(result.ok && result.changes[0]).toBe('security: Cleared → Conversation scheduled (scope grew)');
  });

  it('a blocker that is a sub-task takes its done state from Jira and cannot be dropped', () => {
    const current = entry('blockers-listed', {
      conversationDate: '2026-03-01',
      blockers: [{ id: 'b-1', text: 'Pen test', done: false, subtaskId: '10500' }],
    });
    const open = ctx({ subtaskDone: new Map([['10500', false]]) });
    const ticked = applyReviewerUpdate(
      current,
      update({
        state: 'cleared',
        conversationDate: '2026-03-01',
        blockers: [{ id: 'b-1', text: 'Pen test', done: true }],
      }),
      open,
    );
    expect(ticked).toMatchObject({ ok: false, errors: [{ field: 'blockers.0.done' }] });
    const doneInJira = applyReviewerUpdate(
      current,
      update({
        state: 'cleared',
        conversationDate: '2026-03-01',
        blockers: [{ id: 'b-1', text: 'Pen test', done: false }],
      }),
      ctx({ subtaskDone: new Map([['10500', true]]) }),
    );
    expect(doneInJira.ok).toBe(true);
    const dropped = applyReviewerUpdate(
      current,
      update({ state: 'blockers-listed', conversationDate: '2026-03-01', blockers: [{ text: 'other', done: false }] }),
      open,
    );
    expect(dropped).toMatchObject({ ok: false, errors: [{ field: 'blockers' }] });
  });

  it("a blocker whose sub-task is no longer a sub-task of the pilot (deleted, moved) is the owner's again: ticked or removed", () => {
    const current = entry('blockers-listed', {
      conversationDate: '2026-03-01',
      blockers: [{ id: 'b-1', text: 'Pen test', done: false, subtaskId: '10500' }],
    });
    const gone = ctx({ subtaskDone: new Map([['10777', false]]) });
    const ticked = applyReviewerUpdate(
      current,
      update({
        state: 'cleared',
        conversationDate: '2026-03-01',
        blockers: [{ id: 'b-1', text: 'Pen test', done: true }],
      }),
      gone,
    );
    expect(ticked).toMatchObject({
      ok: true,
      entry: { state: 'cleared', blockers: [{ id: 'b-1', done: true, subtaskId: null }] },
    });
    expect(ticked.ok && ticked.changes).toContain(
      'security: blocker "Pen test" is no longer sub-task 10500 (not a sub-task of the pilot in Jira)',
    );
    const removed = applyReviewerUpdate(
      current,
      update({ state: 'cleared', conversationDate: '2026-03-01', blockers: [] }),
      gone,
    );
    expect(removed).toMatchObject({ ok: true, entry: { state: 'cleared', blockers: [] } });
  });
});

describe('conversations held and week 4', () => {
  it.each<[ReviewerState, string | null, boolean]>([
    ['not-contacted', null, false],
    ['conversation-scheduled', '2026-03-11', false],
    ['conversation-scheduled', TODAY, true],
    ['blockers-listed', '2026-03-01', true],
    ['cleared', null, true],
  ])('%s on %s: held = %s', (state, conversationDate, held) => {
    expect(conversationHeld({ state, conversationDate }, TODAY)).toBe(held);
  });

  it('week 4 needs every expected reviewer scheduled, whatever else is stored', () => {
    const entries = {
      security: entry('cleared'),
      compliance: entry('conversation-scheduled', { conversationDate: '2026-04-01' }),
      marketing: entry('cleared'),
    };
    const two = chainFacts(['Security', 'compliance'], entries);
    expect(reviewerProgress(two, TODAY)).toEqual({ expected: 2, scheduled: 2, held: 1, cleared: 1 });
    expect(allReviewersScheduled(reviewerProgress(two, TODAY))).toBe(true);
    const three = chainFacts(['security', 'compliance', 'legal'], entries);
    expect(allReviewersScheduled(reviewerProgress(three, TODAY))).toBe(false);
    expect(allReviewersScheduled(reviewerProgress([], TODAY))).toBe(false);
  });
});

describe('reviewer names in settings', () => {
  it.each<[string, string[], string[]]>([
    ['the defaults', ['security', 'compliance', 'legal', 'privacy', 'infrastructure'], []],
    ['none', [], ['']],
    ['a repeat, any case', ['Legal', 'legal '], ['1']],
    ['a blank name', ['security', '  '], ['1']],
    ['odd characters', ['security<script>'], ['0']],
    ['too long', ['x'.repeat(41)], ['0']],
    ['too many', Array.from({ length: 13 }, (_, i) => `r${i}`), ['']],
  ])('%s', (_name, names, fields) => {
    expect(validateReviewerNames(names).map((e) => e.field)).toEqual(fields);
  });
});

describe('reviewer names that are also names of every object ("constructor", "toString")', () => {
  it('are fresh entries, not whatever a plain object inherits', () => {
    const facts = chainFacts(['constructor', 'toString', 'security'], { security: entry('cleared') });
    expect(facts).toEqual([
      { name: 'constructor', state: 'not-contacted', conversationDate: null },
      { name: 'toString', state: 'not-contacted', conversationDate: null },
      { name: 'security', state: 'cleared', conversationDate: null },
    ]);
    expect(reviewerEntry({}, 'Constructor')).toBeUndefined();
    expect(reviewerEntry({ constructor: entry('cleared') }, 'Constructor')?.state).toBe('cleared');
  });
});
