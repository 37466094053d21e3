// The Content-Security-Policy Forge serves every Custom UI resource with, derived from the manifest the way
// Atlassian's own @forge/csp builds it (CSPProcessingService + CSPInjectionService, the code behind the CDN and
// `forge tunnel`), and as https://developer.atlassian.com/platform/forge/add-content-security-and-egress-controls/
// describes: everything defaults to 'self'; inline styles are blocked unless the manifest declares
// `permissions.content.styles: ['unsafe-inline']` (the only value Forge accepts there); `permissions.content.scripts`
// may add 'unsafe-inline' / 'unsafe-eval' / 'unsafe-hashes' / blob: / hashes, and inline <script>s of index.html are
// allowed by their sha256; `permissions.external` adds sources per directive (fetch.client → connect-src,
// images → img-src, …). Atlassian's own CDN and media hosts are left out: the host serves everything itself.
import { createHash } from 'node:crypto';
import type { Manifest } from '../forge/manifest';

/** Where the frames' browsers send violation reports (the host records them, as Forge's report-uri does). */
export const CSP_REPORT_PATH = '/host/csp-report';

const STYLE_ALLOWLIST = ['unsafe-inline'];
const QUOTED_SCRIPT_ALLOWLIST = ['unsafe-inline', 'unsafe-eval', 'unsafe-hashes'];
const HASH = [/^sha256-[a-zA-Z0-9=+/]{44}$/, /^sha384-[a-zA-Z0-9=+/]{64}$/, /^sha512-[a-zA-Z0-9=+/]{88}$/];

type Egress = string | { address: string };
const addresses = (list: Egress[] | undefined): string[] =>
  (list ?? []).map((e) => (typeof e === 'string' ? e : e.address));

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  }
  return hashes;
}

/** The policy for one resource response; `html` is the served index.html (for its inline script hashes). */
export function customUiCsp(manifest: Manifest, html = ''): string {
  const content = manifest.permissions.content ?? {};
  const external = manifest.permissions.external ?? {};
  const styles = (content.styles ?? []).filter((s) => STYLE_ALLOWLIST.includes(s)).map((s) => `'${s}'`);
  const userScripts = (content.scripts ?? []).filter(
    (s) => QUOTED_SCRIPT_ALLOWLIST.includes(s) || s === 'blob:' || HASH.some((h) => h.test(s)),
  );
  const scripts = [
    ...userScripts.map((s) => (s === 'blob:' ? s : `'${s}'`)),
    ...(userScripts.includes('unsafe-inline') ? [] : inlineScriptHashes(html)),
  ];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['frame-ancestors', ["'self'"]],
    ['frame-src', ["'self'", ...addresses(external.frames)]],
    ['font-src', ["'self'", ...addresses(external.fonts)]],
    ['img-src', ["'self'", 'data:', 'blob:', ...addresses(external.images)]],
    ['media-src', ["'self'", 'data:', 'blob:', ...addresses(external.media)]],
    ['connect-src', ["'self'", ...(external.fetch?.client ?? [])]],
    ['script-src', ["'self'", ...scripts, ...addresses(external.scripts)]],
    ['style-src', ["'self'", ...styles, ...addresses(external.styles)]],
    ['form-action', ["'self'"]],
    ['report-uri', [CSP_REPORT_PATH]],
  ];
  return directives.map(([name, sources]) => `${name} ${[...new Set(sources)].join(' ')}`).join('; ');
}
