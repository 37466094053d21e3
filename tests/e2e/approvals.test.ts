// The approval chain through the local host: reviewers from the project's settings (defaults for settings stored
// before the chain existed), reviewer states driving the macro's week 4 and the Q3 evidence check, refusals by
// field with nothing half-written (also when storage fails mid-write), one winner of two concurrent saves, no
// changes by a viewer, a blocker's sub-task created exactly once, and one unreadable chain costing one row.
import { addDays, dayOf } from '../../src/core/dates';
import {
  expandPortfolio,
  type PanelView,
  type PortfolioPayload,
  type PortfolioView,
  type SettingsPageView,
} from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import {
  answers,
  createPilot,
  DEMO_USERS,
  macro,
  panel,
  pilotInput,
  settings,
  startHost,
  stopHost,
  unwrap,
  type Envelope,
} from '../support/local-host';

let host: LocalHost;
const member = DEMO_USERS.member.accountId;
const admin = DEMO_USERS.admin.accountId;
const viewer = DEMO_USERS.viewer.accountId;
const today = dayOf(new Date());

beforeAll(async () => {
  host = await startHost();
});
afterEach(() => host.faults.clearTargeted());
afterAll(() => stopHost(host));

async function portfolio(): Promise<PortfolioView> {
  host.jira.catchUpSearch();
  return expandPortfolio(
    unwrap(
      await macro<PortfolioPayload>(host, admin, 'portfolio/load', {
        config: { projectKeys: ['PAY', 'OPS'], jql: '', pilots: 'all', sort: 'key' },
      }),
    ),
  );
}

/** A PAY pilot answered all yes (so Q3 claims engagement), saved once. */
async function assessedPilot(summary: string): Promise<{ id: string; key: string; view: PanelView }> {
  const { id, key } = await createPilot(host, 'PAY', summary);
  await host.runner.idle();
  const fresh = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  const view = unwrap(
    await panel<PanelView>(host, key, member, 'panel/save', {
      expectedVersion: fresh.record.version,
      pilot: pilotInput(fresh, { diagnostic: answers('yyyyyyy'), demoDate: addDays(today, 10) }),
    }),
  );
  return { id, key, view };
}

type Update = {
  reviewer: string;
  state: string;
  conversationDate: string | null;
  notes?: string;
  reason?: string | null;
  blockers?: Array<{ id?: string | null; text: string; done: boolean }>;
};
const update = (key: string, version: number, u: Update, as: string = member) =>
  panel<PanelView>(host, key, as, 'panel/approvals-update', {
    expectedApprovalsVersion: version,
    update: { notes: '', blockers: [], ...u },
  });
const chainOf = (id: string) =>
  host.kvs.state[`approvals:${id}`]?.value as
    | {
        version: number;
        reviewers: Record<string, { state: string; blockers: Array<{ id: string; subtaskId: string | null }> }>;
      }
    | undefined;
const auditLines = (subject: RegExp) =>
  Object.entries(host.kvs.state).filter(
    ([k, v]) => k.startsWith('audit:') && subject.test((v.value as { subject: string }).subject),
  ).length;
const fields = (r: Envelope) => (r.ok ? [] : (r.error.issues ?? []).map((i) => i.field));
const q3Mismatch = (view: PanelView) => view.assessment.evidence.mismatches.find((m) => m.questionId === 'q3');

