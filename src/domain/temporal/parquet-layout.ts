import { z } from 'zod';
import { HOME_TYPES, type HomeType } from '../home-types';
import { parseTemporalSpec } from './spec';

/**
 * The on-disk layout of a generated dataset in Parquet, ready for engines (DuckDB, Polars, Spark):
 * Hive-partitioned `samples/home_type=<t>/shard=<k>/part-0.parquet`, one manifest per shard in
 * `_manifests/` (shards may run as separate processes or machines), and `manifest.json` for the whole
 * dataset once every shard is present. Shard k of N holds homes [⌊kH/N⌋, ⌊(k+1)H/N⌋).
 */
export const PARQUET_LAYOUT_VERSION = 1;
export const SHARD_MANIFEST_DIR = '_manifests';
export const DATASET_MANIFEST_FILE = 'manifest.json';

export function shardHomes(homes: number, shards: number, shard: number): { from: number; to: number } {
  return { from: Math.floor((shard * homes) / shards), to: Math.floor(((shard + 1) * homes) / shards) };
}

export function samplePartitionFile(homeType: HomeType, shard: number): string {
  return `samples/home_type=${homeType}/shard=${shard}/part-0.parquet`;
}

/** A homes run's events of one home type in one shard. */
export function eventPartitionFile(homeType: HomeType, shard: number): string {
  return `events/home_type=${homeType}/shard=${shard}/part-0.parquet`;
}

/** A homes run's homes of one shard, one JSON object per line (areas, devices and occupants nest). */
export function homesShardFile(shard: number): string {
  return `homes/shard=${shard}/homes.jsonl`;
}

export function shardManifestFile(shard: number, shards: number): string {
  return `${SHARD_MANIFEST_DIR}/shard-${shard}-of-${shards}.json`;
}

/** Checks --shards/--shard; returns a message the user can act on, or null. */
export function shardArgsProblem(homes: number, shards: number, shard: number): string | null {
  if (!Number.isInteger(shards) || shards < 1 || shards > 100_000)
    return '--shards must be a whole number from 1 to 100000.';
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards)
    return `--shard must be a whole number from 0 to ${shards - 1} (shards are numbered from 0).`;
  if (shards > homes) return `--shards (${shards}) cannot exceed --homes (${homes}): a shard holds whole homes.`;
  return null;
}

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO UTC time');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

export const parquetFileEntrySchema = z.object({
  path: z
    .string()
    .regex(
      /^((samples|events)\/home_type=[a-z_]+\/shard=\d+\/part-\d+\.parquet|homes\/shard=\d+\/homes\.jsonl)$/,
      'a path inside samples/, events/ or homes/',
    ),
  /** null for the homes file of a shard (it holds every type). */
  homeType: z.enum(HOME_TYPES).nullable(),
  shard: z.number().int().min(0),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256,
  /** null for the homes file (homes have no time). */
  timeMin: isoTime.nullable(),
  timeMax: isoTime.nullable(),
});
export type ParquetFileEntry = z.infer<typeof parquetFileEntrySchema>;

const generatorSchema = z.object({
  name: z.literal('homesynth'),
  version: z.string().min(1),
  layoutVersion: z.literal(PARQUET_LAYOUT_VERSION),
});

/** What a run generates: temporal device samples, or homes with their events. */
export const datasetKindSchema = z.enum(['temporal', 'homes']);
export type DatasetKind = z.infer<typeof datasetKindSchema>;

// What both manifests say first: who wrote the files, of which kind, from which spec (keys in this order).
const manifestHead = {
  generator: generatorSchema,
  kind: datasetKindSchema,
  spec: z.unknown(),
};

export const shardManifestSchema = z.object({
  format: z.literal('homesynth-parquet-shard'),
  ...manifestHead,
  shards: z.number().int().min(1),
  shard: z.number().int().min(0),
  homes: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }),
  rows: z.number().int().min(0),
  deviceSteps: z.number().int().min(0),
  files: z.array(parquetFileEntrySchema),
});
export type ShardManifest = z.infer<typeof shardManifestSchema>;

export const datasetManifestSchema = z.object({
  format: z.literal('homesynth-parquet-dataset'),
  ...manifestHead,
  seed: z.number().int(),
  shards: z.number().int().min(1),
  rows: z.number().int().min(0),
  timeRange: z.object({ min: isoTime, max: isoTime }).nullable(),
  perShard: z.array(
    z.object({
      shard: z.number().int(),
      homes: z.object({ from: z.number().int(), to: z.number().int() }),
      rows: z.number().int(),
    }),
  ),
  files: z.array(parquetFileEntrySchema),
});
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;

