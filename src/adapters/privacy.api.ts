// Forge's personal data reporting (privacy.reportPersonalData, POST /app/report-accounts, at most 90 accounts
// per request; the helper splits larger lists). Needs the report:personal-data scope.
import { privacy } from '@forge/api';

export interface AccountStatus {
  accountId: string;
  status: 'closed' | 'updated';
}

export async function reportAccounts(
  accounts: Array<{ accountId: string; updatedAt: string }>,
): Promise<AccountStatus[]> {
  try {
    return await privacy.reportPersonalData(accounts);
  } catch (error) {
    // The helper rejects with the platform's Response (429, 5xx): name the status instead of an opaque object.
    const status = (error as { status?: unknown })?.status;
    throw new Error(`Personal data reporting failed${typeof status === 'number' ? ` with HTTP ${status}` : ''}`, {
      cause: error,
    });
  }
}