describe('reviewers in settings', () => {
  it('settings stored before the chain existed read as the default reviewers', async () => {
    const page = unwrap(await settings<SettingsPageView>(host, 'OPS', admin, 'settings/load'));
    unwrap(
      await settings(host, 'OPS', admin, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, stallRule: { thresholdDays: 91, decisionGraceDays: 14 } },
      }),
    );
    const opsId = host.jira.state.projects.find((p) => p.key === 'OPS')!.id;
    const entry = host.kvs.state[`settings:${opsId}`]! as { value: { settings: Record<string, unknown> } };
    delete entry.value.settings.reviewers;
    const reread = unwrap(await settings<SettingsPageView>(host, 'OPS', admin, 'settings/load'));
    expect(reread.settings.reviewers).toEqual(['security', 'compliance', 'legal', 'privacy', 'infrastructure']);
  });

  it('refuses repeated, blank and too many names by field, stores nothing, and audits a valid change', async () => {
    const page = unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/load'));
    const save = (reviewers: string[], as: string = admin) =>
      settings<SettingsPageView>(host, 'PAY', as, 'settings/save', {
        expectedVersion: page.version,
        settings: { ...page.settings, reviewers },
      });
    expect(fields(await save(['security', 'Security ']))).toEqual(['settings.reviewers.1']);
    expect(fields(await save(['security', '   ']))).toEqual(['settings.reviewers.1']);
    expect(fields(await save(Array.from({ length: 13 }, (_, i) => `team ${i}`)))).toEqual(['settings.reviewers']);
    expect(fields(await save([]))).toEqual(['settings.reviewers']);
    expect((await save(['security', 'legal'], member)).ok ? 'ok' : 'refused').toBe('refused');
    expect(unwrap(await settings<SettingsPageView>(host, 'PAY', admin, 'settings/load')).version).toBe(page.version);

    const saved = unwrap(await save(['security', 'compliance', 'legal', 'privacy', 'infrastructure', 'Model risk']));
    expect(saved.settings.reviewers).toContain('Model risk');
    expect(saved.audit[0]!.changes).toContain('reviewers: added "Model risk"');
    const back = unwrap(
      await settings<SettingsPageView>(host, 'PAY', admin, 'settings/save', {
        expectedVersion: saved.version,
        settings: { ...saved.settings, reviewers: page.settings.reviewers },
      }),
    );
    expect(back.audit[0]!.changes).toContain('reviewers: removed "Model risk"');
  });
});

describe('reviewer states drive Q3 and week 4', () => {
  it('Q3 answered yes with no conversation is a contradiction until a reviewer has had one', async () => {
    const { key, view } = await assessedPilot('Q3 against the approval chain');
    expect(view.approvals.reviewers.map((r) => [r.name, r.state])).toEqual(
      view.settings.reviewers.map((n) => [n, 'not-contacted']),
    );
    expect(q3Mismatch(view)?.message).toMatch(/answered yes, but no reviewer has had a conversation yet/);
    expect(
      (await portfolio()).rows
        .find((r) => r.key === key)!
        .mismatches.some((m) => /^Q3 .*no reviewer has had a conversation/.test(m)),
    ).toBe(true);

    const later = unwrap(
      await update(key, 0, {
        reviewer: 'security',
        state: 'conversation-scheduled',
        conversationDate: addDays(today, 3),
      }),
    );
    expect(q3Mismatch(later)?.message).toMatch(/no reviewer has had a conversation yet/);
    const held = unwrap(
      await update(key, 1, { reviewer: 'legal', state: 'conversation-scheduled', conversationDate: today }),
    );
    expect(q3Mismatch(held)).toBeUndefined();
    expect(held.assessment.evidence.perQuestion.find((q) => q.questionId === 'q3')).toMatchObject({
      supported: true,
      evidence: '1 of 5 reviewers had their conversation (legal)',
    });
    expect((await portfolio()).rows.find((r) => r.key === key)!.mismatches.some((m) => m.startsWith('Q3 '))).toBe(
      false,
    );
  });

  it('week 4 counts an assessed pilot once every expected reviewer has a conversation scheduled, not kill-list decisions', async () => {
    const { key, view } = await assessedPilot('Week 4 conversations');
    const before = (await portfolio()).summary.intervention.week4;
    let version = 0;
    const names = view.settings.reviewers;
    for (const [i, name] of names.entries()) {
      if (i === names.length - 1) expect((await portfolio()).summary.intervention.week4).toEqual(before);
      version = unwrap(
        await update(key, version, {
          reviewer: name,
          state: 'conversation-scheduled',
          conversationDate: addDays(today, i + 1),
        }),
      ).approvals.version;
    }
    expect((await portfolio()).summary.intervention.week4).toEqual({ done: before.done + 1, of: before.of });
    // A reviewer sent back to "not contacted" (with a reason) takes the pilot out of week 4 again.
    unwrap(
      await update(key, version, {
        reviewer: names[0]!,
        state: 'not-contacted',
        conversationDate: null,
        reason: 'Meeting cancelled by the reviewer',
      }),
    );
    expect((await portfolio()).summary.intervention.week4).toEqual(before);
  });
});

