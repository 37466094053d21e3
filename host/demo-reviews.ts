// Demo data for week 4 of the intervention and for what "in production" will mean: the approval chain's reviewer
// conversations, production criteria and a production pathway page, each recorded through the panel's resolvers
// as the member would (the same payloads the panel sends), so the app checks and stores them itself. A mix on
// purpose: one chain cleared, some with blockers listed or conversations on the calendar, and pilots that claim
// reviewer engagement (Q3 "yes") with nothing in the chain, so the evidence check still has something to say.
import { addDays } from '../src/core/dates';
import { invokeAs, issuePanelContext } from './forge/contexts';
import type { LocalHost } from './host';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
type Blocker = { id: string; text: string; done: boolean; subtaskId: string | null };
type View = {
  record: { version: number };
  approvals: { version: number; reviewers: Array<{ name: string; blockers: Blocker[] }> };
};
type State = 'not-contacted' | 'conversation-scheduled' | 'blockers-listed' | 'cleared';

interface ReviewSpec {
  reviewer: string;
  state: State;
  /** Days from the demo's today; negative is past. */
  conversationInDays: number;
  notes: string;
  blockers?: Array<{ text: string; done: boolean }>;
  /** Make the first blocker a Jira sub-task of the pilot, as the panel's button does. */
  firstBlockerAsSubtask?: boolean;
}

/** By pilot summary (see DEMO_PILOTS). Pilots not named here have an untouched chain. */
export const DEMO_REVIEWS: Record<string, ReviewSpec[]> = {
  // The cleared chain: every expected reviewer had the conversation and raised nothing that stands in the way.
  'Fraud scoring for card payments': [
    {
      reviewer: 'security',
      state: 'cleared',
      conversationInDays: -18,
      notes: 'Threat model reviewed with the platform team; pen test passed.',
    },
    {
      reviewer: 'compliance',
      state: 'cleared',
      conversationInDays: -16,
      notes: 'PCI DSS scope confirmed: scores only, no card data stored.',
    },
    {
      reviewer: 'legal',
      state: 'cleared',
      conversationInDays: -15,
      notes: 'No automated decision without human review; documented.',
    },
    {
      reviewer: 'privacy',
      state: 'cleared',
      conversationInDays: -14,
      notes: 'DPIA signed off; scored transactions kept 13 months.',
    },
    { reviewer: 'infrastructure', state: 'cleared', conversationInDays: -12, notes: 'Capacity and on-call agreed.' },
  ],
  // Blockers listed with security and compliance (one made a sub-task), legal on the calendar, two not contacted.
  'Chargeback dispute triage': [
    {
      reviewer: 'security',
      state: 'blockers-listed',
      conversationInDays: -6,
      notes: '30-minute call; two things before a full review.',
      blockers: [
        { text: 'Service account for the disputes API with least privilege', done: false },
        { text: 'Secrets moved to the vault', done: true },
      ],
      firstBlockerAsSubtask: true,
    },
    {
      reviewer: 'compliance',
      state: 'blockers-listed',
      conversationInDays: -4,
      notes: 'Card scheme rules apply to the outcome letters.',
      blockers: [
        { text: 'Map outcomes to the card scheme reason codes', done: false },
        { text: 'Keep an audit log of every triage decision', done: false },
      ],
    },
    {
      reviewer: 'legal',
      state: 'conversation-scheduled',
      conversationInDays: 5,
      notes: 'Invite sent to the legal counsel for payments.',
    },
  ],
  // Week 4 met: every reviewer has a conversation on the calendar or held; nothing listed yet.
  'Credit limit recommender': [
    { reviewer: 'security', state: 'conversation-scheduled', conversationInDays: -3, notes: 'Held; notes to follow.' },
    {
      reviewer: 'compliance',
      state: 'conversation-scheduled',
      conversationInDays: 2,
      notes: 'Consumer credit rules to be walked through.',
    },
    { reviewer: 'legal', state: 'conversation-scheduled', conversationInDays: 3, notes: '' },
    { reviewer: 'privacy', state: 'conversation-scheduled', conversationInDays: 6, notes: '' },
    { reviewer: 'infrastructure', state: 'conversation-scheduled', conversationInDays: 8, notes: '' },
  ],
  // Answered Q3 "no", honestly: a first conversation is only on the calendar.
  'Sanctions name matching': [
    {
      reviewer: 'compliance',
      state: 'conversation-scheduled',
      conversationInDays: 9,
      notes: 'Sanctions screening owner to attend.',
    },
  ],
};

/** Production criteria, by pilot summary: one written before its demo, two after. */
export const DEMO_CRITERIA: Record<
  string,
  {
    latencyP95Ms: number;
    availabilityPercent: number;
    dataSources: string[];
    regulatoryFrameworks: string[];
    rollbackPlan: string;
    monitoring: string;
  }
