import { HOME_TYPES } from '../src/domain/home-types';
import { generateTemporalColumns } from '../src/domain/temporal/generate';
import {
  samplePartitionFile,
  shardHomes,
  type ParquetFileEntry,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';
import type { TemporalSpec } from '../src/domain/temporal/spec';
import type { TemporalChunk } from '../src/domain/temporal/temporal-types';
import { SampleParquetStream } from '../src/services/parquet-samples';
import { PartitionFile, shardHead, writeShardManifest } from './dataset-files';

export interface ShardRun {
  out: string;
  shards: number;
  shard: number;
  generatorVersion: string;
  onProgress?: (p: TemporalChunk['progress']) => void;
}

/**
 * Generates shard k of N of a temporal dataset straight into Parquet partitions (one file per home type in
 * the shard), rows sorted by (home, device, time), then writes the shard's manifest. With N = 1 it also
 * writes manifest.json. Memory: one row group per home type, whatever the dataset size.
 */
export async function writeTemporalParquetShard(spec: TemporalSpec, run: ShardRun): Promise<ShardManifest> {
  const homes = shardHomes(spec.homes, run.shards, run.shard);
  const { shards, shard, generatorVersion } = run;
  const head = shardHead({ kind: 'temporal', spec, shards, shard, homes, generatorVersion });
  const files = new Map<number, PartitionFile<SampleParquetStream>>();
  const fileOf = (typeIndex: number): PartitionFile<SampleParquetStream> => {
    let f = files.get(typeIndex);
    if (f === undefined) {
      const homeType = HOME_TYPES[typeIndex] ?? 'single_family_house';
      f = new PartitionFile(
        run.out,
        samplePartitionFile(homeType, run.shard),
        homeType,
        run.shard,
        (write) => new SampleParquetStream('partitioned', write, head.fileManifestJson),
      );
      files.set(typeIndex, f);
    }
    return f;
  };
  let deviceSteps = 0;
  // Homes grouped by type: every chunk belongs to one partition and is written from its own columns.
  for (const chunk of generateTemporalColumns(spec, { homes, groupByHomeType: true })) {
    const type = chunk.devices.homeType[0];
    // A chunk whose devices all failed before the first sample day opens no file.
    if (type !== undefined && chunk.samples.deviceIndex.length > 0) await fileOf(type).stream.append(chunk);
    deviceSteps = chunk.progress.deviceSteps;
    run.onProgress?.(chunk.progress);
  }
  const entries: ParquetFileEntry[] = [];
  for (const t of [...files.keys()].sort((a, b) => a - b)) {
    const f = files.get(t);
    if (f) entries.push(await f.finish());
  }
  const manifest = head.manifest(
    entries,
    entries.reduce((sum, e) => sum + e.rows, 0),
    deviceSteps,
  );
  writeShardManifest(run.out, manifest);
  return manifest;
}
