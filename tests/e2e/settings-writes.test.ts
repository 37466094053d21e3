// Settings writes have the same guarantees as pilot writes: validated before the revision is claimed, stored with
// their audit line all-or-nothing, and the claim released on every failure, so a failed write never locks a
// project's settings. Faults are injected on the store exactly where the write happens, after the claim.
import type { SettingsPageView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, settings, startHost, stopHost, unwrap } from '../support/local-host';

jest.setTimeout(120_000);

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  host.faults.clearTargeted();
  await stopHost(host);
});

const load = async (projectKey: string) => unwrap(await settings<SettingsPageView>(host, projectKey, admin, 'settings/load'));
const claimsOf = (projectKey: string) => {
  const id = host.jira.state.projects.find((p) => p.key === projectKey)!.id;
  return Object.keys(host.kvs.state).filter((k) => k.startsWith(`settings-rev:${id}:`));
};

describe('settings writes', () => {
  it('a write that fails after its revision claim does not lock the settings: the next save succeeds', async () => {
    const before = await load('RISK');
    const change = { ...before.settings, stallRule: { thresholdDays: 120, decisionGraceDays: 10 } };
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^settings:/, times: 1 });
    const failed = await settings(host, 'RISK', admin, 'settings/save', { expectedVersion: before.version, settings: change });
    expect(failed.ok).toBe(false);
    expect(host.faults.injected.targeted).toBe(1);
    expect(claimsOf('RISK')).toEqual([]);
    expect((await load('RISK')).version).toBe(before.version);

    const saved = unwrap(await settings<SettingsPageView>(host, 'RISK', admin, 'settings/save', { expectedVersion: before.version, settings: change }));
    expect(saved.version).toBe(before.version + 1);
    expect(saved.settings.stallRule.thresholdDays).toBe(120);
  });

  it('a failed audit write stores nothing: the settings and their audit line are one write', async () => {
    const before = await load('PAY');
    const auditBefore = before.audit.length;
    const change = { ...before.settings, stallRule: { thresholdDays: 95, decisionGraceDays: 7 } };
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^audit:/, times: 1 });
    const failed = await settings(host, 'PAY', admin, 'settings/save', { expectedVersion: before.version, settings: change });
    expect(failed.ok).toBe(false);
    const after = await load('PAY');
    expect(after.version).toBe(before.version);
    expect(after.settings.stallRule).toEqual(before.settings.stallRule);
    expect(after.audit).toHaveLength(auditBefore);
    expect(claimsOf('PAY')).toEqual([]);

    const saved = unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/save', { expectedVersion: before.version, settings: change }));
    expect(saved.version).toBe(before.version + 1);
    expect(saved.audit[0]!.changes.join('\n')).toMatch(/stall rule thresholdDays/);
  });
});
