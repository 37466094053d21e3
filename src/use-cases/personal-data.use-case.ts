// The weekly personal data report (Atlassian's user privacy guide: report every stored account id once per cycle,
// 7 days by default). Closed accounts are erased from app storage at once. "updated" means the person's profile
// changed; the app keeps no profile data (names are looked up when shown), so there is nothing to refresh.
import { eraseStoredAccounts, storedAccounts } from '../adapters/personal-data.store';
import { reportAccounts } from '../adapters/privacy.api';

export interface PersonalDataRun {
  reported: number;
  closed: string[];
  erasedKeys: string[];
  failedKeys: string[];
}

export async function reportPersonalData(now: Date): Promise<PersonalDataRun> {
  const stored = await storedAccounts(now);
  const accounts = [...stored].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
  const statuses = accounts.length ? await reportAccounts(accounts) : [];
  const closed = new Set(statuses.filter((s) => s.status === 'closed').map((s) => s.accountId));
  const { erased, failed } = await eraseStoredAccounts(closed);
  return { reported: accounts.length, closed: [...closed], erasedKeys: erased, failedKeys: failed };
}
