#!/usr/bin/env node
// Forge's own `forge lint`, offline: every client-side linter of @forge/lint, the scope check
// (PermissionLinter) included. PermissionLinter normally downloads Atlassian's OpenAPI documents; here it reads
// the copies in tests/fixtures/specs. Run from an app root (where manifest.yml is).
// Exit 0 = no errors and no warnings; 1 = lint errors or warnings; 2 = the linter crashed.
const path = require('path');
const fs = require('fs');
const os = require('os');

const root = process.cwd();
const projectRoot = path.resolve(__dirname, '..');
const need = (m) => require(require.resolve(m, { paths: [root, projectRoot] }));
const specs = process.env.SPECS_DIR || path.join(projectRoot, 'tests', 'fixtures', 'specs');
const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-')), 'empty.json');
fs.writeFileSync(empty, JSON.stringify({ openapi: '3.0.1', paths: {} }));
Object.assign(process.env, {
  FORGE_DISABLE_ANALYTICS: '1',
  USE_LOCAL_SWAGGER: '1',
  LOCAL_JIRA_SWAGGER: path.join(specs, 'jira-platform-v3.openapi.json'),
  LOCAL_CONF_V2_SWAGGER: path.join(specs, 'confluence-v2.openapi.json'),
  LOCAL_CONF_SWAGGER: empty,
  LOCAL_JSM_SWAGGER: empty,
  LOCAL_JSW_SWAGGER: empty,
  LOCAL_BB_SWAGGER: empty,
});

const { lint, reportLintResults, getClientSideLintersOnly } = need('@forge/lint');
const YAML = need('yaml');
const manifest = YAML.parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
const walk = (d) =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' || e.name.startsWith('.')
      ? []
      : e.isDirectory()
        ? walk(path.join(d, e.name))
        : [path.join(d, e.name)],
  );
const files = ['manifest.yml', ...walk('src')];
const logger = { info: console.log, debug: () => {}, warn: console.log, error: console.error };
const featureFlags = { getDeprecatedRuntimes: async () => ['nodejs18.x', 'nodejs20.x'] };

(async () => {
  const linters = await getClientSideLintersOnly(manifest, 'development', logger, featureFlags);
  const results = await lint(files, manifest, 'development', logger, featureFlags, {
    linter: { mode: 'client-side' },
    linters,
  });
  reportLintResults(logger, results);
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
  console.log(`forge lint (offline, ${linters.length} linters): ${errors} error(s), ${warnings} warning(s)`);
  process.exit(errors || warnings ? 1 : 0);
})().catch((e) => {
  console.error('forge lint crashed:', e);
  process.exit(2);
});