/** The time range of a set of files (ISO strings compare in time order), or null when none has rows. */
function timeRange(files: readonly ParquetFileEntry[]): { min: string; max: string } | null {
  const mins = files.flatMap((f) => (f.rows > 0 && f.timeMin !== null ? [f.timeMin] : []));
  const maxs = files.flatMap((f) => (f.rows > 0 && f.timeMax !== null ? [f.timeMax] : []));
  if (mins.length === 0 || maxs.length === 0) return null;
  return { min: mins.reduce((a, b) => (b < a ? b : a)), max: maxs.reduce((a, b) => (b > a ? b : a)) };
}

/** The seed and home count of a run's settings, validated for its kind; null when invalid. */
export type SettingsReader = (kind: DatasetKind, spec: unknown) => { seed: number; homes: number } | null;

/** Settings of temporal runs are checked here; other kinds by the caller's reader. */
export const temporalSettings: SettingsReader = (kind, spec) => {
  if (kind !== 'temporal') return null;
  const parsed = parseTemporalSpec(spec, { sink: 'parquet' });
  return parsed.ok ? { seed: parsed.spec.seed, homes: parsed.spec.homes } : null;
};

/**
 * Combines the shard manifests of one run into the dataset manifest, or lists what is wrong: a missing or
 * duplicated shard, shards from different settings, seeds or generator versions, homes not covered exactly.
 */
export function combineShardManifests(
  shards: readonly ShardManifest[],
  readSettings: SettingsReader = temporalSettings,
): { manifest: DatasetManifest } | { problems: string[] } {
  const problems: string[] = [];
  const first = shards[0];
  if (first === undefined)
    return { problems: [`no shard manifests in ${SHARD_MANIFEST_DIR}/: run the generator first.`] };
  const specJson = JSON.stringify(first.spec);
  const spec = readSettings(first.kind, first.spec);
  if (spec === null) return { problems: ['the shard manifests hold invalid generator settings.'] };
  const n = first.shards;
  const byShard = new Map<number, ShardManifest>();
  for (const s of shards) {
    if (s.kind !== first.kind)
      problems.push(`shard ${s.shard} holds ${s.kind} data, shard ${first.shard} ${first.kind} data.`);
    if (s.shards !== n)
      problems.push(`shard ${s.shard} was written as one of ${s.shards} shards, shard 0 as one of ${n}.`);
    if (JSON.stringify(s.spec) !== specJson)
      problems.push(`shard ${s.shard} was generated with other settings than shard ${first.shard}.`);
    if (s.generator.version !== first.generator.version)
      problems.push(
        `shard ${s.shard} comes from generator ${s.generator.version}, shard ${first.shard} from ${first.generator.version}.`,
      );
    if (byShard.has(s.shard)) problems.push(`shard ${s.shard} appears twice.`);
    byShard.set(s.shard, s);
    const expected = shardHomes(spec.homes, n, s.shard);
    if (s.homes.from !== expected.from || s.homes.to !== expected.to)
      problems.push(
        `shard ${s.shard} covers homes ${s.homes.from}–${s.homes.to - 1}, expected ${expected.from}–${expected.to - 1}.`,
      );
  }
  const missing = Array.from({ length: n }, (_, k) => k).filter((k) => !byShard.has(k));
  if (missing.length > 0) {
    const listed =
      missing.length > 12 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    problems.push(
      `shard${missing.length > 1 ? 's' : ''} ${listed} of ${n} ${missing.length > 1 ? 'are' : 'is'} missing: run them with --shards ${n} --shard K.`,
    );
  }
  if (problems.length > 0) return { problems };
  const ordered = [...byShard.values()].sort((a, b) => a.shard - b.shard);
  const files = ordered.flatMap((s) => s.files);
  return {
    manifest: {
      format: 'homesynth-parquet-dataset',
      generator: first.generator,
      kind: first.kind,
      spec: first.spec,
      seed: spec.seed,
      shards: n,
      rows: ordered.reduce((sum, s) => sum + s.rows, 0),
      timeRange: timeRange(files),
      perShard: ordered.map((s) => ({ shard: s.shard, homes: s.homes, rows: s.rows })),
      files,
    },
  };
}
