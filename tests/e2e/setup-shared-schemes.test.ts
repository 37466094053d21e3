// Setup only touches what belongs to the project. PAY and OPS share one issue type scheme and one set of screens
// (a Jira admin associated OPS with PAY's schemes); Lee administers OPS only. When Lee runs Set up on OPS, the app
// must not change the scheme or the screens PAY uses, nor create site-wide issue types; the report says what a
// Jira admin must do instead. A project with schemes of its own is still set up in full.
import type { SetupReport } from '../../src/contract/views';
import type { LocalHost } from '../../host/host';
import { settings, startHost, stopHost, unwrap } from '../support/local-host';

jest.setTimeout(60_000);

const ADMIN = 'u-admin';
const LEE = 'u-lee';
let host: LocalHost;

beforeAll(async () => {
  host = await startHost({ demo: false });
  host.jira.addUser({ accountId: ADMIN, displayName: 'Avery Admin', siteAdmin: true });
  host.jira.addUser({ accountId: LEE, displayName: 'Lee Lead' });
  for (const id of [ADMIN, LEE]) host.consent.add(id);
  for (const key of ['PAY', 'OPS', 'LAB', 'SOLO'])
    host.jira.addProject({ key, name: `${key} project`, leadAccountId: ADMIN });
  host.jira.shareSchemes('OPS', 'PAY');
  for (const key of ['OPS', 'SOLO'])
    host.jira.grant(key, LEE, ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS']);
  await host.runner.runInstalled();
});
afterAll(() => stopHost(host));

const project = (key: string) => host.jira.state.projects.find((p) => p.key === key)!;

/** Everything PAY's configuration is made of: its issue type scheme, its screen schemes and screens. */
function payConfiguration(): string {
  const { state } = host.jira;
  const pay = project('PAY');
  const itss = state.issueTypeScreenSchemes.find((s) => s.id === pay.issueTypeScreenSchemeId)!;
  const screenSchemes = state.screenSchemes.filter((s) => itss.mappings.some((m) => m.screenSchemeId === s.id));
  return JSON.stringify({
    scheme: state.issueTypeSchemes.find((s) => s.id === pay.issueTypeSchemeId),
    itss,
    screenSchemes,
    screens: state.screens.filter((s) => screenSchemes.some((ss) => ss.defaultScreenId === s.id)),
  });
}

const step = (report: SetupReport, id: string) => report.steps.find((s) => s.id === id)!;

it('a project admin of OPS cannot create site-wide issue types through the app', async () => {
  const typesBefore = host.jira.state.issueTypes.length;
  const payBefore = payConfiguration();
  const report = unwrap(await settings<SetupReport>(host, 'OPS', LEE, 'settings/setup'));
  expect(host.jira.state.issueTypes).toHaveLength(typesBefore);
  expect(payConfiguration()).toBe(payBefore);
  expect(step(report, 'pilot-type')).toMatchObject({
    state: 'manual',
    detail: expect.stringMatching(/only a Jira admin/),
  });
  expect(report.ready).toBe(false);
});

it('with the AI Pilot types in place, setup by the OPS admin leaves the scheme and screens PAY uses unchanged', async () => {
  // A Jira admin sets up a project of its own first, which creates the site-wide AI Pilot types.
  unwrap(await settings<SetupReport>(host, 'LAB', ADMIN, 'settings/setup'));
  const payBefore = payConfiguration();
  const report = unwrap(await settings<SetupReport>(host, 'OPS', LEE, 'settings/setup'));
  expect(payConfiguration()).toBe(payBefore);
  expect(step(report, 'pilot-type').state).toBe('in-place');
  expect(step(report, 'scheme')).toMatchObject({
    state: 'manual',
    detail: expect.stringMatching(/shared with project PAY.*A Jira admin/),
  });
  expect(step(report, 'screens')).toMatchObject({
    state: 'manual',
    detail: expect.stringMatching(/shared with project PAY.*A Jira admin/),
  });
  expect(report.ready).toBe(false);
});

it('a Jira admin running setup on OPS gives OPS its own copy of the scheme and still leaves PAY’s unchanged', async () => {
  const payBefore = payConfiguration();
  const sharedId = project('PAY').issueTypeSchemeId;
  const report = unwrap(await settings<SetupReport>(host, 'OPS', ADMIN, 'settings/setup'));
  expect(payConfiguration()).toBe(payBefore);
  expect(step(report, 'scheme')).toMatchObject({
    state: 'done-now',
    detail: expect.stringMatching(/left as it is: OPS now uses its own copy/),
  });
  expect(project('OPS').issueTypeSchemeId).not.toBe(sharedId);
  expect(project('PAY').issueTypeSchemeId).toBe(sharedId);
  // The screens are still shared: the admin is told what to do, nothing is changed.
  expect(step(report, 'screens').state).toBe('manual');
  const created = await host.asUser(ADMIN, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'OPS' }, issuetype: { name: 'AI Pilot' }, summary: 'OPS pilot' },
  });
  expect(created.status).toBe(201);
  const again = unwrap(await settings<SetupReport>(host, 'OPS', ADMIN, 'settings/setup'));
  expect(step(again, 'scheme').state).toBe('in-place');
});

it('a project admin sets up a project whose scheme and screens only it uses', async () => {
  const report = unwrap(await settings<SetupReport>(host, 'SOLO', LEE, 'settings/setup'));
  expect(step(report, 'scheme')).toMatchObject({ state: 'done-now', detail: expect.stringMatching(/only SOLO uses/) });
  expect(step(report, 'screens').state).toBe('done-now');
  const created = await host.asUser(LEE, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'SOLO' }, issuetype: { name: 'AI Pilot' }, summary: 'Solo pilot' },
  });
  expect(created.status).toBe(201);
  // Nothing of PAY's changed along the way.
  const schemeOfPay = host.jira.state.issueTypeSchemes.find((s) => s.id === project('PAY').issueTypeSchemeId)!;
  expect(schemeOfPay.issueTypeIds.map((id) => host.jira.state.issueTypes.find((t) => t.id === id)!.name)).not.toContain(
    'AI Pilot',
  );
});
