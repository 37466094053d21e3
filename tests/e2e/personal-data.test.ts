// Personal data: the weekly trigger reports every account id the app stores (pilot records, settings, audit
// lines) through Forge's personal data reporting, and erases the accounts Atlassian answers are closed.
import type { LocalHost } from '../../host/host';
import { REPORT_LIMIT } from '../../host/forge/privacy';
import { eraseAccounts } from '../../src/adapters/personal-data.json';
import { decodeApprovals } from '../../src/adapters/approvals.codec';
import { startHost, stopHost } from '../support/local-host';

let host: LocalHost;
beforeEach(async () => {
  host = await startHost({ demo: false });
});
afterEach(() => stopHost(host));

const put = (key: string, value: unknown) => {
  const res = host.kvs.handle('/api/v1/set', { key, value });
  if (res.status >= 300) throw new Error(`KVS set ${key}: ${JSON.stringify(res.body)}`);
};
const stored = (key: string) => host.kvs.state[key]?.value;
const reported = () =>
  host.privacy.requests
    .flat()
    .map((a) => a.accountId)
    .sort();

/** A pilot record as the store keeps it under pilot:{issueId}. */
const pilotRecord = (ids: {
  owner: string;
  lead: string;
  decider: string;
  waiver: string;
  mover: string;
  editor: string;
}) => ({
  schemaVersion: 2,
  version: 3,
  pilot: {
    phase: 'post-demo',
    productionDateHistory: [{ from: null, to: '2026-06-01', byAccountId: ids.mover, at: '2026-01-10T09:00:00.000Z' }],
    people: { productionOwner: ids.owner, dataScienceLead: ids.lead, businessOwner: null },
    decisions: [
      {
        kind: 'accelerate',
        ownerAccountId: ids.owner,
        resourcing: 'two engineers',
        decidedOn: '2026-02-01',
        byAccountId: ids.decider,
      },
    ],
  },
  waivers: [
    {
      criterion: 'q3',
      reason: 'pen test booked',
      expiresOn: '2026-04-01',
      byAccountId: ids.waiver,
      grantedOn: '2026-02-02',
    },
  ],
  productionSpecUrl: null,
  updatedAt: '2026-02-02T10:00:00.000Z',
  updatedBy: ids.editor,
});

function seedStorage() {
  put(
    'pilot:10001',
    pilotRecord({
      owner: 'acc-closed',
      lead: 'acc-lead',
      decider: 'acc-admin',
      waiver: 'acc-closed',
      mover: 'acc-closed',
      editor: 'acc-closed',
    }),
  );
  put(
    'pilot:10002',
    pilotRecord({
      owner: 'acc-owner',
      lead: 'acc-lead',
      decider: 'acc-admin',
      waiver: 'acc-admin',
      mover: 'acc-owner',
      editor: 'unknown',
    }),
  );
  put('settings:10000', { version: 2, settings: {}, updatedAt: '2026-01-05T08:00:00.000Z', updatedBy: 'acc-closed' });
  put('audit:10000:2026-02-01T10:00:00.000Z:abcd1234', {
    at: '2026-02-01T10:00:00.000Z',
    byAccountId: 'acc-closed',
    subject: 'PIL-1 review decision',
    changes: ['accelerate: owner acc-closed; resourcing: two engineers'],
  });
  put('snapshot:10000:2026-02-01', { day: '2026-02-01', pilots: 2 });
  put('approvals:10001', {
    schemaVersion: 1,
    version: 2,
    reviewers: {
      security: {
        state: 'conversation-scheduled',
        conversationDate: '2026-02-10',
        notes: '',
        blockers: [],
        history: [
          {
            from: 'not-contacted',
            to: 'conversation-scheduled',
            reason: null,
            byAccountId: 'acc-closed',
            at: '2026-02-03T09:00:00.000Z',
          },
        ],
      },
    },
    updatedAt: '2026-02-03T09:00:00.000Z',
    updatedBy: 'acc-closed',
  });
}

