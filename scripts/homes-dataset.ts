import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { simulateHomeEvents } from '../src/domain/homes/event-simulator';
import { homeId } from '../src/domain/homes/home-export';
import type { HomesBatchSpec } from '../src/domain/homes/homes-batch-spec';
import {
  PARQUET_LAYOUT_VERSION,
  eventPartitionFile,
  homesShardFile,
  shardHomes,
  type ParquetFileEntry,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';
import { planRunHomes } from '../src/services/homes-plan';
import { localContent } from '../src/services/homes-run';
import { EventsParquetStream } from '../src/services/parquet-events';
import { HashedFile, isoOrNull, writeShardManifest } from './dataset-files';
import { datasetSettings } from './validate-dataset';

const encoder = new TextEncoder();

/** One home type's events in one shard: a Parquet stream into a hashed file. */
class EventsPartition {
  readonly file: HashedFile;
  readonly stream: EventsParquetStream;
  readonly path: string;
  readonly homeType: HomeType;
  readonly shard: number;

  constructor(dir: string, homeType: HomeType, shard: number, manifestJson: string) {
    this.path = eventPartitionFile(homeType, shard);
    this.homeType = homeType;
    this.shard = shard;
    this.file = new HashedFile(dir, this.path);
    this.stream = new EventsParquetStream(this.file.write, manifestJson, 'partitioned');
  }

  async finish(): Promise<ParquetFileEntry> {
    const rows = this.stream.rows;
    const { min, max } = this.stream.timeRange;
    await this.stream.finish();
    const { bytes, sha256 } = this.file.finish();
    return {
      path: this.path,
      homeType: this.homeType,
      shard: this.shard,
      rows,
      bytes,
      sha256,
      timeMin: isoOrNull(min),
      timeMax: isoOrNull(max),
    };
  }
}

export interface HomesShardRun {
  out: string;
  shards: number;
  shard: number;
  generatorVersion: string;
  onProgress?: (homesDone: number, homesTotal: number) => void;
}

/**
 * Makes shard k of N of a batch of homes (templates or survey statistics) with their simulated events:
 * `homes/shard=<k>/homes.jsonl` (one home per line, in home order) and
 * `events/home_type=<t>/shard=<k>/part-0.parquet` (rows sorted by home, then time). Home i is
 * `home_<i+1>`, made from the run's plan item i and its own seeded streams, so shards equal one run.
 */
export async function writeHomesParquetShard(spec: HomesBatchSpec, run: HomesShardRun): Promise<ShardManifest> {
  const range = shardHomes(spec.homes, run.shards, run.shard);
  const generator = {
    name: 'homesynth' as const,
    version: run.generatorVersion,
    layoutVersion: PARQUET_LAYOUT_VERSION,
  } as const;
  const fileManifest = JSON.stringify({
    format: 'homesynth-parquet-shard',
    generator,
    kind: 'homes',
    spec,
    shards: run.shards,
    shard: run.shard,
    homes: range,
  });
  const plan = planRunHomes(spec.homes, null, null, spec.seed);
  const homesFile = new HashedFile(run.out, homesShardFile(run.shard));
  const partitions = new Map<HomeType, EventsPartition>();
  for (let i = range.from; i < range.to; i++) {
    const item = plan[i];
    if (item === undefined) throw new Error(`the plan has no home ${i}`);
    const content = localContent(spec.source, spec.seed, item);
    const id = homeId(i + 1);
    const events = simulateHomeEvents(
      { id, occupants: content.occupants, areas: content.areas, devices: content.devices },
      { startDate: spec.startDate, days: spec.days, timeZone: spec.timeZone, seed: spec.seed },
    );
    let part = partitions.get(content.home_type);
    if (part === undefined) {
      part = new EventsPartition(run.out, content.home_type, run.shard, fileManifest);
      partitions.set(content.home_type, part);
    }
    await part.stream.addHome(
      { id, home_type: content.home_type, source: spec.source, devices: content.devices },
      events,
      i,
    );
    homesFile.write(
      encoder.encode(
        `${JSON.stringify({ id, home_index: i, source: spec.source, seed: spec.seed, ...content, event_count: events.time.length })}\n`,
      ),
    );
    if ((i - range.from) % 50 === 49) run.onProgress?.(i - range.from + 1, range.to - range.from);
  }
  const entries: ParquetFileEntry[] = [];
  const homesDigest = homesFile.finish();
  for (const t of HOME_TYPES) {
    const part = partitions.get(t);
    if (part) entries.push(await part.finish());
  }
  entries.push({
    path: homesShardFile(run.shard),
    homeType: null,
    shard: run.shard,
    rows: range.to - range.from,
    ...homesDigest,
    timeMin: null,
    timeMax: null,
  });
  const manifest: ShardManifest = {
    format: 'homesynth-parquet-shard',
    generator,
    kind: 'homes',
    spec,
    shards: run.shards,
    shard: run.shard,
    homes: range,
    rows: entries.filter((e) => e.homeType !== null).reduce((sum, e) => sum + e.rows, 0),
    deviceSteps: 0,
    files: entries,
  };
  writeShardManifest(run.out, manifest, datasetSettings);
  return manifest;
}
