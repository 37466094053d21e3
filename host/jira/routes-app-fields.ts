// Forge custom field values written by the app: POST /app/field/value and PUT /app/field/{fieldIdOrKey}/value.
import { route, noContent, type Route, type Call } from './router';
import { badRequest, forbidden, notFound } from './errors';
import { parseAppFieldValue } from './field-values';
import { changeItem, recordChange, storedValue } from './issue-write';
import type { FieldDef } from './fields';
import type { ChangelogItem } from './types';
import type { IssueRec } from './state';
import { nextId } from './state';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Write {
  def: FieldDef;
  issue: IssueRec;
  value: unknown;
}

function requireApp(call: Call): void {
  if (!call.actor.isApp) throw forbidden('Only the app that provided the custom field can update its value.');
}

function resolveField(call: Call, idOrKey: unknown): FieldDef {
  const def = typeof idOrKey === 'string' ? call.site.fields.findCustom(idOrKey) : undefined;
  if (!def) throw notFound(`The custom field ${String(idOrKey)} was not found.`);
  if (!def.forge) throw forbidden(`The app is not the owner of the custom field ${def.id}.`);
  return def;
}

function plan(call: Call, updates: unknown, fieldFor: (u: Obj) => FieldDef): Write[] {
  if (!Array.isArray(updates) || updates.length === 0)
    throw badRequest('The updates list must contain at least one update.');
  const writes: Write[] = [];
  const missing: string[] = [];
  for (const u of updates) {
    if (!isObj(u)) throw badRequest('Each update must be an object.');
    const def = fieldFor(u);
    const parsed = parseAppFieldValue(call.site, def, u.value);
    if (!parsed.ok) throw badRequest([], { [def.id]: parsed.error });
    const ids = Array.isArray(u.issueIds) ? u.issueIds.map(String) : [];
    if (ids.length === 0) throw badRequest('Each update must list at least one issue ID (issueIds).');
    for (const id of ids) {
      const issue = call.site.state.issues.find((i) => i.id === id);
      if (!issue) missing.push(id);
      else writes.push({ def, issue, value: parsed.value });
    }
  }
  if (missing.length > 0) throw badRequest(`Issues with these IDs do not exist: ${missing.join(', ')}.`);
  return writes;
}

function apply(call: Call, writes: Write[]) {
  const { site, actor, query } = call;
  const changelog = query.bool('generateChangelog', true);
  const events = query.bool('generateAppEvents', true);
  const byIssue = new Map<IssueRec, ChangelogItem[]>();
  for (const w of writes) {
    const before = storedValue(w.issue, w.def.id);
    if (JSON.stringify(before ?? null) === JSON.stringify(w.value ?? null)) continue;
    byIssue.set(w.issue, [...(byIssue.get(w.issue) ?? []), changeItem(site, w.def, before, w.value)]);
    if (w.value === null) delete w.issue.custom[w.def.id];
    else w.issue.custom[w.def.id] = w.value;
  }
  for (const [issue, items] of byIssue) {
    if (events) {
      if (!changelog) {
        // The event still carries the items; only the stored history is skipped.
        const history = issue.history.length;
        recordChange(site, actor, issue, items);
        issue.history.splice(history);
      } else recordChange(site, actor, issue, items);
    } else {
      issue.updated = site.nowIso();
      site.searchIndex.written(issue);
      if (changelog)
        issue.history.push({
          id: nextId(site.state, 'history'),
          authorId: actor.accountId,
          created: issue.updated,
          items,
        });
    }
  }
  return noContent();
}

export const appFieldRoutes: Route[] = [
  route('POST', '/rest/api/3/app/field/value', (call) => {
    requireApp(call);
    const updates = isObj(call.body) ? call.body.updates : undefined;
    return apply(
      call,
      plan(call, updates, (u) => resolveField(call, u.customField)),
    );
  }),

  route('PUT', '/rest/api/3/app/field/{fieldIdOrKey}/value', (call) => {
    requireApp(call);
    const def = resolveField(call, call.params.fieldIdOrKey);
    const updates = isObj(call.body) ? call.body.updates : undefined;
    return apply(
      call,
      plan(call, updates, () => def),
    );
  }),
];
