// The seven questions of the seed's "Pilot Purgatory Diagnostic". Their wording lives only here: the panel,
// the macro, the manifest's JQL aliases and the evidence check all read this table.
export const QUESTIONS = [
  {
    id: 'q1',
    alias: 'Owner',
    short: 'Production owner',
    text: 'Named owner for the production system (not the data scientist, the person who owns it after it ships)',
  },
  {
    id: 'q2',
    alias: 'DataAccess',
    short: 'Data access',
    text: 'Data access request filed with every data steward whose data production will require',
  },
  {
    id: 'q3',
    alias: 'Security',
    short: 'Security, compliance, legal',
    text: 'Security, compliance and legal actively engaged (not briefed) on the production pathway',
  },
  {
    id: 'q4',
    alias: 'ProdSpec',
    short: 'Production spec',
    text: 'Written production spec: latency, availability, rollback procedure, monitoring',
  },
  {
    id: 'q5',
    alias: 'Infra',
    short: 'Infrastructure',
    text: 'Infrastructure provisioned, or at minimum scoped and scheduled, for production load',
  },
  {
    id: 'q6',
    alias: 'ProdDate',
    short: 'Production date',
    text: 'Hard production date on the calendar, with engineering time blocked for it',
  },
  {
    id: 'q7',
    alias: 'ChangeMgmt',
    short: 'Change management',
    text: 'Business unit committed to a change-management plan for its team',
  },
] as const;

export type Question = (typeof QUESTIONS)[number];
export type QuestionId = Question['id'];
export const QUESTION_IDS = QUESTIONS.map((q) => q.id) as readonly QuestionId[];

export function questionById(id: QuestionId): Question {
  const found = QUESTIONS.find((q) => q.id === id);
  if (!found) throw new RangeError(`Unknown question ${id}`);
  return found;
}
