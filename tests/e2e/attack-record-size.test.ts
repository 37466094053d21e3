// Hostile review of issue 10 (bounded histories, size checked against the store's limit): a member with Edit issues
// fills the decision history with long, multi-byte texts the form accepts. The history is bounded by count (50),
// but 50 decisions of 2,000 three-byte characters are larger than the store takes, so once the pilot reached the
// limit every later save was refused ("Review decisions make this pilot too large … Shorten them"), which nobody can
// do: the pilot was locked for good. The history must keep the newest entries that fit, counting the rest.
import type { PanelView } from '../../src/contract/views';
import { MAX_RECORD_BYTES, recordBytes, type PilotRecord } from '../../src/adapters/pilot-record.codec';
import type { LocalHost } from '../../host/host';
import { createPilot, DEMO_USERS, panel, startHost, stopHost, unwrap, pilotInput } from '../support/local-host';

let host: LocalHost;
const member = DEMO_USERS.member.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await stopHost(host);
});

it('keeps a pilot savable after many long decisions: the oldest are counted, not kept', async () => {
  const { key } = await createPilot(host, 'PAY', 'Decision flood');
  await host.runner.idle();
  let view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  const resourcing = '漢'.repeat(1990); // with the prefix, under the form's 2,000 characters; about 6,000 bytes
  for (let i = 0; i < 50; i += 1) {
    const result = await panel<PanelView>(host, key, member, 'panel/decide', {
      expectedVersion: view.record.version,
      decision: { kind: 'accelerate', ownerAccountId: DEMO_USERS.priya.accountId, resourcing: `${i} ${resourcing}` },
    });
    if (!result.ok) throw new Error(`decision ${i + 1} refused: ${result.error.code} ${result.error.message}`);
    view = result.data;
  }
  const saved = unwrap(
    await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 1234 }),
    }),
  );
  expect(saved.record.pilot.monthlyRunCost).toBe(1234);
  expect(recordBytes(saved.record as PilotRecord)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
  const decisions = saved.record.pilot.decisions;
  expect(decisions.at(-1)).toMatchObject({ kind: 'accelerate', resourcing: `49 ${resourcing}` });
  expect(decisions.length + saved.record.older.decisions).toBe(50);
});
