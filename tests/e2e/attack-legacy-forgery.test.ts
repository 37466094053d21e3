// Hostile review of issue 10 ("existing pilots move over on first read, once"): the first read of a pilot from
// before app storage takes its `ai-pilot` issue property as truth. A member with Edit issues who writes that
// property on such a pilot before anything has read it (no panel, portfolio or scan since the upgrade) decides
// what moves over: waivers "granted by" an admin, then Graduate, and the validator (itself the first read)
// migrates the forged waivers and lets the pilot into production.
//
// NOT FIXED (skipped): closing this needs the migration to run eagerly on install/upgrade (avi:forge:upgraded:app
// → a queue job reading every AI Pilot), or the legacy property to be checked against something a member cannot
// write (the previous version's audit trail in KVS). Both are larger than a local fix.
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

it.skip('does not let a member decide what a pre-storage pilot migrates: forged waivers do not graduate it', async () => {
  const { id, key } = await createPilot(host, 'PAY', 'Legacy pilot never opened since the upgrade');
  await host.runner.idle();
  // As if the pilot dates from before this version: no record in app storage, and the store "since" marker later.
  delete host.kvs.state[`pilot:${id}`];
  delete host.kvs.state['pilot-store:since'];
  const forged = {
    schemaVersion: 1,
    version: 1,
    pilot: { phase: 'post-demo', pilotStart: addDays(today, -90), demoDate: addDays(today, -30), productionDate: null, productionDateHistory: [], milestones: {}, people: { productionOwner: null, dataScienceLead: null, businessOwner: null }, monthlyRunCost: null, modelMetric: null, diagnostic: {}, resumeOn: null, decisions: [] },
    waivers: ['min-score', 'yes:q1', 'yes:q2', 'yes:q3', 'production-owner', 'production-date'].map((criterion) => ({ criterion, reason: 'Approved by the board', expiresOn: addDays(today, 30), byAccountId: lead, grantedOn: today })),
    productionSpecUrl: null,
    updatedAt: new Date().toISOString(),
    updatedBy: lead,
  };
  const put = await host.asUser(member, 'PUT', `/rest/api/3/issue/${key}/properties/ai-pilot`, forged);
  expect(put.status).toBeLessThan(300);
  const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '41' } });
  await host.runner.idle();
  expect(response.status).toBe(400);
});
