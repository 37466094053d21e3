// POST /rest/api/3/issue/{issueIdOrKey}/notify: Jira's "Send notification for issue". The body is the OpenAPI
// document's Notification (subject, textBody, htmlBody, to, restrict). What Jira documents is what the host refuses:
// 404 for an issue the caller cannot see; 400 for a malformed body, a recipient that is the caller, an invalid
// recipient (an unknown or inactive account, the assignee of an unassigned issue, the reporter of an issue without
// one, a group that does not exist) or no recipient at all; 403 when outgoing mail is off. Jira only mails people
// who can browse the issue, so recipients without Browse Projects (and those `restrict` excludes) are dropped
// silently: the call still answers 204. Each delivered notification is kept, per recipient, for the inbox page.
import { route, noContent, type Route, type Call } from './router';
import { badRequest, forbidden } from './errors';
import {
  PERMISSION_CATALOG,
  canSeeIssue,
  hasProjectPermission,
  permissionInfo,
  projectOf,
  visibleIssue,
} from './permissions';
import type { IssueRec, NotificationRec } from './state';
import type { Actor, Site } from './site';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalString(body: Obj, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest([], { [field]: `The ${field} must be a string.` });
  return value;
}

function optionalBool(to: Obj, field: string): boolean {
  const value = to[field];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw badRequest([], { [`to.${field}`]: `to.${field} must be true or false.` });
  return value;
}

function list(parent: Obj, field: string, path: string): unknown[] {
  const value = parent[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest([], { [path]: `${path} must be an array.` });
  return value;
}

/** The host has no groups: every group a request names does not exist. */
function noSuchGroup(path: string, entries: unknown[]): void {
  if (entries.length === 0) return;
  const first = entries[0];
  const name = isObj(first) ? String(first.name ?? first.groupId ?? '') : String(first);
  throw badRequest([`Group '${name}' does not exist.`], {});
}

function recipientsOf(site: Site, actor: Actor, issue: IssueRec, to: Obj): string[] {
  const ids: string[] = [];
  if (optionalBool(to, 'reporter')) {
    if (!issue.reporterId) throw badRequest(['The issue has no reporter to notify.']);
    ids.push(issue.reporterId);
  }
  if (optionalBool(to, 'assignee')) {
    if (!issue.assigneeId) throw badRequest(['The issue is unassigned, so there is no assignee to notify.']);
    ids.push(issue.assigneeId);
  }
  // Watchers and voters are not modelled: an issue here has none (the flags are accepted and add nobody).
  optionalBool(to, 'watchers');
  optionalBool(to, 'voters');
  list(to, 'users', 'to.users').forEach((u, i) => {
    const accountId = isObj(u) ? u.accountId : undefined;
    if (typeof accountId !== 'string' || accountId === '')
      throw badRequest([], { [`to.users[${i}]`]: 'Each user needs an accountId.' });
    const user = site.user(accountId);
    if (!user || !user.active)
      throw badRequest([`The user with account ID '${accountId}' does not exist or is not active.`]);
    ids.push(accountId);
  });
  noSuchGroup('to.groups', list(to, 'groups', 'to.groups'));
  noSuchGroup('to.groupIds', list(to, 'groupIds', 'to.groupIds'));
  if (ids.includes(actor.accountId)) throw badRequest(['You cannot send a notification to yourself.']);
  return [...new Set(ids)];
}

/** `restrict`: only users holding every listed permission (by id or key) receive it; groups do not exist here. */
function restrictionOf(restrict: unknown): (site: Site, accountId: string, issue: IssueRec) => boolean {
  if (restrict === undefined) return () => true;
  if (!isObj(restrict)) throw badRequest([], { restrict: 'restrict must be an object.' });
  const allowed = new Set(['groups', 'groupIds', 'permissions']);
  const extra = Object.keys(restrict).find((k) => !allowed.has(k));
  if (extra) throw badRequest([], { [`restrict.${extra}`]: `Unrecognized field "${extra}".` });
  const groups = [...list(restrict, 'groups', 'restrict.groups'), ...list(restrict, 'groupIds', 'restrict.groupIds')];
  const keys = list(restrict, 'permissions', 'restrict.permissions').map((p, i) => {
    const wanted = isObj(p) ? (p.key ?? p.id) : undefined;
    const info =
      typeof wanted === 'string'
        ? (permissionInfo(wanted) ?? PERMISSION_CATALOG.find((x) => x.id === wanted))
        : undefined;
    if (!info || info.type !== 'PROJECT')
      throw badRequest([], { [`restrict.permissions[${i}]`]: `'${String(wanted)}' is not a project permission.` });
    return info.key;
  });
  return (site, accountId, issue) => {
    if (groups.length > 0) return false; // nobody belongs to a group that does not exist
    const user = site.user(accountId);
    if (!user) return false;
    const actor: Actor = { accountId, isApp: false, user };
    return keys.every((k) => hasProjectPermission(site, actor, projectOf(site, issue), k));
  };
}

function notify({ site, actor, params, body }: Call) {
  const issue = visibleIssue(site, actor, params.issueIdOrKey as string);
  if (!isObj(body)) throw badRequest(['The request body must be a Notification object.']);
  const subject = optionalString(body, 'subject');
  const textBody = optionalString(body, 'textBody');
  const htmlBody = optionalString(body, 'htmlBody');
  if (body.to !== undefined && !isObj(body.to)) throw badRequest([], { to: 'to must be an object.' });
  const named = recipientsOf(site, actor, issue, isObj(body.to) ? body.to : {});
  const allowed = restrictionOf(body.restrict);
  if (named.length === 0) throw badRequest(['No recipients were defined for notification.']);
  if (!site.outgoingMail) throw forbidden('Outgoing email is disabled on this site, so no notification was sent.');
  // Jira mails an issue only to people who can browse it.
  const delivered = named.filter((id) => {
    const user = site.user(id);
    return (
      user !== undefined && canSeeIssue(site, { accountId: id, isApp: false, user }, issue) && allowed(site, id, issue)
    );
  });
  const notifications = (site.state.notifications ??= []);
  if (delivered.length > 0) {
    const rec: NotificationRec = {
      id: String(notifications.length + 1),
      issueId: issue.id,
      issueKey: issue.key,
      subject: subject ?? `${issue.key} ${issue.summary}`,
      textBody: textBody ?? '',
      htmlBody: htmlBody ?? '',
      fromAccountId: actor.accountId,
      at: site.nowIso(),
      recipients: delivered,
    };
    notifications.push(rec);
  }
  return noContent();
}

export const notifyRoutes: Route[] = [route('POST', '/rest/api/3/issue/{issueIdOrKey}/notify', notify)];