describe('writes', () => {
  it('refuses invalid updates by field and stores nothing', async () => {
    const { id, key } = await assessedPilot('Refusals');
    const auditBefore = auditLines(/approval chain/);
    const cases: Array<[Update, string[]]> = [
      [{ reviewer: 'security', state: 'conversation-scheduled', conversationDate: null }, ['update.conversationDate']],
      [{ reviewer: 'security', state: 'blockers-listed', conversationDate: addDays(today, -1) }, ['update.blockers']],
      [
        {
          reviewer: 'security',
          state: 'blockers-listed',
          conversationDate: addDays(today, 5),
          blockers: [{ text: 'DPIA', done: false }],
        },
        ['update.conversationDate'],
      ],
      [
        { reviewer: 'security', state: 'conversation-scheduled', conversationDate: '2026-02-30' },
        ['update.conversationDate'],
      ],
      [{ reviewer: 'marketing', state: 'conversation-scheduled', conversationDate: today }, ['update.reviewer']],
      [{ reviewer: 'security', state: 'approved', conversationDate: today }, ['update.state']],
      [
        {
          reviewer: 'security',
          state: 'blockers-listed',
          conversationDate: today,
          blockers: [{ text: '  ', done: false }],
        },
        ['update.blockers.0.text'],
      ],
      [
        {
          reviewer: 'security',
          state: 'cleared',
          conversationDate: today,
          blockers: [{ text: 'Pen test', done: false }],
        },
        ['update.blockers.0.done'],
      ],
    ];
    for (const [u, expected] of cases) {
      const result = await update(key, 0, u);
      expect([result.ok ? 'ok' : result.error.code, fields(result)]).toEqual(['VALIDATION_FAILED', expected]);
    }
    expect(chainOf(id)).toBeUndefined();
    expect(auditLines(/approval chain/)).toBe(auditBefore);

    unwrap(await update(key, 0, { reviewer: 'security', state: 'cleared', conversationDate: today }));
    const back = await update(key, 1, {
      reviewer: 'security',
      state: 'conversation-scheduled',
      conversationDate: today,
    });
    expect(fields(back)).toEqual(['update.reason']);
    expect(chainOf(id)!.version).toBe(1);
  });

  it('a chain whose kept history fills the 240 KiB record still takes state changes: the oldest history goes (the audit log keeps it)', async () => {
    const { id, key } = await assessedPilot('Chain full of history');
    const reason = 'x'.repeat(1990);
    const history = Array.from({ length: 20 }, (_, i) => ({
      from: 'cleared',
      to: 'not-contacted',
      reason: `${i} ${reason}`,
      byAccountId: member,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }));
    // Security has no history yet; the others (r6 no longer expected) keep 20 long reasons each.
    const full = ['security', 'compliance', 'legal', 'privacy', 'infrastructure', 'r6'].map((r, i) => [
      r,
      {
        state: 'not-contacted',
        conversationDate: null,
        notes: '',
        blockers: [],
        history: r === 'security' ? [] : history.map((h) => ({ ...h, at: h.at.replace('T00', `T0${i}`) })),
      },
    ]);
    const chain = {
      schemaVersion: 1,
      version: 4,
      reviewers: Object.fromEntries(full) as Record<string, { notes: string }>,
      updatedAt: null,
      updatedBy: null,
    };
    // Filled to 500 bytes under the limit, as a long-used chain can be.
    chain.reviewers.r6!.notes = 'n'.repeat(240 * 1024 - 500 - Buffer.byteLength(JSON.stringify(chain)));
    host.kvs.state[`approvals:${id}`] = { value: chain, createdAt: Date.now(), updatedAt: Date.now(), expiresAt: null };
    expect(Buffer.byteLength(JSON.stringify(host.kvs.state[`approvals:${id}`]!.value))).toBeLessThanOrEqual(240 * 1024);
    const saved = await update(key, 4, {
      reviewer: 'security',
      state: 'conversation-scheduled',
      conversationDate: today,
      notes: 'n'.repeat(1500),
    });
    expect(saved.ok ? 'ok' : saved.error.message).toBe('ok');
    const stored = chainOf(id)! as unknown as {
      version: number;
      reviewers: Record<string, { state: string; history: Array<{ at: string }> }>;
    };
    expect(stored.version).toBe(5);
    expect(stored.reviewers.security!.state).toBe('conversation-scheduled');
    expect(stored.reviewers.security!.history.at(-1)!.at.startsWith(today.slice(0, 4))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(240 * 1024);
    // What went is the oldest history across reviewers, not the newest.
    expect(stored.reviewers.r6!.history).toHaveLength(20);
  });

  it('a storage failure in the transaction writes neither the chain nor its audit line, and the next save goes through', async () => {
    const { id, key } = await assessedPilot('Storage fails');
    const auditBefore = auditLines(new RegExp(`^${key} approval chain`));
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/transaction$/, key: /^approvals:/, times: 1 });
    const failed = await update(key, 0, {
      reviewer: 'privacy',
      state: 'conversation-scheduled',
      conversationDate: today,
    });
    expect(failed.ok).toBe(false);
    expect(chainOf(id)).toBeUndefined();
    expect(auditLines(new RegExp(`^${key} approval chain`))).toBe(auditBefore);
    const retried = unwrap(
      await update(key, 0, { reviewer: 'privacy', state: 'conversation-scheduled', conversationDate: today }),
    );
    expect(retried.approvals.version).toBe(1);
    expect(auditLines(new RegExp(`^${key} approval chain`))).toBe(auditBefore + 1);
  });

  it('of two concurrent updates on the same version one wins and the other gets a conflict with the winner shown', async () => {
    const { id, key } = await assessedPilot('Concurrent updates');
    const [a, b] = await Promise.all([
      update(key, 0, { reviewer: 'security', state: 'conversation-scheduled', conversationDate: today }),
      update(key, 0, { reviewer: 'legal', state: 'conversation-scheduled', conversationDate: today }),
    ]);
    const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const lost = (a.ok ? b : a) as Extract<Envelope, { ok: false }>;
    expect((lost.error.current as PanelView).approvals.version).toBe(1);
    expect(chainOf(id)!.version).toBe(1);
    expect(Object.keys(chainOf(id)!.reviewers)).toHaveLength(1);
  });

  it('a viewer who cannot edit the pilot cannot change the chain', async () => {
    const { id, key } = await assessedPilot('Viewer');
    const seen = unwrap(await panel<PanelView>(host, key, viewer, 'panel/load'));
    expect(seen.permissions.canEdit).toBe(false);
    expect(seen.approvals.reviewers).toHaveLength(5);
    const result = await update(
      key,
      0,
      { reviewer: 'security', state: 'conversation-scheduled', conversationDate: today },
      viewer,
    );
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
    expect(chainOf(id)).toBeUndefined();
  });
});

