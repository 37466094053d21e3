// Wraps a handle()-er (the in-process Jira or Confluence) so every request and response is checked against the
// OpenAPI documents. A request that breaks the spec gets the 400 Jira would give and never reaches the handler.
import type { RestRequest, RestResponse } from '../jira/types';
import type { OpenApiChecker } from './checker';
import { splitRequestPath } from './checker';

export interface Tally {
  /** Requests plus responses checked. */
  checked: number;
  violations: string[];
}

export interface Handler {
  handle(req: RestRequest): Promise<RestResponse>;
}

export const createTally = (): Tally => ({ checked: 0, violations: [] });

export function withOpenApiChecks<T extends Handler>(target: T, checker: OpenApiChecker, tally: Tally): T {
  async function handle(req: RestRequest): Promise<RestResponse> {
    const label = `${req.method.toUpperCase()} ${splitRequestPath(req.path).path}`;
    const check = checker.checkRequest(req);
    tally.checked += 1;
    tally.violations.push(...check.violations.map((v) => `${label} request: ${v}`));
    if (check.operationId === null) return target.handle(req);
    if (check.violations.length > 0) {
      return {
        status: 400,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: {
          errorMessages: [
            `Invalid request payload. Refer to the REST API documentation and try again. (${check.operationId}: ${check.violations.join('; ')})`,
          ],
          errors: {},
        },
      };
    }
    const res = await target.handle(req);
    tally.checked += 1;
    tally.violations.push(
      ...checker.checkResponse(check.operationId, res).map((v) => `${label} → ${res.status} response: ${v}`),
    );
    return res;
  }
  return { ...target, handle };
}
