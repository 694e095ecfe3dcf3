import type { ClassicColumns } from '../domain/classic/classic-generator';
import { DAY_MS } from '../domain/temporal/calendar';
import { parseTemporalSpec } from '../domain/temporal/spec';
import { classicTable, createTemporalTableBuilder, type TrainingTable } from '../ml/training-table';
import { columnsToClassic } from '../storage/classic-chunks';
import { getDataset, readChunks } from '../storage/datasets-repo';
import type { WorkbenchDb } from '../storage/db';
import { columnsToTemporal } from '../storage/temporal-chunks';

/*
 * Reads stored datasets into training tables: storage in, the plain typed arrays src/ml trains on out
 * (src/ml never reads storage itself).
 */

/** Reads a complete classic dataset from IndexedDB into a training table. */
export async function loadClassicTable(db: WorkbenchDb, datasetId: string): Promise<TrainingTable> {
  const rec = await getDataset(db, datasetId);
  if (!rec) throw new Error('This dataset no longer exists or is still being written.');
  if (rec.kind !== 'classic') throw new Error(`Dataset "${rec.name}" is ${rec.kind}, not classic.`);
  const chunks: ClassicColumns[] = [];
  for await (const c of readChunks(db, datasetId)) chunks.push(columnsToClassic(c.columns, c.rows));
  return classicTable(chunks);
}

/** Reads a complete temporal dataset from IndexedDB into a training table, one chunk in memory at a time. */
export async function loadTemporalTable(db: WorkbenchDb, datasetId: string): Promise<TrainingTable> {
  const rec = await getDataset(db, datasetId);
  if (!rec) throw new Error('This dataset no longer exists or is still being written.');
  if (rec.kind !== 'temporal') throw new Error(`Dataset "${rec.name}" is ${rec.kind}, not temporal.`);
  const spec = parseTemporalSpec(rec.spec);
  if (!spec.ok)
    throw new Error(
      `The stored settings of dataset "${rec.name}" are damaged: ${spec.errors.map((e) => e.message).join('; ')}`,
    );
  const builder = createTemporalTableBuilder(rec.rowCount, spec.spec.horizonDays * DAY_MS);
  for await (const c of readChunks(db, datasetId)) builder.add(columnsToTemporal(c.columns));
  return builder.result();
}

/** Reads any stored dataset into a training table, by its kind. */
export async function loadTrainingTable(db: WorkbenchDb, datasetId: string): Promise<TrainingTable> {
  const rec = await getDataset(db, datasetId);
  if (!rec) throw new Error('This dataset no longer exists or is still being written.');
  if (rec.kind === 'classic') return loadClassicTable(db, datasetId);
  return loadTemporalTable(db, datasetId);
}
