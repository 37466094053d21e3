// Remote issue links (createOrUpdateRemoteIssueLink): Browse projects and Link issues on the issue's project; a
// request naming a globalId already on the issue updates that link (200) instead of adding one (201); object.url
// and object.title are required, globalId is at most 255 characters.
import { route, json, type Route } from './router';
import { badRequest, forbidden } from './errors';
import { hasProjectPermission, projectOf, visibleIssue } from './permissions';
import type { RemoteLinkRec } from './state';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const remoteLinkRoutes: Route[] = [
  route('POST', '/rest/api/3/issue/{issueIdOrKey}/remotelink', ({ site, actor, params, body }) => {
    const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
    if (!hasProjectPermission(site, actor, projectOf(site, issue), 'LINK_ISSUES'))
      throw forbidden('You do not have permission to link issues in this project.');
    const req = isObj(body) ? body : {};
    const object = isObj(req.object) ? req.object : {};
    if (typeof object.url !== 'string' || object.url === '')
      throw badRequest('object.url: The remote link URL is required.');
    if (typeof object.title !== 'string' || object.title === '')
      throw badRequest('object.title: The remote link title is required.');
    const globalId = typeof req.globalId === 'string' ? req.globalId : null;
    if (globalId !== null && globalId.length > 255)
      throw badRequest('globalId: The global ID must be at most 255 characters.');
    const links = (issue.remoteLinks ??= []);
    const existing = globalId === null ? undefined : links.find((l) => l.globalId === globalId);
    if (existing) {
      Object.assign(existing, { url: object.url, title: object.title, body: req });
      return json(200, { id: existing.id, self: site.url(`/rest/api/3/issue/${issue.id}/remotelink/${existing.id}`) });
    }
    const id = 10000 + site.state.issues.reduce((n, i) => n + (i.remoteLinks?.length ?? 0), 0);
    const link: RemoteLinkRec = { id, globalId, url: object.url, title: object.title, body: req };
    links.push(link);
    return json(201, { id: link.id, self: site.url(`/rest/api/3/issue/${issue.id}/remotelink/${link.id}`) });
  }),
];
