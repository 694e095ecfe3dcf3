import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../src/domain/home-types';
import { generateTemporal } from '../src/domain/temporal/generate';
import { parseHomesBatchSpec } from '../src/domain/homes/homes-batch-spec';
import {
  eventPartitionFile,
  homesShardFile,
  samplePartitionFile,
  shardManifestFile,
} from '../src/domain/temporal/parquet-layout';
import { defaultTemporalSpec } from '../src/domain/temporal/spec';
import { FEATURE_COUNT, FEATURE_NAMES } from '../src/domain/temporal/window-features';
import { writeTemporalParquetShard } from './parquet-dataset';
import { writeHomesParquetShard } from './homes-dataset';
import { validateParquetDataset } from './validate-dataset';

const spec = defaultTemporalSpec({
  homes: 13,
  days: 24,
  windowDays: 5,
  seed: 77,
  timeZone: 'America/Chicago',
  startDate: '2025-10-20',
});
const root = mkdtempSync(join(tmpdir(), 'parquet-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runShards(n: number): Promise<string> {
  const out = join(root, `n${n}`);
  for (let k = 0; k < n; k++)
    await writeTemporalParquetShard(spec, { out, shards: n, shard: k, generatorVersion: 'test' });
  return out;
}

function fileBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/** Every partition's rows, shard after shard, serialised exactly (floats are float32 values, times ms). */
async function unionBytes(out: string, n: number): Promise<string> {
  const parts: string[] = [];
  for (const t of HOME_TYPES) {
    for (let k = 0; k < n; k++) {
      let file: ArrayBuffer;
      try {
        file = fileBuffer(join(out, samplePartitionFile(t, k)));
      } catch {
        continue; // no home of this type in the shard
      }
      const rows = await parquetReadObjects({ file });
      for (const r of rows)
        parts.push(
          `${t}|${JSON.stringify(r, (_k, v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'bigint' ? String(v) : v))}`,
        );
    }
  }
  return parts.join('\n');
}

describe('Parquet dataset in shards', () => {
  it('shard invariance: the union of N = 3 and N = 4 shards is row-for-row, byte-identical to one run', async () => {
    const [one, three, four] = [await runShards(1), await runShards(3), await runShards(4)];
    const reference = await unionBytes(one, 1);
    const rowsInOne = reference.split('\n').length;
    const generated = [...generateTemporal(spec)].reduce((s, c) => s + c.samples.label.length, 0);
    expect(rowsInOne).toBe(generated);
    expect(await unionBytes(three, 3)).toBe(reference);
    expect(await unionBytes(four, 4)).toBe(reference);
  });

  it('writes typed, sorted partitions with the manifest in the footer and no home_type column (it is the partition key)', async () => {
    const out = join(root, 'n1');
    const file = fileBuffer(join(out, samplePartitionFile('apartment', 0)));
    const meta = parquetMetadata(file);
    const names = meta.schema.slice(1).map((e) => e.name);
    expect(names).not.toContain('home_type');
    expect(names.slice(0, 6)).toEqual([
      'device_id',
      'device_index',
      'home_index',
      'device_type',
      'truth_failure_scenario',
      'time',
    ]);
    expect(names).toEqual(expect.arrayContaining([...FEATURE_NAMES, 'label', 'legacy_label']));
    expect(meta.row_groups[0]?.sorting_columns?.map((c) => names[c.column_idx])).toEqual([
      'home_index',
      'device_index',
      'time',
    ]);
    const kv = JSON.parse(meta.key_value_metadata?.find((k) => k.key === 'homesynth.manifest')?.value ?? '{}') as {
      spec?: { seed?: number };
    };
    expect(kv.spec?.seed).toBe(77);
    const rows = await parquetReadObjects({ file, columns: ['home_index', 'device_index', 'time'] });
    const key = (r: Record<string, unknown>) => [
      Number(r.home_index),
      Number(r.device_index),
      (r.time as Date).getTime(),
    ];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1] ?? {}), key(rows[i] ?? {})];
      const cmp = (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
      expect(cmp).toBeLessThan(0);
    }
  });

  it('validate: writes manifest.json once every shard is there, and catches a missing shard, a modified file and a stray file', async () => {
    const out = join(root, 'v4');
    for (const k of [0, 1, 3])
      await writeTemporalParquetShard(spec, { out, shards: 4, shard: k, generatorVersion: 'test' });
    const missing = await validateParquetDataset(out);
    expect(missing.problems).toEqual(['shard 2 of 4 is missing: run them with --shards 4 --shard K.']);
    expect(readdirSync(out)).not.toContain('manifest.json');

    await writeTemporalParquetShard(spec, { out, shards: 4, shard: 2, generatorVersion: 'test' });
    const ok = await validateParquetDataset(out);
    expect(ok.problems).toEqual([]);
    expect(ok.wroteManifest).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      rows: number;
      seed: number;
      perShard: { rows: number }[];
      files: { path: string; sha256: string }[];
      timeRange: { min: string };
    };
    expect(manifest.seed).toBe(77);
    expect(manifest.perShard).toHaveLength(4);
    expect(manifest.rows).toBe(manifest.perShard.reduce((s, p) => s + p.rows, 0));
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(manifest.timeRange.min).toMatch(/^2025-10-2\dT/);
    expect((await validateParquetDataset(out)).wroteManifest).toBe(false);

    // One flipped byte in the middle of a shard's file.
    const target = join(out, manifest.files[1]?.path ?? '');
    const bytes = readFileSync(target);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(target, bytes);
    const modified = await validateParquetDataset(out);
    expect(modified.problems).toHaveLength(1);
    expect(modified.problems[0]).toMatch(
      new RegExp(`^${manifest.files[1]?.path ?? ''} has been modified: its SHA-256 is`),
    );

    writeFileSync(join(out, 'samples/home_type=condo/shard=9.parquet'), 'x');
    expect((await validateParquetDataset(out)).problems).toContain(
      'samples/home_type=condo/shard=9.parquet is not listed in any shard manifest (left from another run?).',
    );
  });

  it('validate refuses shard manifests of different settings', async () => {
    const out = join(root, 'mixed');
    await writeTemporalParquetShard(spec, { out, shards: 2, shard: 0, generatorVersion: 'test' });
    await writeTemporalParquetShard({ ...spec, seed: 78 }, { out, shards: 2, shard: 1, generatorVersion: 'test' });
    const r = await validateParquetDataset(out);
    expect(r.problems).toEqual(['shard 1 was generated with other settings than shard 0.']);
    expect(readFileSync(join(out, shardManifestFile(1, 2)), 'utf8')).toContain('"seed": 78');
  });

  it('DuckDB reads the Hive-partitioned output: counts and sums match the generator, and 1 shard and 4 shards answer identically', async () => {
    const chunks = [...generateTemporal(spec)];
    let rows = 0;
    let labels = 0;
    let errorRateSum = 0;
    const f = FEATURE_NAMES.indexOf('error_rate_mean');
    const byType = new Map<string, number>();
    for (const c of chunks) {
      const first = c.devices.deviceIndex[0] ?? 0;
      for (let i = 0; i < c.samples.label.length; i++) {
        rows++;
        labels += c.samples.label[i] ?? 0;
        const v = c.samples.features[i * FEATURE_COUNT + f] ?? Number.NaN;
        if (Number.isFinite(v)) errorRateSum += v;
        const t = HOME_TYPES[c.devices.homeType[(c.samples.deviceIndex[i] ?? 0) - first] ?? 0] ?? '';
        byType.set(t, (byType.get(t) ?? 0) + 1);
      }
    }
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const query = async (dir: string, sql: string) =>
      (
        await con.runAndReadAll(
          sql.replace('$T', `read_parquet('${join(dir, 'samples/*/*/*.parquet')}', hive_partitioning = true)`),
        )
      ).getRowsJson();
    for (const n of [1, 4]) {
      const dir = join(root, `n${n}`);
      const [[count, labelSum, errorRate, homes, shardsSeen]] = (await query(
        dir,
        'select count(*), sum(label), sum(error_rate_mean), count(distinct home_index), count(distinct shard) from $T',
      )) as unknown as [[string, string, number, string, string]];
      expect(Number(count)).toBe(rows);
      expect(Number(labelSum)).toBe(labels);
      expect(errorRate).toBeCloseTo(errorRateSum, 3);
      expect(Number(homes)).toBe(spec.homes);
      expect(Number(shardsSeen)).toBe(n);
      const types = (await query(dir, 'select home_type, count(*) from $T group by 1 order by 1')) as unknown as [
        string,
        string,
      ][];
      expect(Object.fromEntries(types.map(([t, c]) => [t, Number(c)]))).toEqual(Object.fromEntries(byType));
    }
    const detail =
      'select home_type, home_index, device_id, epoch_ms(time) as t, label, error_rate_mean, signal_strength_slope, truth_failure_scenario from $T order by home_index, device_index, t';
    const [a, b] = [await query(join(root, 'n1'), detail), await query(join(root, 'n4'), detail)];
    expect(a.length).toBe(rows);
    expect(b).toEqual(a);
    const agg =
      'select device_type, truth_failure_scenario, count(*), sum(label), avg(response_time_mean), min(time), max(time) from $T group by all order by all';
    expect(await query(join(root, 'n4'), agg)).toEqual(await query(join(root, 'n1'), agg));
    con.closeSync();
  });

  it('homes in shards: homes and events of N = 1 and N = 3 are identical, DuckDB counts every event, validate passes', async () => {
    const parsed = parseHomesBatchSpec({
      homes: 10,
      days: 5,
      seed: 3,
      source: 'survey',
      timeZone: 'Europe/Berlin',
      startDate: '2025-06-01',
    });
    if (!parsed.ok) throw new Error('spec');
    const spec = parsed.spec;
    const run = async (n: number): Promise<string> => {
      const out = join(root, `homes-${n}`);
      for (let k = 0; k < n; k++)
        await writeHomesParquetShard(spec, { out, shards: n, shard: k, generatorVersion: 'test' });
      return out;
    };
    const [one, three] = [await run(1), await run(3)];
    const homesLines = (out: string, n: number) =>
      Array.from({ length: n }, (_, k) => readFileSync(join(out, homesShardFile(k)), 'utf8')).join('');
    expect(homesLines(three, 3)).toBe(homesLines(one, 1));
    const homes = homesLines(one, 1)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; home_type: string; source: string; event_count: number });
    expect(homes.map((h) => h.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `home_${String(i + 1).padStart(3, '0')}`),
    );
    expect(homes.every((h) => h.source === 'survey')).toBe(true);

    const events = async (out: string, n: number): Promise<string> => {
      const parts: string[] = [];
      for (const t of HOME_TYPES) {
        for (let k = 0; k < n; k++) {
          let file: ArrayBuffer;
          try {
            file = fileBuffer(join(out, eventPartitionFile(t, k)));
          } catch {
            continue;
          }
          for (const r of await parquetReadObjects({ file }))
            parts.push(`${t}|${JSON.stringify(r, (_k, v: unknown) => (v instanceof Date ? v.getTime() : v))}`);
        }
      }
      return parts.join('\n');
    };
    const reference = await events(one, 1);
    expect(reference.split('\n').length).toBe(homes.reduce((s2, h) => s2 + h.event_count, 0));
    expect(await events(three, 3)).toBe(reference);

    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (
      await con.runAndReadAll(
        `select home_type, count(*) from read_parquet('${join(three, 'events/*/*/*.parquet')}', hive_partitioning = true) group by 1 order by 1`,
      )
    ).getRowsJson() as unknown as [string, string][];
    const expected = new Map<string, number>();
    for (const h of homes) expected.set(h.home_type, (expected.get(h.home_type) ?? 0) + h.event_count);
    expect(Object.fromEntries(rows.map(([t, c]) => [t, Number(c)]))).toEqual(Object.fromEntries([...expected].sort()));
    con.closeSync();

    const report = await validateParquetDataset(three);
    expect(report.problems).toEqual([]);
    expect(report.manifest?.kind).toBe('homes');
    expect(report.manifest?.rows).toBe(homes.reduce((s2, h) => s2 + h.event_count, 0));
  });
});
