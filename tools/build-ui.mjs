// Builds every Custom UI app (static/<module>/index.html) with Vite into static/<module>/build, the path the
// manifest's resource names. Usage: node tools/build-ui.mjs [module ...]
import { build } from 'vite';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const modules = readdirSync(join(root, 'static'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'static', d.name, 'index.html')))
  .map((d) => d.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name));

for (const name of modules) {
  const appRoot = join(root, 'static', name);
  await build({
    root: appRoot,
    base: './',
    logLevel: 'warn',
    configFile: false,
    resolve: {
      alias: {
        '@contract': join(root, 'src', 'contract'),
        '@core': join(root, 'src', 'core'),
        '@ui': join(root, 'static', 'common'),
      },
    },
    oxc: { jsx: { runtime: 'automatic' } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: join(appRoot, 'build'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      sourcemap: false,
    },
  });
  console.log(`built static/${name}/build`);
}
