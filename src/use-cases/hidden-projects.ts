// Jira refuses a whole JQL search when it names a project the viewer cannot browse ("The value 'RISK' does not exist
// for the field 'project'."), exactly as for a project that does not exist. A portfolio whose filter lists several
// projects should still show this viewer the ones they may see, so the hidden project is taken out of the filter's
// project lists, where that keeps the filter's meaning for this viewer; anything else is left to Jira's refusal.

/** One value as written in JQL: a bare word or a quoted string, with where it sits in the text. */
interface Value {
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_\-.]/;

function skipSpace(jql: string, i: number): number {
  while (i < jql.length && /\s/.test(jql[i] as string)) i++;
  return i;
}

function readValue(jql: string, i: number): Value | null {
  const start = i;
  const quote = jql[i];
  if (quote === '"' || quote === "'") {
    let text = '';
    for (i++; i < jql.length && jql[i] !== quote; i++) {
      if (jql[i] === '\\') i++;
      text += jql[i] ?? '';
    }
    return i < jql.length ? { text, start, end: i + 1 } : null;
  }
  while (i < jql.length && WORD.test(jql[i] as string)) i++;
  return i > start ? { text: jql.slice(start, i), start, end: i } : null;
}

/** End of a quoted string starting at `i` (a field name or value elsewhere in the query), so its words are skipped. */
function skipQuoted(jql: string, i: number): number {
  const quote = jql[i];
  for (i++; i < jql.length && jql[i] !== quote; i++) if (jql[i] === '\\') i++;
  return i + 1;
}

/**
 * The filter without the given project values, or null when it cannot be done safely: a value not found in a
 * `project in (…)` / `project not in (…)` list, or a list it would leave empty (the viewer then sees none of it,
 * which Jira's own message says better).
 */
export function withoutProjects(jql: string, projects: readonly string[]): string | null {
  const wanted = new Set(projects.map((p) => p.toLowerCase()));
  const found = new Set<string>();
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i] as string;
    if (ch === '"' || ch === "'") {
      i = skipQuoted(jql, i);
      continue;
    }
    const atWord = /[A-Za-z]/.test(ch) && (i === 0 || !WORD.test(jql[i - 1] as string));
    if (!atWord || jql.slice(i, i + 7).toLowerCase() !== 'project' || WORD.test(jql[i + 7] ?? ' ')) {
      i++;
      continue;
    }
    let j = skipSpace(jql, i + 7);
    const operator = /^(not\s+in|in)\b/i.exec(jql.slice(j));
    if (!operator) {
      i = j;
      continue;
    }
    j = skipSpace(jql, j + operator[0].length);
    if (jql[j] !== '(') {
      i = j;
      continue;
    }
    const values: Value[] = [];
    j = skipSpace(jql, j + 1);
    while (j < jql.length && jql[j] !== ')') {
      const value = readValue(jql, j);
      if (!value) return null;
      values.push(value);
      j = skipSpace(jql, value.end);
      if (jql[j] === ',') j = skipSpace(jql, j + 1);
    }
    if (jql[j] !== ')') return null;
    const kept = values.filter((v) => !wanted.has(v.text.toLowerCase()));
    if (kept.length !== values.length) {
      if (kept.length === 0) return null;
      values.filter((v) => wanted.has(v.text.toLowerCase())).forEach((v) => found.add(v.text.toLowerCase()));
      const open = jql.indexOf('(', i);
      cuts.push({ start: open + 1, end: j, text: kept.map((v) => jql.slice(v.start, v.end)).join(', ') });
    }
    i = j + 1;
  }
  if ([...wanted].some((p) => !found.has(p))) return null;
  return cuts.reduceRight((text, cut) => text.slice(0, cut.start) + cut.text + text.slice(cut.end), jql);
}
