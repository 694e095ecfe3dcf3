import { describe, expect, it } from 'vitest';
import {
  combineShardManifests,
  samplePartitionFile,
  shardArgsProblem,
  shardHomes,
  type ShardManifest,
} from './parquet-layout';
import { PARQUET_MAX_HOMES, defaultTemporalSpec, parseTemporalSpec } from './spec';

describe('Parquet shard layout', () => {
  it('shards cover every home exactly once, in order, for any N', () => {
    for (const [homes, n] of [
      [13, 1],
      [13, 3],
      [13, 4],
      [100, 7],
      [5, 5],
    ] as const) {
      const ranges = Array.from({ length: n }, (_, k) => shardHomes(homes, n, k));
      expect(ranges[0]?.from).toBe(0);
      expect(ranges.at(-1)?.to).toBe(homes);
      for (let k = 1; k < n; k++) expect(ranges[k]?.from).toBe(ranges[k - 1]?.to);
      expect(ranges.every((r) => r.to > r.from)).toBe(true);
    }
    expect(samplePartitionFile('condo', 3)).toBe('samples/home_type=condo/shard=3/part-0.parquet');
  });

  it('explains bad --shards/--shard values', () => {
    expect(shardArgsProblem(10, 4, 3)).toBeNull();
    expect(shardArgsProblem(10, 4, 4)).toBe('--shard must be a whole number from 0 to 3 (shards are numbered from 0).');
    expect(shardArgsProblem(10, 0, 0)).toBe('--shards must be a whole number from 1 to 100000.');
    expect(shardArgsProblem(3, 4, 0)).toBe('--shards (4) cannot exceed --homes (3): a shard holds whole homes.');
  });

  it('allows more homes only when the dataset goes to Parquet', () => {
    expect(parseTemporalSpec({ homes: 1_000_000 }).ok).toBe(false);
    expect(parseTemporalSpec({ homes: 1_000_000 }, { sink: 'parquet' }).ok).toBe(true);
    expect(parseTemporalSpec({ homes: PARQUET_MAX_HOMES + 1 }, { sink: 'parquet' }).ok).toBe(false);
  });

  it('names missing shards briefly, however many there are', () => {
    const spec = defaultTemporalSpec({ homes: 1000 });
    const shard = (k: number): ShardManifest => ({
      format: 'homesynth-parquet-shard',
      generator: { name: 'homesynth', version: 't', layoutVersion: 1 },
      kind: 'temporal',
      spec,
      shards: 100,
      shard: k,
      homes: shardHomes(1000, 100, k),
      rows: 0,
      deviceSteps: 0,
      files: [],
    });
    const r = combineShardManifests([shard(0), shard(5)]);
    expect(r).toEqual({
      problems: [
        'shards 1, 2, 3, 4, 6, 7, 8, 9, 10, 11 and 88 more of 100 are missing: run them with --shards 100 --shard K.',
      ],
    });
  });
});
