// The app's custom fields as Jira treats them: an object field is shown through `view.formatter.expression` and is
// searchable only when it has one; a `boolean` schema property is a JQL string.
import { join, resolve } from 'node:path';
import { createJira } from '../../../host/jira';
import { forgeFields, renderFieldValue } from '../../../host/forge/custom-fields';
import { readManifest, type Manifest } from '../../../host/forge/manifest';
import { APP, APP_ID, ENV_ID, create, jql } from '../jira/fixture';

const manifest = readManifest(join(resolve(__dirname, '..', '..', '..'), 'manifest.yml'));
const decl = (m: Manifest, key: string) => m.modules['jira:customField']!.find((f) => f.key === key)!;

/** The manifest as it was: the formatter at the field's top level, where Jira does not read it. */
function withTopLevelFormatter(): Manifest {
  const copy = structuredClone(manifest);
  for (const field of copy.modules['jira:customField']!) {
    if (!field.view) continue;
    Object.assign(field, { formatter: field.view.formatter });
    delete field.view;
  }
  return copy;
}

async function siteWith(m: Manifest) {
  const jira = createJira({ appId: APP_ID, envId: ENV_ID, forgeFields: forgeFields(m) });
  jira.addUser({ accountId: 'u-admin', displayName: 'Ada Admin', siteAdmin: true });
  jira.addProject({ key: 'PIL', name: 'AI Pilots', leadAccountId: 'u-admin' });
  const send = (method: string, path: string, body?: unknown) => jira.handle({ method, path, body, principal: APP });
  const fields = (await send('GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
  const stall = fields.find((f) => f.name === 'AI Pilot stall status')!.id;
  const [stalled, clear] = [await create(send, 'PIL', 'Stalled pilot'), await create(send, 'PIL', 'Clear pilot')];
  const put = (issueId: string, value: unknown) =>
    send('POST', '/rest/api/3/app/field/value', {
      updates: [{ customField: stall, issueIds: [Number(issueId)], value }],
    });
  await put(stalled.id, { status: 'stalled', daysStalled: 40, decisionDue: true, scannedOn: '2026-03-01' });
  await put(clear.id, { status: 'clear', daysStalled: 0, decisionDue: false, scannedOn: '2026-03-01' });
  jira.catchUpSearch(); // the search index has caught up with the writes (search lags them, as on Jira)
  const search = async (q: string) => {
    const res = await send('GET', jql(`project = PIL AND ${q} ORDER BY key`, '&fields=summary'));
    return res.status === 200
      ? (res.body as { issues: Array<{ fields: { summary: string } }> }).issues.map((i) => i.fields.summary)
      : res.status;
  };
  return { search };
}

it('indexes a schema boolean as the JQL string Jira documents ("true" / "false")', async () => {
  const aliases = forgeFields(manifest).find((f) => f.key === 'pilot-stall')!.searchAliases!;
  expect(aliases.decisionDue).toEqual({ alias: 'DecisionDue', type: 'string' });
  expect(aliases.daysStalled).toEqual({ alias: 'DaysStalled', type: 'number' });
  expect(aliases.scannedOn).toEqual({ alias: 'ScannedOn', type: 'date' });
  const { search } = await siteWith(manifest);
  expect(await search('"AI Pilot stall status".DecisionDue = "true"')).toEqual(['Stalled pilot']);
  expect(await search('"AI Pilot stall status".DecisionDue = "false"')).toEqual(['Clear pilot']);
});

it('searches an object field only when its formatter is under view.formatter.expression', async () => {
  expect(await (await siteWith(manifest)).search('"AI Pilot stall status".Status = stalled')).toEqual([
    'Stalled pilot',
  ]);
  expect(forgeFields(withTopLevelFormatter()).find((f) => f.key === 'pilot-stall')!.searchAliases).toBeUndefined();
  expect(await (await siteWith(withTopLevelFormatter())).search('"AI Pilot stall status".Status = stalled')).toBe(400);
});

it("shows an object field's value through the manifest's view.formatter, never as raw JSON", () => {
  expect(
    renderFieldValue(decl(manifest, 'pilot-stall'), { status: 'stalled', daysStalled: 40, decisionDue: true }),
  ).toBe('Stalled 40 days');
  expect(renderFieldValue(decl(manifest, 'pilot-stall'), { status: 'clear', daysStalled: 0 })).toBe('On track');
  expect(renderFieldValue(decl(manifest, 'pilot-stall'), null)).toBe('Not scanned');
  expect(renderFieldValue(decl(manifest, 'pilot-diagnostic'), { score: 5, verdict: 'ready with caveats' })).toBe(
    '5/7 yes, ready with caveats',
  );
  expect(renderFieldValue(decl(manifest, 'pilot-score'), 5)).toBe('5');
  expect(renderFieldValue(decl(withTopLevelFormatter(), 'pilot-stall'), { status: 'clear' })).not.toBe('On track');
});
