// A link to a pilot's Jira issue from inside the Confluence macro's iframe. A plain click asks the host product to
// navigate (Forge's issue target, or the site-relative /browse path where that target is not offered); the href
// is the real issue address, so opening in a new tab or copying the link still works.
import type { MouseEvent } from 'react';
import { router } from '@forge/bridge';

export function issueHref(siteUrl: string, issueKey: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(issueKey)}`;
}

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function IssueLink({ issueKey, siteUrl, testId }: { issueKey: string; siteUrl: string; testId?: string }) {
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    void router
      .navigate({ target: 'issue', issueKey })
      .catch(() => router.navigate(`/browse/${encodeURIComponent(issueKey)}`))
      .catch(() => undefined);
  };
  return (
    <a
      href={issueHref(siteUrl, issueKey)}
      target="_blank"
      rel="noopener noreferrer"
      onClick={open}
      data-testid={testId}
    >
      {issueKey}
    </a>
  );
}
