// Field-level problems from `error.issues`, indexed by their dotted path so each control can find its own.
import type { FieldIssue } from '@contract/envelope';

export type IssueMap = Readonly<Record<string, string>>;

export const NO_ISSUES: IssueMap = {};

export function indexIssues(issues: readonly FieldIssue[] | undefined): IssueMap {
  const map: Record<string, string> = {};
  for (const issue of issues ?? []) {
    map[issue.field] = map[issue.field] ? `${map[issue.field]}; ${issue.message}` : issue.message;
  }
  return map;
}

/** Issues no control on the page shows, so the error banner can list them instead of losing them. */
export function unplacedIssues(
  issues: readonly FieldIssue[] | undefined,
  isPlaced: (field: string) => boolean,
): FieldIssue[] {
  return (issues ?? []).filter((issue) => !isPlaced(issue.field));
}

/** Every issue at or under a path prefix ("settings.template" catches "settings.template.3.name"). */
export function issuesUnder(map: IssueMap, prefix: string): string[] {
  return Object.entries(map)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .map(([, message]) => message);
}
