// Hostile review of issue 10 ("existing pilots move over on first read, once"): the first read of a pilot from
// before app storage takes its `ai-pilot` issue property as truth. A member with Edit issues who writes that
// property on such a pilot before anything has read it decides what moves over: waivers "granted by" an admin,
// then Graduate. The upgrade event now reads every pilot at once (avi:forge:upgraded:app → a sweep through the
// work queue), so once the upgrade has run, a forged property is never read again. What remains is the minutes
// between the upgrade and the sweep (see the README).
import { addDays, dayOf } from '../../src/core/dates';
import type { LocalHost } from '../../host/host';
import { createPilot, DEMO_USERS, startHost, stopHost } from '../support/local-host';

let host: LocalHost;
const member = DEMO_USERS.member.accountId;
const lead = DEMO_USERS.lead.accountId;
const today = dayOf(new Date());

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await stopHost(host);
});

it('reads every pre-storage pilot when the app is upgraded, so a property forged afterwards cannot graduate it', async () => {
  const { id, key } = await createPilot(host, 'PAY', 'Legacy pilot never opened since the upgrade');
  await host.runner.idle();
  // As an older version left it: no record in app storage, the record in the issue property, no store marker yet.
  delete host.kvs.state[`pilot:${id}`];
  delete host.kvs.state['pilot-store:since'];
  const legacy = {
    schemaVersion: 1,
    version: 1,
    pilot: {
      phase: 'post-demo',
      pilotStart: addDays(today, -90),
      demoDate: addDays(today, -30),
      productionDate: null,
      productionDateHistory: [],
      milestones: {},
      people: { productionOwner: null, dataScienceLead: null, businessOwner: null },
      monthlyRunCost: null,
      modelMetric: null,
      diagnostic: {},
      resumeOn: null,
      decisions: [],
    },
    waivers: [] as unknown[],
    displayNames: {},
    productionSpecUrl: null,
    updatedAt: new Date().toISOString(),
    updatedBy: lead,
  };
  expect((await host.asApp('PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, legacy)).status).toBeLessThan(300);
  host.jira.catchUpSearch();

  await host.runner.runUpgraded();
  expect((host.kvs.state[`pilot:${id}`]?.value as { waivers: unknown[] } | undefined)?.waivers).toEqual([]);

  // Now the member forges the property with waivers "granted by" the lead and takes Graduate.
  const forged = {
    ...legacy,
    version: 2,
    waivers: ['min-score', 'yes:q1', 'yes:q2', 'yes:q3', 'production-owner', 'production-date'].map((criterion) => ({
      criterion,
      reason: 'Approved by the board',
      expiresOn: addDays(today, 30),
      byAccountId: lead,
      grantedOn: today,
    })),
  };
  const put = await host.asUser(member, 'PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, forged);
  expect(put.status).toBeLessThan(300);
  const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: '41' },
  });
  await host.runner.idle();
  expect(response.status).toBe(400);
  expect((host.kvs.state[`pilot:${id}`]?.value as { waivers: unknown[] }).waivers).toEqual([]);
});
