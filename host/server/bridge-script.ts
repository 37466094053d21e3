// The script the host puts first in every Custom UI page, as Forge's global-bridge.js is in production: it
// defines window.__bridge.callBridge, which the unmodified @forge/bridge calls for everything.
export function bridgeScript(frameId: string): string {
  return `(() => {
  const frameId = ${JSON.stringify(frameId)};
  const toParent = (name, payload) => window.parent.postMessage({ source: 'forge-host-bridge', frameId, name, payload }, '*');
  const call = async (name, payload) => {
    const response = await fetch('/bridge/' + encodeURIComponent(frameId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, payload: payload === undefined ? null : payload }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body && body.message ? body.message : 'Bridge call ' + name + ' failed');
    if (body.needsAuthentication) {
      askForConsent();
      return new Promise(() => {});
    }
    return body.result;
  };
  const askForConsent = () => {
    if (document.getElementById('forge-consent')) return;
    const box = document.createElement('div');
    box.id = 'forge-consent';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Allow access');
    box.style.cssText = 'position:fixed;inset:0;background:#fff;display:flex;flex-direction:column;gap:12px;align-items:flex-start;padding:24px;font:14px sans-serif;color:#172b4d;z-index:10';
    box.innerHTML = '<strong>Allow access</strong><span>Pilot-to-Production needs your permission to read Jira as you, so it shows only the pilots you may see.</span>';
    const button = document.createElement('button');
    button.textContent = 'Allow access';
    button.style.cssText = 'padding:6px 12px;background:#0c66e4;color:#fff;border:0;border-radius:3px;cursor:pointer';
    button.onclick = async () => {
      await fetch('/host/consent', { method: 'POST' });
      location.reload();
    };
    box.appendChild(button);
    document.body.appendChild(box);
  };
  window.__bridge = {
    callBridge: async (name, payload) => {
      const result = await call(name, payload);
      if (name === 'enableTheming' && result && result.css) {
        const style = document.createElement('style');
        style.dataset.forgeTheme = result.colorMode;
        style.textContent = result.css;
        document.head.appendChild(style);
        document.documentElement.setAttribute('data-theme', 'dark:dark light:light');
        document.documentElement.setAttribute('data-color-mode', result.colorMode);
        return undefined;
      }
      if (['submit', 'close', 'showFlag', 'navigate', 'reload', 'refresh', 'open', 'openModal'].includes(name)) toParent(name, payload);
      if (name === 'showFlag') return { id: String(Date.now()) };
      return result;
    },
  };
  // The frame takes the height of the app's content, as Forge's resizer does. The content must not depend on the
  // frame's own height, or every report grows the frame again: @atlaskit/css-reset gives html and body
  // height: 100%, so (like Forge's iframe resizer) the script sets both to auto and measures the body's box plus
  // its margins, reporting only when that changes.
  // When the host resizes the frame (its window), the content height is reported again even if unchanged.
  let last = -1;
  const report = (force) => {
    const style = getComputedStyle(document.body);
    const height = Math.ceil(document.body.getBoundingClientRect().height + parseFloat(style.marginTop || '0') + parseFloat(style.marginBottom || '0'));
    if (height === last && force !== true) return;
    last = height;
    toParent('resize', { height });
  };
  window.addEventListener('DOMContentLoaded', () => {
    document.documentElement.style.height = 'auto';
    document.body.style.height = 'auto';
    report();
    new ResizeObserver(() => report()).observe(document.body);
    window.addEventListener('resize', () => report(true));
  });
})();`;
}
