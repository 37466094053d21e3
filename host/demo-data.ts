// Demo data, created through the app's own code paths: projects and people are the site (as a Jira admin would
// make them), then the app's setup resolver, pilots created through Jira's REST API (the app's trigger seeds the
// workstreams), the panel's save and decide resolvers, sub-task transitions, the graduation transition (through
// the app's validator), and the app's stall scan over the last weeks for the trend charts.
import { addDays, dayOf } from '../src/core/dates';
import { invokeAs, issuePanelContext, projectSettingsContext } from './forge/contexts';
import type { LocalHost } from './host';
import { seedPathwayPages, seedReviewsAndCriteria } from './demo-reviews';

export const DEMO_USERS = {
  admin: { accountId: 'u-admin', displayName: 'Avery Admin (Jira admin)', siteAdmin: true },
  member: { accountId: 'u-member', displayName: 'Morgan Member (project member)' },
  viewer: { accountId: 'u-viewer', displayName: 'Riley Viewer (cannot see RISK)' },
  lead: { accountId: 'u-lee', displayName: 'Lee Lead (OPS project admin)' },
  priya: { accountId: 'u-priya', displayName: 'Priya Platform' },
  dana: { accountId: 'u-dana', displayName: 'Dana Data' },
  ben: { accountId: 'u-ben', displayName: 'Ben Business' },
  noa: { accountId: 'u-noa', displayName: 'Noa Newcomer (has not allowed access)' },
} as const;

export const DEMO_PROJECTS = [
  { key: 'PAY', name: 'Payments AI' },
  { key: 'OPS', name: 'Ops Automation' },
  { key: 'RISK', name: 'Risk Models' },
] as const;

const MEMBER_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'LINK_ISSUES',
] as const;

type Answers = string; // seven letters: y / n / u
interface PilotSpec {
  project: 'PAY' | 'OPS' | 'RISK';
  summary: string;
  answers: Answers;
  startDaysAgo: number;
  demoDaysAgo: number | null;
  productionInDays: number | null;
  owner: boolean;
  cost: number;
  started?: string[];
  done?: string[];
  decision?: 'accelerate' | 'pause' | 'kill';
  graduate?: boolean;
}

const FULL = ['model-dev', 'data-access', 'security', 'infra', 'integration', 'mlops', 'change-mgmt', 'monitoring'];

