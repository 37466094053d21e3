// npm run bench: the performance figures, each on a line of its own as `name: value unit`. Everything runs the
// real app in the local host (unmodified SDKs, the in-process Jira checked against the OpenAPI documents), and
// the panel is opened in Chromium to count what its UI really asks for.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { addDays, dayOf } from '../src/core/dates';
import { newRecord, pilotKey } from '../src/adapters/pilot-record.store';
import { QUESTION_IDS } from '../src/core/questions';
import { invokeAs, issuePanelContext, macroContext, projectSettingsContext } from '../host/forge/contexts';
import { latencyArg } from '../host/forge/latency';
import { DEMO_USERS, seedDemoData } from '../host/demo-data';
import { LocalHost, ROOT } from '../host/host';
import { HostServer } from '../host/server/server';
import { reminderFigures } from './reminders';
import { scanLatencyFigures } from './scan-latency';

const figures: Array<[string, number | string, string]> = [];
function report(name: string, value: number | string, unit: string): void {
  figures.push([name, value, unit]);
  console.log(`${name}: ${value} ${unit}`);
}

/** Gzipped bytes of the JavaScript a Custom UI page loads before any lazy import. */
function initialJsGzip(resource: string): number {
  const dir = join(ROOT, 'static', resource, 'build');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!));
  return [...files].reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0);
}

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function panelFigures(): Promise<void> {
  const host = new LocalHost({ dataDir: null, msPerRetrySecond: 5 });
  await seedDemoData(host);
  const member = DEMO_USERS.member.accountId;
  const created = await host.asUser(member, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PAY' }, issuetype: { name: 'AI Pilot' }, summary: 'Benchmark pilot' },
  });
  const { key } = created.body as { key: string };
  await host.runner.idle();
  const seeding = host.runner.deliveries
    .filter((d) => d.functionKey === 'on-pilot-issue' && d.outcome === 'ok' && d.stats && d.stats.rest > 0)
    .at(-1)!;
  const bulk = seeding.stats!.restByPath.filter((p) => p === 'POST /rest/api/3/issue/bulk').length;
  report('subtask_creation_rest_calls', seeding.stats!.rest, 'calls');
  report('subtask_creation_bulk_calls', bulk, 'calls');
  report('subtask_creation_other_rest_calls', seeding.stats!.rest - bulk, 'calls');

  const server = new HostServer(host, member);
  const url = await server.listen(0);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.context().addCookies([{ name: 'p2p-user', value: member, url }]);
    const before = server.bridgeLog.length;
    const started = Date.now();
    await page.goto(`${url}/jira/browse/${key}`);
    // The panel is on the issue once someone opened it from the issue's app icon.
    if ((await page.locator('iframe[data-testid="forge-frame-panel"]').count()) === 0)
      await page.getByTestId('app-icon-pilot-panel').click();
    const frame = page.frameLocator('iframe[data-testid="forge-frame-panel"]');
    await frame.getByTestId('score').waitFor({ timeout: 30_000 });
    report('panel_open_time', Date.now() - started, 'ms');
    const calls = server.bridgeLog.slice(before).filter((c) => c.resource === 'panel');
    const invokes = calls.filter((c) => c.name === 'invoke');
    report('panel_open_invokes', invokes.length, 'calls');
    const loadStats = host.runner.lastStats.get('invoke:panel/load')!;
    report('panel_open_rest_calls', loadStats.rest + calls.filter((c) => c.name === 'fetchProduct').length, 'calls');

    const saveBefore = server.bridgeLog.length;
    await frame.getByTestId('answer-q1').getByLabel('Yes').check();
    await frame.getByTestId('save-diagnostic').click();
    await frame.getByTestId('verdict').waitFor();
    await page.waitForFunction(() => true);
    for (let i = 0; i < 50 && !host.runner.lastStats.get('invoke:panel/save'); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const saveCalls = server.bridgeLog.slice(saveBefore).filter((c) => c.resource === 'panel' && c.name === 'invoke');
    report('panel_save_invokes', saveCalls.length, 'calls');
    report('panel_save_rest_calls', host.runner.lastStats.get('invoke:panel/save')?.rest ?? -1, 'calls');
  } finally {
    await browser.close();
    await server.close();
    await host.close();
  }
  report('panel_initial_js_gzip', Math.round(initialJsGzip('panel') / 1024), 'KB');
  report('settings_initial_js_gzip', Math.round(initialJsGzip('settings') / 1024), 'KB');
}

/** The latency of the `_at_{N}ms` figures: 300 ms a call, or `npm run bench -- --latency N`. */
const BENCH_LATENCY_MS = process.argv.includes('--latency') ? latencyArg(process.argv) : 300;

