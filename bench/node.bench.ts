// Node benchmarks of pure domain code; prints a JSON array of BenchResult on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
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
  results.push(
    summarise('CLI generate --help whole process (node dist-cli/generate.mjs)', 'ms', times, env, {
      op: '<=',
      value: 300,
    }),
  );
}

/** Runs the built generate CLI; resolves with its wall time, rejects with its stderr on failure. */
function cli(args: string[], nodeFlags: string[] = []): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, 'dist-cli/generate.mjs', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`generate ${args.join(' ')} failed: ${err}`)),
    );
  });
}

{
  // Issue 14: 300 homes × 180 days of temporal samples straight to Parquet. Per core: the process runs with
  // V8's --single-threaded (no GC or compiler helper threads), so its wall time is one core's time. Then the
  // same dataset as 4 shards run at once against 1 shard (default flags, this machine's cores), and the same
  // for a 1,200-home dataset (90 days), where each shard's start-up and JIT warm-up (~0.75 s) weigh less.
  const base = ['--mode', 'temporal', '--homes', '300', '--days', '180', '--seed', '42', '--format', 'parquet'];
  const tmp = mkdtempSync(join(os.tmpdir(), 'bench-parquet-'));
  try {
    const rates: number[] = [];
    for (let run = 0; run < 3; run++) {
      const out = join(tmp, `core-${run}`);
      const ms = await cli([...base, '--out', out], ['--single-threaded']);
      const m = JSON.parse(readFileSync(join(out, '_manifests', 'shard-0-of-1.json'), 'utf8')) as {
        deviceSteps: number;
      };
      rates.push(m.deviceSteps / (ms / 1000));
      rmSync(out, { recursive: true, force: true });
    }
    results.push(
      summarise(
        'CLI temporal samples to Parquet, 300 homes × 180 days, one core (node --single-threaded), whole process',
        'device-steps/s',
        rates,
        env,
        { op: '>=', value: 5_000_000 },
      ),
    );
    const scaling = async (
      args: string[],
      label: string,
      target: { op: '>='; value: number } | null,
    ): Promise<void> => {
      const speedups: number[] = [];
      for (let run = 0; run < 2; run++) {
        const one = await cli([...args, '--out', join(tmp, `one-${run}`)]);
        const t0 = performance.now();
        await Promise.all(
          [0, 1, 2, 3].map((k) =>
            cli([...args, '--shards', '4', '--shard', String(k), '--out', join(tmp, `four-${run}`)]),
          ),
        );
        speedups.push(one / (performance.now() - t0));
        rmSync(join(tmp, `one-${run}`), { recursive: true, force: true });
        rmSync(join(tmp, `four-${run}`), { recursive: true, force: true });
      }
      results.push(
        summarise(
          `CLI 4 shards run at once vs 1 shard, ${label} (${os.cpus().length} cores)`,
          '× faster',
          speedups,
          env,
          target,
        ),
      );
    };
    await scaling(base, '300 homes × 180 days', { op: '>=', value: 1.8 });
    await scaling(
      ['--mode', 'temporal', '--homes', '1200', '--days', '90', '--seed', '42', '--format', 'parquet'],
      '1,200 homes × 90 days (informative)',
      null,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(results));