export const DEMO_PILOTS: PilotSpec[] = [
  // on track: ready or nearly, production date ahead
  {
    project: 'PAY',
    summary: 'Fraud scoring for card payments',
    answers: 'yyyyyyy',
    startDaysAgo: 70,
    demoDaysAgo: 20,
    productionInDays: 30,
    owner: true,
    cost: 18000,
    started: FULL.slice(2),
    done: ['model-dev', 'data-access', 'security', 'infra'],
  },
  {
    project: 'PAY',
    summary: 'Chargeback dispute triage',
    answers: 'yyyyynu',
    startDaysAgo: 50,
    demoDaysAgo: 10,
    productionInDays: 60,
    owner: true,
    cost: 9000,
    started: ['data-access', 'security', 'infra'],
    done: ['model-dev'],
  },
  {
    project: 'OPS',
    summary: 'Incident summarisation bot',
    answers: 'yyyyyyn',
    startDaysAgo: 40,
    demoDaysAgo: null,
    productionInDays: 75,
    owner: true,
    cost: 6000,
    started: ['data-access', 'security', 'infra', 'mlops'],
    done: ['model-dev'],
  },
  {
    project: 'RISK',
    summary: 'Credit limit recommender',
    answers: 'yyyyyyu',
    startDaysAgo: 90,
    demoDaysAgo: 30,
    productionInDays: 45,
    owner: true,
    cost: 22000,
    started: ['infra', 'change-mgmt'],
    done: ['model-dev', 'data-access', 'security'],
  },
  {
    project: 'OPS',
    summary: 'Capacity forecasting',
    answers: 'yyyyuyy',
    startDaysAgo: 30,
    demoDaysAgo: null,
    productionInDays: 90,
    owner: true,
    cost: 4000,
    started: ['data-access', 'security', 'change-mgmt'],
  },
  // heading to purgatory: three or more no / unknown, still early
  {
    project: 'PAY',
    summary: 'Merchant onboarding document checks',
    answers: 'ynnuyun',
    startDaysAgo: 35,
    demoDaysAgo: null,
    productionInDays: null,
    owner: false,
    cost: 7000,
  },
  {
    project: 'OPS',
    summary: 'Log anomaly detection',
    answers: 'nnnnnnn',
    startDaysAgo: 20,
    demoDaysAgo: null,
    productionInDays: null,
    owner: false,
    cost: 3000,
  },
  {
    project: 'RISK',
    summary: 'Sanctions name matching',
    answers: 'yynnnuy',
    startDaysAgo: 45,
    demoDaysAgo: 15,
    productionInDays: null,
    owner: true,
    cost: 8000,
    started: ['security'],
  },
  {
    project: 'PAY',
    summary: 'Refund reason classifier',
    answers: 'uuuuuuu',
    startDaysAgo: 10,
    demoDaysAgo: null,
    productionInDays: null,
    owner: false,
    cost: 1500,
  },
  {
    project: 'OPS',
    summary: 'Runbook recommender',
    answers: 'yyynnnn',
    startDaysAgo: 60,
    demoDaysAgo: 40,
    productionInDays: null,
    owner: true,
    cost: 5000,
    started: ['data-access'],
  },
  // stalled: demo long past, no clear production pathway (the kill list)
  {
    project: 'PAY',
    summary: 'Customer churn predictor',
    answers: 'nyyunnn',
    startDaysAgo: 300,
    demoDaysAgo: 240,
    productionInDays: null,
    owner: false,
    cost: 26000,
    done: ['model-dev'],
    started: ['data-access'],
  },
  {
    project: 'PAY',
    summary: 'Invoice OCR extraction',
    answers: 'ynnnnnn',
    startDaysAgo: 200,
    demoDaysAgo: 150,
    productionInDays: null,
    owner: true,
    cost: 12000,
    done: ['model-dev'],
  },
  {
    project: 'OPS',
    summary: 'Ticket routing with LLMs',
    answers: 'nnnuunn',
    startDaysAgo: 420,
    demoDaysAgo: 400,
    productionInDays: null,
    owner: false,
    cost: 31000,
    done: ['model-dev'],
  },
  {
    project: 'OPS',
    summary: 'Change risk scoring',
    answers: 'yynnunn',
    startDaysAgo: 160,
    demoDaysAgo: 110,
    productionInDays: -20,
    owner: true,
    cost: 9500,
    done: ['model-dev'],
    started: ['security'],
  },
  {
    project: 'RISK',
    summary: 'AML alert prioritisation',
    answers: 'yyyynnn',
    startDaysAgo: 260,
    demoDaysAgo: 200,
    productionInDays: null,
    owner: true,
    cost: 41000,
    done: ['model-dev', 'data-access'],
  },
  {
    project: 'RISK',
    summary: 'Collateral valuation model',
    answers: 'nnnnnnu',
    startDaysAgo: 190,
    demoDaysAgo: 95,
    productionInDays: null,
    owner: false,
    cost: 15000,
    done: ['model-dev'],
  },
  {
    project: 'RISK',
    summary: 'Early warning signals',
    answers: 'yynnnnn',
    startDaysAgo: 150,
    demoDaysAgo: 100,
    productionInDays: null,
    owner: true,
    cost: 11000,
    done: ['model-dev'],
    decision: 'accelerate',
  },
  // paused with a dated resumption condition
  {
    project: 'PAY',
    summary: 'Dynamic pricing experiments',
    answers: 'ynnyyun',
    startDaysAgo: 220,
    demoDaysAgo: 180,
    productionInDays: null,
    owner: true,
    cost: 14000,
    done: ['model-dev'],
    decision: 'pause',
  },
  {
    project: 'OPS',
    summary: 'Alert deduplication',
    answers: 'yyyunnu',
    startDaysAgo: 180,
    demoDaysAgo: 120,
    productionInDays: null,
    owner: true,
    cost: 7000,
    done: ['model-dev'],
    decision: 'pause',
  },
  // killed, budget recovered
  {
    project: 'RISK',
    summary: 'Voice stress analysis',
    answers: 'nnnnnnn',
    startDaysAgo: 400,
    demoDaysAgo: 330,
    productionInDays: null,
    owner: false,
    cost: 19000,
    done: ['model-dev'],
    decision: 'kill',
  },
  {
    project: 'PAY',
    summary: 'Receipt sentiment tagging',
    answers: 'nunnnnn',
    startDaysAgo: 250,
    demoDaysAgo: 200,
    productionInDays: null,
    owner: false,
    cost: 6000,
    done: ['model-dev'],
    decision: 'kill',
  },
  // graduated through the gate
  {
    project: 'PAY',
    summary: 'Payment retry optimiser',
    answers: 'yyyyyyy',
    startDaysAgo: 200,
    demoDaysAgo: 120,
    productionInDays: 5,
    owner: true,
    cost: 12000,
    done: FULL,
    graduate: true,
  },
  {
    project: 'OPS',
    summary: 'On-call handover notes',
    answers: 'yyyyyyy',
    startDaysAgo: 150,
    demoDaysAgo: 90,
    productionInDays: 3,
    owner: true,
    cost: 3000,
    done: FULL,
    graduate: true,
  },
  {
    project: 'RISK',
    summary: 'KYC document classifier',
    answers: 'yyyyyyy',
    startDaysAgo: 260,
    demoDaysAgo: 160,
    productionInDays: 10,
    owner: true,
    cost: 16000,
    done: FULL,
    graduate: true,
  },
  // more in flight
  {
    project: 'RISK',
    summary: 'Loan default early scoring',
    answers: 'yyyynyy',
    startDaysAgo: 25,
    demoDaysAgo: null,
    productionInDays: 120,
    owner: true,
    cost: 9000,
    started: ['data-access', 'security'],
  },
  {
    project: 'OPS',
    summary: 'Cloud cost anomaly alerts',
    answers: 'yynuyyy',
    startDaysAgo: 15,
    demoDaysAgo: null,
    productionInDays: 100,
    owner: true,
    cost: 2500,
    started: ['data-access'],
  },
  {
    project: 'PAY',
    summary: 'Smart payment routing',
    answers: 'yyyyyny',
    startDaysAgo: 80,
    demoDaysAgo: 60,
    productionInDays: 40,
    owner: true,
    cost: 13000,
    started: ['infra', 'integration', 'mlops'],
    done: ['model-dev', 'data-access', 'security'],
  },
];

