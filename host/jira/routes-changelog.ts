// POST /rest/api/3/changelog/bulkfetch: the changelogs of up to 1000 issues, optionally only the items of up to 10
// fields, oldest first (by changelog date, then issue id), paged by maxResults changelogs with nextPageToken, as
// the Jira platform OpenAPI document describes it. Issues the caller may not browse (or that do not exist) are left
// out: the document requires Browse projects and does not say more.
import { createHash } from 'node:crypto';
import { route, ok, type Route } from './router';
import { badRequest } from './errors';
import { canSeeIssue } from './permissions';
import { userJsonOrNull } from './users';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const MAX_CHANGELOG_ISSUES = 1000;
export const MAX_CHANGELOG_FIELDS = 10;
const DEFAULT_MAX_RESULTS = 1000;

const fingerprint = (ids: string[], fields: string[]) =>
  createHash('sha1')
    .update(JSON.stringify([ids, fields]))
    .digest('hex')
    .slice(0, 12);

export const changelogRoutes: Route[] = [
  route('POST', '/rest/api/3/changelog/bulkfetch', ({ site, actor, body }) => {
    const b = isObj(body) ? body : {};
    const wanted = Array.isArray(b.issueIdsOrKeys)
      ? b.issueIdsOrKeys.filter((v): v is string => typeof v === 'string')
      : [];
    const fields = Array.isArray(b.fieldIds) ? b.fieldIds.filter((v): v is string => typeof v === 'string') : [];
    if (wanted.length === 0) throw badRequest('issueIdsOrKeys must list at least one issue.');
    if (wanted.length > MAX_CHANGELOG_ISSUES)
      throw badRequest(`issueIdsOrKeys accepts at most ${MAX_CHANGELOG_ISSUES} issues.`);
    if (fields.length > MAX_CHANGELOG_FIELDS)
      throw badRequest(`fieldIds accepts at most ${MAX_CHANGELOG_FIELDS} fields.`);
    const maxResults = typeof b.maxResults === 'number' ? b.maxResults : DEFAULT_MAX_RESULTS;
    const issues = site.state.issues.filter(
      (i) => wanted.some((w) => w === i.id || w.toUpperCase() === i.key) && canSeeIssue(site, actor, i),
    );
    const entries = issues
      .flatMap((issue) =>
        issue.history.map((h) => ({
          issueId: issue.id,
          history: h,
          items: h.items.filter((item) => fields.length === 0 || fields.includes(item.fieldId)),
        })),
      )
      .filter((e) => e.items.length > 0)
      .sort(
        (a, b) =>
          Date.parse(a.history.created) - Date.parse(b.history.created) || Number(a.issueId) - Number(b.issueId),
      );
    const key = fingerprint(
      issues.map((i) => i.id),
      fields,
    );
    let offset = 0;
    if (typeof b.nextPageToken === 'string') {
      const [k, o] = b.nextPageToken.split(':');
      if (k !== key || !/^\d+$/.test(o ?? ''))
        throw badRequest('The provided next page token is invalid or does not belong to this request.');
      offset = Number(o);
    }
    const page = entries.slice(offset, offset + maxResults);
    const byIssue = new Map<string, Obj[]>();
    for (const e of page) {
      const { locale: _locale, ...author } = userJsonOrNull(site, e.history.authorId) ?? {};
      const items = e.items.map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)));
      byIssue.set(e.issueId, [
        ...(byIssue.get(e.issueId) ?? []),
        { id: e.history.id, author, created: new Date(e.history.created).toISOString(), items },
      ]);
    }
    const out: Obj = {
      issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
    };
    if (offset + page.length < entries.length) out.nextPageToken = `${key}:${offset + page.length}`;
    return ok(out);
  }),
];
