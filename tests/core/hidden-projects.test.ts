// A portfolio filter that lists a project the viewer cannot browse is narrowed to the projects they may see, only
// where that keeps the filter's meaning for them.
import { withoutProjects } from '../../src/use-cases/hidden-projects';

it.each([
  ['project in (PAY, OPS, RISK)', ['RISK'], 'project in (PAY, OPS)'],
  ['PROJECT IN ("PAY", \'RISK\', OPS) AND labels = q3', ['risk'], 'PROJECT IN ("PAY", OPS) AND labels = q3'],
  ['project not in (RISK, OPS)', ['RISK'], 'project not in (OPS)'],
  [
    '(project in (RISK,PAY) OR assignee = currentUser()) AND project in (OPS, RISK)',
    ['RISK'],
    '(project in (PAY) OR assignee = currentUser()) AND project in (OPS)',
  ],
  ['project in (PAY, RISK, OPS)', ['RISK', 'OPS'], 'project in (PAY)'],
])('%s without %p is %s', (jql, hidden, expected) => {
  expect(withoutProjects(jql, hidden)).toBe(expected);
});

it.each([
  ['project = RISK', ['RISK']], // the clause would match nothing: Jira's own refusal says it better
  ['project in (RISK)', ['RISK']],
  ['project in (PAY) AND summary ~ "project in (RISK)"', ['RISK']], // only inside a quoted text: not a project list
  ['"AI Pilot project" in (RISK, PAY)', ['RISK']], // a field merely named like it
  ['project in (PAY', ['RISK']],
  ['project in (PAY, OPS)', ['RISK']],
])('leaves %s to Jira (no safe rewrite without %p)', (jql, hidden) => {
  expect(withoutProjects(jql, hidden)).toBeNull();
});
