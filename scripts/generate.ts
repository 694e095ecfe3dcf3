// `npm run generate -- --samples 10000 --days 180 --seed 42 --out FILE`: the original's dataset scripts, on the same
// domain code the app runs. Classic mode by default (the original wrote classic rows with the 35/20/…/2 split).
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classicCsvPieces, classicJsonPieces } from '../src/domain/classic/classic-format';
import { generateClassic } from '../src/domain/classic/classic-generator';
import { defaultClassicSpec, parseClassicSpec } from '../src/domain/classic/classic-spec';
import { generateTemporal } from '../src/domain/temporal/generate';
import {
  PARQUET_MAX_HOMES,
  TEMPORAL_LIMITS,
  defaultTemporalSpec,
  parseTemporalSpec,
  type TemporalSpec,
} from '../src/domain/temporal/spec';
import { specFromQuery, specToQuery } from '../src/domain/temporal/spec-query';
import { parseHomesBatchSpec } from '../src/domain/homes/homes-batch-spec';
import { shardArgsProblem } from '../src/domain/temporal/parquet-layout';
import { writeTemporalParquetShard } from './parquet-dataset';
import { writeHomesParquetShard } from './homes-dataset';
import { validateParquetDataset } from './validate-dataset';
import {
  TEMPORAL_COLUMN_ROLES,
  temporalCsvPieces,
  temporalSamplesJsonPieces,
  temporalSnapshotPieces,
} from '../src/services/temporal-export';

const TEMPORAL_FLAGS = Object.keys(specToQuery(defaultTemporalSpec()));

const R = TEMPORAL_COLUMN_ROLES;
const SAMPLE_COLUMN_ROWS: [string, string][] = [
  [R.identifiers.join(', '), 'identify a sample (split by device): not features'],
  [R.descriptors.join(', '), 'readable copies of the one-hot features'],
  [`${R.features[0] ?? ''} … ${R.features.at(-1) ?? ''}`, `the ${R.features.length} features: the model inputs`],
  [R.label, '1 when the device fails within --horizon-days: the target'],
  [R.baselines.join(', '), "the original's leaky rule: a baseline, not a target"],
  [R.groundTruth.join(', '), 'simulator ground truth (injected scenario): never train on it'],
];
const SAMPLE_COLUMN_HELP = SAMPLE_COLUMN_ROWS.map(([cols, what]) => `  ${cols.padEnd(34)}${what}`).join('\n');

