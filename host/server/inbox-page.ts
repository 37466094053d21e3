// The signed-in person's notifications: what Jira's notify endpoint delivered to them (Jira would email these),
// newest first, each with its issue. The stand-in for the person's mailbox, so reminders can be seen and tested.
import { esc } from './html';
import type { RequestContext } from './server';

export async function inboxPage(ctx: RequestContext): Promise<void> {
  const mine = [...ctx.host.jira.inbox(ctx.user)].reverse();
  const rows = mine
    .map(
      (n) =>
        `<tr data-testid="inbox-item"><td>${esc(n.at.slice(0, 16).replace('T', ' '))} UTC</td><td><a href="/jira/browse/${esc(n.issueKey)}">${esc(n.issueKey)}</a></td><td><strong>${esc(n.subject)}</strong><br>${esc(n.textBody)}</td></tr>`,
    )
    .join('');
  ctx.render(
    'Inbox',
    'Jira',
    `<h1>Inbox</h1><p>Notifications Jira sent you (it would email them). Apps send them through the issue notify API.</p>
<table data-testid="inbox" aria-label="Your notifications, newest first"><thead><tr><th scope="col">Sent</th><th scope="col">Issue</th><th scope="col">Notification</th></tr></thead><tbody>${rows || '<tr><td colspan="3" data-testid="inbox-empty">No notifications yet.</td></tr>'}</tbody></table>`,
  );
}
