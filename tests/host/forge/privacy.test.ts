// The host's personal data reporting endpoint refuses what Atlassian's documents say it refuses.
import { PersonalDataReporting, REPORT_LIMIT } from '../../../host/forge/privacy';

const SCOPES = ['report:personal-data'];
const account = (accountId: string, updatedAt = '2026-01-01T00:00:00.000Z') => ({ accountId, updatedAt });

describe('POST /app/report-accounts', () => {
  it('answers 204 when there is nothing to do, 200 with closed and updated accounts otherwise', () => {
    const api = new PersonalDataReporting();
    expect(api.handle({ accounts: [account('a-1')] }, SCOPES)).toEqual({ status: 204, body: undefined });
    api.closeAccount('a-1');
    api.changeProfile('a-2', new Date('2026-02-01T00:00:00.000Z'));
    expect(
      api.handle(
        { accounts: [account('a-1'), account('a-2'), account('a-3'), account('a-2', '2026-03-01T00:00:00Z')] },
        SCOPES,
      ),
    ).toEqual({
      status: 200,
      body: {
        accounts: [
          { accountId: 'a-1', status: 'closed' },
          { accountId: 'a-2', status: 'updated' },
        ],
      },
    });
    expect(api.requests).toHaveLength(2);
  });

  it.each([
    [
      'more than 90 accounts',
      { accounts: Array.from({ length: REPORT_LIMIT + 1 }, (_, i) => account(`a-${i}`)) },
      /At most 90/,
    ],
    ['no accounts', { accounts: [] }, /non-empty/],
    ['an updatedAt that is not RFC 3339', { accounts: [account('a-1', '2026-01-01')] }, /updatedAt/],
    ['an account id with other characters', { accounts: [account('a 1')] }, /accountId/],
  ])('refuses %s with 400 {errorType, errorMessage}', (_name, body, message) => {
    const api = new PersonalDataReporting();
    const res = api.handle(body, SCOPES);
    expect(res.status).toBe(400);
    expect((res.body as { errorMessage: string }).errorMessage).toMatch(message);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an app without the report:personal-data scope', () => {
    expect(new PersonalDataReporting().handle({ accounts: [account('a-1')] }, ['storage:app']).status).toBe(403);
  });
});
