// The local host: the real app (src/index.ts, the built Custom UI bundles, unmodified Forge SDKs) against an
// in-process Jira, Confluence and KVS. Used by `npm start`, by the end-to-end and browser tests, and by the
// benchmark. Nothing in src/ or static/ knows it exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConfluence, type Confluence } from './confluence';
import { AppRunner, type AppModule } from './forge/app-runner';
import { Faults } from './forge/faults';
import { readManifest, type Manifest } from './forge/manifest';
import { installForgeGlobals, type ProductBackend } from './forge/runtime';
import { createJira, type ForgeFieldDecl, type Jira, type JiraEvent } from './jira';
import { KvsStore, type KvsState } from './kvs/kvs-store';
import { createOpenApiChecker, saveTally, withOpenApiChecks, type OpenApiTally } from './openapi';

export const ROOT = resolve(__dirname, '..');
const ENV_ID = '11111111-2222-4333-8444-555555555555';
const INSTALLATION_ID = '99999999-8888-4777-8666-555555555555';
const CLOUD_ID = 'local-cloud-0000';

export interface HostOptions {
  /** Folder for persisted state; null keeps everything in memory (tests). */
  dataDir: string | null;
  reset?: boolean;
  /** ms per retryAfter second for platform retries (tests shrink it). */
  msPerRetrySecond?: number;
  /** Write this host's OpenAPI tally at close, for the test run's reporter. */
  saveTally?: boolean;
  /** Print when Forge would stop retrying a delivery (tests read the delivery log instead). */
  reportGiveUps?: boolean;
}

interface PersistedState {
  jira: Jira['state'];
  confluence: Confluence['state'];
  kvs: KvsState;
  consent: string[];
}

export class LocalHost {
  readonly manifest: Manifest;
  readonly jira: Jira;
  readonly checkedJira: ProductBackend;
  readonly confluence: Confluence;
  readonly checkedConfluence: ProductBackend;
  readonly kvs: KvsStore;
  readonly faults = new Faults();
  readonly runner: AppRunner;
  readonly tally: OpenApiTally = { checked: 0, violations: [] };
  /** Users who have granted the app access to act as them (asUser). */
  readonly consent: Set<string>;
  readonly freshState: boolean;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: HostOptions) {
    this.manifest = readManifest(join(ROOT, 'manifest.yml'));
    const persisted = this.loadState();
    this.freshState = persisted === null;
    const appId = this.manifest.app.id;
    const validatorKey = (this.manifest.modules['jira:workflowValidator'] ?? [])[0]?.key;
    this.jira = createJira({
      ...(persisted ? { state: persisted.jira } : {}),
      forgeFields: forgeFields(this.manifest),
      appId,
      envId: ENV_ID,
      ...(validatorKey ? { workflowValidatorKey: validatorKey } : {}),
    });
    this.confluence = createConfluence(persisted ? { state: persisted.confluence } : {});
    this.kvs = new KvsStore(persisted?.kvs ?? {});
    this.consent = new Set(persisted?.consent ?? []);
    const checker = createOpenApiChecker({
      jira: join(ROOT, 'tests/fixtures/specs/jira-platform-v3.openapi.json'),
      confluence: join(ROOT, 'tests/fixtures/specs/confluence-v2.openapi.json'),
    });
    this.checkedJira = withOpenApiChecks(this.jira, checker, this.tally);
    this.checkedConfluence = withOpenApiChecks(this.confluence, checker, this.tally);

    installForgeGlobals({
      jira: this.checkedJira,
      confluence: this.checkedConfluence,
      kvs: this.kvs,
      faults: this.faults,
      appId,
      environmentId: ENV_ID,
      installationId: INSTALLATION_ID,
      scopes: this.manifest.permissions.scopes,
      hasConsent: (accountId) => this.consent.has(accountId),
      onQueuePush: (queue, events) => this.runner.pushToQueue(queue, events),
      onKvsChange: () => this.markDirty(),
    });
    // Loaded after the globals exist: @forge/kvs and @forge/api read them at import time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app = require(join(ROOT, 'src', 'index.ts')) as AppModule;
    this.runner = new AppRunner(app, this.manifest, {
      installationId: INSTALLATION_ID,
      cloudId: CLOUD_ID,
      appAccountId: this.jira.appAccountId,
      faults: this.faults,
      msPerRetrySecond: options.msPerRetrySecond ?? 1000,
      reportGiveUps: options.reportGiveUps ?? true,
    });
    this.jira.onEvent((event) => {
      this.markDirty();
      this.runner.emitProductEvent(toForgeEvent(event, this.jira.appAccountId));
    });
    this.jira.setWorkflowValidator((args) => this.runner.validateTransition(args));
  }

  get cloudId(): string {
    return CLOUD_ID;
  }

  /** A REST call as a person (host pages, tests) through the same OpenAPI-checked Jira the app uses. */
  asUser(accountId: string, method: string, path: string, body?: unknown) {
    return this.checkedJira.handle({ method, path, body, principal: { kind: 'user', accountId } });
  }

  asApp(method: string, path: string, body?: unknown) {
    return this.checkedJira.handle({ method, path, body, principal: { kind: 'app' } });
  }

  private statePath(): string | null {
    return this.options.dataDir ? join(this.options.dataDir, 'state.json') : null;
  }

  private loadState(): PersistedState | null {
    const path = this.statePath();
    if (!path || this.options.reset || !existsSync(path)) return null;
    return JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  }

  markDirty(): void {
    if (!this.statePath()) return;
    this.dirty = true;
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, 500);
  }

  save(): void {
    const path = this.statePath();
    if (!path || !this.dirty) return;
    mkdirSync(this.options.dataDir!, { recursive: true });
    const state: PersistedState = { jira: this.jira.state, confluence: this.confluence.state, kvs: this.kvs.state, consent: [...this.consent] };
    writeFileSync(path, JSON.stringify(state));
    this.dirty = false;
  }

  async close(): Promise<void> {
    await this.runner.idle();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
    if (this.options.saveTally) saveTally(this.tally, 'host');
  }
}

function forgeFields(manifest: Manifest): ForgeFieldDecl[] {
  return (manifest.modules['jira:customField'] ?? []).map((f) => ({
    key: f.key,
    name: f.name,
    type: f.type,
    readOnly: true,
    ...(f.schema?.properties
      ? {
          searchAliases: Object.fromEntries(
            Object.entries(f.schema.properties)
              .filter(([, p]) => p.searchAlias)
              .map(([prop, p]) => [
                prop,
                { alias: p.searchAlias!, type: (p.searchType === 'date' ? 'date' : p.type === 'integer' || p.type === 'number' ? 'number' : p.type === 'boolean' ? 'boolean' : 'string') as 'string' | 'number' | 'date' | 'boolean' },
              ]),
          ),
        }
      : {}),
  }));
}

/** Jira's event, in the shape Forge delivers product events (fields.issueType in camel case). */
function toForgeEvent(event: JiraEvent, appAccountId: string) {
  const fields = event.issue.fields;
  return {
    eventType: event.eventType,
    atlassianId: event.byApp ? appAccountId : event.atlassianId,
    issue: { id: event.issue.id, key: event.issue.key, fields: { ...fields, issueType: fields.issuetype } },
    ...(event.changelog ? { changelog: event.changelog } : {}),
  };
}