describe('the weekly personal data report', () => {
  it('reports every stored account id once (never "unknown"), with the oldest time stored beside it', async () => {
    seedStorage();
    await host.runner.runScheduledTrigger('weekly-personal-data');
    expect(reported()).toEqual(['acc-admin', 'acc-closed', 'acc-lead', 'acc-owner']);
    const closed = host.privacy.requests.flat().find((a) => a.accountId === 'acc-closed');
    expect(closed?.updatedAt).toBe('2026-01-05T08:00:00.000Z'); // the settings entry is the oldest that names them
  });

  it('erases a closed account from every stored value, leaves the open ones, and does not report it again', async () => {
    seedStorage();
    host.privacy.closeAccount('acc-closed');
    await host.runner.runScheduledTrigger('weekly-personal-data');

    const everything = JSON.stringify(host.kvs.state);
    expect(everything).not.toContain('acc-closed');
    const pilot = stored('pilot:10001') as ReturnType<typeof pilotRecord>;
    expect(pilot.pilot.people).toEqual({ productionOwner: null, dataScienceLead: 'acc-lead', businessOwner: null });
    expect(pilot.pilot.decisions[0]).toMatchObject({
      ownerAccountId: 'unknown',
      byAccountId: 'acc-admin',
      resourcing: 'two engineers',
    });
    expect(pilot.waivers[0]).toMatchObject({ byAccountId: 'unknown', reason: 'pen test booked' });
    expect(pilot.pilot.productionDateHistory[0]).toMatchObject({ byAccountId: 'unknown', to: '2026-06-01' });
    expect(pilot.updatedBy).toBeNull();
    expect(pilot.version).toBe(3);
    expect(stored('settings:10000')).toMatchObject({ updatedBy: null, version: 2 });
    expect(stored('audit:10000:2026-02-01T10:00:00.000Z:abcd1234')).toMatchObject({
      byAccountId: 'unknown',
      changes: ['accelerate: owner unknown; resourcing: two engineers'],
    });
    expect(stored('pilot:10002')).toEqual(
      pilotRecord({
        owner: 'acc-owner',
        lead: 'acc-lead',
        decider: 'acc-admin',
        waiver: 'acc-admin',
        mover: 'acc-owner',
        editor: 'unknown',
      }),
    );
    // The approval chain keeps its history without the closed account, and still reads.
    const chain = decodeApprovals(stored('approvals:10001'));
    expect(chain.ok && chain.record.reviewers.security!.history[0]!.byAccountId).toBe('unknown');
    expect(chain.ok && chain.record.updatedBy).toBeNull();

    host.privacy.requests.length = 0;
    await host.runner.runScheduledTrigger('weekly-personal-data');
    expect(reported()).toEqual(['acc-admin', 'acc-lead', 'acc-owner']);
  });

  it('reports more than 90 accounts in requests of at most 90', async () => {
    for (let i = 0; i < 95; i += 1)
      put(`audit:10000:2026-02-01T10:00:00.000Z:${String(i).padStart(8, '0')}`, {
        at: '2026-02-01T10:00:00.000Z',
        byAccountId: `acc-${i}`,
        subject: 's',
        changes: [],
      });
    await host.runner.runScheduledTrigger('weekly-personal-data');
    expect(host.privacy.requests.map((r) => r.length).sort((a, b) => b - a)).toEqual([REPORT_LIMIT, 5]);
  });

  it('needs the report:personal-data scope: without it the run fails and nothing is erased', async () => {
    seedStorage();
    host.privacy.closeAccount('acc-closed');
    host.manifest.permissions.scopes = host.manifest.permissions.scopes.filter((s) => s !== 'report:personal-data');
    await expect(host.runner.runScheduledTrigger('weekly-personal-data')).rejects.toThrow(
      /Personal data reporting failed with HTTP 403/,
    );
    expect(JSON.stringify(stored('pilot:10001'))).toContain('acc-closed');
  });
});

describe('erasing from raw JSON', () => {
  it('drops display-name entries and list members of the closed account, and reports whether anything changed', () => {
    const closed = new Set(['acc-x']);
    expect(
      eraseAccounts({ displayNames: { 'acc-x': 'Xavier', 'acc-y': 'Yves' }, watchers: ['acc-x', 'acc-y'] }, closed),
    ).toEqual({
      value: { displayNames: { 'acc-y': 'Yves' }, watchers: ['acc-y'] },
      changed: true,
    });
    expect(eraseAccounts({ people: { productionOwner: 'acc-y' } }, closed)).toEqual({
      value: { people: { productionOwner: 'acc-y' } },
      changed: false,
    });
  });
});
