// Users and the site: /myself, /serverInfo, /user, /user/search, /user/bulk, /field.
import { route, ok, type Route } from './router';
import { userJson } from './users';
import { badRequest, notFound } from './errors';
import { pageBean } from './paging';
import { fieldDetailsJson } from './fields';

export const userRoutes: Route[] = [
  route('GET', '/rest/api/3/myself', ({ site, actor }) => ok(userJson(site, actor.user))),

  route('GET', '/rest/api/3/serverInfo', ({ site }) =>
    ok({
      baseUrl: site.baseUrl,
      displayUrl: site.baseUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100300,
      buildDate: '2026-06-01T00:00:00.000Z',
      serverTime: site.nowIso(),
      scmInfo: 'local-host',
      serverTitle: 'Jira',
    }),
  ),

  route('GET', '/rest/api/3/user', ({ site, query }) => {
    const accountId = query.get('accountId');
    if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
    const user = site.user(accountId);
    if (!user) throw notFound(`Specified user does not exist or you do not have required permissions`);
    return ok(userJson(site, user));
  }),

  route('GET', '/rest/api/3/user/search', ({ site, query }) => {
    const text = query.get('query');
    const accountId = query.get('accountId');
    if (text === undefined && accountId === undefined && query.get('property') === undefined) {
      throw badRequest('One of the query parameters accountId, query or property must be provided.');
    }
    const needle = (text ?? '').toLowerCase();
    const users = site.state.users.filter(
      (u) =>
        u.active &&
        (accountId === undefined || u.accountId === accountId) &&
        (needle === '' ||
          u.displayName
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(needle)) ||
          u.displayName.toLowerCase().startsWith(needle) ||
          (u.emailAddress ?? '').toLowerCase().startsWith(needle)),
    );
    const startAt = query.int('startAt', 0);
    const maxResults = query.int('maxResults', 50);
    return ok(users.slice(startAt, startAt + maxResults).map((u) => userJson(site, u)));
  }),

  route('GET', '/rest/api/3/user/bulk', ({ site, query }) => {
    const ids = query.list('accountId');
    if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
    const users = ids.map((id) => site.user(id)).filter((u) => u !== undefined);
    const startAt = query.int('startAt', 0);
    const maxResults = query.int('maxResults', 10);
    const search = new URLSearchParams();
    for (const id of ids) search.append('accountId', id);
    return ok(
      pageBean(
        site,
        '/rest/api/3/user/bulk',
        search,
        users.map((u) => userJson(site, u)),
        startAt,
        maxResults,
      ),
    );
  }),

  route('GET', '/rest/api/3/field', ({ site }) => ok(site.fields.listed().map(fieldDetailsJson))),
];
