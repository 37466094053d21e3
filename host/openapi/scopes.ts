// The scope check the platform makes on every REST call an app sends (resolvers, triggers, Custom UI's
// requestJira): the operation's OAuth 2.0 scope sets from the OpenAPI document against the manifest's
// `permissions.scopes`. An app passes with every scope of one set (the classic set or the granular one); otherwise
// Jira answers 403 "Access to the resource was denied due to missing scope grants", listing the sets.
// Calls people make in the product's own UI are not app calls and are not checked.
import type { RestRequest, RestResponse } from '../jira/types';
import type { OpenApiChecker } from './checker';
import type { Handler } from './with-checks';

/** The first scope set the granted scopes satisfy, or null (an empty set needs nothing). */
export function satisfiedSet(granted: readonly string[], sets: readonly string[][]): string[] | null {
  return sets.find((set) => set.every((scope) => granted.includes(scope))) ?? null;
}

export function missingScopeMessage(granted: readonly string[], sets: readonly string[][]): string {
  return (
    `Access to the resource was denied due to missing scope grants. Your app was granted the following scopes: [${granted.join(', ')}].\n` +
    `The resource can be accessed by having one of these groups of scopes:\n${sets.map((set) => ` * [${set.join(', ')}]\n`).join('')}`
  );
}

const json = (status: number, body: unknown): RestResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body,
});

/** The refusal in the product's own error shape (Jira: errorMessages; Confluence v2: errors[]). */
function refusal(product: 'jira' | 'confluence', status: 401 | 403, message: string): RestResponse {
  if (product === 'jira') return json(status, { errorMessages: [message] });
  return json(status, {
    errors: [
      {
        status,
        code: status === 403 ? 'FORBIDDEN' : 'UNAUTHORIZED',
        title: status === 403 ? 'Forbidden' : 'Unauthorized',
        detail: message,
      },
    ],
  });
}

/** What the app's scopes allow for one request: null when allowed, else the response the platform gives. */
export function scopeRefusal(
  checker: OpenApiChecker,
  product: 'jira' | 'confluence',
  granted: readonly string[],
  req: Pick<RestRequest, 'method' | 'path'>,
): RestResponse | null {
  const found = checker.scopeSets(req);
  if (!found) return null; // not an operation of the document: the OpenAPI check refuses it on its own terms
  if (found.scopeSets.length === 0) {
    return refusal(
      product,
      401,
      `${req.method.toUpperCase()} ${req.path.split('?')[0]} (${found.operationId}) does not support OAuth 2.0, so Forge apps cannot call it.`,
    );
  }
  return satisfiedSet(granted, found.scopeSets)
    ? null
    : refusal(product, 403, missingScopeMessage(granted, found.scopeSets));
}

/** Wraps a product backend so app calls outside the manifest's scopes are refused before they reach it. */
export function withScopeChecks<T extends Handler>(
  target: T,
  checker: OpenApiChecker,
  product: 'jira' | 'confluence',
  granted: () => readonly string[],
): T {
  async function handle(req: RestRequest): Promise<RestResponse> {
    return scopeRefusal(checker, product, granted(), req) ?? target.handle(req);
  }
  return { ...target, handle };
}
