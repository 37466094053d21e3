// Hostile review of issue 10 ("claims released on every failure path"): a storage blip that fails the write and
// then the claim's release too (the same outage) left the revision claim for its whole TTL: 1 day for a pilot,
// 7 days for a project's settings, during which every save answered CONFLICT ("someone else saved") although
// nobody had. A claim only has to outlive the write it guards when the write itself checks the stored version.
import type { PanelView, SettingsPageView } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  panel,
  settings,
  startHost,
  stopHost,
  unwrap,
  pilotInput,
} from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const member = DEMO_USERS.member.accountId;

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  jest.useRealTimers();
  await stopHost(host);
});

const later = (minutes: number) => {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(new Date(Date.now() + minutes * 60_000));
};

it('a pilot save whose write and claim release both fail does not lock the pilot for a day', async () => {
  const { key } = await createPilot(host, 'PAY', 'Storage blip');
  await host.runner.idle();
  const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^pilot:/, times: 1 });
  host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/delete$/, key: /^pilot-rev:/, times: 1 });
  const failed = await panel(host, key, member, 'panel/save', {
    expectedVersion: view.record.version,
    pilot: pilotInput(view, { monthlyRunCost: 10 }),
  });
  expect(failed.ok).toBe(false);
  expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).record.version).toBe(view.record.version);
  try {
    later(20);
    const saved = await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 10 }),
    });
    expect(saved.ok ? saved.data.record.version : saved.error.code).toBe(view.record.version + 1);
  } finally {
    jest.useRealTimers();
  }
});

it('a settings save whose write and claim release both fail does not lock the settings for a week', async () => {
  const before = unwrap(await settings<SettingsPageView>(host, 'RISK', admin, 'settings/load'));
  const change = { ...before.settings, stallRule: { thresholdDays: 121, decisionGraceDays: 10 } };
  host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/(set|transaction)$/, key: /^settings:/, times: 1 });
  host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/delete$/, key: /^settings-rev:/, times: 1 });
  const failed = await settings(host, 'RISK', admin, 'settings/save', {
    expectedVersion: before.version,
    settings: change,
  });
  expect(failed.ok).toBe(false);
  try {
    later(20);
    const saved = await settings<SettingsPageView>(host, 'RISK', admin, 'settings/save', {
      expectedVersion: before.version,
      settings: change,
    });
    expect(saved.ok ? saved.data.version : saved.error.code).toBe(before.version + 1);
  } finally {
    jest.useRealTimers();
  }
});

it('still refuses a late writer of a version someone else stored long ago', async () => {
  const { key } = await createPilot(host, 'PAY', 'Late writer');
  await host.runner.idle();
  const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  unwrap(
    await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 1 }),
    }),
  );
  const page = unwrap(await settings<SettingsPageView>(host, 'OPS', admin, 'settings/load'));
  unwrap(
    await settings(host, 'OPS', admin, 'settings/save', {
      expectedVersion: page.version,
      settings: { ...page.settings, stallRule: { thresholdDays: 77, decisionGraceDays: 7 } },
    }),
  );
  try {
    later(60 * 24 * 8);
    const stale = await panel(host, key, member, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, { monthlyRunCost: 2 }),
    });
    expect(stale.ok ? 'saved' : stale.error.code).toBe('CONFLICT');
    const staleSettings = await settings(host, 'OPS', admin, 'settings/save', {
      expectedVersion: page.version,
      settings: { ...page.settings, stallRule: { thresholdDays: 78, decisionGraceDays: 7 } },
    });
    expect(staleSettings.ok ? 'saved' : staleSettings.error.code).toBe('CONFLICT');
  } finally {
    jest.useRealTimers();
  }
});
