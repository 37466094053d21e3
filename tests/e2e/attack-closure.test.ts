// Hostile review of issue 10 (gate with teeth): ways into and out of done statuses that the closure record must
// follow, driven through the local host as the member who moves the pilot.
import { addDays, dayOf } from '../../src/core/dates';
import {
  expandPortfolio,
  type PanelView,
  type PortfolioPayload,
  type SettingsPageView,
} from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  createPilot,
  DEMO_USERS,
  macro,
  panel,
  settings,
  startHost,
  stopHost,
  unwrap,
  pilotInput,
  answers,
} from '../support/local-host';

let host: LocalHost;
const admin = DEMO_USERS.admin.accountId;
const member = DEMO_USERS.member.accountId;
const today = dayOf(new Date());

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await stopHost(host);
});

async function move(key: string, transitionId: string): Promise<{ status: number; message: string }> {
  const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: transitionId },
  });
  const body = (response.body ?? {}) as { errorMessages?: string[] };
  await host.runner.idle();
  return { status: response.status, message: (body.errorMessages ?? []).join(' ') };
}

async function statusOf(key: string): Promise<string> {
  const response = await host.asApp('GET', `/rest/api/3/issue/${key}?fields=status`);
  return (response.body as { fields: { status: { name: string } } }).fields.status.name;
}

async function pilotWith(summary: string, letters: string): Promise<{ key: string; view: PanelView }> {
  const { key } = await createPilot(host, 'PAY', summary);
  await host.runner.idle();
  let v = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  v = unwrap(
    await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: v.record.version,
      pilot: pilotInput(v, {
        diagnostic: answers(letters),
        productionDate: addDays(today, 30),
        people: { productionOwner: DEMO_USERS.priya.accountId, dataScienceLead: null, businessOwner: null },
      }),
    }),
  );
  return { key, view: v };
}

const closureLines = async (key: string) =>
  unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/load'))
    .audit.filter((a) => a.subject === `${key} closure`)
    .map((a) => a.changes.join(' '));

const portfolioRow = async (key: string) => {
  host.jira.catchUpSearch();
  const view = expandPortfolio(
    unwrap(
      await macro<PortfolioPayload>(host, admin, 'portfolio/load', {
        config: { projectKeys: ['PAY'], jql: '', pilots: 'all', sort: 'daysSinceDemo' },
      }),
    ),
  );
  return view.rows.find((r) => r.key === key);
};

describe('closure record across moves between done statuses', () => {
  // Done first (closed without graduation), then Graduate from Done, which the workflow allows and which runs the
  // validator: the pilot passed the gate on its way into production, so it graduated. The old code kept the
  // "closed without graduation" record because a closure already existed, and left the validator's pass unspent.
  it('counts Graduate from Done, through a passed gate, as graduation', async () => {
    const { key, view } = await pilotWith('Done first, then graduated', 'yyyyyyn');
    expect(view.assessment.gate.passed).toBe(true);
    expect((await move(key, '31')).status).toBe(204);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).toBe('closed');
    expect((await move(key, '41')).status).toBe(204);
    expect(await statusOf(key)).toBe('In Production');
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).toBe('graduated');
    expect((await portfolioRow(key))?.phase).toBe('graduated');
    expect(await closureLines(key)).toEqual([
      expect.stringMatching(/^graduated: moved to In Production through the graduation gate/),
      expect.stringMatching(/^closed without graduation: moved to Done/),
    ]);
  });

  // The other way round must not upgrade anything: Done from a gate-met pilot never ran the validator.
  it('does not turn Done into graduation because the gate happens to be met', async () => {
    const { key } = await pilotWith('Gate met, but Done', 'yyyyyyn');
    expect((await move(key, '31')).status).toBe(204);
    expect(unwrap(await panel<PanelView>(host, key, member, 'panel/load')).assessment.phase).toBe('closed');
    expect((await portfolioRow(key))?.phase).toBe('closed');
  });
});
