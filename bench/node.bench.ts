// Node benchmarks of pure domain code; prints a JSON array of BenchResult on stdout.
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

process.stdout.write(JSON.stringify(results));
