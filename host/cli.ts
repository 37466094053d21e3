// npm start → the local host with demo data at a printed URL; npm run scan → one run of the daily stall scan.
import { join } from 'node:path';
import { DEMO_USERS, seedDemoData } from './demo-data';
import { LocalHost, ROOT } from './host';
import { HostServer } from './server/server';
import { latencyArg } from './forge/latency';

async function main(): Promise<void> {
  const [command = 'start', ...args] = process.argv.slice(2);
  const reset = args.includes('--reset');
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 8080);
  const started = Date.now();
  const dataArg = args.indexOf('--data');
  const dataDir = dataArg >= 0 ? String(args[dataArg + 1]) : join(ROOT, '.data');
  // The browser test that runs `npm start` asks for the OpenAPI tally, so its traffic counts in the run's total.
  // Search trails writes by a couple of seconds, as Jira's index usually does.
  // `--latency 300`: every call the app makes waits 200-400 ms, as on a real site (host/forge/latency.ts).
  const latencyMs = latencyArg(args);
  const host = new LocalHost({
    dataDir,
    reset,
    saveTally: process.env.P2P_SAVE_TALLY === '1',
    searchLagMs: 2000,
    latencyMs,
  });

  if (command === 'scan') {
    const before = host.runner.deliveries.length;
    const stats = await host.runner.runScheduledTrigger('daily-stall-scan');
    await host.runner.idle();
    // The trigger lists the pilots; its pages run in consumer invocations of the stall-scan queue.
    const pages = host.runner.deliveries.slice(before).filter((d) => d.functionKey === 'stall-scan-worker');
    const rest = stats.rest + pages.reduce((n, d) => n + (d.stats?.rest ?? 0), 0);
    console.log(
      `stall scan done: ${rest} REST calls in ${1 + pages.length} invocations, the longest ${host.runner.longestInvocation()?.durationMs ?? 0} ms`,
    );
    await host.close();
    return;
  }
  if (command !== 'start') throw new Error(`Unknown command "${command}" (use start or scan)`);

  if (host.freshState) {
    console.log('Creating demo data through the app (setup, triggers, resolvers)…');
    // Demo data is made at full speed; the latency applies to what a person does afterwards.
    host.latency.set(0);
    await seedDemoData(host);
    host.latency.set(latencyMs);
    host.markDirty();
    host.save();
  }
  const server = new HostServer(host, DEMO_USERS.admin.accountId);
  const url = await server.listen(port);
  console.log(
    `\nPilot-to-Production local host is running (${((Date.now() - started) / 1000).toFixed(1)} s): ${url}\n`,
  );
  console.log(
    '  Jira issue view, project settings, Confluence portfolio page, and a user switcher are linked from there.',
  );
  console.log('  Data lives in .data/ (npm start -- --reset starts fresh). Ctrl+C to stop.');
  if (latencyMs > 0) console.log(`  Every call the app makes waits ${latencyMs} ms ± a third (--latency).`);
  const stop = async () => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error && /^(Port |--latency )/.test(error.message) ? error.message : error);
  process.exit(1);
});
