// More pilots than one page of the portfolio holds, made the way people make them: a project set up by the app,
// issues created through Jira's REST API (the app's trigger seeds their workstreams) and each pilot's dates, cost
// and answers saved through the panel's own resolver; then the app's daily scan, as on any site.
import { addDays, dayOf } from '../../src/core/dates';
import type { PanelView } from '../../src/contract/views';
import { invokeAs, issuePanelContext, projectSettingsContext } from '../../host/forge/contexts';
import type { LocalHost } from '../../host/host';
import { DEMO_USERS, pilotInput, unwrap, type Envelope } from './local-host';

export interface ManyPilotsOptions {
  projectKey: string;
  count: number;
  /** Days since the demo of the i-th pilot (all well past the 90-day stall threshold by default). */
  demoDaysAgo?: (i: number) => number;
}

/** Creates `count` stalled pilots in a new project the member edits and the viewer may browse; returns their keys. */
export async function addStalledPilots(
  host: LocalHost,
  { projectKey, count, demoDaysAgo = (i) => 200 + i * 3 }: ManyPilotsOptions,
): Promise<string[]> {
  const admin = DEMO_USERS.admin.accountId;
  const member = DEMO_USERS.member.accountId;
  const project = host.jira.addProject({ key: projectKey, name: `Bulk pilots ${projectKey}`, leadAccountId: admin });
  host.jira.grant(projectKey, member, [
    'BROWSE_PROJECTS',
    'CREATE_ISSUES',
    'EDIT_ISSUES',
    'TRANSITION_ISSUES',
    'LINK_ISSUES',
  ]);
  host.jira.grant(projectKey, DEMO_USERS.viewer.accountId, ['BROWSE_PROJECTS']);
  unwrap(
    await invokeAs<Envelope>(
      host,
      'jira:projectSettingsPage',
      projectSettingsContext(host, admin, project),
      admin,
      'settings/setup',
      {},
    ),
  );
  const today = dayOf(new Date());
  const keys: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await host.asUser(member, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: projectKey },
        issuetype: { name: 'AI Pilot' },
        summary: `Bulk pilot ${String(i + 1).padStart(3, '0')}`,
      },
    });
    if (created.status !== 201)
      throw new Error(`creating a bulk pilot: ${created.status} ${JSON.stringify(created.body)}`);
    const { id, key } = created.body as { id: string; key: string };
    await host.runner.idle();
    const issue = (await host.asUser(member, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,project`)).body as {
      fields: { issuetype: { id: string }; project: { id: string; key: string } };
    };
    const context = issuePanelContext(
      host,
      member,
      { id, key, typeName: 'AI Pilot', typeId: issue.fields.issuetype.id },
      issue.fields.project,
    );
    const call = <T>(fn: string, payload: unknown) =>
      invokeAs<Envelope<T>>(host, 'jira:issuePanel', context, member, fn, payload);
    const view = unwrap(await call<PanelView>('panel/load', {}));
    const demo = addDays(today, -demoDaysAgo(i));
    const answers = ['yes', 'no', 'unknown'] as const;
    const diagnostic = Object.fromEntries(
      Array.from({ length: 7 }, (_, q) => [`q${q + 1}`, { answer: answers[(i + q) % 3]! }]),
    );
    unwrap(
      await call<PanelView>('panel/save', {
        expectedVersion: view.record.version,
        pilot: pilotInput(view, {
          pilotStart: addDays(demo, -42),
          demoDate: demo,
          productionDate: null,
          milestones: { demoSignOff: demo },
          monthlyRunCost: 1000 + ((i * 7919) % 30) * 1000,
          diagnostic,
        }),
      }),
    );
    keys.push(key);
  }
  await host.runner.idle();
  host.jira.catchUpSearch();
  await host.runner.runScheduledTrigger('daily-stall-scan');
  await host.runner.idle();
  host.jira.catchUpSearch();
  return keys;
}
