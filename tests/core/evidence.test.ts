import { checkEvidence, type EvidenceFacts } from '../../src/core/evidence';
import type { Answer, Diagnostic, WorkstreamFact, WorkstreamState } from '../../src/core/pilot';
import type { QuestionId } from '../../src/core/questions';
import { DEFAULT_TEMPLATE } from '../../src/core/workstreams';
import { DEFAULT_REVIEWERS, type ReviewerFact, type ReviewerState } from '../../src/core/approvals';

const TODAY = '2026-03-10';

function workstream(rowId: string, state: WorkstreamState): WorkstreamFact {
  const row = DEFAULT_TEMPLATE.find((r) => r.id === rowId);
  return { rowId, name: row?.name ?? rowId, state, dueDate: null };
}

function facts(overrides: Partial<EvidenceFacts> = {}): EvidenceFacts {
  return {
    productionOwner: null,
    workstreams: DEFAULT_TEMPLATE.map((r) => workstream(r.id, 'todo')),
    template: DEFAULT_TEMPLATE,
    productionDate: null,
    productionSpecLinked: false,
    phase: 'post-demo',
    reviewers: chain({}),
    ...overrides,
  };
}

/** The default reviewers, not contacted unless given a state (and a conversation date). */
function chain(states: Record<string, [ReviewerState, string | null]>): ReviewerFact[] {
  return DEFAULT_REVIEWERS.map((name) => ({
    name,
    state: states[name]?.[0] ?? 'not-contacted',
    conversationDate: states[name]?.[1] ?? null,
  }));
}

function withState(rowId: string, state: WorkstreamState): Partial<EvidenceFacts> {
  return { workstreams: DEFAULT_TEMPLATE.map((r) => workstream(r.id, r.id === rowId ? state : 'todo')) };
}

function withoutSubtask(rowId: string): Partial<EvidenceFacts> {
  return { workstreams: DEFAULT_TEMPLATE.filter((r) => r.id !== rowId).map((r) => workstream(r.id, 'todo')) };
}

function withoutRole(role: string): Partial<EvidenceFacts> {
  return { template: DEFAULT_TEMPLATE.filter((r) => r.evidenceRole !== role) };
}

function evidenceFor(q: QuestionId, f: EvidenceFacts) {
  const found = checkEvidence({}, f, TODAY).perQuestion.find((p) => p.questionId === q);
  if (!found) throw new Error(`no evidence for ${q}`);
  return found;
}

