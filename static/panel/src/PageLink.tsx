// A link to the pilot's production pathway page in Confluence. A plain click asks the product to open it (Custom
// UI runs in an iframe); the href is the page's real address, so a new tab or a copied link works too.
import type { MouseEvent } from 'react';
import { router } from '@forge/bridge';

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function PageLink({ url, children, testId }: { url: string; children: string; testId?: string }) {
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    void router.open(url).catch(() => undefined);
  };
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" onClick={open} data-testid={testId}>
      {children}
    </a>
  );
}
