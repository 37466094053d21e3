// Minimal HTML helpers for the host's own pages (the stand-ins for Jira and Confluence around the app's frames).
export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export interface Layout {
  colorMode: 'light' | 'dark';
  title: string;
  product: 'Jira' | 'Confluence' | 'Local host';
  users: Array<{ accountId: string; displayName: string }>;
  currentUser: string;
  body: string;
}

const STYLE = `
  :root { color-scheme: light; font-family: -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f7f8f9; color: #172b4d; }
  header { display: flex; gap: 16px; align-items: center; padding: 8px 16px; background: #fff; border-bottom: 1px solid #dcdfe4; }
  header .product { font-weight: 700; color: #0c66e4; }
  header nav a { margin-right: 12px; color: #44546f; }
  header form:first-of-type { margin-left: auto; }
  main { padding: 16px 24px; max-width: 1280px; }
  h1 { font-size: 24px; margin: 8px 0 16px; }
  h2 { font-size: 16px; margin: 16px 0 8px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #dcdfe4; font-size: 14px; vertical-align: top; }
  .columns { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 24px; }
  .card { background: #fff; border: 1px solid #dcdfe4; border-radius: 4px; padding: 12px 16px; margin-bottom: 16px; }
  iframe.forge { width: 100%; border: 0; min-height: 120px; display: block; }
  dialog { width: min(760px, 92vw); border: 1px solid #dcdfe4; border-radius: 6px; padding: 0; margin: 5vh auto auto; }
  dialog iframe.forge { min-height: 420px; }
  .flags { position: fixed; left: 16px; bottom: 16px; display: grid; gap: 8px; }
  .flag { background: #fff; border-left: 4px solid #1f845a; padding: 8px 12px; box-shadow: 0 2px 8px #0003; }
  .error { color: #ae2e24; }
  button { font: inherit; padding: 4px 10px; }
  .app-icons { display: flex; gap: 8px; margin: 8px 0; }
  .app-icon { display: inline-flex; padding: 4px; border: 1px solid #dcdfe4; border-radius: 3px; background: #fff; cursor: pointer; }
  code { background: #f1f2f4; padding: 1px 4px; }
`;

const DARK = `
  :root { color-scheme: dark; }
  body { background: #1d2125; color: #b6c2cf; }
  header, .card, table, dialog { background: #22272b; border-color: #38414a; color: #b6c2cf; }
  th, td { border-color: #38414a; }
  a { color: #579dff; }
  code { background: #2c333a; }
`;

const PARENT_SCRIPT = `
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.source !== 'forge-host-bridge') return;
    const frame = document.querySelector('iframe[data-frame="' + m.frameId + '"]');
    if (m.name === 'resize' && frame) {
      frame.style.height = Math.max(120, m.payload.height) + 'px';
      frame.dataset.resizeReports = String(Number(frame.dataset.resizeReports || 0) + 1);
    }
    if (m.name === 'showFlag') {
      const flag = document.createElement('div');
      flag.className = 'flag';
      flag.setAttribute('role', 'status');
      flag.textContent = (m.payload && (m.payload.title || '')) + (m.payload && m.payload.description ? ': ' + m.payload.description : '');
      document.querySelector('.flags').appendChild(flag);
      setTimeout(() => flag.remove(), 6000);
    }
    // A form that submits on every change (an Automation action's config) stays where it is.
    if (m.name === 'submit' && frame && frame.dataset.keepOnSubmit) return;
    if (m.name === 'submit' || m.name === 'close') {
      const dialog = frame && frame.closest('dialog');
      if (dialog) dialog.close();
      // Confluence re-renders an edited macro in place; inserting one changes the page, so the page reloads.
      const target = dialog && dialog.dataset.viewFrame && document.querySelector('iframe[data-frame="' + dialog.dataset.viewFrame + '"]');
      if (m.name === 'submit') target ? target.contentWindow.location.reload() : location.reload();
    }
    if (m.name === 'navigate' && m.payload && m.payload.target === 'issue') location.href = '/jira/browse/' + m.payload.issueKey;
    if (m.name === 'reload' || m.name === 'refresh') location.reload();
  });
`;

export function page(layout: Layout): string {
  const options = layout.users
    .map(
      (u) =>
        `<option value="${esc(u.accountId)}"${u.accountId === layout.currentUser ? ' selected' : ''}>${esc(u.displayName)}</option>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(layout.title)} · ${esc(layout.product)} (local)</title>
<style>${STYLE}${layout.colorMode === 'dark' ? DARK : ''}</style></head><body>
<header><span class="product">${esc(layout.product)}</span>
<nav><a href="/">Home</a><a href="/jira/search">Issues</a><a href="/jira/inbox">Inbox</a><a href="/confluence">Confluence</a><a href="/jira/dashboard">Dashboards</a><a href="/jira/apps">Apps</a><a href="/host/actions">Rovo &amp; Automation</a></nav>
<form method="post" action="/host/theme"><button type="submit" data-testid="theme-toggle">${layout.colorMode === 'dark' ? 'Light theme' : 'Dark theme'}</button></form>
<form method="post" action="/host/user"><label>Signed in as <select name="accountId" data-testid="user-switcher" onchange="this.form.submit()">${options}</select></label><noscript><button>Switch</button></noscript></form>
</header><main>${layout.body}</main><div class="flags" aria-live="polite"></div>
<script>${PARENT_SCRIPT}</script></body></html>`;
}

export function forgeFrame(frameId: string, resource: string, title: string): string {
  return `<iframe class="forge" title="${esc(title)}" data-frame="${esc(frameId)}" data-testid="forge-frame-${esc(resource)}" src="/app/${esc(resource)}/index.html?frame=${encodeURIComponent(frameId)}"></iframe>`;
}