const HELP = `Generate a synthetic smart-home device dataset.

Usage: npm run generate -- [options] --out FILE        (FILE ending in .csv writes CSV, else JSON)
       npm run generate -- --mode temporal [options] --format parquet --out DIR [--shards N --shard K]
       npm run generate -- --mode homes [options] --format parquet --out DIR [--shards N --shard K]
       npm run generate -- validate DIR

  --mode classic|temporal|homes
                            classic (default): the original generator, one snapshot row per device;
                            temporal: real time series, samples labelled "fails within H days";
                            homes: whole homes with their simulated events (Parquet only)
  --seed N                  seed (default 42); the same seed and options give identical output
  --help                    this text

Classic mode:
  --samples N               rows (default 10000), split 35/20/15/12/8/5/3/2 over the home types
  --days N                  days (default 180)
  --failure-rate X          share of rows with an injected failure (default 0.15)
  --reference-date ISO      local time 'YYYY-MM-DDTHH:mm' the patterns are evaluated at (default 2025-06-01T08:00)
  --time-zone TZ            IANA time zone of the reference date (default UTC)
  --home-type TYPE          only this home type instead of the split
  --no-health-score         omit the optional health_score

Temporal mode (defaults as in the app):
  ${TEMPORAL_FLAGS.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')}
  --format samples|snapshot|parquet
                            samples (default): one row per device and day; snapshot: the original one-row-per-device
                            format; parquet: the samples as Hive-partitioned Parquet in --out DIR
                            (samples/home_type=<t>/shard=<k>/part-0.parquet, rows sorted by home, device, time)
  --shards N --shard K      with --format parquet: write only shard K (0 … N-1) of N, homes ⌊KH/N⌋ to ⌊(K+1)H/N⌋;
                            run the N shards anywhere (in parallel, on other machines), then "validate DIR"

Homes mode (--format parquet; writes homes/shard=<k>/homes.jsonl and events/home_type=<t>/shard=<k>/part-0.parquet):
  --homes N                 homes (default 100, up to 10,000,000), the original's type split
  --days N                  days of events per home (default 90, up to 365)
  --start-date YYYY-MM-DD   first local day (default 2025-01-01)
  --time-zone TZ            IANA time zone of the homes (default UTC)
  --source template|survey  the offline home maker (default template)

validate DIR                checks every shard manifest, file size, SHA-256 and row count of a Parquet run,
                            and writes DIR/manifest.json once every shard is there; exits 1 on any problem

Temporal samples columns (CSV header = JSON keys):
${SAMPLE_COLUMN_HELP}
`;

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\nRun with --help to see the options.\n`);
  process.exit(2);
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

async function write(out: string, pieces: Iterable<string>): Promise<void> {
  const stream = createWriteStream(out);
  for (const piece of pieces) {
    if (!stream.write(piece)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean' },
        mode: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        samples: { type: 'string' },
        'failure-rate': { type: 'string' },
        'reference-date': { type: 'string' },
        'time-zone': { type: 'string' },
        'home-type': { type: 'string' },
        'no-health-score': { type: 'boolean' },
        format: { type: 'string' },
        source: { type: 'string' },
        shards: { type: 'string' },
        shard: { type: 'string' },
        ...Object.fromEntries(
          TEMPORAL_FLAGS.filter((f) => f !== 'seed' && f !== 'timeZone' && f !== 'failureRate').map((f) => [
            kebab(f),
            { type: 'string' as const },
          ]),
        ),
      },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) {
    process.stdout.write(HELP);
    return;
  }
  if (parsed.positionals[0] === 'validate') {
    await validate(
      parsed.positionals[1] ??
        (typeof v.out === 'string' ? v.out : fail('validate needs the folder: npm run generate -- validate DIR')),
    );
    return;
  }
  if (parsed.positionals.length > 0) fail(`unexpected argument "${parsed.positionals[0] ?? ''}".`);
  const out = typeof v.out === 'string' ? v.out : fail('--out FILE is required.');
  const csv = out.toLowerCase().endsWith('.csv');
  const mode = v.mode ?? 'classic';
  const t0 = performance.now();

  if (mode === 'classic') {
    const num = (k: string, d: number): number | string =>
      typeof v[k] === 'string' ? (Number.isFinite(Number(v[k])) ? Number(v[k]) : String(v[k])) : d;
    const def = defaultClassicSpec();
    const r = parseClassicSpec({
      seed: num('seed', def.seed),
      samples: num('samples', def.samples),
      days: num('days', def.days),
      failureRate: num('failure-rate', def.failureRate),
      referenceDate: typeof v['reference-date'] === 'string' ? v['reference-date'].slice(0, 16) : def.referenceDate,
      timeZone: typeof v['time-zone'] === 'string' ? v['time-zone'] : def.timeZone,
      homeTypes: typeof v['home-type'] === 'string' ? v['home-type'] : 'large_dataset',
      healthScore: v['no-health-score'] !== true,
    });
    if (!r.ok) fail(r.errors.map((e) => `${kebab(e.field)}: ${e.message}`).join('\n'));
    const chunks = [...generateClassic(r.spec)];
    await write(out, csv ? classicCsvPieces(chunks) : classicJsonPieces(chunks));
    process.stdout.write(
      `Wrote ${r.spec.samples.toLocaleString('en-US')} classic rows to ${out} in ${((performance.now() - t0) / 1000).toFixed(2)} s.\n`,
    );
    return;
  }
  if (mode === 'homes') {
    await homes(v, out, t0);
    return;
  }
  if (mode !== 'temporal') fail(`--mode must be classic, temporal or homes, not "${String(mode)}".`);
  if (v.source !== undefined) fail('--source is for homes mode.');
  if (v.samples !== undefined) fail('--samples is for classic mode; in temporal mode use --homes.');
  const query: Record<string, string> = { timeZone: 'UTC' };
  for (const f of TEMPORAL_FLAGS) {
    const value = v[kebab(f)];
    if (typeof value === 'string') query[f] = value;
  }
  const format = v.format ?? 'samples';
  if (format !== 'samples' && format !== 'snapshot' && format !== 'parquet')
    fail('--format must be samples, snapshot or parquet.');
  const sink = format === 'parquet' ? 'parquet' : 'memory';
  const r = specFromQuery(query, { sink });
  if (!r.ok) {
    const tooMany =
      sink === 'memory' && Number(query.homes) > TEMPORAL_LIMITS.homes[1] && Number(query.homes) <= PARQUET_MAX_HOMES;
    fail(
      tooMany
        ? `more than ${TEMPORAL_LIMITS.homes[1].toLocaleString('en-US')} homes need --format parquet (written in shards, up to ${PARQUET_MAX_HOMES.toLocaleString('en-US')} homes).`
        : r.errors.map((e) => `${kebab(e.field)}: ${e.message}`).join('\n'),
    );
  }
  const spec = parseTemporalSpec(r.spec, { sink });
  if (!spec.ok) fail('invalid temporal settings');
  if (format === 'parquet') {
    await parquet(spec.spec, out, v.shards, v.shard, t0);
    return;
  }
  if (v.shards !== undefined || v.shard !== undefined) fail('--shards and --shard need --format parquet.');
  const chunks = [...generateTemporal(spec.spec)];
  if (format === 'snapshot') await write(out, temporalSnapshotPieces(spec.spec, chunks));
  else await write(out, csv ? temporalCsvPieces(chunks) : temporalSamplesJsonPieces(chunks));
  const samples = chunks.reduce((s, c) => s + c.samples.label.length, 0);
  process.stdout.write(
    `Wrote ${format === 'snapshot' ? 'a classic snapshot' : `${samples.toLocaleString('en-US')} samples`} of ${spec.spec.homes} homes to ${out} in ${((performance.now() - t0) / 1000).toFixed(2)} s.\n`,
  );
}

function generatorVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function parquet(
  spec: TemporalSpec,
  out: string,
  shardsArg: string | boolean | undefined,
  shardArg: string | boolean | undefined,
  t0: number,
): Promise<void> {
  const { shards, shard } = shardArgs(spec.homes, shardsArg, shardArg);
  let lastReport = performance.now();
  const m = await writeTemporalParquetShard(spec, {
    out,
    shards,
    shard,
    generatorVersion: generatorVersion(),
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastReport < 5000) return;
      lastReport = now;
      const elapsed = (now - t0) / 1000;
      const eta = p.homesDone > 0 ? (elapsed * (p.homesTotal - p.homesDone)) / p.homesDone : Number.NaN;
      process.stderr.write(
        `  ${p.homesDone.toLocaleString('en-US')} of ${p.homesTotal.toLocaleString('en-US')} homes, ${(p.deviceSteps / elapsed / 1e6).toFixed(1)} M device-steps/s, about ${Math.ceil(eta)} s left\n`,
      );
    },
  });
  const s = (performance.now() - t0) / 1000;
  const which = shards > 1 ? ` (shard ${shard} of ${shards}: homes ${m.homes.from}–${m.homes.to - 1})` : '';
  process.stdout.write(
    `Wrote ${m.rows.toLocaleString('en-US')} samples of ${(m.homes.to - m.homes.from).toLocaleString('en-US')} homes${which} to ${out} as ${m.files.length} Parquet files in ${s.toFixed(2)} s (${(m.deviceSteps / s / 1e6).toFixed(1)} M device-steps/s).\n` +
      (shards > 1 ? `When every shard has run: npm run generate -- validate ${out}\n` : ''),
  );
}

function shardArgs(
  homeCount: number,
  shardsArg: string | boolean | undefined,
  shardArg: string | boolean | undefined,
): { shards: number; shard: number } {
  if ((shardsArg === undefined) !== (shardArg === undefined))
    fail('give both --shards N and --shard K (or neither, for the whole dataset).');
  const shards = shardsArg === undefined ? 1 : Number(shardsArg);
  const shard = shardArg === undefined ? 0 : Number(shardArg);
  const problem = shardArgsProblem(homeCount, shards, shard);
  if (problem) fail(problem);
  return { shards, shard };
}

async function homes(v: Record<string, string | boolean | undefined>, out: string, t0: number): Promise<void> {
  if (v.format !== 'parquet') fail('homes mode writes Parquet: add --format parquet --out DIR.');
  const num = (k: string): number | undefined => (typeof v[k] === 'string' ? Number(v[k]) : undefined);
  const input = Object.fromEntries(
    Object.entries({
      seed: num('seed'),
      homes: num('homes'),
      days: num('days'),
      startDate: v['start-date'],
      timeZone: v['time-zone'],
      source: v.source,
    }).filter(([, value]) => value !== undefined),
  );
  const allowed = new Set([
    'mode',
    'format',
    'out',
    'seed',
    'homes',
    'days',
    'start-date',
    'time-zone',
    'source',
    'shards',
    'shard',
  ]);
  const extra = Object.keys(v).filter((k) => v[k] !== undefined && !allowed.has(k));
  if (extra.length > 0) fail(`--${extra[0] ?? ''} is not an option of homes mode.`);
  const r = parseHomesBatchSpec(input);
  if (!r.ok) fail(r.errors.map((e) => `${kebab(e.field)}: ${e.message}`).join('\n'));
  const { shards, shard } = shardArgs(r.spec.homes, v.shards, v.shard);
  const m = await writeHomesParquetShard(r.spec, { out, shards, shard, generatorVersion: generatorVersion() });
  const s = (performance.now() - t0) / 1000;
  const which = shards > 1 ? ` (shard ${shard} of ${shards}: homes ${m.homes.from}–${m.homes.to - 1})` : '';
  process.stdout.write(
    `Wrote ${(m.homes.to - m.homes.from).toLocaleString('en-US')} ${r.spec.source} homes${which} with ${m.rows.toLocaleString('en-US')} events to ${out} in ${s.toFixed(2)} s.\n` +
      (shards > 1 ? `When every shard has run: npm run generate -- validate ${out}\n` : ''),
  );
}

async function validate(dir: string): Promise<void> {
  const r = await validateParquetDataset(dir);
  if (r.problems.length > 0) {
    process.stderr.write(
      `validate: ${dir} has ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}:\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const m = r.manifest;
  process.stdout.write(
    `${dir}: ${r.filesChecked} files in ${m?.shards ?? 0} shard${m?.shards === 1 ? '' : 's'}, ${(m?.rows ?? 0).toLocaleString('en-US')} rows; sizes, SHA-256 and row counts match.` +
      (r.wroteManifest ? ` Wrote ${dir}/manifest.json.` : '') +
      '\n',
  );
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
