// Jira's offset-paged answer (PageBean*): {self, nextPage?, maxResults, startAt, total, isLast, values}.
import type { Site } from './site';
import { badRequest } from './errors';

export function pageParams(startAt: number, maxResults: number): { startAt: number; maxResults: number } {
  if (startAt < 0) throw badRequest("The 'startAt' parameter must not be negative.");
  if (maxResults < 0) throw badRequest("The 'maxResults' parameter must not be negative.");
  return { startAt, maxResults };
}

export function pageBean<T>(
  site: Site,
  path: string,
  query: URLSearchParams,
  all: T[],
  startAt: number,
  maxResults: number,
): Record<string, unknown> {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const self = new URLSearchParams(query);
  const out: Record<string, unknown> = {
    self: site.url(`${path}${self.toString() ? `?${self.toString()}` : ''}`),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
  if (!isLast) {
    const next = new URLSearchParams(query);
    next.set('startAt', String(startAt + maxResults));
    next.set('maxResults', String(maxResults));
    out.nextPage = site.url(`${path}?${next.toString()}`);
  }
  return out;
}
