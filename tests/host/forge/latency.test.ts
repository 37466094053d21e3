// Latency in the local host: every call the app makes waits a seeded delay (300 ms ± a third), and the panel opens
// in as few rounds of calls as its data allows. No test here measures wall time: the host is given a clock that
// only records what it is asked to wait, and advances virtual time once everything runnable has run.
import type { LocalHost } from '../../../host/host';
import { JITTER, Latency, latencyArg } from '../../../host/forge/latency';
import { HostServer, type Frame } from '../../../host/server/server';
import type { PanelView } from '../../../src/contract/views';
import { DEMO_USERS, jql, panel, startHost, stopHost, unwrap } from '../../support/local-host';

/**
 * Virtual time: each wait ends `unit(ms)` later, in order, once the process has nothing else to run (after the
 * pending promise callbacks), so calls started together share a round and a call started after another ends later.
 */
class VirtualClock {
  now = 0;
  /** When each wait started, in the order the waits were asked for. */
  readonly starts: number[] = [];
  private waiting: Array<{ at: number; resolve: () => void }> = [];
  private scheduled = false;
  constructor(private readonly unit: (ms: number) => number = (ms) => ms) {}

  sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      this.starts.push(this.now);
      this.waiting.push({ at: this.now + this.unit(ms), resolve });
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.waiting.length) return;
      const at = Math.min(...this.waiting.map((w) => w.at));
      this.now = at;
      const due = this.waiting.filter((w) => w.at === at);
      this.waiting = this.waiting.filter((w) => w.at !== at);
      for (const w of due) w.resolve();
      if (this.waiting.length) this.schedule();
    });
  }
}

describe('the latency model', () => {
  it('draws every delay within the mean ± a third, from a seed', () => {
    const latency = new Latency({ meanMs: 300, seed: 7 });
    const draws = Array.from({ length: 2000 }, () => latency.next());
    expect(JITTER).toBeCloseTo(1 / 3);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...draws)).toBeLessThanOrEqual(400);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 300)).toBeLessThan(10);
    // Spread over the whole range, not a constant.
    expect(draws.filter((d) => d < 250).length).toBeGreaterThan(300);
    expect(draws.filter((d) => d > 350).length).toBeGreaterThan(300);
    const again = new Latency({ meanMs: 300, seed: 7 });
    expect(Array.from({ length: 2000 }, () => again.next())).toEqual(draws);
    const other = new Latency({ meanMs: 300, seed: 8 });
    expect(Array.from({ length: 20 }, () => other.next())).not.toEqual(draws.slice(0, 20));
  });

  it('waits nothing when off (the default), and refuses a negative or non-numeric latency', async () => {
    const asked: number[] = [];
    const latency = new Latency({ sleep: async (ms) => void asked.push(ms) });
    await latency.wait('jira');
    expect(asked).toEqual([]);
    expect(latency.applied).toEqual([]);
    latency.set(100, 3);
    await latency.wait('kvs');
    expect(asked).toHaveLength(1);
    expect(latency.applied).toEqual([{ target: 'kvs', ms: asked[0] }]);
    expect(() => latency.set(-1)).toThrow(/≥ 0/);
    expect(latencyArg(['--reset'])).toBe(0);
    expect(latencyArg(['--latency', '300', '--reset'])).toBe(300);
    expect(() => latencyArg(['--latency'])).toThrow(/--latency takes a number/);
    expect(() => latencyArg(['--latency', 'fast'])).toThrow(/--latency takes a number/);
  });
});