/**
 * How long the panel's open resolver (panel/load) takes when every call the app makes waits BENCH_LATENCY_MS ± a
 * third (host/forge/latency.ts), invoked through the host as the panel's invoke is: the median of 7 opens of a
 * demo pilot whose record names people, as the member who edits it (demo data is made without latency).
 */
async function panelLatencyFigures(): Promise<void> {
  const host = new LocalHost({ dataDir: null, msPerRetrySecond: 5 });
  await seedDemoData(host);
  const member = DEMO_USERS.member.accountId;
  try {
    const search = await host.asUser(member, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PAY AND issuetype = "AI Pilot" ORDER BY key',
      fields: ['issuetype', 'project'],
      maxResults: 50,
    });
    const issues = (
      search.body as {
        issues: Array<{
          id: string;
          key: string;
          fields: { issuetype: { id: string; name: string }; project: { id: string; key: string } };
        }>;
      }
    ).issues;
    const open = async (issue: (typeof issues)[number]) => {
      const context = issuePanelContext(
        host,
        member,
        { id: issue.id, key: issue.key, typeName: issue.fields.issuetype.name, typeId: issue.fields.issuetype.id },
        issue.fields.project,
      );
      const started = process.hrtime.bigint();
      const result = await invokeAs<{ ok: boolean; data?: { names: Record<string, string> } }>(
        host,
        'jira:issuePanel',
        context,
        member,
        'panel/load',
        {},
      );
      if (!result.ok) throw new Error(`panel/load failed on ${issue.key}: ${JSON.stringify(result).slice(0, 300)}`);
      return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        named: Object.keys(result.data?.names ?? {}).length,
      };
    };
    let pilot: (typeof issues)[number] | undefined;
    for (const issue of issues) if ((await open(issue)).named > 0) pilot = issue;
    if (!pilot) throw new Error('No demo pilot in PAY names anyone');
    host.latency.set(BENCH_LATENCY_MS, 1);
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) times.push((await open(pilot)).ms);
    times.sort((a, b) => a - b);
    report(`panel_open_resolver_time_at_${BENCH_LATENCY_MS}ms`, Math.round(times[Math.floor(times.length / 2)]!), 'ms');
  } finally {
    host.latency.set(0);
    await host.close();
  }
}

/** A site with `projects` projects set up by the app, and `pilots` pilots loaded straight through Jira's REST API. */
export type LoadedHost = (
  projects: number,
  pilots: number,
  options?: Partial<ConstructorParameters<typeof LocalHost>[0]>,
) => Promise<{ host: LocalHost; keys: string[] }>;

async function loadedHost(
  projects: number,
  pilots: number,
  options: Partial<ConstructorParameters<typeof LocalHost>[0]> = {},
): Promise<{ host: LocalHost; keys: string[] }> {
  const host = new LocalHost({ dataDir: null, msPerRetrySecond: 5, ...options });
  const admin = DEMO_USERS.admin;
  host.jira.addUser({ accountId: admin.accountId, displayName: admin.displayName, siteAdmin: true });
  host.consent.add(admin.accountId);
  const keys: string[] = [];
  const projectRefs: Array<{ id: string; key: string }> = [];
  for (let p = 1; p <= projects; p += 1) {
    const project = host.jira.addProject({
      key: `P${String(p).padStart(2, '0')}`,
      name: `Portfolio ${p}`,
      leadAccountId: admin.accountId,
    });
    keys.push(project.key);
    projectRefs.push(project);
    await invokeAs(
      host,
      'jira:projectSettingsPage',
      projectSettingsContext(host, admin.accountId, project),
      admin.accountId,
      'settings/setup',
      {},
    );
  }
  host.runner.deliverEvents = false;
  const fields = (await host.asApp('GET', '/rest/api/3/field')).body as Array<{
    id: string;
    schema?: { custom?: string };
  }>;
  const fieldId = (k: string) => fields.find((f) => f.schema?.custom?.endsWith(`/static/${k}`))!.id;
  const types = (await host.asApp('GET', `/rest/api/3/issuetype/project?projectId=${projectRefs[0]!.id}`))
    .body as Array<{ id: string; name: string }>;
  const pilotType = types.find((t) => t.name === 'AI Pilot')!.id;
  const random = rng(7);
  const today = dayOf(new Date());
  const letters = ['yes', 'no', 'unknown'] as const;
  for (let i = 0; i < pilots; i += 50) {
    const batch = Array.from({ length: Math.min(50, pilots - i) }, (_, j) => {
      const n = i + j;
      const project = projectRefs[n % projects]!;
      const record = newRecord(addDays(today, -Math.floor(60 + random() * 400)));
      record.pilot.demoDate = addDays(record.pilot.pilotStart!, 42);
      record.pilot.phase = 'post-demo';
      record.pilot.monthlyRunCost = Math.round(1000 + random() * 30000);
      record.pilot.diagnostic = Object.fromEntries(
        QUESTION_IDS.map((q) => [q, { answer: letters[Math.floor(random() * 3)]! }]),
      );
      return { fields: { project: { id: project.id }, issuetype: { id: pilotType }, summary: `Pilot ${n}` }, record };
    });
    const response = await host.asApp('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: batch.map(({ fields: f }) => ({ fields: f })),
    });
    const created = (response.body as { issues: Array<{ id: string }> }).issues;
    // The records live in app storage, as the app keeps them.
    created.forEach((issue, j) => host.kvs.handle('/api/v1/set', { key: pilotKey(issue.id), value: batch[j]!.record }));
    const updates = created.flatMap((issue, j) => {
      const { record } = batch[j]!;
      const score = Object.values(record.pilot.diagnostic).filter((a) => a?.answer === 'yes').length;
      return [
        { customField: fieldId('pilot-demo-date'), issueIds: [Number(issue.id)], value: record.pilot.demoDate },
        { customField: fieldId('pilot-score'), issueIds: [Number(issue.id)], value: score },
        { customField: fieldId('pilot-phase'), issueIds: [Number(issue.id)], value: 'post-demo' },
        {
          customField: fieldId('pilot-monthly-cost'),
          issueIds: [Number(issue.id)],
          value: record.pilot.monthlyRunCost,
        },
      ];
    });
    await host.asApp('POST', '/rest/api/3/app/field/value', { updates });
  }
  host.runner.deliverEvents = true;
  // The loaded pilots are old news by the time the figures are taken: Jira's search index has caught up.
  host.jira.catchUpSearch();
  return { host, keys };
}

