import { classicCsvPieces, classicJsonPieces } from '../domain/classic/classic-format';
import { generateClassic, type ClassicColumns } from '../domain/classic/classic-generator';
import { parseClassicSpec } from '../domain/classic/classic-spec';
import type { Metric } from '../domain/device-types';
import { labelHistogram } from '../domain/explore/label-histogram';
import { datasetProfiles } from '../domain/explore/profiles';
import { downsampleSeries } from '../domain/explore/series-downsample';
import { regenerateDevice } from '../domain/temporal/regenerate';
import { parseTemporalSpec, type TemporalSpec } from '../domain/temporal/spec';
import { generateTemporal } from '../domain/temporal/generate';
import { FEATURE_COUNT } from '../domain/temporal/window-features';
import type { WorkbenchDb } from '../storage/db';
import { classicToColumns, columnsToClassic, CLASSIC_COLUMN_NAMES } from '../storage/classic-chunks';
import {
  beginDataset,
  columnsBytes,
  completeDataset,
  deleteDataset,
  putChunk,
  readChunks,
} from '../storage/datasets-repo';
import type { Columns, DatasetChunkRecord, DatasetRecord, DatasetSummary } from '../storage/records';
import { columnsToTemporal, temporalToColumns, TEMPORAL_COLUMN_NAMES } from '../storage/temporal-chunks';
import { createClassicSummary } from './classic-summary';
import { createTemporalSummary } from './temporal-summary';
import { temporalParquetBlob } from './parquet-samples';
import { rawSeriesParquetBlob } from './parquet-series';
import type {
  DatasetExportFormat,
  DeviceSeries,
  GenerateClassicRequest,
  GenerateTemporalRequest,
} from '../workers/generator.api';
import { cancelledError, type ProgressCallback } from '../workers/job-types';
import {
  TEMPORAL_COLUMN_ROLES,
  temporalCsvPieces,
  temporalSamplesJsonPieces,
  temporalSnapshotPieces,
} from './temporal-export';

/** Rows per stored classic chunk: ~3 MB per chunk, small enough to clone cheaply, large enough to write fast. */
export const CLASSIC_CHUNK_ROWS = 50_000;
/**
 * Temporal samples per stored chunk (about 8 MB). Reading a record from IndexedDB briefly holds it twice
 * (the stored bytes and the deserialised arrays) until the garbage collector catches up, and the table
 * and the Parquet export may read at once: 100,000-sample chunks took the renderer past 1 GB in the
 * export bench, 25,000 keep it under (README, performance).
 */
export const STORED_SAMPLES_PER_CHUNK = 25_000;

export interface GeneratorDeps {
  openDb: () => Promise<WorkbenchDb>;
  now: () => number;
  /** High-resolution clock for timings (performance.now in a worker). */
  clock: () => number;
  /** Lets other messages (a cancel) through between chunks. */
  yieldToEvents: () => Promise<void>;
}

interface ChunkOut {
  columns: Columns;
  rows: number;
  fraction: number;
  phase: string;
}