describe('the host at 300 ms a call', () => {
  let host: LocalHost;
  let clock: VirtualClock;
  /** The waits are counted in rounds: every call takes one unit, whatever its drawn delay. */
  const ROUND = 1;
  let pilotKey: string;

  beforeAll(async () => {
    clock = new VirtualClock(() => ROUND);
    host = await startHost({ latencySleep: (ms) => clock.sleep(ms) });
    // A demo pilot whose record names people (so opening it looks names up).
    for (const key of await jql(host, 'project = PAY AND issuetype = "AI Pilot" ORDER BY key')) {
      const view = unwrap(await panel<PanelView>(host, key, DEMO_USERS.admin.accountId, 'panel/load'));
      if (Object.keys(view.names).length > 0 && view.workstreams.length > 0) {
        pilotKey = key;
        break;
      }
    }
    expect(pilotKey).toBeDefined();
  });
  afterAll(async () => {
    host.latency.set(0);
    await stopHost(host);
  });
  beforeEach(() => {
    host.latency.set(300, 42);
    host.latency.applied.length = 0;
    clock.starts.length = 0;
  });
  afterEach(() => host.latency.set(0));

  it('delays every REST and KVS call of an invocation, each by 200-400 ms', async () => {
    unwrap(await panel<PanelView>(host, pilotKey, DEMO_USERS.admin.accountId, 'panel/load'));
    const stats = host.runner.lastStats.get('invoke:panel/load')!;
    const applied = host.latency.applied;
    expect(applied.filter((a) => a.target === 'jira')).toHaveLength(stats.rest);
    expect(applied.filter((a) => a.target === 'kvs')).toHaveLength(stats.kvs);
    expect(applied).toHaveLength(stats.rest + stats.kvs);
    expect(stats.rest).toBeGreaterThanOrEqual(3);
    for (const { ms } of applied) {
      expect(ms).toBeGreaterThanOrEqual(200);
      expect(ms).toBeLessThanOrEqual(400);
    }
  });

  it('delays what Custom UI asks of Jira through the bridge (requestJira) too', async () => {
    const server = new HostServer(host, DEMO_USERS.admin.accountId);
    const frame: Frame = {
      id: 'f',
      colorMode: 'light',
      resource: 'panel',
      moduleKey: 'pilot-panel',
      resolverFunction: null,
      accountId: DEMO_USERS.admin.accountId,
      context: () => ({}),
    };
    const answer = (await server.bridgeCall(frame, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/myself',
      fetchRequestInit: { method: 'GET' },
    })) as { status: number };
    expect(answer.status).toBe(200);
    expect(host.latency.applied.map((a) => a.target)).toEqual(['jira']);
  });

  it('opens the panel in two rounds of calls: Jira and app storage together, then the names the record mentions', async () => {
    const view = unwrap(await panel<PanelView>(host, pilotKey, DEMO_USERS.admin.accountId, 'panel/load'));
    expect(Object.keys(view.names).length).toBeGreaterThan(0);
    const calls = host.latency.applied.map((a, i) => ({ ...a, round: clock.starts[i]! - clock.starts[0]! }));
    const paths = host.runner.lastStats.get('invoke:panel/load')!.restByPath;
    // Every call but the names lookup starts in the first round; the names follow the record, one round later.
    expect(calls.filter((c) => c.round === 0).length).toBe(calls.length - 1);
    expect(calls.filter((c) => c.round === ROUND)).toEqual([{ target: 'jira', ms: expect.any(Number), round: ROUND }]);
    expect(paths.at(-1)).toBe('GET /rest/api/3/user/bulk');
    expect(Math.max(...calls.map((c) => c.round))).toBe(ROUND);
  });

  it('fails as it did one call at a time: storage down while Jira answers gives the storage error, Jira refusing gives Jira’s', async () => {
    const [pilot] = await jql(host, `key = ${pilotKey}`);
    const issueId = (await host.asApp('GET', `/rest/api/3/issue/${pilot}?fields=summary`)).body as { id: string };
    host.faults.failNext({ target: 'kvs', key: new RegExp(`^pilot:${issueId.id}$`), times: 1, status: 500 });
    const down = await panel(host, pilotKey, DEMO_USERS.admin.accountId, 'panel/load');
    // What the resolver kit answers for a storage failure, as when the record was read after the issue.
    expect(down).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong on our side; the change was not saved. Try again.' },
    });
    host.faults.clearTargeted();

    // Jira refusing the issue wins over storage failing at the same time: the viewer never sees RISK.
    const [riskKey] = await jql(host, 'project = RISK AND issuetype = "AI Pilot" ORDER BY key');
    const seen = await panel(host, riskKey!, DEMO_USERS.viewer.accountId, 'panel/load');
    host.faults.failNext({ target: 'kvs', operation: /./, times: 10, status: 500 });
    const both = await panel(host, riskKey!, DEMO_USERS.viewer.accountId, 'panel/load');
    host.faults.clearTargeted();
    expect(seen.ok).toBe(false);
    expect(both).toEqual(seen);
  });
});
