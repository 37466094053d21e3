// Jira's search index, which trails the issues: /search/jql and /search/approximate-count document that "recent
// updates might not be immediately visible", and read-after-write needs `reconcileIssues` (at most 50 ids).
// The index keeps the copy of each issue it last indexed; a write marks the issue pending, and search sees the
// indexed copy (none at all for a new issue) until the lag has passed, the host catches the index up, or the
// request names the issue in reconcileIssues. The lag is measured on the site's clock; with an infinite lag
// (the default in tests) nothing is indexed until catchUp(), so tests never depend on timing.
import type { IssueRec } from './state';

export const MAX_RECONCILE_ISSUES = 50;

export class SearchIndex {
  /** Issue id → the issue as the index last saw it. */
  private readonly indexed = new Map<string, IssueRec>();
  /** Issue id → time (ms) of its first write the index has not taken in yet. */
  private readonly pending = new Map<string, number>();

  constructor(
    issues: IssueRec[],
    private readonly lagMs: number,
    private readonly now: () => number,
  ) {
    for (const issue of issues) this.indexed.set(issue.id, structuredClone(issue));
  }

  /** Call after every write to an issue (creating it included); the index takes it in once the lag has passed. */
  written(issue: IssueRec): void {
    if (!this.pending.has(issue.id)) this.pending.set(issue.id, this.now());
  }

  /** Takes in every pending write, as the real index eventually does. */
  catchUp(issues: IssueRec[]): void {
    for (const issue of issues) if (this.pending.has(issue.id)) this.take(issue);
  }

  /** How many writes search does not see yet. */
  get lagging(): number {
    return this.pending.size;
  }

  /**
   * The issues as search sees them: the indexed copy of each, except those whose lag has passed (taken in now)
   * and those named in `reconcile`, which are read as they are.
   */
  view(issues: IssueRec[], reconcile: ReadonlySet<string>): IssueRec[] {
    const now = this.now();
    const out: IssueRec[] = [];
    for (const issue of issues) {
      const since = this.pending.get(issue.id);
      if (since !== undefined && now - since >= this.lagMs) this.take(issue);
      if (reconcile.has(issue.id) || !this.pending.has(issue.id)) {
        out.push(issue);
        continue;
      }
      const copy = this.indexed.get(issue.id);
      if (copy) out.push(copy);
    }
    return out;
  }

  private take(issue: IssueRec): void {
    this.indexed.set(issue.id, structuredClone(issue));
    this.pending.delete(issue.id);
  }
}