/** The generator worker's logic, free of Comlink so it is testable with plain calls. */
export function createGeneratorService(deps: GeneratorDeps) {
  const cancelled = new Set<string>();
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());

  /**
   * Streams generated chunks into a new dataset record: `writing` until the last chunk, then `complete`
   * in one transaction. Cancel, a full disk or any failure removes the partial dataset and nothing else.
   */
  async function writeDataset(
    req: { jobId: string; datasetId: string; name: string; appVersion: string; createdAt: number },
    kind: DatasetRecord['kind'],
    spec: Record<string, unknown>,
    columnNames: string[],
    chunks: Iterator<ChunkOut>,
    summary: () => DatasetSummary,
    onProgress: ProgressCallback,
  ): Promise<DatasetRecord> {
    const database = await db();
    await beginDataset(database, {
      id: req.datasetId,
      name: req.name,
      kind,
      status: 'writing',
      createdAt: req.createdAt,
      completedAt: null,
      spec,
      appVersion: req.appVersion,
      rowCount: 0,
      chunkCount: 0,
      sizeBytes: 0,
      columns: columnNames,
      summary: null,
      jobId: req.jobId,
    });
    let rows = 0;
    let index = 0;
    let bytes = 0;
    let generateMs = 0;
    let storeMs = 0;
    try {
      onProgress({ fraction: 0, phase: 'Generating' });
      for (;;) {
        if (cancelled.has(req.jobId)) throw cancelledError('Generation');
        const t0 = deps.clock();
        const next = chunks.next();
        generateMs += deps.clock() - t0;
        if (next.done) break;
        const chunk = next.value;
        const t1 = deps.clock();
        await putChunk(database, { datasetId: req.datasetId, index, rows: chunk.rows, columns: chunk.columns });
        storeMs += deps.clock() - t1;
        rows += chunk.rows;
        bytes += columnsBytes(chunk.columns);
        index++;
        onProgress({ fraction: chunk.fraction, phase: chunk.phase });
        await deps.yieldToEvents();
      }
      if (cancelled.has(req.jobId)) throw cancelledError('Generation');
      return await completeDataset(database, req.datasetId, {
        rowCount: rows,
        chunkCount: index,
        sizeBytes: bytes,
        summary: summary(),
        completedAt: deps.now(),
        timings: { generateMs, storeMs },
      });
    } catch (e) {
      await deleteDataset(database, req.datasetId).catch(() => undefined);
      throw e;
    } finally {
      cancelled.delete(req.jobId);
    }
  }

  async function generateClassicDataset(
    req: GenerateClassicRequest,
    onProgress: ProgressCallback,
  ): Promise<DatasetRecord> {
    const parsed = parseClassicSpec(req.spec);
    if (!parsed.ok)
      throw new Error(`Invalid settings: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`);
    const spec = parsed.spec;
    const summary = createClassicSummary();
    const stream = generateClassic(spec, CLASSIC_CHUNK_ROWS);
    let done = 0;
    const chunks: Iterator<ChunkOut> = {
      next() {
        const r = stream.next();
        if (r.done) return { done: true, value: undefined };
        summary.add(r.value);
        done += r.value.length;
        return {
          done: false,
          value: {
            columns: classicToColumns(r.value),
            rows: r.value.length,
            fraction: done / spec.samples,
            phase: `Stored ${done.toLocaleString('en-US')} of ${spec.samples.toLocaleString('en-US')} rows`,
          },
        };
      },
    };
    return writeDataset(req, 'classic', { ...spec }, CLASSIC_COLUMN_NAMES, chunks, () => summary.result(), onProgress);
  }

  async function generateTemporalDataset(
    req: GenerateTemporalRequest,
    onProgress: ProgressCallback,
  ): Promise<DatasetRecord> {
    const parsed = parseTemporalSpec(req.spec);
    if (!parsed.ok)
      throw new Error(`Invalid settings: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`);
    const spec = parsed.spec;
    const summary = createTemporalSummary();
    const stream = generateTemporal(spec, { targetSamples: STORED_SAMPLES_PER_CHUNK });
    const chunks: Iterator<ChunkOut> = {
      next() {
        const r = stream.next();
        if (r.done) return { done: true, value: undefined };
        const c = r.value;
        summary.add(c);
        return {
          done: false,
          value: {
            columns: temporalToColumns(c),
            rows: c.samples.label.length,
            fraction: c.progress.homesDone / Math.max(1, c.progress.homesTotal),
            phase: `${c.progress.homesDone.toLocaleString('en-US')} of ${c.progress.homesTotal.toLocaleString('en-US')} homes, ${c.progress.devicesDone.toLocaleString('en-US')} devices`,
          },
        };
      },
    };
    return writeDataset(
      req,
      'temporal',
      { ...spec },
      TEMPORAL_COLUMN_NAMES,
      chunks,
      () => summary.result(),
      onProgress,
    );
  }

  async function completeRecord(datasetId: string): Promise<DatasetRecord> {
    const rec = await (await db()).get('datasets', datasetId);
    if (!rec || rec.status !== 'complete') throw new Error('This dataset no longer exists or is still being written.');
    return rec;
  }

  function temporalSpecOf(rec: DatasetRecord): TemporalSpec {
    const parsed = parseTemporalSpec(rec.spec);
    if (rec.kind !== 'temporal' || !parsed.ok)
      throw new Error('This is not a temporal dataset, or its stored settings are damaged.');
    return parsed.spec;
  }

  /**
   * Builds an export file. With `job`, it reports progress (stored chunks read and text pieces written, or
   * devices regenerated for the raw series) and stops at the next of them once `cancel(job.jobId)` is called.
   */
  async function exportDataset(
    datasetId: string,
    format: DatasetExportFormat,
    job?: { jobId: string; onProgress: ProgressCallback },
  ): Promise<{ blob: Blob; fileName: string }> {
    try {
      return await buildExport(datasetId, format, job);
    } finally {
      if (job) cancelled.delete(job.jobId);
    }
  }

  async function buildExport(
    datasetId: string,
    format: DatasetExportFormat,
    job: { jobId: string; onProgress: ProgressCallback } | undefined,
  ): Promise<{ blob: Blob; fileName: string }> {
    const database = await db();
    const rec = await completeRecord(datasetId);
    const checkCancel = (): void => {
      if (job && cancelled.has(job.jobId)) throw cancelledError('The export');
    };
    /**
     * Text pieces (one per stored chunk, about) gathered into a Blob: progress runs from a half to the end as
     * they are written, and a cancel is seen between them.
     */
    async function textBlob(pieces: Iterable<string>, type: string): Promise<Blob> {
      const parts: string[] = [];
      const expected = rec.chunkCount + 2; // a piece per chunk, an opening and a closing one
      for (const piece of pieces) {
        parts.push(piece);
        if (!job) continue;
        job.onProgress({
          fraction: 0.5 + (0.5 * Math.min(parts.length, expected)) / expected,
          phase: `Writing the file: part ${parts.length.toLocaleString('en-US')}`,
        });
        await deps.yieldToEvents();
        checkCancel();
      }
      return new Blob(parts, { type });
    }
    /** The stored chunks in order; progress runs to `upTo` as they are read (the rest is writing the file). */
    async function* chunksOf(upTo: number): AsyncGenerator<DatasetChunkRecord> {
      let read = 0;
      for await (const c of readChunks(database, datasetId)) {
        checkCancel();
        yield c;
        read++;
        job?.onProgress({
          fraction: (upTo * read) / Math.max(1, rec.chunkCount),
          phase: `Reading stored chunk ${read.toLocaleString('en-US')} of ${rec.chunkCount.toLocaleString('en-US')}`,
        });
      }
    }
    const safeName = rec.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    const manifest = {
      format: 'homesynth-dataset-manifest',
      version: 1,
      kind: rec.kind,
      name: rec.name,
      spec: rec.spec,
      appVersion: rec.appVersion,
      rowCount: rec.rowCount,
      // Temporal samples exports: which columns are features, the label, a baseline and ground truth.
      ...(rec.kind === 'temporal' ? { sampleColumns: TEMPORAL_COLUMN_ROLES } : {}),
    };
    if (format === 'manifest') {
      return {
        blob: new Blob([JSON.stringify(manifest, null, 2)], { type: 'application/json' }),
        fileName: `${safeName}.manifest.json`,
      };
    }
    if (rec.kind === 'classic') {
      const chunks: ClassicColumns[] = [];
      for await (const c of chunksOf(0.5)) chunks.push(columnsToClassic(c.columns, c.rows));
      if (format === 'csv')
        return { blob: await textBlob(classicCsvPieces(chunks), 'text/csv'), fileName: `${safeName}.csv` };
      if (format === 'original-json')
        return {
          blob: await textBlob(classicJsonPieces(chunks), 'application/json'),
          fileName: 'large_training_data.json',
        };
      throw new Error(`A classic dataset has no ${format} export.`);
    }
    const spec = temporalSpecOf(rec);
    if (format === 'parquet') {
      // Streamed chunk by chunk into row groups of about 100,000 rows, never the whole dataset's columns at once.
      const stored = (async function* () {
        for await (const c of chunksOf(1)) yield columnsToTemporal(c.columns);
      })();
      const blob = await temporalParquetBlob(stored, JSON.stringify(manifest));
      return { blob, fileName: `${safeName}.samples.parquet` };
    }
    if (format === 'series-parquet') {
      // Regenerated from the seed: the raw steps are never stored.
      return {
        blob: await rawSeriesParquetBlob(spec, JSON.stringify(manifest), {
          async onDevices(done, total) {
            job?.onProgress({
              fraction: done / total,
              phase: `Regenerating device ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
            });
            // Lets a cancel message in between batches of devices (the regeneration never awaits otherwise).
            if (job) await deps.yieldToEvents();
            checkCancel();
          },
        }),
        fileName: `${safeName}.series.parquet`,
      };
    }
    const chunks = [];
    for await (const c of chunksOf(0.5)) chunks.push(columnsToTemporal(c.columns));
    if (format === 'csv')
      return {
        blob: await textBlob(temporalCsvPieces(chunks), 'text/csv'),
        fileName: `${safeName}.samples.csv`,
      };
    if (format === 'samples-json')
      return {
        blob: await textBlob(temporalSamplesJsonPieces(chunks), 'application/json'),
        fileName: `${safeName}.samples.json`,
      };
    if (format === 'snapshot-json' || format === 'original-json') {
      return {
        blob: await textBlob(temporalSnapshotPieces(spec, chunks), 'application/json'),
        fileName: 'large_training_data.json',
      };
    }
    throw new Error(`Unknown export format ${String(format)}.`);
  }

  async function deviceSeries(
    datasetId: string,
    deviceIndex: number,
    metric: Metric,
    maxPoints: number,
  ): Promise<DeviceSeries> {
    const spec = temporalSpecOf(await completeRecord(datasetId));
    const s = regenerateDevice(spec, deviceIndex);
    const down = downsampleSeries(s.time, s.metrics[metric], maxPoints);
    return {
      deviceIndex,
      homeIndex: s.homeIndex,
      homeType: s.homeType,
      deviceType: s.deviceType,
      metric,
      time: down.time,
      values: down.values,
      rawSteps: s.time.length,
      truth: s.truth,
    };
  }

  async function featureHistogram(datasetId: string, featureIndex: number) {
    const database = await db();
    await completeRecord(datasetId);
    if (!Number.isInteger(featureIndex) || featureIndex < 0 || featureIndex >= FEATURE_COUNT)
      throw new RangeError('No such feature.');
    // Only the one feature is kept from each chunk: holding every chunk's features until the histogram was
    // computed cost the default dataset's 170 MB in this worker while the dataset page opened.
    const chunks = [];
    for await (const c of readChunks(database, datasetId)) {
      const { features, label } = columnsToTemporal(c.columns).samples;
      const column = new Float32Array(label.length);
      for (let i = 0; i < column.length; i++) column[i] = features[i * FEATURE_COUNT + featureIndex] ?? Number.NaN;
      chunks.push({ features: column, label: label.slice() });
    }
    return labelHistogram(chunks, 1, 0);
  }

  return {
    generateClassic: generateClassicDataset,
    generateTemporal: generateTemporalDataset,
    exportDataset,
    deviceSeries,
    profiles: async (datasetId: string, metric: Metric) =>
      datasetProfiles(temporalSpecOf(await completeRecord(datasetId)), metric),
    featureHistogram,
    cancel(jobId: string): void {
      cancelled.add(jobId);
    },
  };
}

export type GeneratorService = ReturnType<typeof createGeneratorService>;
