// User JSON as GET /rest/api/3/user answers it.
import type { UserRec } from './state';
import type { Site } from './site';

export function avatarUrls(site: Site, seed: string): Record<string, string> {
  const base = site.url(`/images/avatars/${encodeURIComponent(seed)}.png`);
  return { '48x48': `${base}?s=48`, '24x24': `${base}?s=24`, '16x16': `${base}?s=16`, '32x32': `${base}?s=32` };
}

export function userJson(site: Site, user: UserRec): Record<string, unknown> {
  return {
    self: site.url(`/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`),
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(site, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}

/** The user object, or null when the account id is unset or unknown. */
export function userJsonOrNull(site: Site, accountId: string | null): Record<string, unknown> | null {
  if (!accountId) return null;
  const user = site.user(accountId);
  return user ? userJson(site, user) : null;
}
