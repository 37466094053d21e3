// Reminders from the daily scan, through the local host: Jira's notify endpoint delivers them, and each person's
// inbox (what Jira would email) shows them. A decision coming due reaches the production owner, the project lead
// and the reporter once; later, duplicated and overlapping runs send nothing again; a failed send goes out on the
// next run; a project with reminders off gets none; an unreadable pilot does not stop the others.
import { addDays, dayOf } from '../../src/core/dates';
import { accountIdsIn } from '../../src/adapters/personal-data.json';
import { PERSONAL_DATA_PREFIXES } from '../../src/adapters/personal-data.store';
import type { PanelView, SettingsPageView } from '../../src/contract/views';
import { APP_ACTOR_NAME } from '../../src/contract/people';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  panel,
  pilotInput,
  settings,
  startHost,
  stopHost,
  unwrap,
} from '../support/local-host';

let host: LocalHost;
const { admin, member, priya, dana } = DEMO_USERS;
const today = dayOf(new Date());

beforeAll(async () => {
  host = await startHost();
});
afterEach(() => host.faults.clearTargeted());
afterAll(() => stopHost(host));

async function scan(): Promise<void> {
  host.jira.catchUpSearch();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  host.jira.catchUpSearch();
}

/** A pilot demoed 100 days ago with no pathway: stalled since day 91, its review decision due (not yet overdue). */
async function stalledPilot(projectKey: string, summary: string): Promise<{ id: string; key: string }> {
  const created = await createPilot(host, projectKey, summary, member.accountId);
  await host.runner.idle();
  const view = unwrap(await panel<PanelView>(host, created.key, member.accountId, 'panel/load'));
  unwrap(
    await panel(host, created.key, member.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, {
        pilotStart: addDays(today, -160),
        demoDate: addDays(today, -100),
        milestones: {},
        people: { productionOwner: priya.accountId, dataScienceLead: dana.accountId, businessOwner: null },
      }),
    }),
  );
  return created;
}

const inboxFor = (accountId: string, issueKey: string) =>
  host.jira.inbox(accountId).filter((n) => n.issueKey === issueKey);

it('a decision coming due notifies the production owner, the project lead and the reporter once each', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: decision due');
  await scan();
  // PAY's lead is Avery Admin; Morgan Member created (reported) the pilot; Priya owns it.
  for (const person of [priya, admin, member]) {
    const mine = inboxFor(person.accountId, pilot.key);
    expect(mine.map((n) => n.subject)).toEqual([`${pilot.key}: review decision due`]);
    expect(mine[0]!.textBody).toContain('accelerate, pause or kill');
  }
  // Dana leads the data science but is not among those who owe the decision.
  expect(inboxFor(dana.accountId, pilot.key)).toEqual([]);
  // The sent reminder is in the project's audit trail.
  const page = unwrap(await settings<SettingsPageView>(host, 'PAY', admin.accountId, 'settings/load'));
  const line = page.audit.find((a) => a.subject === `${pilot.key} reminder`)!;
  expect(line.changes[0]).toMatch(/review decision due: sent to 3 people$/);
  // Whom it reached is kept as account ids and shown by name when the trail is read; the app is the actor.
  expect(line.byName).toBe(APP_ACTOR_NAME);
  expect([...line.accountNames!].sort()).toEqual([priya, admin, member].map((p) => p.displayName).sort());
  expect(JSON.stringify(line.changes)).not.toMatch(/u-[a-z]/);

  // The remembered reminder names whom it reached where the personal data report looks.
  const remembered = Object.entries(host.kvs.state).filter(([k]) => k.startsWith(`reminder:${pilot.id}:decision-due:`));
  expect(remembered).toHaveLength(1);
  expect(PERSONAL_DATA_PREFIXES.some((p) => remembered[0]![0].startsWith(p))).toBe(true);
  expect([...accountIdsIn(remembered[0]![1].value)].sort()).toEqual(
    [admin.accountId, member.accountId, priya.accountId].sort(),
  );

  const total = host.jira.notifications().length;
  await scan();
  expect(host.jira.notifications()).toHaveLength(total);
});