> = {
  'Fraud scoring for card payments': {
    latencyP95Ms: 120,
    availabilityPercent: 99.95,
    dataSources: ['Card authorisation stream', 'Merchant risk profiles'],
    regulatoryFrameworks: ['PCI DSS', 'PSD2'],
    rollbackPlan:
      'Feature flag back to the rules engine within five minutes; the rules engine keeps running in shadow.',
    monitoring: 'Score latency and drift dashboards; pages the payments on-call above 200 ms p95 or a 5% drift.',
  },
  'Incident summarisation bot': {
    latencyP95Ms: 8000,
    availabilityPercent: 99.5,
    dataSources: ['Incident tickets', 'Chat transcripts of incident channels'],
    regulatoryFrameworks: ['None'],
    rollbackPlan: 'Disable the bot in the incident channel template; responders write summaries by hand as today.',
    monitoring: 'Summary acceptance rate weekly; errors alert the ops tooling channel.',
  },
  'Credit limit recommender': {
    latencyP95Ms: 500,
    availabilityPercent: 99.9,
    dataSources: ['Core banking balances', 'Credit bureau reports'],
    regulatoryFrameworks: ['Consumer Credit Directive', 'GDPR'],
    rollbackPlan: 'Recommendations off; underwriters fall back to the current policy table.',
    monitoring: 'Approval-rate and default-rate monitors by segment; model risk reviews monthly.',
  },
};

/** The healthy pilot that gets its production pathway page in the AIPATH space. */
export const DEMO_PATHWAY_PILOTS = ['Fraud scoring for card payments'];

function unwrap<T>(result: Envelope<T>, what: string): T {
  if (!result.ok) throw new Error(`Demo data: ${what} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function panelAs(host: LocalHost, accountId: string, key: string) {
  const issue = (await host.asUser(accountId, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,project`)).body as {
    id: string;
    fields: { issuetype: { id: string }; project: { id: string; key: string } };
  };
  const context = issuePanelContext(
    host,
    accountId,
    { id: issue.id, key, typeName: 'AI Pilot', typeId: issue.fields.issuetype.id },
    issue.fields.project,
  );
  return <T>(fn: string, payload: unknown) =>
    invokeAs<Envelope<T>>(host, 'jira:issuePanel', context, accountId, fn, payload);
}

function keyOf(keys: ReadonlyMap<string, string>, summary: string): string {
  const key = keys.get(summary);
  if (!key) throw new Error(`Demo data: no demo pilot "${summary}"`);
  return key;
}

export async function seedReviewsAndCriteria(
  host: LocalHost,
  keys: ReadonlyMap<string, string>,
  today: string,
  member: string,
): Promise<void> {
  for (const [summary, reviews] of Object.entries(DEMO_REVIEWS)) {
    const key = keyOf(keys, summary);
    const call = await panelAs(host, member, key);
    let view = unwrap(await call<View>('panel/load', {}), `loading ${key}`);
    for (const r of reviews) {
      const what = `${r.reviewer} review of ${key}`;
      const update = (state: State, blockers: Array<{ text: string; done: boolean }>) => ({
        reviewer: r.reviewer,
        state,
        conversationDate: addDays(today, r.conversationInDays),
        notes: r.notes,
        blockers,
      });
      const blockers = r.blockers ?? [];
      view = unwrap(
        await call<View>('panel/approvals-update', {
          expectedApprovalsVersion: view.approvals.version,
          update: update(
            r.state,
            blockers.map((b) => ({ text: b.text, done: b.done })),
          ),
        }),
        what,
      );
      const firstBlocker = view.approvals.reviewers.find((x) => x.name.toLowerCase() === r.reviewer)?.blockers[0];
      if (r.firstBlockerAsSubtask && firstBlocker) {
        view = unwrap(
          await call<View>('panel/approvals-subtask', {
            expectedApprovalsVersion: view.approvals.version,
            reviewer: r.reviewer,
            blockerId: firstBlocker.id,
          }),
          `making a sub-task of ${what}`,
        );
      }
    }
  }
  for (const [summary, criteria] of Object.entries(DEMO_CRITERIA)) {
    const key = keyOf(keys, summary);
    const call = await panelAs(host, member, key);
    const view = unwrap(await call<View>('panel/load', {}), `loading ${key}`);
    unwrap(
      await call<View>('panel/save-criteria', { expectedVersion: view.record.version, criteria }),
      `production criteria of ${key}`,
    );
  }
  await host.runner.idle();
  host.jira.catchUpSearch();
}

export async function seedPathwayPages(
  host: LocalHost,
  keys: ReadonlyMap<string, string>,
  member: string,
): Promise<void> {
  for (const summary of DEMO_PATHWAY_PILOTS) {
    const key = keyOf(keys, summary);
    const call = await panelAs(host, member, key);
    const offer = unwrap(
      await call<{ spaces: Array<{ id: string; key: string }>; suggestedTitle: string }>('panel/pathway-spaces', {}),
      `pathway spaces of ${key}`,
    );
    const space = offer.spaces.find((s) => s.key === 'AIPATH');
    if (!space) throw new Error(`Demo data: the AIPATH space is not offered for ${key}`);
    unwrap(
      await call<View>('panel/create-pathway', { page: { spaceId: space.id, title: offer.suggestedTitle } }),
      `pathway page of ${key}`,
    );
  }
  await host.runner.idle();
  host.jira.catchUpSearch();
}
