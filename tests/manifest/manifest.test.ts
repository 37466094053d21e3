// The manifest must pass Forge's own validators and linters, offline; and each check must be able to fail.
// `forge lint` takes minutes on a loaded 2-core machine, so it runs once per file, in beforeAll with an honest time
// limit, over a copy of the app carrying every planted fault; the cases read that one report. The copy is the app
// itself plus the faults, so "the planted faults and nothing else" is also the proof that the app lints clean.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import YAML from 'yaml';

const run = promisify(execFile);
const root = resolve(__dirname, '..', '..');
const lintTool = join(root, 'tools', 'forge-lint-offline.cjs');

type Manifest = Record<string, unknown> & {
  app: { runtime: { name: string } };
  permissions: { scopes: string[] };
  modules: Record<string, Array<Record<string, unknown>>>;
};

function loadManifest(): Manifest {
  return YAML.parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;
}

async function validate(dir: string, type: 'FULL' | 'PRODUCT_TRIGGER') {
  return ProcessorBuilder.instance().withValidation(ValidationTypes[type]).build().process(join(dir, 'manifest.yml'));
}

async function lint(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('node', [lintTool], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** A copy of the app (manifest, src, tsconfig.json; static builds linked) with a changed manifest and extra files. */
function brokenApp(change: (m: Manifest) => void, extraFiles: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-manifest-'));
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  // forge lint parses only the .ts files its expansion of tsconfig.json's `include` lists: the copy must have it.
  cpSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(root, 'static'), join(dir, 'static'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const manifest = loadManifest();
  change(manifest);
  writeFileSync(join(dir, 'manifest.yml'), YAML.stringify(manifest));
  for (const [file, content] of Object.entries(extraFiles)) writeFileSync(join(dir, file), content);
  return dir;
}

const customField = (m: Manifest, key: string) => {
  const field = m.modules['jira:customField']?.find((f) => f.key === key);
  if (!field) throw new Error(`no custom field ${key}`);
  return field as Record<string, unknown> & { schema: { properties: Record<string, Record<string, unknown>> } };
};

/** Forge lint used 35 s of CPU per run here, and over 3 minutes of wall time at a load average of 30. */
const LINT_MS = 15 * 60_000;
let lintRun: { code: number; output: string };
/** The problem lines of the report ('2:51  error  Jira endpoint: …', '0:0  warning  Cannot find …'). */
let lintProblems: string[];
beforeAll(async () => {
  // The planted faults: a call in src/ whose scope the manifest lacks (manage:jira-webhook), and a handler whose
  // export is missing.
  const dir = brokenApp(
    (m) => void (m.modules.function!.find((f) => f.key === 'stall-scan')!.handler = 'index.noSuchExport'),
    {
      'src/scope-probe.ts':
        "import api, { route } from '@forge/api';\nexport const probe = () => api.asApp().requestJira(route`/rest/api/3/webhook`, { method: 'GET' });\n",
    },
  );
  lintRun = await lint(dir);
  lintProblems = lintRun.output.split('\n').filter((line) => /^\s*\d+:\d+\s+(error|warning)\s/.test(line));
}, LINT_MS);

describe('manifest.yml', () => {
  it.each(['FULL', 'PRODUCT_TRIGGER'] as const)('passes @forge/manifest %s validation', async (type) => {
    const result = await validate(root, type);
    expect(result.errors).toEqual([]);
    expect(result.success).toBe(true);
  });

  it("passes Forge's client-side linters offline, scope check included: the copy with two planted faults reports those two and nothing else", () => {
    // The missing export is a warning, the missing scope an error; both fail the offline lint (exit 1).
    expect(lintRun.output).toMatch(/forge lint \(offline, \d+ linters\): 1 error\(s\), 1 warning\(s\)/);
    expect(lintProblems).toHaveLength(2);
    expect(
      lintProblems.filter((line) => /warning\s+Cannot find exported function "noSuchExport"/.test(line)),
    ).toHaveLength(1);
    expect(
      lintProblems.filter((line) =>
        /error\s+Jira endpoint: GET \/rest\/api\/3\/webhook requires "manage:jira-webhook"/.test(line),
      ),
    ).toHaveLength(1);
  });

  it('declares runtime nodejs22.x with Jira required and Confluence optional', () => {
    const m = loadManifest();
    expect(m.app.runtime.name).toBe('nodejs22.x');
    expect(m.app).toMatchObject({ compatibility: { jira: { required: true }, confluence: { required: false } } });
  });

  it('gives every diagnostic question a JQL search alias', () => {
    const props = customField(loadManifest(), 'pilot-diagnostic').schema.properties;
    for (const q of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'])
      expect(props[q]?.searchAlias).toEqual(expect.any(String));
  });

  it("puts every object field's formatter under view.formatter.expression (without it Jira does not search the field)", () => {
    const objects = (loadManifest().modules['jira:customField'] ?? []).filter((f) => f.type === 'object');
    expect(objects.length).toBeGreaterThan(0);
    for (const field of objects) {
      expect(field).not.toHaveProperty('formatter');
      expect(field).toMatchObject({ view: { formatter: { expression: expect.stringMatching(/\S/) } } });
    }
  });

  it('declares every queue consumer the async events v2 way (a function, no resolver)', () => {
    const consumers = loadManifest().modules.consumer ?? [];
    expect(consumers.length).toBeGreaterThan(0);
    for (const consumer of consumers) {
      expect(consumer).toEqual({ key: expect.any(String), queue: expect.any(String), function: expect.any(String) });
    }
  });
});

describe('each check fails on a broken manifest', () => {
  const fullCases: Array<[string, (m: Manifest) => void, RegExp]> = [
    ['a retired runtime', (m) => void (m.app.runtime.name = 'nodejs18.x'), /runtime|nodejs18/i],
    [
      'an object field without a formatter',
      (m) => void delete customField(m, 'pilot-diagnostic').view,
      /type|formatter/i,
    ],
    [
      'a duplicate search alias',
      (m) => void (customField(m, 'pilot-diagnostic').schema.properties.q2!.searchAlias = 'Owner'),
      /alias/i,
    ],
    [
      'a handler file that does not exist',
      (m) => void (m.modules.function!.find((f) => f.key === 'stall-scan')!.handler = 'missing-file.stallScan'),
      /missing-file|handler/i,
    ],
    ['a duplicate module key', (m) => void (m.modules.scheduledTrigger![0]!.key = 'pilot-panel'), /duplicate/i],
  ];

  it.each(fullCases)('FULL validation rejects %s', async (_name, change, message) => {
    const result = await validate(brokenApp(change), 'FULL');
    expect(result.success).toBe(false);
    expect((result.errors ?? []).map((e) => e.message).join('\n')).toMatch(message);
  });

  it('PRODUCT_TRIGGER validation rejects issue triggers without read:jira-work (FULL does not notice)', async () => {
    const dir = brokenApp(
      (m) => void (m.permissions.scopes = m.permissions.scopes.filter((s) => s !== 'read:jira-work')),
    );
    expect((await validate(dir, 'FULL')).success).toBe(true);
    const result = await validate(dir, 'PRODUCT_TRIGGER');
    expect(result.success).toBe(false);
    expect((result.errors ?? []).map((e) => e.message).join('\n')).toContain("requires 'read:jira-work' scope");
  });

  it('the offline scope check reports a planted call in src/ whose scope the manifest lacks (tsconfig include expands to src/)', () => {
    expect(lintRun.code).toBe(1);
    expect(lintRun.output).toMatch(
      /scope-probe\.ts\s+\d+:\d+\s+error\s+Jira endpoint: GET \/rest\/api\/3\/webhook requires "manage:jira-webhook" scope/,
    );
  });

  it('the offline handler check rejects a handler whose export is missing', () => {
    expect(lintRun.code).toBe(1);
    expect(lintRun.output).toMatch(/noSuchExport/);
  });
});