async function scanFigures(): Promise<void> {
  const { host } = await loadedHost(20, 10_000);
  try {
    const before = host.runner.deliveries.length;
    const started = Date.now();
    const stats = await host.runner.runScheduledTrigger('daily-stall-scan');
    await host.runner.idle();
    const elapsed = Date.now() - started;
    host.jira.catchUpSearch();
    const queued = host.runner.deliveries.slice(before).reduce((n, d) => n + (d.stats?.rest ?? 0), 0);
    report('stall_scan_10000_pilots_time', elapsed, 'ms');
    report('stall_scan_10000_pilots_rest_calls', stats.rest + queued, 'calls');
    const stalled = await host.asApp('POST', '/rest/api/3/search/approximate-count', {
      jql: 'issuetype = "AI Pilot" AND "AI Pilot stall status".Status = stalled',
    });
    report('stall_scan_10000_pilots_flagged', (stalled.body as { count: number }).count, 'pilots');
    const again = Date.now();
    const beforeSecond = host.runner.deliveries.length;
    const second = await host.runner.runScheduledTrigger('daily-stall-scan');
    await host.runner.idle();
    report('stall_scan_second_run_time', Date.now() - again, 'ms');
    // The trigger lists the pilots and the queue's consumers scan them: the run's calls are both.
    const secondQueued = host.runner.deliveries.slice(beforeSecond).reduce((n, d) => n + (d.stats?.rest ?? 0), 0);
    report('stall_scan_second_run_rest_calls', second.rest + secondQueued, 'calls');
  } finally {
    await host.close();
  }
}

async function portfolioFigures(): Promise<void> {
  const { host, keys } = await loadedHost(20, 5_000);
  try {
    const admin = DEMO_USERS.admin.accountId;
    const context = macroContext(
      host,
      admin,
      { id: '1', spaceId: '1', spaceKey: 'ENG' },
      { localId: 'bench', config: {} },
      { isConfiguring: false, isInserting: false },
    );
    const config = { projectKeys: keys, jql: '', pilots: 'all', sort: 'daysSinceDemo' };
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    const { result, stats } = await host.runner.invokeResolver(
      context.moduleKey,
      'macro-resolver',
      { functionKey: 'portfolio/load', payload: { config } },
      context,
      admin,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const ok = (result as { ok: boolean; data?: { rows: unknown[] } }).ok;
    if (!ok) throw new Error(`portfolio/load failed: ${JSON.stringify(result).slice(0, 300)}`);
    report('portfolio_5000_pilots_rest_calls', stats.rest, 'calls');
    report(
      'portfolio_5000_pilots_rest_calls_per_issue',
      stats.restByPath.filter((p) => !p.endsWith('/search/jql')).length,
      'calls',
    );
    report('portfolio_5000_pilots_resolver_time', Math.round(ms), 'ms');
    const payload = Buffer.byteLength(JSON.stringify(result));
    report('portfolio_5000_pilots_payload', Math.round(payload / 1024), 'KB');
    report('portfolio_5000_pilots_payload_gzip', Math.round(gzipSync(JSON.stringify(result)).length / 1024), 'KB');
    report(
      'portfolio_5000_pilots_heap_delta',
      Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024),
      'MB',
    );
    report('portfolio_rows', (result as { data: { rows: unknown[] } }).data.rows.length, 'pilots');
  } finally {
    await host.close();
  }
  report('macro_initial_js_gzip', Math.round(initialJsGzip('macro') / 1024), 'KB');
  report('macro_config_initial_js_gzip', Math.round(initialJsGzip('macro-config') / 1024), 'KB');
  report('gadget_initial_js_gzip', Math.round(initialJsGzip('gadget') / 1024), 'KB');
  report('global_page_initial_js_gzip', Math.round(initialJsGzip('global-page') / 1024), 'KB');
}

