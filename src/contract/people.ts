// People are shown by name, never by account id: names come from the view (looked up when it is built), and an
// account Jira would not name for this viewer reads "Unknown user" rather than its id.
export const UNKNOWN_USER = 'Unknown user';

export function personName(names: Readonly<Record<string, string>>, accountId: string | null | undefined): string {
  if (!accountId) return UNKNOWN_USER;
  const name = names[accountId]?.trim();
  return name && name !== accountId ? name : UNKNOWN_USER;
}

/** The audit trail's actor for what the app does on its own (the daily scan's reminders, seeding without a person). */
export const APP_ACTOR = 'app';
export const APP_ACTOR_NAME = 'AI Pilot to production (the app)';
