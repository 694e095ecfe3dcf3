#!/usr/bin/env node
// `npm run build:cli`: bundles the command-line tools to plain JavaScript in dist-cli/ (esbuild), so starting
// them compiles no TypeScript. Packages in node_modules (TF.js…) stay external and load at run time.
// dist-cli/meta.json lists every source file of each bundle: scripts/cli.mjs rebuilds when one is newer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist-cli');
export const CLIS = ['generate', 'train', 'mock-openai'];

/** Builds the given CLIs (default: all) into dist-cli/<name>.mjs and updates dist-cli/meta.json. */
export async function buildCli(names = CLIS) {
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(names.map((n) => [n, `scripts/${n}.ts`])),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    splitting: false,
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  let meta = {};
  try {
    meta = JSON.parse(readFileSync(join(OUT_DIR, 'meta.json'), 'utf8')); // keep the other CLIs' entries
  } catch {
    // first build
  }
  for (const [out, info] of Object.entries(result.metafile.outputs)) {
    if (!info.entryPoint) continue;
    const name = out.replace(/^.*\//, '').replace(/\.mjs$/, '');
    meta[name] = Object.keys(info.inputs);
  }
  writeFileSync(join(OUT_DIR, 'meta.json'), `${JSON.stringify(meta)}\n`);
  return Object.fromEntries(names.map((n) => [n, meta[n]]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const t0 = performance.now();
  const names = process.argv.slice(2);
  const meta = await buildCli(names.length ? names : CLIS);
  console.log(
    `Built ${Object.keys(meta)
      .map((n) => `dist-cli/${n}.mjs`)
      .join(', ')} in ${Math.round(performance.now() - t0)} ms.`,
  );
}