/**
 * The portfolio's first view (portfolio/first: summary numbers, charts, cycle time, the first page of the kill list
 * and of all rows) from the portfolio store, as the admin who sees every project, with every call the app makes
 * waiting BENCH_LATENCY_MS ± a third. The store is filled first by the app's own rebuild job (without latency),
 * as the daily scan fills it.
 */
async function portfolioFirstViewFigures(pilots: number, projects: number): Promise<void> {
  const { host } = await loadedHost(projects, pilots);
  try {
    host.runner.pushToQueue('portfolio-rows', [{ body: { kind: 'portfolio-rebuild', day: dayOf(new Date()) } }]);
    await host.runner.idle();
    const admin = DEMO_USERS.admin.accountId;
    const context = macroContext(
      host,
      admin,
      { id: '1', spaceId: '1', spaceKey: 'ENG' },
      { localId: 'bench', config: {} },
      { isConfiguring: false, isInserting: false },
    );
    // Every pilot the admin may browse (the global page's config): all projects, past the macro's 50 chosen ones.
    const config = { projectKeys: [], jql: 'issuetype = "AI Pilot"', pilots: 'all', sort: 'daysSinceDemo' };
    const open = async () => {
      const started = process.hrtime.bigint();
      const { result, stats } = await host.runner.invokeResolver(
        context.moduleKey,
        'macro-resolver',
        { functionKey: 'portfolio/first', payload: { config } },
        context,
        admin,
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const data = (result as { ok: boolean; data?: { source: string; rowCount: number } }).data;
      if (!(result as { ok: boolean }).ok || data?.source !== 'store')
        throw new Error(`portfolio/first did not answer from the store: ${JSON.stringify(result).slice(0, 300)}`);
      return { ms, stats, result, rowCount: data.rowCount };
    };
    await open();
    host.latency.set(BENCH_LATENCY_MS, 1);
    const runs = [];
    for (let i = 0; i < 3; i += 1) runs.push(await open());
    host.latency.set(0);
    runs.sort((a, b) => a.ms - b.ms);
    const median = runs[1]!;
    report(`portfolio_${pilots}_first_view_time_at_${BENCH_LATENCY_MS}ms`, Math.round(median.ms), 'ms');
    report(`portfolio_${pilots}_first_view_rest_calls`, median.stats.rest, 'calls');
    report(
      `portfolio_${pilots}_first_view_payload`,
      Math.round(Buffer.byteLength(JSON.stringify(median.result)) / 1024),
      'KB',
    );
    report(`portfolio_${pilots}_first_view_rows_counted`, median.rowCount, 'pilots');
  } finally {
    await host.close();
  }
}

async function main(): Promise<void> {
  // The part to run (panel, panel-latency, scan, portfolio), if one is named; `--latency N` and its value are not parts.
  const only = process.argv.slice(2).find((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--latency');
  // panel-latency alone needs no Custom UI build (it invokes the resolver as the panel does, without a browser).
  if (
    only !== 'panel-latency' &&
    only !== 'scan-latency' &&
    !['panel', 'settings', 'macro', 'macro-config', 'gadget', 'global-page', 'automation-config'].every((m) =>
      existsSync(join(ROOT, 'static', m, 'build', 'index.html')),
    )
  ) {
    execFileSync(process.execPath, [join(ROOT, 'tools', 'build-ui.mjs')], { stdio: 'inherit' });
  }
  if (!only || only === 'panel') await panelFigures();
  if (!only || only === 'panel' || only === 'panel-latency') await panelLatencyFigures();
  if (!only || only === 'scan') await scanFigures();
  if (!only || only === 'portfolio') await portfolioFigures();
  if (!only || only === 'portfolio' || only === 'portfolio-store') {
    await portfolioFirstViewFigures(5_000, 20);
    await portfolioFirstViewFigures(50_000, 100);
  }
  if (!only || only === 'reminders') await reminderFigures(report);
  if (!only || only === 'scan-latency') await scanLatencyFigures(report, loadedHost, BENCH_LATENCY_MS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
