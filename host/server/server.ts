// The host's HTTP server: stand-in Jira and Confluence pages that embed the app's Custom UI frames, the bridge
// endpoint those frames call, and a few host actions (switch user, create an issue, transition, run the scan).
import { NeedsAuthenticationError } from '@forge/api';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { ROOT, type LocalHost } from '../host';
import type { ColorMode } from '../forge/contexts';
import { themeCss } from './theme';
import { bridgeScript } from './bridge-script';
import { CSP_REPORT_PATH, customUiCsp } from './csp';
import { esc, page } from './html';
import { confluencePages } from './confluence-pages';
import { jiraPages } from './jira-pages';
import { surfacePages } from './surface-pages';
import { actionPages } from './action-pages';

export interface Frame {
  id: string;
  colorMode: ColorMode;
  resource: string;
  moduleKey: string;
  resolverFunction: string | null;
  accountId: string;
  /** Built on every getContext/invoke, so a macro sees its latest saved config. */
  context: () => Record<string, unknown>;
  /** What view.submit does in this frame (macro config dialogs store the config). */
  submit?: (payload: unknown) => boolean;
}

export interface RequestContext {
  host: LocalHost;
  user: string;
  /** The product's theme for this person (a cookie the header's toggle sets): frames get it through getContext. */
  colorMode: ColorMode;
  url: URL;
  req: IncomingMessage;
  res: ServerResponse;
  form: () => Promise<Record<string, string>>;
  registerFrame(frame: Omit<Frame, 'id' | 'accountId' | 'colorMode'>): string;
  render(title: string, product: 'Jira' | 'Confluence' | 'Local host', body: string): void;
  redirect(location: string): void;
  users(): Array<{ accountId: string; displayName: string }>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export class HostServer {
  private readonly frames = new Map<string, Frame>();
  /** Every bridge call the Custom UI frames made (name and, for invoke, the resolver key), for the benchmark. */
  readonly bridgeLog: Array<{ frameId: string; resource: string; name: string; functionKey?: string }> = [];
  /** CSP violation reports the frames' browsers sent (Forge's report-uri; tests read them). */
  readonly cspReports: Array<Record<string, unknown>> = [];
  private server: Server | null = null;

  constructor(
    private readonly host: LocalHost,
    private readonly defaultUser: string,
  ) {}

  async listen(port: number): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('[host] request failed', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`Host error: ${String(error)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`Port ${port} is already in use. Start on another one: npm start -- --port ${port + 1}`)
            : error,
        ),
      );
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    const address = this.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    return `http://127.0.0.1:${actualPort}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  frame(id: string): Frame | undefined {
    return this.frames.get(id);
  }

  private userOf(req: IncomingMessage): string {
    const cookie = /(?:^|;\s*)p2p-user=([^;]+)/.exec(req.headers.cookie ?? '');
    return cookie?.[1] ? decodeURIComponent(cookie[1]) : this.defaultUser;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const user = this.userOf(req);
    const colorMode: ColorMode = /(?:^|;\s*)p2p-theme=dark/.test(req.headers.cookie ?? '') ? 'dark' : 'light';
    if (url.pathname.startsWith('/app/')) return this.serveStatic(url, res);
    if (url.pathname.startsWith('/bridge.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bridgeScript(url.searchParams.get('frame') ?? ''));
      return;
    }
    if (url.pathname === CSP_REPORT_PATH && req.method === 'POST') {
      const report = (JSON.parse((await readBody(req)) || '{}') as { 'csp-report'?: Record<string, unknown> })[
        'csp-report'
      ];
      if (report) {
        this.cspReports.push(report);
        console.warn(
          `[host] CSP violation in ${String(report['document-uri'])}: ${String(report['violated-directive'])} blocked ${String(report['blocked-uri'])}`,
        );
      }
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/bridge/') && req.method === 'POST')
      return this.handleBridge(decodeURIComponent(url.pathname.slice('/bridge/'.length)), req, res);
    let bodyCache: Record<string, string> | null = null;
    const ctx: RequestContext = {
      host: this.host,
      user,
      colorMode,
      url,
      req,
      res,
      form: async () => (bodyCache ??= Object.fromEntries(new URLSearchParams(await readBody(req)))),
      registerFrame: (frame) => {
        const id = randomUUID();
        this.frames.set(id, { ...frame, id, accountId: user, colorMode });
        return id;
      },
      render: (title, product, body) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page({ title, product, body, users: ctx.users(), currentUser: user, colorMode }));
      },
      redirect: (location) => {
        res.writeHead(303, { location });
        res.end();
      },
      users: () =>
        this.host.jira.state.users
          .filter((u: { accountType?: string }) => u.accountType !== 'app')
          .map((u: { accountId: string; displayName: string }) => ({
            accountId: u.accountId,
            displayName: u.displayName,
          })),
    };
    if (url.pathname === '/host/user' && req.method === 'POST') {
      const { accountId } = await ctx.form();
      res.writeHead(303, {
        location: req.headers.referer ?? '/',
        'set-cookie': `p2p-user=${encodeURIComponent(accountId ?? '')}; Path=/; SameSite=Lax`,
      });
      res.end();
      return;
    }
    if (url.pathname === '/host/theme' && req.method === 'POST') {
      res.writeHead(303, {
        location: req.headers.referer ?? '/',
        'set-cookie': `p2p-theme=${colorMode === 'dark' ? 'light' : 'dark'}; Path=/; SameSite=Lax`,
      });
      res.end();
      return;
    }
    if (url.pathname === '/host/consent' && req.method === 'POST') {
      this.host.consent.add(user);
      this.host.markDirty();
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/host/scan' && req.method === 'POST') {
      await this.host.runner.runScheduledTrigger('daily-stall-scan');
      await this.host.runner.idle();
      return ctx.redirect(url.searchParams.get('back') ?? '/');
    }
    if (await jiraPages(ctx)) return;
    if (await confluencePages(ctx)) return;
    if (await surfacePages(ctx)) return;
    if (await actionPages(ctx)) return;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page({
        title: 'Not found',
        product: 'Local host',
        users: ctx.users(),
        currentUser: user,
        colorMode,
        body: `<h1>Not found</h1><p>${esc(url.pathname)}</p>`,
      }),
    );
  }