const letter = (c: string) => (c === 'y' ? 'yes' : c === 'n' ? 'no' : 'unknown');
type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function unwrap<T>(result: Envelope<T>, what: string): T {
  if (!result.ok) throw new Error(`Demo data: ${what} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export async function seedDemoData(host: LocalHost): Promise<void> {
  const { jira } = host;
  for (const u of Object.values(DEMO_USERS)) {
    jira.addUser({
      accountId: u.accountId,
      displayName: u.displayName,
      siteAdmin: 'siteAdmin' in u ? u.siteAdmin : false,
    });
    if (u.accountId !== DEMO_USERS.noa.accountId) host.consent.add(u.accountId);
  }
  const projects = DEMO_PROJECTS.map((p) =>
    jira.addProject({ key: p.key, name: p.name, leadAccountId: DEMO_USERS.admin.accountId }),
  );
  jira.addProject({
    key: 'LAB',
    name: 'Innovation Lab (team-managed)',
    leadAccountId: DEMO_USERS.admin.accountId,
    style: 'next-gen',
  });
  for (const p of projects) {
    jira.grant(p.key, DEMO_USERS.member.accountId, [...MEMBER_PERMISSIONS]);
    for (const person of [DEMO_USERS.priya, DEMO_USERS.dana, DEMO_USERS.ben])
      jira.grant(p.key, person.accountId, [...MEMBER_PERMISSIONS]);
    if (p.key !== 'RISK') jira.grant(p.key, DEMO_USERS.viewer.accountId, ['BROWSE_PROJECTS']);
    jira.grant(p.key, DEMO_USERS.noa.accountId, ['BROWSE_PROJECTS']);
  }
  jira.grant('OPS', DEMO_USERS.lead.accountId, [...MEMBER_PERMISSIONS, 'ADMINISTER_PROJECTS']);

  await host.runner.runInstalled();
  for (const p of projects) {
    const context = projectSettingsContext(host, DEMO_USERS.admin.accountId, p);
    unwrap(
      await invokeAs(host, 'jira:projectSettingsPage', context, DEMO_USERS.admin.accountId, 'settings/setup', {}),
      `setup of ${p.key}`,
    );
  }

  const today = dayOf(new Date());
  const member = DEMO_USERS.member.accountId;
  const keys = new Map<string, string>();
  for (const spec of DEMO_PILOTS) keys.set(spec.summary, await createPilot(host, spec, today, member));
  await host.runner.idle();
  // The demo's history happened over months: Jira's search index has long caught up with it.
  host.jira.catchUpSearch();

  // Thirty days of the app's own daily scan, oldest first, so the portfolio has a trend to draw.
  for (let daysAgo = 30; daysAgo >= 1; daysAgo -= 1) {
    host.runner.pushToQueue('stall-scan-pages', [
      {
        body: { kind: 'stall-scan-run', runId: `backfill-${daysAgo}`, day: addDays(today, -daysAgo), reminders: false },
      },
    ]);
    await host.runner.idle();
    host.jira.catchUpSearch();
  }
  // Week 4 and the production criteria, recorded through the panel before today's scan so its mirrors agree.
  await seedReviewsAndCriteria(host, keys, today, member);
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  host.jira.catchUpSearch();

  const macroKey = host.manifest.modules.macro![0]!.key;
  host.confluence.addSpace({ key: 'ENG', name: 'Engineering leadership', authorId: DEMO_USERS.admin.accountId });
  host.confluence.addPage({
    spaceKey: 'ENG',
    title: 'AI pilot portfolio review',
    authorId: DEMO_USERS.admin.accountId,
    text: '<p>Week 1 of the 30-day intervention: every pilot, scored honestly.</p>',
    macros: [
      {
        moduleKey: macroKey,
        title: 'AI pilot portfolio',
        config: { projectKeys: ['PAY', 'OPS', 'RISK'], jql: '', pilots: 'all', sort: 'daysSinceDemo' },
      },
    ],
  });
  host.confluence.addPage({
    spaceKey: 'ENG',
    title: 'Kill list: stalled pilots',
    authorId: DEMO_USERS.admin.accountId,
    text: '<p>Pilots more than 90 days past their demo without a production pathway.</p>',
    macros: [
      {
        moduleKey: macroKey,
        title: 'AI pilot portfolio',
        config: { projectKeys: [], jql: 'project in (PAY, OPS, RISK)', pilots: 'stalled', sort: 'monthlyRunCost' },
      },
    ],
  });
  // Where production pathway pages go: pilot teams add pages, Riley and Lee may only read, Noa has no access.
  const U = DEMO_USERS;
  host.confluence.addSpace({
    key: 'AIPATH',
    name: 'AI production pathways',
    authorId: U.admin.accountId,
    permissions: Object.fromEntries([
      ...[U.admin, U.member, U.priya, U.dana, U.ben].map((u) => [u.accountId, ['view', 'create']]),
      ...[U.viewer, U.lead].map((u) => [u.accountId, ['view']]),
    ]),
  });
  host.confluence.addPage({
    spaceKey: 'ENG',
    title: 'Draft: quarterly AI review',
    authorId: DEMO_USERS.admin.accountId,
    text: '<p>Insert the portfolio macro here.</p>',
  });
  await seedPathwayPages(host, keys, member);
}

async function createPilot(host: LocalHost, spec: PilotSpec, today: string, member: string): Promise<string> {
  const created = await host.asUser(member, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: spec.project }, issuetype: { name: 'AI Pilot' }, summary: spec.summary },
  });
  if (created.status !== 201)
    throw new Error(`Demo data: creating "${spec.summary}" failed: ${JSON.stringify(created.body)}`);
  const { id, key } = created.body as { id: string; key: string };
  await host.runner.idle();
  const issue = (await host.asUser(member, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,project,subtasks`))
    .body as {
    fields: {
      issuetype: { id: string };
      project: { id: string; key: string };
      subtasks?: Array<{ id: string; fields: { summary: string } }>;
    };
  };
  const context = issuePanelContext(
    host,
    member,
    { id, key, typeName: 'AI Pilot', typeId: issue.fields.issuetype.id },
    issue.fields.project,
  );
  const call = <T>(fn: string, payload: unknown) =>
    invokeAs<Envelope<T>>(host, 'jira:issuePanel', context, member, fn, payload);
  type View = { record: { version: number }; workstreams: Array<{ rowId: string; issueKey: string | null }> };
  let view = unwrap(await call<View>('panel/load', {}), `loading ${key}`);

  const start = addDays(today, -spec.startDaysAgo);
  const demo = spec.demoDaysAgo === null ? addDays(start, 42) : addDays(today, -spec.demoDaysAgo);
  const production = spec.productionInDays === null ? null : addDays(today, spec.productionInDays);
  const diagnostic = Object.fromEntries(
    [...spec.answers].map((c, i) => [
      `q${i + 1}`,
      { answer: letter(c), ...(c === 'y' ? { note: 'Confirmed in the pilot review.' } : {}) },
    ]),
  );
  view = unwrap(
    await call<View>('panel/save', {
      expectedVersion: view.record.version,
      pilot: {
        pilotStart: start,
        demoDate: demo,
        productionDate: production,
        milestones: {
          demoSignOff: demo,
          ...(production
            ? {
                integrationTesting: addDays(production, -35),
                loadTesting: addDays(production, -21),
                productionDeployment: addDays(production, -7),
                productionGoLive: production,
                userRollout: addDays(production, 14),
              }
            : {}),
        },
        people: {
          productionOwner: spec.owner ? DEMO_USERS.priya.accountId : null,
          dataScienceLead: DEMO_USERS.dana.accountId,
          businessOwner: DEMO_USERS.ben.accountId,
        },
        monthlyRunCost: spec.cost,
        modelMetric: { name: 'accuracy', value: 0.86 + (spec.cost % 10) / 100 },
        diagnostic,
        productionSpecUrl: spec.answers[3] === 'y' ? `https://wiki.example.com/specs/${key}` : null,
      },
    }),
    `saving ${key}`,
  );

  for (const rowId of [...(spec.started ?? []), ...(spec.done ?? [])]) {
    const subtask = view.workstreams.find((w) => w.rowId === rowId)?.issueKey;
    if (!subtask) continue;
    await host.asUser(member, 'POST', `/rest/api/3/issue/${subtask}/transitions`, { transition: { id: '21' } });
    if (spec.done?.includes(rowId))
      await host.asUser(member, 'POST', `/rest/api/3/issue/${subtask}/transitions`, { transition: { id: '31' } });
  }
  await host.runner.idle();

  if (spec.decision) {
    const decision =
      spec.decision === 'accelerate'
        ? {
            kind: 'accelerate',
            ownerAccountId: DEMO_USERS.priya.accountId,
            resourcing: 'Two platform engineers for six weeks; data access escalated to the CDO.',
          }
        : spec.decision === 'pause'
          ? {
              kind: 'pause',
              rationale: 'Waiting for the new data platform; the use case stands.',
              resumeOn: addDays(today, 45),
            }
          : {
              kind: 'kill',
              reason: 'No business owner and no data access path; compute and vendor contract released.',
            };
    view = unwrap(
      await call<View>('panel/decide', { expectedVersion: view.record.version, decision }),
      `deciding ${key}`,
    );
  }
  if (spec.graduate) {
    const response = await host.asUser(member, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: '41' },
    });
    if (response.status >= 300)
      throw new Error(`Demo data: graduating ${key} was refused: ${JSON.stringify(response.body)}`);
  }
  return key;
}
