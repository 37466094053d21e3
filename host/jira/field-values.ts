// Turning request values into stored values (with Jira's error texts) and stored values into changelog strings.
import type { FieldDef } from './fields';
import type { Site } from './site';
import { isDay, parseDateTime } from './dates';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function isAdfDocument(v: unknown): boolean {
  return isPlainObject(v) && v.type === 'doc' && v.version === 1 && Array.isArray(v.content);
}

/** Plain text of an ADF document, for changelog strings and text search. */
export function adfText(node: unknown): string {
  if (!isPlainObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  const parts = Array.isArray(node.content) ? node.content.map(adfText) : [];
  return parts.join(node.type === 'doc' ? '\n' : node.type === 'paragraph' ? '' : ' ').trim();
}

function parseUser(site: Site, v: unknown): Parsed {
  if (v === null) return ok(null);
  const accountId = isPlainObject(v) ? (v.accountId ?? v.id) : undefined;
  if (typeof accountId !== 'string') return fail("Specify the user's account ID (accountId).");
  if (!site.user(accountId)) return fail(`User with account ID '${accountId}' does not exist.`);
  return ok(accountId);
}

/** Parses a value for a settable field; summary, issuetype, project and parent are handled by the issue writer. */
export function parseFieldValue(site: Site, def: FieldDef, v: unknown): Parsed {
  switch (def.kind) {
    case 'description':
      if (v === null) return ok(null);
      return isAdfDocument(v)
        ? ok(v)
        : fail('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
    case 'user':
      return parseUser(site, v);
    case 'date':
      if (v === null || v === '') return ok(null);
      return isDay(v) ? ok(v) : fail(`Error parsing date string: ${String(v)}`);
    case 'datetime': {
      if (v === null) return ok(null);
      const iso = parseDateTime(v);
      return iso ? ok(iso) : fail(`Error parsing date string: ${String(v)}`);
    }
    case 'labels': {
      if (v === null) return ok([]);
      if (!Array.isArray(v) || v.some((l) => typeof l !== 'string'))
        return fail('Operation value must be an array of strings');
      const bad = (v as string[]).find((l) => /\s/.test(l) || l.length === 0 || l.length > 255);
      if (bad !== undefined) return fail(`The label '${bad}' contains spaces which is invalid.`);
      return ok([...new Set(v as string[])]);
    }
    case 'number':
      if (v === null) return ok(null);
      return typeof v === 'number' && Number.isFinite(v) ? ok(v) : fail('Operation value must be a number');
    case 'string':
      if (v === null) return ok(null);
      if (typeof v !== 'string') return fail('Operation value must be a string');
      return v.length > 255
        ? fail('The entered text is too long. It exceeds the allowed limit of 255 characters.')
        : ok(v);
    case 'object':
      if (v === null) return ok(null);
      return isPlainObject(v) ? ok(v) : fail('Operation value must be an object');
    case 'group':
      if (v === null) return ok(null);
      return isPlainObject(v) && (typeof v.name === 'string' || typeof v.groupId === 'string')
        ? ok(v)
        : fail('Specify a valid group (name or groupId).');
    default:
      return fail(`Field '${def.id}' cannot be set. It is not on the appropriate screen, or unknown.`);
  }
}

/** Parses a Forge field value written through the app field value APIs (same rules as the field's data type). */
export function parseAppFieldValue(site: Site, def: FieldDef, v: unknown): Parsed {
  if (def.kind === 'user' && typeof v === 'string') return parseUser(site, { accountId: v });
  return parseFieldValue(site, def, v);
}

/** The (id, display string) pair a changelog item records for a stored value. */
export function changeStrings(site: Site, def: FieldDef, stored: unknown): { id: string | null; str: string | null } {
  if (stored === null || stored === undefined) return { id: null, str: null };
  switch (def.kind) {
    case 'user':
      return { id: String(stored), str: site.user(String(stored))?.displayName ?? String(stored) };
    case 'description':
      return { id: null, str: adfText(stored) };
    case 'labels':
      return { id: null, str: (stored as string[]).length ? (stored as string[]).join(' ') : null };
    case 'date':
    case 'datetime':
      return { id: String(stored), str: String(stored) };
    case 'number':
    case 'string':
      return { id: null, str: String(stored) };
    default:
      return { id: null, str: JSON.stringify(stored) };
  }
}