describe('blockers as sub-tasks', () => {
  const blockerSubtasks = (pilotId: string) =>
    host.jira.state.issues.filter((i) => i.parentId === pilotId && i.labels.includes('ai-pilot-blocker'));

  it('creates the sub-task exactly once, however often and however concurrently it is asked, and reads its done state from Jira', async () => {
    const { id, key } = await assessedPilot('Blocker sub-task');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'compliance',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [
          { text: 'SOC 2 evidence for the vendor', done: false },
          { text: 'Retention policy', done: true },
        ],
      }),
    );
    const blocker = listed.approvals.reviewers.find((r) => r.name === 'compliance')!.blockers[0]!;
    const ask = (version: number) =>
      panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: version,
        reviewer: 'compliance',
        blockerId: blocker.id,
      });
    const both = await Promise.all([ask(1), ask(1)]);
    expect(both.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    await ask(chainOf(id)!.version);
    expect(blockerSubtasks(id)).toHaveLength(1);
    const subtask = blockerSubtasks(id)[0]!;
    expect(chainOf(id)!.reviewers.compliance!.blockers[0]!.subtaskId).toBe(subtask.id);

    const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    const shown = view.approvals.reviewers.find((r) => r.name === 'compliance')!.blockers[0]!;
    expect(shown).toMatchObject({ subtaskKey: subtask.key, done: false });
    // Clearing waits for Jira: the tick box does not speak for a sub-task.
    const early = await update(key, view.approvals.version, {
      reviewer: 'compliance',
      state: 'cleared',
      conversationDate: today,
      blockers: [
        { id: blocker.id, text: blocker.text, done: true },
        { id: listed.approvals.reviewers[1]!.blockers[1]?.id ?? null, text: 'Retention policy', done: true },
      ].filter((b) => b.id !== null),
    });
    expect(fields(early)).toContain('update.blockers.0.done');
    await host.asUser(member, 'POST', `/rest/api/3/issue/${subtask.key}/transitions`, { transition: { id: '21' } });
    await host.asUser(member, 'POST', `/rest/api/3/issue/${subtask.key}/transitions`, { transition: { id: '31' } });
    const after = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    const compliance = after.approvals.reviewers.find((r) => r.name === 'compliance')!;
    expect(compliance.blockers[0]!.done).toBe(true);
    const cleared = unwrap(
      await update(key, after.approvals.version, {
        reviewer: 'compliance',
        state: 'cleared',
        conversationDate: today,
        blockers: compliance.blockers.map((b) => ({ id: b.id, text: b.text, done: b.done })),
      }),
    );
    expect(cleared.approvals.reviewers.find((r) => r.name === 'compliance')!.state).toBe('cleared');
    expect(blockerSubtasks(id)).toHaveLength(1);
  });

  it('a sub-task created by an attempt whose write was lost is linked by the retry, not created again', async () => {
    const { id, key } = await assessedPilot('Blocker lost write');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'legal',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [{ text: 'Contract addendum', done: false }],
      }),
    );
    const blockerId = listed.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]!.id;
    host.faults.failNext({ target: 'kvs', operation: /\/api\/v1\/transaction$/, key: /^approvals:/, times: 1 });
    const failed = await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
      expectedApprovalsVersion: 1,
      reviewer: 'legal',
      blockerId,
    });
    expect(failed.ok).toBe(false);
    expect(blockerSubtasks(id)).toHaveLength(1);
    expect(chainOf(id)!.reviewers.legal!.blockers[0]!.subtaskId).toBeNull();
    host.jira.catchUpSearch();
    unwrap(
      await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: 1,
        reviewer: 'legal',
        blockerId,
      }),
    );
    expect(blockerSubtasks(id)).toHaveLength(1);
    expect(chainOf(id)!.reviewers.legal!.blockers[0]!.subtaskId).toBe(blockerSubtasks(id)[0]!.id);
  });

  it("a member's own sub-task carrying a forged blocker property is not taken for the app's sub-task", async () => {
    const { id, key } = await assessedPilot('Blocker forged property');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'legal',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [{ text: 'Contract addendum', done: false }],
      }),
    );
    const blockerId = listed.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]!.id;
    const forged = await host.asUser(member, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'PAY' },
        parent: { key },
        issuetype: { name: 'Sub-task' },
        summary: 'Already done, honest',
      },
    });
    expect(forged.status).toBe(201);
    const forgedId = (forged.body as { id: string }).id;
    expect(
      (
        await host.asUser(member, 'PUT', `/rest/api/3/issue/${forgedId}/properties/ai-pilot-blocker`, {
          pilotId: id,
          blockerId,
          reviewer: 'legal',
        })
      ).status,
    ).toBeLessThan(300);
    host.jira.catchUpSearch();
    unwrap(
      await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: 1,
        reviewer: 'legal',
        blockerId,
      }),
    );
    expect(blockerSubtasks(id)).toHaveLength(1);
    const linked = chainOf(id)!.reviewers.legal!.blockers[0]!.subtaskId;
    expect(linked).toBe(blockerSubtasks(id)[0]!.id);
    expect(linked).not.toBe(forgedId);
  });

  it('a blocker whose sub-task left the pilot (moved or deleted in Jira) can be ticked, removed or made a sub-task again', async () => {
    const { id, key } = await assessedPilot('Blocker sub-task gone');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'legal',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [{ text: 'Contract addendum', done: false }],
      }),
    );
    const blockerId = listed.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]!.id;
    unwrap(
      await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: 1,
        reviewer: 'legal',
        blockerId,
      }),
    );
    const first = blockerSubtasks(id)[0]!;
    host.jira.state.issues.splice(host.jira.state.issues.indexOf(first), 1);
    const view = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    expect(view.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]).toMatchObject({
      id: blockerId,
      subtaskId: null,
      done: false,
    });
    unwrap(
      await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: view.approvals.version,
        reviewer: 'legal',
        blockerId,
      }),
    );
    expect(blockerSubtasks(id)).toHaveLength(1);
    const second = blockerSubtasks(id)[0]!;
    expect(second.id).not.toBe(first.id);
    expect(chainOf(id)!.reviewers.legal!.blockers[0]!.subtaskId).toBe(second.id);
    host.jira.state.issues.splice(host.jira.state.issues.indexOf(second), 1);
    const again = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
    const cleared = unwrap(
      await update(key, again.approvals.version, {
        reviewer: 'legal',
        state: 'cleared',
        conversationDate: today,
        blockers: [{ id: blockerId, text: 'Contract addendum', done: true }],
      }),
    );
    expect(cleared.approvals.reviewers.find((r) => r.name === 'legal')).toMatchObject({
      state: 'cleared',
      blockers: [{ id: blockerId, done: true, subtaskId: null }],
    });
  });

  it('someone who may edit the pilot but not create issues in its project cannot have the app create the sub-task for them', async () => {
    const { id, key } = await assessedPilot('Blocker without create permission');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'legal',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [{ text: 'NDA', done: false }],
      }),
    );
    const blockerId = listed.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]!.id;
    const projectId = listed.issue.projectId;
    const grants = host.jira.state.grants[projectId]![member]!;
    host.jira.state.grants[projectId]![member] = grants.filter((g) => g !== 'CREATE_ISSUES');
    try {
      const result = await panel<PanelView>(host, key, member, 'panel/approvals-subtask', {
        expectedApprovalsVersion: 1,
        reviewer: 'legal',
        blockerId,
      });
      expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
      expect(blockerSubtasks(id)).toHaveLength(0);
    } finally {
      host.jira.state.grants[projectId]![member] = grants;
    }
  });

  it('a viewer cannot make a blocker a sub-task', async () => {
    const { id, key } = await assessedPilot('Blocker viewer');
    const listed = unwrap(
      await update(key, 0, {
        reviewer: 'legal',
        state: 'blockers-listed',
        conversationDate: today,
        blockers: [{ text: 'NDA', done: false }],
      }),
    );
    const blockerId = listed.approvals.reviewers.find((r) => r.name === 'legal')!.blockers[0]!.id;
    const result = await panel<PanelView>(host, key, viewer, 'panel/approvals-subtask', {
      expectedApprovalsVersion: 1,
      reviewer: 'legal',
      blockerId,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
    expect(blockerSubtasks(id)).toHaveLength(0);
  });
});

it("an approval chain the app cannot read flags that pilot's row and panel; the other pilots are fine", async () => {
  const { id, key } = await assessedPilot('Unreadable chain');
  host.kvs.state[`approvals:${id}`] = {
    value: { schemaVersion: 1, version: 3, reviewers: { security: { state: 'signed-off' } } },
    createdAt: Date.now(),
    updatedAt: Date.now(),
    expiresAt: null,
  };
  const view = await portfolio();
  expect(view.rows.find((r) => r.key === key)!.unreadable).toMatch(
    /approval chain of .* could not be read: approval chain reviewers\.security\.state/,
  );
  expect(view.rows.filter((r) => r.key !== key).every((r) => !r.unreadable)).toBe(true);
  const panelView = unwrap(await panel<PanelView>(host, key, member, 'panel/load'));
  expect(panelView.approvals.unreadable).toMatch(/could not be read/);
  const refused = await update(key, 3, {
    reviewer: 'security',
    state: 'conversation-scheduled',
    conversationDate: today,
  });
  expect(refused.ok ? 'ok' : refused.error.code).toBe('INTERNAL');
});
