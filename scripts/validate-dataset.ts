import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parseHomesBatchSpec } from '../src/domain/homes/homes-batch-spec';
import {
  DATASET_MANIFEST_FILE,
  SHARD_MANIFEST_DIR,
  combineShardManifests,
  datasetManifestSchema,
  shardManifestSchema,
  temporalSettings,
  type DatasetManifest,
  type SettingsReader,
  type ShardManifest,
} from '../src/domain/temporal/parquet-layout';
import { writeJsonAtomic } from './dataset-files';

/** Settings of both kinds of run: temporal samples, or homes with their events. */
export const datasetSettings: SettingsReader = (kind, spec) => {
  if (kind === 'temporal') return temporalSettings(kind, spec);
  const r = parseHomesBatchSpec(spec);
  return r.ok ? { seed: r.spec.seed, homes: r.spec.homes } : null;
};

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

/** Lines of a JSON-lines file (each ends with a newline). */
function lineCount(file: string): number {
  const text = readFileSync(file);
  let n = 0;
  for (const byte of text) if (byte === 10) n++;
  return n;
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
  if (!existsSync(manifestsDir))
    return {
      problems: [`${dir} has no ${SHARD_MANIFEST_DIR}/ folder: is it the --out folder of a Parquet run?`],
      manifest: null,
      wroteManifest: false,
      filesChecked: 0,
    };
  const shardManifests: ShardManifest[] = [];
  for (const name of readdirSync(manifestsDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(manifestsDir, name), 'utf8'));
    } catch {
      problems.push(`${SHARD_MANIFEST_DIR}/${name} is not valid JSON.`);
      continue;
    }
    const r = shardManifestSchema.safeParse(raw);
    if (!r.success)
      problems.push(
        `${SHARD_MANIFEST_DIR}/${name} is not a shard manifest: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      );
    else shardManifests.push(r.data);
  }
  if (problems.length > 0) return { problems, manifest: null, wroteManifest: false, filesChecked: 0 };
  const combined = combineShardManifests(shardManifests, datasetSettings);
  if ('problems' in combined)
    return { problems: combined.problems, manifest: null, wroteManifest: false, filesChecked: 0 };
  const manifest = combined.manifest;

  let wroteManifest = false;
  const manifestPath = join(dir, DATASET_MANIFEST_FILE);
  if (existsSync(manifestPath)) {
    const r = datasetManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (!r.success) problems.push(`${DATASET_MANIFEST_FILE} is not a dataset manifest.`);
    else if (JSON.stringify(r.data) !== JSON.stringify(manifest))
      problems.push(`${DATASET_MANIFEST_FILE} does not match the shard manifests in ${SHARD_MANIFEST_DIR}/.`);
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
      problems.push(
        `${f.path} has been modified: its SHA-256 is ${digest.slice(0, 12)}…, the manifest says ${f.sha256.slice(0, 12)}….`,
      );
      continue;
    }
    try {
      const rows = f.path.endsWith('.jsonl') ? lineCount(file) : footerRows(file);
      if (rows !== f.rows) problems.push(`${f.path} holds ${rows} rows; the manifest says ${f.rows}.`);
    } catch (e) {
      problems.push(`${f.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const top of ['samples', 'events', 'homes']) {
    const sub = join(dir, top);
    if (!existsSync(sub)) continue;
    for (const rel of readdirSync(sub, { recursive: true }).map(String)) {
      const path = `${top}/${rel.split('\\').join('/')}`;
      if ((path.endsWith('.parquet') || path.endsWith('.jsonl')) && !listed.has(path))
        problems.push(`${path} is not listed in any shard manifest (left from another run?).`);
    }
  }
  if (problems.length === 0 && !existsSync(manifestPath)) {
    writeJsonAtomic(manifestPath, manifest);
    wroteManifest = true;
  }
  return { problems, manifest, wroteManifest, filesChecked: manifest.files.length };
}