describe('evidence per question', () => {
  it.each<[string, QuestionId, Partial<EvidenceFacts>, boolean, string]>([
    ['Q1 owner set', 'q1', { productionOwner: 'acc-1' }, true, 'a production owner is set'],
    ['Q1 owner missing', 'q1', {}, false, 'no production owner is set'],
    ['Q2 data access To Do', 'q2', {}, false, 'the Data access requests sub-task is still To Do'],
    [
      'Q2 data access In Progress',
      'q2',
      withState('data-access', 'in-progress'),
      true,
      'the Data access requests sub-task is In Progress',
    ],
    ['Q2 data access Done', 'q2', withState('data-access', 'done'), true, 'the Data access requests sub-task is Done'],
    ['Q2 no sub-task', 'q2', withoutSubtask('data-access'), false, 'there is no Data access requests sub-task'],
    [
      'Q2 no template row',
      'q2',
      withoutRole('data-access'),
      false,
      'there is no data access workstream in the template',
    ],
    ['Q3 nobody contacted', 'q3', {}, false, 'no reviewer has had a conversation yet (approval chain: 0 of 5)'],
    [
      'Q3 a security sub-task is no conversation',
      'q3',
      withState('security', 'in-progress'),
      false,
      'no reviewer has had a conversation yet (approval chain: 0 of 5)',
    ],
    [
      'Q3 conversation scheduled later',
      'q3',
      { reviewers: chain({ security: ['conversation-scheduled', '2026-03-11'] }) },
      false,
      'no reviewer has had a conversation yet (approval chain: 0 of 5)',
    ],
    [
      'Q3 conversation held today',
      'q3',
      { reviewers: chain({ legal: ['conversation-scheduled', TODAY] }) },
      true,
      '1 of 5 reviewers had their conversation (legal)',
    ],
    [
      'Q3 blockers listed and cleared',
      'q3',
      { reviewers: chain({ security: ['blockers-listed', '2026-03-01'], privacy: ['cleared', '2026-02-20'] }) },
      true,
      '2 of 5 reviewers had their conversation (security, privacy)',
    ],
    ['Q3 chain unreadable', 'q3', { reviewers: null }, false, 'the approval chain could not be read'],
    ['Q3 no reviewers expected', 'q3', { reviewers: [] }, false, 'the project expects no reviewers'],
    ['Q4 spec linked', 'q4', { productionSpecLinked: true }, true, 'a production spec is linked'],
    [
      'Q4 infra done',
      'q4',
      withState('infra', 'done'),
      true,
      'the Infrastructure spec & provisioning sub-task is Done',
    ],
    [
      'Q4 infra only in progress',
      'q4',
      withState('infra', 'in-progress'),
      false,
      'no production spec is linked and the Infrastructure spec & provisioning sub-task is In Progress',
    ],
    [
      'Q4 no infra row, no spec',
      'q4',
      withoutRole('infrastructure'),
      false,
      'no production spec is linked and there is no infrastructure workstream in the template',
    ],
    [
      'Q4 no infra row, spec linked',
      'q4',
      { ...withoutRole('infrastructure'), productionSpecLinked: true },
      true,
      'a production spec is linked',
    ],
    ['Q5 infra To Do', 'q5', {}, false, 'the Infrastructure spec & provisioning sub-task is still To Do'],
    [
      'Q5 infra In Progress',
      'q5',
      withState('infra', 'in-progress'),
      true,
      'the Infrastructure spec & provisioning sub-task is In Progress',
    ],
    ['Q6 no date', 'q6', {}, false, 'no production date is set'],
    [
      'Q6 date ahead',
      'q6',
      { productionDate: '2026-05-01' },
      true,
      'the production date 2026-05-01 is on the calendar',
    ],
    ['Q6 date today', 'q6', { productionDate: TODAY }, true, `the production date ${TODAY} is on the calendar`],
    ['Q6 date passed', 'q6', { productionDate: '2026-03-01' }, false, 'the production date 2026-03-01 has passed'],
    [
      'Q6 graduated with past date',
      'q6',
      { productionDate: '2026-03-01', phase: 'graduated' },
      true,
      'the pilot graduated with production date 2026-03-01',
    ],
    ['Q6 graduated without date', 'q6', { phase: 'graduated' }, false, 'no production date is set'],
    ['Q7 change mgmt To Do', 'q7', {}, false, 'the Business change management sub-task is still To Do'],
    [
      'Q7 change mgmt In Progress',
      'q7',
      withState('change-mgmt', 'in-progress'),
      true,
      'the Business change management sub-task is In Progress',
    ],
    [
      'Q7 no template row',
      'q7',
      withoutRole('change-management'),
      false,
      'there is no change-management workstream in the template',
    ],
  ])('%s', (_name, q, overrides, supported, evidence) => {
    expect(evidenceFor(q, facts(overrides))).toEqual({ questionId: q, supported, evidence });
  });

  it('uses the sub-task name Jira holds, and the furthest-along duplicate', () => {
    const f = facts({
      workstreams: [
        { rowId: 'infra', name: 'Infra (fraud model)', state: 'todo', dueDate: null },
        { rowId: 'infra', name: 'Infra (fraud model)', state: 'in-progress', dueDate: null },
      ],
    });
    expect(evidenceFor('q5', f).evidence).toBe('the Infra (fraud model) sub-task is In Progress');
  });

  it('finds a renamed role row in an edited template by its evidence role, not its id', () => {
    const template = DEFAULT_TEMPLATE.map((r) =>
      r.id === 'data-access' ? { ...r, id: 'steward-requests', name: 'Steward requests' } : r,
    );
    const f = facts({
      template,
      workstreams: [{ rowId: 'steward-requests', name: 'Steward requests', state: 'done', dueDate: null }],
    });
    expect(evidenceFor('q2', f)).toEqual({
      questionId: 'q2',
      supported: true,
      evidence: 'the Steward requests sub-task is Done',
    });
  });
});