it('a milestone passed with its workstream not done reaches the sub-task assignee and the owner, once', async () => {
  const created = await createPilot(host, 'PAY', 'Reminder: late workstream', member.accountId);
  await host.runner.idle();
  let view = unwrap(await panel<PanelView>(host, created.key, member.accountId, 'panel/load'));
  // Demoed 10 days ago (no decision due); integration testing was yesterday: infra and integration should be done.
  view = unwrap(
    await panel<PanelView>(host, created.key, member.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, {
        pilotStart: addDays(today, -60),
        demoDate: addDays(today, -10),
        milestones: { integrationTesting: addDays(today, -1) },
        people: { productionOwner: priya.accountId, dataScienceLead: null, businessOwner: null },
      }),
    }),
  );
  const subtask = (rowId: string) => view.workstreams.find((w) => w.rowId === rowId)!.issueKey!;
  expect(
    (
      await host.asUser(member.accountId, 'PUT', `/rest/api/3/issue/${subtask('infra')}`, {
        fields: { assignee: { accountId: dana.accountId } },
      })
    ).status,
  ).toBe(204);
  for (const id of ['21', '31'])
    await host.asUser(member.accountId, 'POST', `/rest/api/3/issue/${subtask('integration')}/transitions`, {
      transition: { id },
    });
  await host.runner.idle();
  await scan();
  expect(inboxFor(dana.accountId, created.key).map((n) => n.subject)).toEqual([
    `${created.key}: ${subtask('infra')} late for Integration testing`,
  ]);
  expect(inboxFor(priya.accountId, created.key).map((n) => n.subject)).toEqual([
    `${created.key}: ${subtask('infra')} late for Integration testing`,
  ]);
  await scan();
  expect(host.jira.notifications().filter((n) => n.issueKey === created.key)).toHaveLength(1);
});

it('never names the app itself, when the app created (reported) the pilot', async () => {
  const created = (
    await host.asApp('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'AI Pilot' }, summary: 'Reminder: reported by the app' },
    })
  ).body as { id: string; key: string };
  await host.runner.idle();
  const view = unwrap(await panel<PanelView>(host, created.key, member.accountId, 'panel/load'));
  unwrap(
    await panel(host, created.key, member.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, {
        pilotStart: addDays(today, -160),
        demoDate: addDays(today, -100),
        milestones: {},
        people: { productionOwner: priya.accountId, dataScienceLead: null, businessOwner: null },
      }),
    }),
  );
  await scan();
  const sent = host.jira.notifications().filter((n) => n.issueKey === created.key);
  expect(sent.map((n) => n.recipients)).toEqual([[priya.accountId, admin.accountId]]);
});

it('two scheduled runs at once send each reminder once', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: overlapping runs');
  host.jira.catchUpSearch();
  await Promise.all([
    host.runner.runScheduledTrigger('daily-stall-scan'),
    host.runner.runScheduledTrigger('daily-stall-scan'),
  ]);
  await host.runner.idle();
  for (const person of [priya, admin, member]) expect(inboxFor(person.accountId, pilot.key)).toHaveLength(1);
  expect(host.jira.notifications().filter((n) => n.issueKey === pilot.key)).toHaveLength(1);
});

it('a notification Jira failed to take is sent on the next run', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: Jira fails once');
  // Every in-process attempt of this run fails.
  host.faults.failNext({
    target: 'jira',
    operation: /^POST \/rest\/api\/3\/issue\/[^/]+\/notify$/,
    key: new RegExp(`/issue/${pilot.id}/notify`),
    times: 4,
    status: 500,
  });
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toEqual([]);
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
}, 30_000);

it('one pilot whose stored record cannot be read does not stop the others', async () => {
  const broken = await stalledPilot('PAY', 'Reminder: unreadable record');
  const healthy = await stalledPilot('PAY', 'Reminder: healthy neighbour');
  host.kvs.state[`pilot:${broken.id}`]!.value = { schemaVersion: 'garbage' };
  await scan();
  expect(inboxFor(priya.accountId, broken.key)).toEqual([]);
  expect(inboxFor(priya.accountId, healthy.key)).toHaveLength(1);
});

it('a project with reminders turned off gets none, and the change is audited', async () => {
  const loaded = unwrap(await settings<SettingsPageView>(host, 'OPS', admin.accountId, 'settings/load'));
  expect(loaded.settings.reminders).toEqual({ enabled: true });
  const saved = unwrap(
    await settings<SettingsPageView>(host, 'OPS', admin.accountId, 'settings/save', {
      expectedVersion: loaded.version,
      settings: { ...loaded.settings, reminders: { enabled: false } },
    }),
  );
  expect(saved.audit[0]!.changes).toContain('reminders: on → off');
  const pilot = await stalledPilot('OPS', 'Reminder: project opted out');
  await scan();
  expect(host.jira.notifications().filter((n) => n.issueKey === pilot.key)).toEqual([]);
});

it('a claim left past its deadline by a run that died (send failed, release failed) is taken over by a later run', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: stale claim');
  host.faults.failNext({
    target: 'jira',
    operation: /^POST \/rest\/api\/3\/issue\/[^/]+\/notify$/,
    key: new RegExp(`/issue/${pilot.id}/notify`),
    times: 4,
    status: 500,
  });
  host.faults.failNext({
    target: 'kvs',
    operation: /\/api\/v1\/delete$/,
    key: new RegExp(`^reminder:${pilot.id}:`),
    times: 4,
  });
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toEqual([]);
  const claims = Object.entries(host.kvs.state).filter(([k]) => k.startsWith(`reminder:${pilot.id}:decision-due:`));
  expect(claims).toHaveLength(1);
  // A day later: the claim is past its own deadline, though the store has not deleted it yet (Forge lags up to 48 h).
  const value = claims[0]![1].value as { at: string; until: string };
  value.until = new Date(Date.now() - 60_000).toISOString();
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
}, 30_000);

