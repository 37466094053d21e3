// Atlassian's personal data reporting API (POST /app/report-accounts, reached through privacy.reportPersonalData),
// as the user privacy guide documents it: at most 90 accounts per request, each an accountId (1–128 characters:
// letters, digits, '-' and ':') with an RFC 3339 updatedAt; 200 with the accounts to act on ('closed', or
// 'updated' when the profile changed after updatedAt), 204 when there is nothing to do, 400 {errorType,
// errorMessage} for a malformed request. The app needs the report:personal-data scope. Tests close accounts
// and change profiles here; every request is kept for them to read.
export interface ReportedAccount {
  accountId: string;
  updatedAt: string;
}

export const REPORT_LIMIT = 90;
const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface WireResponse {
  status: number;
  body: unknown;
}

export class PersonalDataReporting {
  private readonly closed = new Set<string>();
  private readonly profileChanges = new Map<string, number>();
  /** Every request the app sent, in order. */
  readonly requests: ReportedAccount[][] = [];

  closeAccount(accountId: string): void {
    this.closed.add(accountId);
  }

  changeProfile(accountId: string, at: Date): void {
    this.profileChanges.set(accountId, at.getTime());
  }

  handle(body: unknown, scopes: readonly string[]): WireResponse {
    const bad = (message: string): WireResponse => ({
      status: 400,
      body: { errorType: 'BAD_REQUEST', errorMessage: message },
    });
    if (!scopes.includes('report:personal-data')) {
      return {
        status: 403,
        body: { errorType: 'FORBIDDEN', errorMessage: 'The app does not have the report:personal-data scope.' },
      };
    }
    const accounts = (body as { accounts?: unknown } | null)?.accounts;
    if (!Array.isArray(accounts) || accounts.length === 0) return bad('accounts must be a non-empty array.');
    if (accounts.length > REPORT_LIMIT)
      return bad(`At most ${REPORT_LIMIT} accounts can be reported in one request; got ${accounts.length}.`);
    const reported: ReportedAccount[] = [];
    for (const [i, a] of accounts.entries()) {
      const { accountId, updatedAt } = (a ?? {}) as Partial<ReportedAccount>;
      if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId))
        return bad(`accounts[${i}].accountId is not an account id.`);
      if (typeof updatedAt !== 'string' || !RFC3339.test(updatedAt) || Number.isNaN(Date.parse(updatedAt))) {
        return bad(`accounts[${i}].updatedAt must be an RFC 3339 date-time.`);
      }
      reported.push({ accountId, updatedAt });
    }
    this.requests.push(reported);
    const actions = reported.flatMap(
      ({ accountId, updatedAt }): Array<{ accountId: string; status: 'closed' | 'updated' }> => {
        if (this.closed.has(accountId)) return [{ accountId, status: 'closed' }];
        const changed = this.profileChanges.get(accountId);
        return changed !== undefined && changed > Date.parse(updatedAt) ? [{ accountId, status: 'updated' }] : [];
      },
    );
    return actions.length ? { status: 200, body: { accounts: actions } } : { status: 204, body: undefined };
  }
}