describe('evidence score and mismatches', () => {
  const allYes: Diagnostic = Object.fromEntries(
    (['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'] as const).map((q) => [q, { answer: 'yes' as Answer }]),
  );

  it('a pilot that claims everything and shows nothing: seven overclaims', () => {
    const result = checkEvidence(allYes, facts({ productionDate: '2026-03-01' }), TODAY);
    expect(result.evidenceScore).toBe(0);
    expect(result.mismatches.map((m) => m.message)).toEqual([
      'Q1 Production owner: answered yes, but no production owner is set',
      'Q2 Data access: answered yes, but the Data access requests sub-task is still To Do',
      'Q3 Security, compliance, legal: answered yes, but no reviewer has had a conversation yet (approval chain: 0 of 5)',
      'Q4 Production spec: answered yes, but no production spec is linked and the Infrastructure spec & provisioning sub-task is still To Do',
      'Q5 Infrastructure: answered yes, but the Infrastructure spec & provisioning sub-task is still To Do',
      'Q6 Production date: answered yes, but the production date 2026-03-01 has passed',
      'Q7 Change management: answered yes, but the Business change management sub-task is still To Do',
    ]);
    expect(result.mismatches.every((m) => m.kind === 'overclaimed')).toBe(true);
  });

  it('a pilot whose evidence backs every yes: score 7, no mismatch', () => {
    const f = facts({
      productionOwner: 'acc-1',
      productionDate: '2026-06-01',
      productionSpecLinked: true,
      workstreams: DEFAULT_TEMPLATE.map((r) => workstream(r.id, 'in-progress')),
      reviewers: chain({ security: ['conversation-scheduled', '2026-03-02'] }),
    });
    const result = checkEvidence(allYes, f, TODAY);
    expect(result.evidenceScore).toBe(7);
    expect(result.mismatches).toEqual([]);
  });

  it.each<[string, Diagnostic, Partial<EvidenceFacts>, { questionId: QuestionId; kind: string; message: string }[]]>([
    [
      'underclaimed reviewers: a conversation was held',
      { q3: { answer: 'no' } },
      { reviewers: chain({ compliance: ['blockers-listed', '2026-03-03'] }) },
      [
        {
          questionId: 'q3',
          kind: 'underclaimed',
          message:
            'Q3 Security, compliance, legal: answered no, but 1 of 5 reviewers had their conversation (compliance)',
        },
      ],
    ],
    [
      'overclaimed reviewers: yes while no reviewer has had a conversation',
      { q3: { answer: 'yes' } },
      { reviewers: chain({ security: ['conversation-scheduled', '2026-04-01'] }) },
      [
        {
          questionId: 'q3',
          kind: 'overclaimed',
          message:
            'Q3 Security, compliance, legal: answered yes, but no reviewer has had a conversation yet (approval chain: 0 of 5)',
        },
      ],
    ],
    [
      'underclaimed owner',
      { q1: { answer: 'no' } },
      { productionOwner: 'acc-1' },
      [
        {
          questionId: 'q1',
          kind: 'underclaimed',
          message: 'Q1 Production owner: answered no, but a production owner is set',
        },
      ],
    ],
    [
      'unknown never mismatches',
      { q1: { answer: 'unknown' }, q2: { answer: 'unknown' } },
      { productionOwner: 'acc-1' },
      [],
    ],
    ['unanswered never mismatches', {}, { productionOwner: 'acc-1' }, []],
    [
      'missing sub-task',
      { q2: { answer: 'yes' } },
      withoutSubtask('data-access'),
      [
        {
          questionId: 'q2',
          kind: 'overclaimed',
          message: 'Q2 Data access: answered yes, but there is no Data access requests sub-task',
        },
      ],
    ],
    [
      'no production date',
      { q6: { answer: 'yes' } },
      {},
      [
        {
          questionId: 'q6',
          kind: 'overclaimed',
          message: 'Q6 Production date: answered yes, but no production date is set',
        },
      ],
    ],
    ['honest no', { q2: { answer: 'no' } }, {}, []],
  ])('%s', (_name, diagnostic, overrides, mismatches) => {
    expect(checkEvidence(diagnostic, facts(overrides), TODAY).mismatches).toEqual(mismatches);
  });

  it('counts supported questions regardless of the answers', () => {
    const f = facts({ productionOwner: 'acc-1', productionDate: '2026-04-01', ...withState('data-access', 'done') });
    expect(checkEvidence({}, f, TODAY).evidenceScore).toBe(3);
  });
});