  private serveStatic(url: URL, res: ServerResponse): void {
    const [, , resource, ...rest] = url.pathname.split('/');
    const decl = this.host.manifest.resources.find((r) => r.key === resource);
    const file = normalize(join(ROOT, decl?.path ?? '__none__', rest.join('/') || 'index.html'));
    if (!decl || !file.startsWith(join(ROOT, decl.path)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(decl ? `Not built: ${file}. Run npm run build:ui.` : 'Unknown resource');
      return;
    }
    let content: Buffer | string = readFileSync(file);
    if (file.endsWith('index.html')) {
      const frame = url.searchParams.get('frame') ?? '';
      content = content
        .toString('utf8')
        .replace('<head>', `<head><script src="/bridge.js?frame=${encodeURIComponent(frame)}"></script>`);
    }
    // Forge serves every Custom UI resource under the CSP the manifest's permissions give it.
    const csp = customUiCsp(this.host.manifest, typeof content === 'string' ? content : '');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'content-security-policy': csp,
    });
    res.end(content);
  }

  private async handleBridge(frameId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const frame = this.frames.get(frameId);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!frame) return send(404, { message: 'This frame is no longer registered; reload the page.' });
    const { name, payload } = JSON.parse(await readBody(req)) as {
      name: string;
      payload: Record<string, unknown> | null;
    };
    this.bridgeLog.push({
      frameId,
      resource: frame.resource,
      name,
      ...(name === 'invoke' ? { functionKey: String(payload?.functionKey) } : {}),
    });
    try {
      send(200, { result: await this.bridgeCall(frame, name, payload ?? {}) });
    } catch (error) {
      // What Forge does when asUser() needs consent: the platform, not the app, asks the person to allow access.
      if (error instanceof NeedsAuthenticationError) return send(200, { needsAuthentication: true });
      console.error(`[host] bridge ${name} failed`, error);
      send(500, { message: error instanceof Error ? error.message : String(error) });
    }
  }

  async bridgeCall(frame: Frame, name: string, payload: Record<string, unknown>): Promise<unknown> {
    switch (name) {
      case 'getContext':
        return frame.context();
      case 'invoke': {
        if (!frame.resolverFunction) throw new Error(`${frame.moduleKey} has no resolver`);
        const { result } = await this.host.runner.invokeResolver(
          frame.moduleKey,
          frame.resolverFunction,
          { functionKey: String(payload.functionKey), payload: payload.payload },
          frame.context(),
          frame.accountId,
        );
        return result;
      }
      case 'fetchProduct': {
        // @forge/bridge's requestJira/requestConfluence act as the person, so they need that person's consent like
        // asUser() does; and what they change is the app's own doing (self-generated events).
        if (!this.host.consent.has(frame.accountId))
          throw new NeedsAuthenticationError('Authentication required', 'atlassian-token-service-key');
        const init = (payload.fetchRequestInit ?? {}) as {
          method?: string;
          body?: string;
          headers?: Array<[string, string]>;
        };
        const backend = payload.product === 'confluence' ? this.host.appConfluence : this.host.appJira;
        await this.host.latency.wait(payload.product === 'confluence' ? 'confluence' : 'jira');
        const response = await backend.handle({
          method: (init.method ?? 'GET').toUpperCase(),
          path: String(payload.restPath),
          headers: Object.fromEntries(init.headers ?? []),
          body: init.body ? JSON.parse(init.body) : undefined,
          principal: { kind: 'user', accountId: frame.accountId, viaApp: true },
        });
        return {
          status: response.status,
          statusText: String(response.status),
          headers: response.headers,
          body: response.body === undefined ? '' : JSON.stringify(response.body),
        };
      }
      case 'submit':
        return frame.submit ? frame.submit(payload) : true;
      case 'getUrl':
        return `/jira/browse/${String((payload as { issueKey?: string }).issueKey ?? '')}`;
      case 'enableTheming':
        // What Forge does for view.theme.enable(): hand the frame the product's theme as design-token CSS.
        return { colorMode: frame.colorMode, css: themeCss(frame.colorMode) };
      case 'close':
      case 'showFlag':
      case 'navigate':
      case 'reload':
      case 'refresh':
      case 'emitReadyEvent':
      case 'emitFrontendCustomMetric':
      case 'initFeatureFlags':
        return undefined;
      default:
        throw new Error(`The local host does not implement the bridge call "${name}"`);
    }
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
