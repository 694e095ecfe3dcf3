import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, writeFileSync, writeSync, createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { HOME_TYPES, type HomeType } from '../src/domain/home-types';
import { generateTemporal } from '../src/domain/temporal/generate';
import {
  DATASET_MANIFEST_FILE,
  PARQUET_LAYOUT_VERSION,
  SHARD_MANIFEST_DIR,
  combineShardManifests,
  datasetManifestSchema,
  samplePartitionFile,
  shardHomes,
  shardManifestFile,
  shardManifestSchema,
  type DatasetManifest,
  type ParquetFileEntry,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';
import type { TemporalSpec } from '../src/domain/temporal/spec';
import type { TemporalChunk } from '../src/domain/temporal/temporal-types';
import { SampleParquetStream } from '../src/workers/parquet-samples';

/** Writes a JSON file atomically (a temporary name, then a rename), so a reader never sees half of it. */
function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Small pieces (page headers, dictionaries) are gathered into one write; large ones go straight to the file. */
const WRITE_BUFFER = 1 << 20;

/** One partition file being written: bytes go to disk and into the SHA-256 as they are produced. */
class PartitionFile {
  readonly stream: SampleParquetStream;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private buffered = 0;
  private readonly dir: string;
  readonly path: string;
  readonly homeType: HomeType;
  readonly shard: number;

  constructor(dir: string, path: string, homeType: HomeType, shard: number, manifestJson: string) {
    this.dir = dir;
    this.path = path;
    this.homeType = homeType;
    this.shard = shard;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    this.fd = openSync(join(dir, `${path}.tmp`), 'w');
    this.stream = new SampleParquetStream('partitioned', (b) => this.write(b), manifestJson);
  }

  private write(b: Uint8Array): void {
    this.bytes += b.length;
    if (b.length >= WRITE_BUFFER >> 2) {
      this.flush();
      this.hash.update(b);
      writeSync(this.fd, b);
      return;
    }
    if (this.buffered + b.length > WRITE_BUFFER) this.flush();
    this.buffer.set(b, this.buffered);
    this.buffered += b.length;
  }

  /** Hashes and writes the gathered small pieces (a large piece flushes them first, so the file keeps its order). */
  private flush(): void {
    if (this.buffered > 0) {
      const pending = this.buffer.subarray(0, this.buffered);
      this.hash.update(pending);
      writeSync(this.fd, pending);
    }
    this.buffered = 0;
  }

  async finish(): Promise<ParquetFileEntry> {
    await this.stream.finish();
    this.flush();
    closeSync(this.fd);
    renameSync(join(this.dir, `${this.path}.tmp`), join(this.dir, this.path));
    const { rows, timeMin, timeMax } = this.stream.summary;
    return {
      path: this.path,
      homeType: this.homeType,
      shard: this.shard,
      rows,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      timeMin: new Date(timeMin).toISOString(),
      timeMax: new Date(timeMax).toISOString(),
    };
  }
}

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
  const generator = { name: 'homesynth' as const, version: run.generatorVersion, layoutVersion: PARQUET_LAYOUT_VERSION } as const;
  const fileManifest = JSON.stringify({ format: 'homesynth-parquet-shard', generator, kind: 'temporal', spec, shards: run.shards, shard: run.shard, homes });
  const files = new Map<number, PartitionFile>();
  const fileOf = (typeIndex: number): PartitionFile => {
    let f = files.get(typeIndex);
    if (f === undefined) {
      const homeType = HOME_TYPES[typeIndex] ?? 'single_family_house';
      f = new PartitionFile(run.out, samplePartitionFile(homeType, run.shard), homeType, run.shard, fileManifest);
      files.set(typeIndex, f);
    }
    return f;
  };
  let deviceSteps = 0;
  for (const chunk of generateTemporal(spec, { homes, reuseBuffers: true })) {
    // A home's samples are contiguous: split the chunk into runs of one home type.
    const s = chunk.samples.deviceIndex;
    const firstDevice = chunk.devices.deviceIndex[0] ?? 0;
    let start = 0;
    while (start < s.length) {
      const type = chunk.devices.homeType[(s[start] ?? 0) - firstDevice] ?? 0;
      let end = start + 1;
      while (end < s.length && (chunk.devices.homeType[(s[end] ?? 0) - firstDevice] ?? 0) === type) end++;
      await fileOf(type).stream.append(chunk, start, end);
      start = end;
    }
    deviceSteps = chunk.progress.deviceSteps;
    run.onProgress?.(chunk.progress);
  }
  const entries: ParquetFileEntry[] = [];
  for (const t of [...files.keys()].sort((a, b) => a - b)) {
    const f = files.get(t);
    if (f) entries.push(await f.finish());
  }
  const manifest: ShardManifest = {
    format: 'homesynth-parquet-shard',
    generator,
    kind: 'temporal',
    spec,
    shards: run.shards,
    shard: run.shard,
    homes,
    rows: entries.reduce((sum, e) => sum + e.rows, 0),
    deviceSteps,
    files: entries,
  };
  writeJsonAtomic(join(run.out, shardManifestFile(run.shard, run.shards)), manifest);
  if (run.shards === 1) {
    const combined = combineShardManifests([manifest]);
    if ('manifest' in combined) writeJsonAtomic(join(run.out, DATASET_MANIFEST_FILE), combined.manifest);
  }
  return manifest;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Rows recorded in a Parquet file's footer (reads only the tail of the file). */
function footerRows(file: string): number {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    if (tail.toString('latin1', 4) !== 'PAR1') throw new Error('not a Parquet file (no PAR1 at the end)');
    const length = tail.readUInt32LE(0) + 8;
    if (length > size) throw new Error('the Parquet footer is longer than the file');
    const footer = Buffer.alloc(length);
    readSync(fd, footer, 0, length, size - length);
    return Number(parquetMetadata(footer.buffer.slice(footer.byteOffset, footer.byteOffset + length)).num_rows);
  } finally {
    closeSync(fd);
  }
}