it('a reminder sent whose record (and audit line) could not be written is still not sent again once its claim lapses', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: record write fails');
  host.faults.failNext({
    target: 'kvs',
    operation: /\/api\/v1\/transaction$/,
    key: new RegExp(`^reminder:${pilot.id}:`),
    times: 1,
  });
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
  const [entry] = Object.entries(host.kvs.state).filter(([k]) => k.startsWith(`reminder:${pilot.id}:decision-due:`));
  // A day later: were it only a claim, its deadline would have passed.
  const value = entry![1].value as { until?: string };
  if (value.until) value.until = new Date(Date.now() - 60_000).toISOString();
  await scan();
  expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
});

it('a production owner whose account was deactivated does not keep the others from their reminder (Jira refuses the whole call)', async () => {
  const pilot = await stalledPilot('PAY', 'Reminder: owner left the company');
  const owner = host.jira.state.users.find((u) => u.accountId === priya.accountId)!;
  owner.active = false;
  try {
    await scan();
    for (const person of [admin, member])
      expect(inboxFor(person.accountId, pilot.key).map((n) => n.subject)).toEqual([
        `${pilot.key}: review decision due`,
      ]);
    const remembered = Object.entries(host.kvs.state).filter(([k]) =>
      k.startsWith(`reminder:${pilot.id}:decision-due:`),
    );
    expect([...accountIdsIn(remembered[0]![1].value)].sort()).toEqual([admin.accountId, member.accountId].sort());
    await scan();
    expect(host.jira.notifications().filter((n) => n.issueKey === pilot.key)).toHaveLength(2);
  } finally {
    owner.active = true;
  }
});

it("a workstream sub-task Jira no longer finds (deleted since search saw it) does not hold back the pilot's other reminders", async () => {
  const created = await createPilot(host, 'PAY', 'Reminder: sub-task gone', member.accountId);
  await host.runner.idle();
  let view = unwrap(await panel<PanelView>(host, created.key, member.accountId, 'panel/load'));
  // Stalled with its decision due, and a milestone passed with its workstreams not done.
  view = unwrap(
    await panel<PanelView>(host, created.key, member.accountId, 'panel/save', {
      expectedVersion: view.record.version,
      pilot: pilotInput(view, {
        pilotStart: addDays(today, -160),
        demoDate: addDays(today, -100),
        milestones: { integrationTesting: addDays(today, -1) },
        people: { productionOwner: priya.accountId, dataScienceLead: null, businessOwner: null },
      }),
    }),
  );
  const gone = view.workstreams.find((w) => w.rowId === 'infra')!.issueId!;
  host.faults.failNext({
    target: 'jira',
    operation: /^GET \/rest\/api\/3\/issue\/[^/]+$/,
    key: new RegExp(`/issue/${gone}\\?`),
    times: 1,
    status: 404,
  });
  await scan();
  expect(inboxFor(priya.accountId, created.key).map((n) => n.subject)).toContain(`${created.key}: review decision due`);
});

it("with the site's outgoing mail off, a run stops asking Jira after its first refusal, and the reminders go out once mail is back on", async () => {
  const first = await stalledPilot('PAY', 'Reminder: mail off, first');
  const second = await stalledPilot('PAY', 'Reminder: mail off, second');
  host.jira.setOutgoingMail(false);
  const before = host.faults.calls.length;
  try {
    await scan();
  } finally {
    host.jira.setOutgoingMail(true);
  }
  expect(
    host.faults.calls.slice(before).filter((c) => /^POST \/rest\/api\/3\/issue\/[^/]+\/notify$/.test(c)),
  ).toHaveLength(1);
  expect(
    Object.keys(host.kvs.state).filter(
      (k) => k.startsWith(`reminder:${first.id}:`) || k.startsWith(`reminder:${second.id}:`),
    ),
  ).toEqual([]);
  await scan();
  for (const pilot of [first, second]) expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
});

it('a project lead Jira failed to give for one pilot is asked again for the next, not remembered as a failure for the whole run', async () => {
  const first = await stalledPilot('PAY', 'Reminder: lead lookup fails, first');
  const second = await stalledPilot('PAY', 'Reminder: lead lookup fails, second');
  // Every in-process attempt of one lookup fails.
  host.faults.failNext({ target: 'jira', operation: /^GET \/rest\/api\/3\/project\/[^/]+$/, times: 4, status: 500 });
  await scan();
  const reached = [first, second].filter((p) => inboxFor(priya.accountId, p.key).length === 1);
  expect(reached).toHaveLength(1);
  await scan();
  for (const pilot of [first, second]) expect(inboxFor(priya.accountId, pilot.key)).toHaveLength(1);
}, 30_000);
