// The one way the app talks to Confluence: requestConfluence as the user (what a person may see and create in
// Confluence is Confluence's decision, never the app's), every response parsed with a schema named after its
// endpoint, statuses turned into ProductError with Confluence's own error text (v2 answers `{ errors: [...] }`).
// No in-process retry: these calls are made while a person waits in the panel, who is told to try again.
import api, { type Route } from '@forge/api';
import type { z } from 'zod';
import { ProductError } from '../errors';

export interface ConfluenceRequest {
  method?: 'GET' | 'POST';
  route: Route;
  body?: unknown;
  /** Names the endpoint in errors, e.g. 'POST /wiki/api/v2/pages'. */
  endpoint: string;
}

export async function confluenceJson<S extends z.ZodType>(req: ConfluenceRequest, schema: S): Promise<z.infer<S>> {
  const response = await api.asUser().requestConfluence(req.route, {
    method: req.method ?? 'GET',
    headers: { Accept: 'application/json', ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  });
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new ProductError(
      response.status,
      req.endpoint,
      errorMessages(text),
      response.headers.get('retry-after') !== null && Number.isFinite(seconds) ? seconds : null,
    );
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ProductError(
      502,
      req.endpoint,
      [`unexpected response shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`],
      null,
    );
  }
  return parsed.data;
}

function errorMessages(text: string): string[] {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { errors, message } = body as { errors?: unknown; message?: unknown };
      if (Array.isArray(errors)) {
        return errors.flatMap((e) => {
          if (typeof e !== 'object' || e === null) return [];
          const { title, detail } = e as { title?: unknown; detail?: unknown };
          return [typeof detail === 'string' && detail ? detail : typeof title === 'string' ? title : ''].filter(
            Boolean,
          );
        });
      }
      if (typeof message === 'string') return [message];
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text ? [text.slice(0, 300)] : [];
}
