// Jira's error shape: every failure answers {errorMessages: string[], errors: Record<string, string>}.

export interface ErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(
      `${status}: ${[...body.errorMessages, ...Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`,
    );
    this.name = 'JiraError';
  }
}

export const errorBody = (messages: string[], errors: Record<string, string> = {}): ErrorBody => ({
  errorMessages: messages,
  errors,
});

export const badRequest = (messages: string[] | string, errors: Record<string, string> = {}): JiraError =>
  new JiraError(400, errorBody(typeof messages === 'string' ? [messages] : messages, errors));

export const fieldErrors = (errors: Record<string, string>): JiraError => new JiraError(400, errorBody([], errors));

export const notFound = (message: string): JiraError => new JiraError(404, errorBody([message]));

export const forbidden = (message: string): JiraError => new JiraError(403, errorBody([message]));

export const conflict = (message: string, errors: Record<string, string> = {}): JiraError =>
  new JiraError(409, errorBody([message], errors));

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const ADMIN_ONLY = 'You are not authorized to perform this action. Administrator privileges are required.';

export const issueNotFound = (): JiraError => notFound(ISSUE_NOT_FOUND);
export const adminOnly = (): JiraError => forbidden(ADMIN_ONLY);
export const projectNotFound = (idOrKey: string): JiraError =>
  notFound(`No project could be found with ${/^\d+$/.test(idOrKey) ? 'id' : 'key'} '${idOrKey}'.`);
