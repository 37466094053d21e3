// The Rovo agent's actions and the Jira Automation actions, run through the local host the way the platform runs
// them (host/forge/actions.ts: the manifest's declaration, the payload and context Forge documents), as the users
// in question: a restricted viewer learns nothing of RISK, inputs outside the declared types are refused by name
// (by the platform and, when it is bypassed, by the app), "explain one pilot" names exactly the panel's unmet
// criteria, and the decision action records nothing for someone who may not decide.
import { runAction, type ActionRun } from '../../host/forge/actions';
import type { LocalHost } from '../../host/host';
import type { PanelView, SettingsPageView } from '../../src/contract/views';
import type { PortfolioPayload } from '../../src/contract/views';
import { expandPortfolio } from '../../src/contract/views';
import { DEMO_USERS, macro, panel, settings, startHost, stopHost, unwrap } from '../support/local-host';

let host: LocalHost;
beforeAll(async () => {
  host = await startHost();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
});
afterAll(() => stopHost(host));

const { admin, member, viewer } = DEMO_USERS;

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

function answered(run: ActionRun): Envelope & Record<string, unknown> {
  if (run.status !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(run)}`);
  expect(run.problems).toEqual([]);
  return run.answer as Envelope & Record<string, unknown>;
}

async function portfolioRows(accountId: string) {
  const config = { projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'key' };
  return expandPortfolio(unwrap(await macro<PortfolioPayload>(host, accountId, 'portfolio/load', { config }))).rows;
}

describe('a restricted viewer gets nothing from RISK', () => {
  it('list stalled pilots: the admin sees RISK pilots, the viewer none, and is told projects were left out', async () => {
    const asAdmin = answered(
      await runAction(host, 'list-stalled-pilots', { projectKeys: 'PAY, OPS, RISK' }, admin.accountId),
    );
    const asViewer = answered(
      await runAction(host, 'list-stalled-pilots', { projectKeys: 'PAY, OPS, RISK' }, viewer.accountId),
    );
    expect(asAdmin.ok && asViewer.ok).toBe(true);
    const adminPilots = asAdmin.data!.pilots as Array<{
      key: string;
      project: string;
      daysStalled: number;
      monthlyRunCost: number | null;
      decision: string;
    }>;
    expect(adminPilots.some((p) => p.project === 'RISK')).toBe(true);
    expect(JSON.stringify(asViewer)).not.toMatch(/RISK/);
    expect((asViewer.data!.pilots as unknown[]).length).toBe(adminPilots.filter((p) => p.project !== 'RISK').length);
    expect(asViewer.data!.notes).toEqual([
      expect.stringMatching(/1 of the 3 projects asked about are not visible to you/),
    ]);
    // The stalled list is the portfolio's truth (stored records), days, cost and decision status included.
    const rows = await portfolioRows(admin.accountId);
    const stalled = rows.filter((r) => r.stalled);
    expect(adminPilots.map((p) => p.key).sort()).toEqual(stalled.map((r) => r.key).sort());
    for (const p of adminPilots) {
      const row = stalled.find((r) => r.key === p.key)!;
      expect(p).toMatchObject({
        daysStalled: row.daysStalled,
        monthlyRunCost: row.monthlyRunCost,
        decision: row.decisionOverdue ? 'overdue' : row.decisionDue ? 'due' : 'not yet due',
      });
    }
  });

  it('explain one pilot: a RISK pilot is not found for the viewer and nothing of it is said', async () => {
    const risk = (await portfolioRows(admin.accountId)).find((r) => r.projectKey === 'RISK')!;
    const asAdmin = answered(await runAction(host, 'explain-pilot', { issueKey: risk.key }, admin.accountId));
    expect(asAdmin.ok).toBe(true);
    expect(asAdmin.data!.summary).toBe(risk.summary);
    const asViewer = answered(await runAction(host, 'explain-pilot', { issueKey: risk.key }, viewer.accountId));
    expect(asViewer.ok).toBe(false);
    expect(asViewer.error!.code).toBe('NOT_FOUND');
    expect(JSON.stringify(asViewer)).not.toContain(risk.summary);
    expect(asViewer.data).toBeUndefined();
  });

  it('portfolio status: the viewer asking about RISK gets the numbers of PAY and OPS only', async () => {
    const all = answered(await runAction(host, 'portfolio-status', { projectKeys: 'PAY,OPS,RISK' }, viewer.accountId));
    const visible = answered(await runAction(host, 'portfolio-status', { projectKeys: 'PAY,OPS' }, admin.accountId));
    const adminAll = answered(
      await runAction(host, 'portfolio-status', { projectKeys: 'PAY,OPS,RISK' }, admin.accountId),
    );
    const strip = (d: Record<string, unknown>) => ({ ...d, notes: [] });
    expect(strip(all.data!)).toEqual(strip(visible.data!));
    expect(adminAll.data!.pilots as number).toBeGreaterThan(all.data!.pilots as number);
    const weeks = (all.data!.intervention as { weeks: Array<{ week: number; done: number; of: number }> }).weeks;
    expect(weeks.map((w) => w.week)).toEqual([1, 2, 3, 4]);
  });

  it('check gate (Automation): the viewer gets an error for a RISK pilot, no outputs', async () => {
    const risk = (await portfolioRows(admin.accountId)).find((r) => r.projectKey === 'RISK')!;
    const run = await runAction(host, 'check-pilot-gate', { issueKey: risk.key }, viewer.accountId);
    if (run.status !== 'answered') throw new Error(JSON.stringify(run));
    expect(run.failed).toHaveLength(1);
    expect(run.outputs).toBeUndefined();
    expect(JSON.stringify(run.answer)).not.toContain(risk.summary);
  });
});

describe('inputs outside the declared types', () => {
  it('are refused by the platform (the host) naming the input: wrong type, missing, undeclared', async () => {
    expect(await runAction(host, 'list-stalled-pilots', { projectKeys: 42 }, admin.accountId)).toEqual({
      status: 'refused',
      problems: [{ input: 'projectKeys', message: 'Project keys (projectKeys) must be text; got 42' }],
    });
    const missing = await runAction(host, 'explain-pilot', {}, admin.accountId);
    expect(missing).toEqual({
      status: 'refused',
      problems: [{ input: 'issueKey', message: 'Pilot issue key (issueKey) is required' }],
    });
    const undeclared = await runAction(host, 'check-pilot-gate', { issueKey: 'PAY-1', verbose: true }, admin.accountId);
    expect(undeclared.status === 'refused' && undeclared.problems[0]!.input).toBe('verbose');
  });

  it('are refused by the app itself when the platform check is bypassed, naming the input, nothing done', async () => {
    const call = (key: string, fn: string, payload: Record<string, unknown>) =>
      host.runner.invokeAction(key, fn, payload, admin.accountId) as Promise<Envelope>;
    const wrongType = await call('explain-pilot', 'coach-explain-pilot', {
      issueKey: 7,
      context: { cloudId: host.cloudId },
    });
    expect(wrongType).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('Pilot issue key (issueKey) must be text') },
    });
    const undeclared = await call('portfolio-status', 'coach-portfolio-status', {
      projectKeys: 'PAY',
      jql: 'project = RISK',
    });
    expect(undeclared).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('"jql" is not an input of this action') },
    });
    const badKeys = await call('list-stalled-pilots', 'coach-list-stalled', { projectKeys: 'PAY, not a key!' });
    expect(badKeys).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('projectKeys: must be project keys like PAY, OPS'),
      },
    });
    const automation = await host.runner.invokeAction(
      'check-pilot-gate',
      'automation-gate',
      { issueKey: true },
      admin.accountId,
    );
    expect(automation).toEqual({
      errors: [{ message: expect.stringContaining('Pilot issue key (issueKey) must be text') }],
    });
  });

  it('the caller comes from the invocation context only: a call without a principal is refused', async () => {
    const { listStalledPilotsAction } = await import('../../src/index');
    expect(await listStalledPilotsAction({ projectKeys: 'PAY' }, { installContext: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('one pilot, as the panel shows it', () => {
  it('"explain one pilot" names exactly the unmet criteria the panel resolver returns; the gate check agrees', async () => {
    const rows = (await portfolioRows(member.accountId)).filter(
      (r) => !r.gatePassed && r.gateFailures.length > 1 && ['pilot', 'post-demo', 'paused'].includes(r.phase),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows.slice(0, 3)) {
      const view = unwrap(await panel<PanelView>(host, row.key, member.accountId, 'panel/load'));
      const explained = answered(
        await runAction(host, 'explain-pilot', { issueKey: row.key.toLowerCase() }, member.accountId),
      );
      expect(explained.ok).toBe(true);
      expect(explained.data!.unmetCriteria).toEqual(view.assessment.gate.failures);
      expect(explained.data!.score).toBe(view.assessment.score);
      expect(explained.data!.contradicted).toEqual(
        view.assessment.evidence.mismatches
          .filter((m) => m.kind === 'overclaimed')
          .map((m) => expect.objectContaining({ evidence: m.message })),
      );
      expect(explained.data!.nextStep).toEqual({ basis: expect.any(String), text: expect.any(String) });
      const gate = await runAction(host, 'check-pilot-gate', { issueKey: row.key }, member.accountId);
      if (gate.status !== 'answered') throw new Error(JSON.stringify(gate));
      expect(gate.problems).toEqual([]);
      expect(gate.outputs).toEqual({
        passed: false,
        score: view.assessment.score,
        unmetCriteria: view.assessment.gate.failures.join('; '),
      });
    }
  });
});

describe('"Record AI pilot review decision" (Automation)', () => {
  async function stalledPilot(): Promise<string> {
    const row = (await portfolioRows(admin.accountId)).find(
      (r) => r.projectKey === 'PAY' && r.stalled && r.phase === 'post-demo',
    );
    if (!row) throw new Error('no stalled PAY pilot in the demo data');
    return row.key;
  }
  const decisionLines = async (key: string) =>
    unwrap(await settings<SettingsPageView>(host, 'PAY', admin.accountId, 'settings/load')).audit.filter(
      (a) => a.subject === `${key} review decision`,
    );

  it('changes nothing when the caller may not decide (the viewer browses PAY but cannot edit)', async () => {
    const key = await stalledPilot();
    const before = unwrap(await panel<PanelView>(host, key, admin.accountId, 'panel/load'));
    const linesBefore = await decisionLines(key);
    const run = await runAction(
      host,
      'record-pilot-decision',
      { issueKey: key, kind: 'kill', reason: 'No production owner after 120 days' },
      viewer.accountId,
    );
    if (run.status !== 'answered') throw new Error(JSON.stringify(run));
    expect(run.failed).toEqual([expect.stringMatching(/not edit it.*nothing was changed/)]);
    const after = unwrap(await panel<PanelView>(host, key, admin.accountId, 'panel/load'));
    expect(after.record).toEqual(before.record);
    expect(await decisionLines(key)).toEqual(linesBefore);
  });

  it("refuses an incomplete decision with the panel's own reasons, and records a complete one with its audit line", async () => {
    const key = await stalledPilot();
    const before = unwrap(await panel<PanelView>(host, key, member.accountId, 'panel/load'));
    const incomplete = await runAction(
      host,
      'record-pilot-decision',
      { issueKey: key, kind: 'pause', rationale: 'Waiting for the data platform' },
      member.accountId,
    );
    if (incomplete.status !== 'answered') throw new Error(JSON.stringify(incomplete));
    expect(incomplete.failed).toEqual([expect.stringContaining('Give the date the pilot resumes')]);
    const notAnOutcome = await runAction(
      host,
      'record-pilot-decision',
      { issueKey: key, kind: 'continue' },
      member.accountId,
    );
    expect(notAnOutcome.status === 'answered' && notAnOutcome.failed).toEqual([
      expect.stringContaining('continuing as before is not a review outcome'),
    ]);
    expect(unwrap(await panel<PanelView>(host, key, member.accountId, 'panel/load')).record.version).toBe(
      before.record.version,
    );

    const run = await runAction(
      host,
      'record-pilot-decision',
      { issueKey: key, kind: 'kill', reason: 'Superseded by the vendor model' },
      member.accountId,
    );
    if (run.status !== 'answered') throw new Error(JSON.stringify(run));
    expect(run.problems).toEqual([]);
    expect(run.outputs).toEqual({ recorded: true, phase: 'killed' });
    const after = unwrap(await panel<PanelView>(host, key, member.accountId, 'panel/load'));
    expect(after.record.version).toBe(before.record.version + 1);
    expect(after.record.pilot.decisions.at(-1)).toMatchObject({
      kind: 'kill',
      reason: 'Superseded by the vendor model',
      byAccountId: member.accountId,
    });
    const lines = await decisionLines(key);
    expect(lines[0]).toMatchObject({
      byAccountId: member.accountId,
      changes: ['kill: Superseded by the vendor model'],
    });
  });
});

describe('when Jira or storage fails', () => {
  afterEach(() => host.faults.clearTargeted());

  it("an action whose Jira search keeps failing answers Jira's unavailability, not a crash or an empty portfolio", async () => {
    host.faults.failNext({ target: 'jira', operation: /^POST \/rest\/api\/3\/search\/jql$/, times: 50, status: 503 });
    const run = answered(await runAction(host, 'portfolio-status', { projectKeys: 'PAY' }, admin.accountId));
    expect(run).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it('a decision whose storage write fails records nothing (no record version, no audit line) and says so to Automation', async () => {
    const row = (await portfolioRows(admin.accountId)).find(
      (r) => r.projectKey === 'PAY' && r.stalled && r.phase === 'post-demo',
    );
    if (!row) throw new Error('no stalled PAY pilot left in the demo data');
    const before = unwrap(await panel<PanelView>(host, row.key, member.accountId, 'panel/load'));
    const linesBefore = unwrap(await settings<SettingsPageView>(host, 'PAY', admin.accountId, 'settings/load')).audit
      .length;
    host.faults.failNext({ target: 'kvs', operation: /transaction/, times: 50, status: 503 });
    const run = await runAction(
      host,
      'record-pilot-decision',
      { issueKey: row.key, kind: 'kill', reason: 'Budget moved to the platform team' },
      member.accountId,
    );
    host.faults.clearTargeted();
    if (run.status !== 'answered') throw new Error(JSON.stringify(run));
    expect(run.failed).toHaveLength(1);
    expect(run.outputs).toBeUndefined();
    expect(unwrap(await panel<PanelView>(host, row.key, member.accountId, 'panel/load')).record).toEqual(before.record);
    expect(unwrap(await settings<SettingsPageView>(host, 'PAY', admin.accountId, 'settings/load')).audit.length).toBe(
      linesBefore,
    );
  });
});
