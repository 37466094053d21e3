// The layering rule must be able to fail: a core file importing the Forge SDK, an adapter or the local host is
// refused by ESLint, and the real tree passes.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

// ESLint runs in its own process: its flat config loads through dynamic import, which jest's VM does not offer.
async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rules', () => {
  it.each([
    ['src/core/probe.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", /no-restricted-imports.*pure/],
    [
      'src/core/probe.ts',
      "import { ProductError } from '../adapters/errors';\nexport const x = ProductError;\n",
      /no-restricted-imports/,
    ],
    ['src/core/probe.ts', 'export const today = () => Date.now();\n', /no-restricted-syntax.*clock/],
    ['src/core/probe.ts', 'export const today = () => new Date();\n', /no-restricted-syntax.*clock/],
    [
      'src/use-cases/probe.ts',
      "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n",
      /no-restricted-imports.*adapters only/,
    ],
    [
      'src/use-cases/probe.ts',
      "import { startHost } from '../../host/host';\nexport const x = startHost;\n",
      /no-restricted-imports.*local host/,
    ],
    [
      'src/adapters/probe.ts',
      "import { startHost } from '../../host/host';\nexport const x = startHost;\n",
      /no-restricted-imports.*local host/,
    ],
    [
      'static/panel/src/probe.ts',
      "import { startHost } from '../../../host/host';\nexport const x = startHost;\n",
      /no-restricted-imports.*local host/,
    ],
  ])('refuses %s importing what its layer must not', async (file, code, expected) => {
    expect((await ruleHits(file, code)).join('\n')).toMatch(expected);
  });

  it('accepts a core file that imports only the core and date-fns', async () => {
    expect(
      await ruleHits(
        'src/core/probe.ts',
        "import { addDays } from 'date-fns';\nimport { QUESTIONS } from './questions';\nexport const x = [addDays, QUESTIONS];\n",
      ),
    ).toEqual([]);
  });
});
