// The local host: the real app (src/index.ts, the built Custom UI bundles, unmodified Forge SDKs) against an
// in-process Jira, Confluence and KVS. Used by `npm start`, by the end-to-end and browser tests, and by the
// benchmark. Nothing in src/ or static/ knows it exists.
import { Dashboards, type GadgetRec } from './jira/dashboards';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConfluence, type Confluence } from './confluence';
import { AppRunner, type AppModule } from './forge/app-runner';
import { forgeFields } from './forge/custom-fields';
import { Faults } from './forge/faults';
import { toForgeIssueEvent } from './forge/product-events';
import { readManifest, type Manifest } from './forge/manifest';
import { PersonalDataReporting } from './forge/privacy';
import { installForgeGlobals, type ProductBackend } from './forge/runtime';
import { Latency } from './forge/latency';
import { createJira, type Jira } from './jira';
import { KvsStore, type KvsState } from './kvs/kvs-store';
import type { EntityState } from './kvs/entity-store';
import { createOpenApiChecker, saveTally, withOpenApiChecks, withScopeChecks, type OpenApiTally } from './openapi';

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
  /**
   * How long (ms) JQL search trails writes, as Jira's index does. Infinity (the default, used by tests) keeps
   * writes out of search until host.jira.catchUpSearch() or a reconcileIssues that names them.
   */
  searchLagMs?: number;
  /** How long an expired KVS key lingers (Forge: up to 48 h, the default); tests call kvs.purgeExpired(). */
  kvsExpiryLagMs?: number;
  /**
   * Mean network delay (ms) of every call the app makes (Jira, Confluence, KVS, queue publishes), with seeded
   * jitter of ± a third (host/forge/latency.ts). 0, the default, answers at once.
   */
  latencyMs?: number;
  /** Seed of the latency's jitter (default 1). */
  latencySeed?: number;
  /** How latency is waited for (tests record the delays instead of sleeping). */
  latencySleep?: (ms: number) => Promise<void>;
  /**
   * The clock invocations are timed by (their remaining time, `runner.longestInvocation()`) and the queue's
   * events-per-minute limit counts on: Date.now unless told; a bench's virtual clock (host/forge/virtual-clock.ts).
   */
  invocationClock?: () => number;
}

interface PersistedState {
  jira: Jira['state'];
  confluence: Confluence['state'];
  kvs: KvsState;
  /** Custom entities (kvs.entity(...)): entity name => key => entry. */
  kvsEntities?: EntityState;
  consent: string[];
  openedPanels?: string[];
  gadgets?: GadgetRec[];
}

export class LocalHost {
  readonly manifest: Manifest;
  readonly jira: Jira;
  readonly checkedJira: ProductBackend;
  readonly confluence: Confluence;
  readonly checkedConfluence: ProductBackend;
  /** What the app reaches (its functions and its Custom UI's requestJira): the checked products behind the scope check. */
  readonly appJira: ProductBackend;
  readonly appConfluence: ProductBackend;
  readonly kvs: KvsStore;
  readonly faults = new Faults();
  /** The delay every app call waits (off unless options.latencyMs; `latency.set()` changes it on a running host). */
  readonly latency: Latency;
  /** Atlassian's personal data reporting: tests close accounts here and read what the app reported. */
  readonly privacy = new PersonalDataReporting();
  readonly runner: AppRunner;
  readonly tally: OpenApiTally = { checked: 0, violations: [] };
  /** Users who have granted the app access to act as them (asUser). */
  readonly consent: Set<string>;
  /**
   * Issue panels added to issues ("issueId:moduleKey"): Jira shows a jira:issuePanel once someone has opened it
   * from the issue's app icon, and keeps showing it on that issue.
   */
  readonly openedPanels: Set<string>;
  /** Each person's Jira dashboard and the app's gadgets on it, with their saved configuration. */
  readonly dashboards: Dashboards;
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
      searchLagMs: options.searchLagMs ?? Infinity,
      ...(validatorKey ? { workflowValidatorKey: validatorKey } : {}),
    });
    this.confluence = createConfluence({ ...(persisted ? { state: persisted.confluence } : {}), appId, envId: ENV_ID });
    this.kvs = new KvsStore(
      persisted?.kvs ?? {},
      () => Date.now(),
      options.kvsExpiryLagMs,
      this.manifest.app.storage?.entities ?? [],
      persisted?.kvsEntities ?? {},
    );
    this.consent = new Set(persisted?.consent ?? []);
    this.openedPanels = new Set(persisted?.openedPanels ?? []);
    this.dashboards = new Dashboards(persisted?.gadgets ?? []);
    const checker = createOpenApiChecker({
      jira: join(ROOT, 'tests/fixtures/specs/jira-platform-v3.openapi.json'),
      confluence: join(ROOT, 'tests/fixtures/specs/confluence-v2.openapi.json'),
    });
    this.checkedJira = withOpenApiChecks(this.jira, checker, this.tally);
    this.checkedConfluence = withOpenApiChecks(this.confluence, checker, this.tally);
    const scopes = () => this.manifest.permissions.scopes;
    this.latency = new Latency({
      meanMs: options.latencyMs ?? 0,
      seed: options.latencySeed ?? 1,
      ...(options.latencySleep ? { sleep: options.latencySleep } : {}),
    });
    this.appJira = withScopeChecks(this.checkedJira, checker, 'jira', scopes);
    this.appConfluence = withScopeChecks(this.checkedConfluence, checker, 'confluence', scopes);

    installForgeGlobals({
      jira: this.appJira,
      confluence: this.appConfluence,
      kvs: this.kvs,
      faults: this.faults,
      latency: this.latency,
      appId,
      environmentId: ENV_ID,
      installationId: INSTALLATION_ID,
      scopes,
      hasConsent: (accountId) => this.consent.has(accountId),
      onQueuePush: (queue, events, push) => this.runner.pushToQueue(queue, events, push),
      reportAccounts: (body) => this.privacy.handle(body, scopes()),
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
      ...(options.invocationClock ? { now: options.invocationClock } : {}),
    });
    this.jira.onEvent((event) => {
      this.markDirty();
      this.runner.emitProductEvent(toForgeIssueEvent(event, this.jira.appAccountId));
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
    const state: PersistedState = {
      jira: this.jira.state,
      confluence: this.confluence.state,
      kvs: this.kvs.state,
      kvsEntities: this.kvs.entities.state,
      consent: [...this.consent],
      openedPanels: [...this.openedPanels],
      gadgets: this.dashboards.gadgets,
    };
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
