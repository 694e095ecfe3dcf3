import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { simulateHomeEvents } from '../src/domain/homes/event-simulator';
import { homeId } from '../src/domain/homes/home-export';
import type { HomesBatchSpec } from '../src/domain/homes/homes-batch-spec';
import {
  eventPartitionFile,
  homesShardFile,
  shardHomes,
  type ParquetFileEntry,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';
import { planRunHomes } from '../src/services/homes-plan';
import { localContent } from '../src/services/homes-run';
import { EventsParquetStream } from '../src/services/parquet-events';
import { HashedFile, PartitionFile, shardHead, writeShardManifest } from './dataset-files';
import { datasetSettings } from './validate-dataset';

const encoder = new TextEncoder();

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
  const { shards, shard, generatorVersion } = run;
  const head = shardHead({ kind: 'homes', spec, shards, shard, homes: range, generatorVersion });
  const plan = planRunHomes(spec.homes, null, null, spec.seed);
  const homesFile = new HashedFile(run.out, homesShardFile(run.shard));
  const partitions = new Map<HomeType, PartitionFile<EventsParquetStream>>();
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
      part = new PartitionFile(
        run.out,
        eventPartitionFile(content.home_type, run.shard),
        content.home_type,
        run.shard,
        (write) => new EventsParquetStream(write, head.fileManifestJson, 'partitioned'),
      );
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
  const manifest = head.manifest(
    entries,
    entries.filter((e) => e.homeType !== null).reduce((sum, e) => sum + e.rows, 0),
    0,
  );
  writeShardManifest(run.out, manifest, datasetSettings);
  return manifest;
}
