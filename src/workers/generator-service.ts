import { classicCsvPieces, classicJsonPieces } from '../domain/classic/classic-format';
import { generateClassic, type ClassicColumns } from '../domain/classic/classic-generator';
import { parseClassicSpec } from '../domain/classic/classic-spec';
import type { WorkbenchDb } from '../storage/db';
import { classicToColumns, columnsToClassic, CLASSIC_COLUMN_NAMES } from '../storage/classic-chunks';
import { beginDataset, columnsBytes, completeDataset, deleteDataset, readChunks } from '../storage/datasets-repo';
import { putChunk } from '../storage/datasets-repo';
import type { DatasetRecord } from '../storage/records';
import { createClassicSummary } from './classic-summary';
import type { DatasetExportFormat, GenerateClassicRequest } from './generator.api';
import { cancelledError, type ProgressCallback } from './job-types';

/** Rows per stored chunk: ~3 MB per chunk, small enough to clone cheaply, large enough to write fast. */
export const CLASSIC_CHUNK_ROWS = 50_000;

export interface GeneratorDeps {
  openDb: () => Promise<WorkbenchDb>;
  now: () => number;
  /** High-resolution clock for timings (performance.now in a worker). */
  clock: () => number;
  /** Lets other messages (a cancel) through between chunks. */
  yieldToEvents: () => Promise<void>;
}

/** The generator worker's logic, free of Comlink so it is testable with plain calls. */
export function createGeneratorService(deps: GeneratorDeps) {
  const cancelled = new Set<string>();
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());

  async function generateClassicDataset(req: GenerateClassicRequest, onProgress: ProgressCallback): Promise<DatasetRecord> {
    const parsed = parseClassicSpec(req.spec);
    if (!parsed.ok) throw new Error(`Invalid settings: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`);
    const spec = parsed.spec;
    const database = await db();
    await beginDataset(database, {
      id: req.datasetId,
      name: req.name,
      kind: 'classic',
      status: 'writing',
      createdAt: req.createdAt,
      completedAt: null,
      spec: { ...spec },
      appVersion: req.appVersion,
      rowCount: 0,
      chunkCount: 0,
      sizeBytes: 0,
      columns: CLASSIC_COLUMN_NAMES,
      summary: null,
      jobId: req.jobId,
    });
    const summary = createClassicSummary();
    let rows = 0;
    let chunks = 0;
    let bytes = 0;
    let generateMs = 0;
    let storeMs = 0;
    try {
      onProgress({ fraction: 0, phase: 'Generating' });
      const stream = generateClassic(spec, CLASSIC_CHUNK_ROWS);
      for (;;) {
        const t0 = deps.clock();
        const next = stream.next();
        generateMs += deps.clock() - t0;
        if (next.done) break;
        const chunk = next.value;
        if (cancelled.has(req.jobId)) throw cancelledError('Generation');
        summary.add(chunk);
        const columns = classicToColumns(chunk);
        const t1 = deps.clock();
        await putChunk(database, { datasetId: req.datasetId, index: chunks, rows: chunk.length, columns });
        storeMs += deps.clock() - t1;
        rows += chunk.length;
        bytes += columnsBytes(columns);
        chunks++;
        onProgress({ fraction: rows / spec.samples, phase: `Stored ${rows.toLocaleString('en-US')} of ${spec.samples.toLocaleString('en-US')} rows` });
        await deps.yieldToEvents();
      }
      if (cancelled.has(req.jobId)) throw cancelledError('Generation');
      return await completeDataset(database, req.datasetId, {
        rowCount: rows,
        chunkCount: chunks,
        sizeBytes: bytes,
        summary: summary.result(),
        completedAt: deps.now(),
        timings: { generateMs, storeMs },
      });
    } catch (e) {
      // Cancel, a full disk or any other failure: remove the partial dataset, keep everything else.
      await deleteDataset(database, req.datasetId).catch(() => undefined);
      throw e;
    } finally {
      cancelled.delete(req.jobId);
    }
  }

  async function exportDataset(datasetId: string, format: DatasetExportFormat): Promise<{ blob: Blob; fileName: string }> {
    const database = await db();
    const rec = await database.get('datasets', datasetId);
    if (!rec || rec.status !== 'complete') throw new Error('This dataset no longer exists or is still being written.');
    const chunks: ClassicColumns[] = [];
    for await (const c of readChunks(database, datasetId)) chunks.push(columnsToClassic(c.columns, c.rows));
    const pieces = format === 'csv' ? [...classicCsvPieces(chunks)] : [...classicJsonPieces(chunks)];
    const safeName = rec.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    return format === 'csv'
      ? { blob: new Blob(pieces, { type: 'text/csv' }), fileName: `${safeName}.csv` }
      : { blob: new Blob(pieces, { type: 'application/json' }), fileName: 'large_training_data.json' };
  }

  return {
    generateClassic: generateClassicDataset,
    exportDataset,
    cancel(jobId: string): void {
      cancelled.add(jobId);
    },
  };
}

export type GeneratorService = ReturnType<typeof createGeneratorService>;
