// Node benchmarks of pure domain code; prints a JSON array of BenchResult on stdout.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { generateClassic } from '../src/domain/classic/classic-generator';
import { defaultClassicSpec } from '../src/domain/classic/classic-spec';
import { summarise, type BenchResult } from './bench-result';

const env = `node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`;
const results: BenchResult[] = [];

{
  const rowsPerRun = 1_000_000;
  const rates: number[] = [];
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    let n = 0;
    for (const chunk of generateClassic({ ...defaultClassicSpec(), samples: rowsPerRun, seed: run })) n += chunk.length;
    const dt = (performance.now() - t0) / 1000;
    if (run > 0) rates.push(n / dt); // run 0 warms up the JIT
  }
  results.push(summarise('classic generation in Node', 'rows/s', rates, env, { op: '>=', value: 3_000_000 }));
}

{
  // The built CLI's whole process (node start-up included), as the original Python script's 0.2 s start.
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', 'generate'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr}`);
  const times: number[] = [];
  for (let run = 0; run < 8; run++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['dist-cli/generate.mjs', '--help'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`generate --help failed: ${r.stderr}`);
    if (run > 0) times.push(performance.now() - t0); // run 0 warms the file cache
  }
  results.push(summarise('CLI generate --help whole process (node dist-cli/generate.mjs)', 'ms', times, env, { op: '<=', value: 300 }));
}

process.stdout.write(JSON.stringify(results));
