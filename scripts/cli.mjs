#!/usr/bin/env node
// `node scripts/cli.mjs <generate|train|mock-openai> [args…]` (what `npm run generate` etc. run): runs the
// bundled dist-cli/<name>.mjs in this process, building it first (once) when it is missing or older than any of
// its sources — so a fresh clone works and later starts compile no TypeScript.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name)) {
  console.error('Usage: node scripts/cli.mjs <generate|train|mock-openai> [args…]');
  process.exit(2);
}
const bundle = join(root, 'dist-cli', `${name}.mjs`);

function stale() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(root, 'dist-cli', 'meta.json'), 'utf8'))[name];
    if (!Array.isArray(inputs)) return true;
    return inputs.some((f) => statSync(join(root, f)).mtimeMs > built);
  } catch {
    return true; // no bundle, no meta.json, or a source was removed
  }
}

if (stale()) {
  const { buildCli, CLIS } = await import('./build-cli.mjs');
  if (!CLIS.includes(name)) {
    console.error(`Unknown command "${name}"; one of ${CLIS.join(', ')}.`);
    process.exit(2);
  }
  await buildCli();
}
// The bundle sees itself as the entry script with its own arguments.
process.argv = [process.argv[0], bundle, ...args];
await import(pathToFileURL(bundle).href);
