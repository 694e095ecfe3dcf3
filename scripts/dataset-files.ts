import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HomeType } from '../src/domain/home-types';
import {
  DATASET_MANIFEST_FILE,
  PARQUET_LAYOUT_VERSION,
  combineShardManifests,
  shardManifestFile,
  type DatasetKind,
  type ParquetFileEntry,
  type SettingsReader,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';

/** Writes a JSON file atomically (a temporary name, then a rename), so a reader never sees half of it. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Small pieces (page headers, dictionaries, lines) are gathered into one write; large ones go straight out. */
const WRITE_BUFFER = 1 << 20;

/**
 * A file written under a temporary name and renamed when finished (a crashed shard leaves no file that
 * looks complete); its bytes go into a SHA-256 as they are written.
 */
export class HashedFile {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private buffered = 0;
  private readonly full: string;

  constructor(dir: string, path: string) {
    this.full = join(dir, path);
    mkdirSync(dirname(this.full), { recursive: true });
    this.fd = openSync(`${this.full}.tmp`, 'w');
  }

  readonly write = (b: Uint8Array): void => {
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
  };

  /** Hashes and writes the gathered small pieces (a large piece flushes them first, so the file keeps its order). */
  private flush(): void {
    if (this.buffered > 0) {
      const pending = this.buffer.subarray(0, this.buffered);
      this.hash.update(pending);
      writeSync(this.fd, pending);
    }
    this.buffered = 0;
  }

  finish(): { bytes: number; sha256: string } {
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.full}.tmp`, this.full);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Writes a shard's manifest; a run of one shard also gets the dataset's manifest.json. */
export function writeShardManifest(out: string, manifest: ShardManifest, readSettings?: SettingsReader): void {
  writeJsonAtomic(join(out, shardManifestFile(manifest.shard, manifest.shards)), manifest);
  if (manifest.shards === 1) {
    const combined = combineShardManifests([manifest], readSettings);
    if ('manifest' in combined) writeJsonAtomic(join(out, DATASET_MANIFEST_FILE), combined.manifest);
  }
}

/** ISO time of epoch ms, or null when no row had a time. */
function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A Parquet stream that writes into a partition file and can say what it wrote. */
export interface PartitionStream {
  finish(): Promise<void>;
  /** Rows written, and the earliest and latest time among them (epoch ms; ±Infinity when none). */
  readonly written: { rows: number; timeMin: number; timeMax: number };
}

/** One home type's Parquet file in one shard: a stream into a hashed file, summarised for the manifest. */
export class PartitionFile<S extends PartitionStream> {
  private readonly file: HashedFile;
  readonly stream: S;
  private readonly path: string;
  private readonly homeType: HomeType;
  private readonly shard: number;

  constructor(
    dir: string,
    path: string,
    homeType: HomeType,
    shard: number,
    open: (write: (bytes: Uint8Array) => void) => S,
  ) {
    this.path = path;
    this.homeType = homeType;
    this.shard = shard;
    this.file = new HashedFile(dir, path);
    this.stream = open(this.file.write);
  }

  async finish(): Promise<ParquetFileEntry> {
    await this.stream.finish();
    const { bytes, sha256 } = this.file.finish();
    const { rows, timeMin, timeMax } = this.stream.written;
    return {
      path: this.path,
      homeType: this.homeType,
      shard: this.shard,
      rows,
      bytes,
      sha256,
      timeMin: isoOrNull(timeMin),
      timeMax: isoOrNull(timeMax),
    };
  }
}

/** Which shard of which run a writer makes, as its manifest names it. */
export interface ShardIdentity {
  kind: DatasetKind;
  spec: unknown;
  shards: number;
  shard: number;
  homes: { from: number; to: number };
  generatorVersion: string;
}

/**
 * The head every file of a shard and its manifest share, and a function that completes the manifest once
 * the files are written.
 */
export function shardHead(id: ShardIdentity): {
  fileManifestJson: string;
  manifest(files: ParquetFileEntry[], rows: number, deviceSteps: number): ShardManifest;
} {
  const head: Omit<ShardManifest, 'rows' | 'deviceSteps' | 'files'> = {
    format: 'homesynth-parquet-shard',
    generator: { name: 'homesynth', version: id.generatorVersion, layoutVersion: PARQUET_LAYOUT_VERSION },
    kind: id.kind,
    spec: id.spec,
    shards: id.shards,
    shard: id.shard,
    homes: id.homes,
  };
  return {
    fileManifestJson: JSON.stringify(head),
    manifest: (files, rows, deviceSteps) => ({ ...head, rows, deviceSteps, files }),
  };
}