export interface ValidationReport {
  problems: string[];
  manifest: DatasetManifest | null;
  /** manifest.json was written by this validation (all shards present, none had been combined yet). */
  wroteManifest: boolean;
  filesChecked: number;
}

/**
 * Checks a Parquet dataset directory: every shard manifest present and consistent, manifest.json (written
 * here when absent) equal to their combination, and every file's size, SHA-256 and footer row count as
 * recorded. Also flags partition files no manifest lists.
 */
export async function validateParquetDataset(dir: string): Promise<ValidationReport> {
  const problems: string[] = [];
  const manifestsDir = join(dir, SHARD_MANIFEST_DIR);
  if (!existsSync(manifestsDir)) return { problems: [`${dir} has no ${SHARD_MANIFEST_DIR}/ folder: is it the --out folder of a Parquet run?`], manifest: null, wroteManifest: false, filesChecked: 0 };
  const shardManifests: ShardManifest[] = [];
  for (const name of readdirSync(manifestsDir).filter((n) => n.endsWith('.json')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(manifestsDir, name), 'utf8'));
    } catch {
      problems.push(`${SHARD_MANIFEST_DIR}/${name} is not valid JSON.`);
      continue;
    }
    const r = shardManifestSchema.safeParse(raw);
    if (!r.success) problems.push(`${SHARD_MANIFEST_DIR}/${name} is not a shard manifest: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
    else shardManifests.push(r.data);
  }
  if (problems.length > 0) return { problems, manifest: null, wroteManifest: false, filesChecked: 0 };
  const combined = combineShardManifests(shardManifests);
  if ('problems' in combined) return { problems: combined.problems, manifest: null, wroteManifest: false, filesChecked: 0 };
  const manifest = combined.manifest;

  let wroteManifest = false;
  const manifestPath = join(dir, DATASET_MANIFEST_FILE);
  if (existsSync(manifestPath)) {
    const r = datasetManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (!r.success) problems.push(`${DATASET_MANIFEST_FILE} is not a dataset manifest.`);
    else if (JSON.stringify(r.data) !== JSON.stringify(manifest)) problems.push(`${DATASET_MANIFEST_FILE} does not match the shard manifests in ${SHARD_MANIFEST_DIR}/.`);
  }

  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const file = join(dir, f.path);
    if (!existsSync(file)) {
      problems.push(`${f.path} is missing.`);
      continue;
    }
    const size = statSync(file).size;
    if (size !== f.bytes) {
      problems.push(`${f.path} has ${size} bytes; the manifest says ${f.bytes}.`);
      continue;
    }
    const digest = await sha256OfFile(file);
    if (digest !== f.sha256) {
      problems.push(`${f.path} has been modified: its SHA-256 is ${digest.slice(0, 12)}…, the manifest says ${f.sha256.slice(0, 12)}….`);
      continue;
    }
    try {
      const rows = footerRows(file);
      if (rows !== f.rows) problems.push(`${f.path} holds ${rows} rows; the manifest says ${f.rows}.`);
    } catch (e) {
      problems.push(`${f.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const samplesDir = join(dir, 'samples');
  if (existsSync(samplesDir)) {
    for (const rel of readdirSync(samplesDir, { recursive: true }).map(String)) {
      const path = `samples/${rel.split('\\').join('/')}`;
      if (path.endsWith('.parquet') && !listed.has(path)) problems.push(`${path} is not listed in any shard manifest (left from another run?).`);
    }
  }
  if (problems.length === 0 && !existsSync(manifestPath)) {
    writeJsonAtomic(manifestPath, manifest);
    wroteManifest = true;
  }
  return { problems, manifest, wroteManifest, filesChecked: manifest.files.length };
}
