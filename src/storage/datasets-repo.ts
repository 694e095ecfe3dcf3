import type { WorkbenchDb } from './db';
import type { Columns, DatasetChunkRecord, DatasetRecord, DatasetSummary } from './records';
import { toStorageError } from './storage-errors';

export function columnsBytes(columns: Columns): number {
  return Object.values(columns).reduce((s, c) => s + c.byteLength, 0);
}

/** Starts a dataset: the record says `writing` until `completeDataset`, so no reader takes it as whole. */
export async function beginDataset(db: WorkbenchDb, record: DatasetRecord): Promise<void> {
  try {
    await db.put('datasets', { ...record, status: 'writing' });
  } catch (e) {
    throw toStorageError(e, `dataset "${record.name}"`);
  }
}

/** Writes one chunk in its own transaction: a chunk is either stored whole or not at all. */
export async function putChunk(db: WorkbenchDb, chunk: DatasetChunkRecord): Promise<void> {
  try {
    await db.put('datasetChunks', chunk);
  } catch (e) {
    throw toStorageError(e, `chunk ${chunk.index} of the dataset`);
  }
}

/** Marks a dataset complete, with its final counts, in one transaction. */
export async function completeDataset(
  db: WorkbenchDb,
  id: string,
  final: Pick<DatasetRecord, 'rowCount' | 'chunkCount' | 'sizeBytes' | 'completedAt' | 'timings'> & {
    summary: DatasetSummary;
  },
): Promise<DatasetRecord> {
  const tx = db.transaction('datasets', 'readwrite');
  const rec = await tx.store.get(id);
  if (!rec) {
    tx.abort();
    throw new Error(`Dataset ${id} disappeared while it was being written.`);
  }
  const done: DatasetRecord = { ...rec, ...final, status: 'complete' };
  await tx.store.put(done);
  await tx.done;
  return done;
}

/** Deletes a dataset and all its chunks in one transaction (used for delete, cancel and clean-up). */
export async function deleteDataset(db: WorkbenchDb, id: string): Promise<void> {
  const tx = db.transaction(['datasets', 'datasetChunks'], 'readwrite');
  const chunks = tx.objectStore('datasetChunks');
  await Promise.all([
    tx.objectStore('datasets').delete(id),
    chunks.delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER])),
  ]);
  await tx.done;
}

/** Complete datasets, newest first. Half-written ones (a job still running or cut off) are not listed. */
export async function listDatasets(db: WorkbenchDb): Promise<DatasetRecord[]> {
  const all = await db.getAllFromIndex('datasets', 'by-created');
  return all.filter((d) => d.status === 'complete').reverse();
}

export async function getDataset(db: WorkbenchDb, id: string): Promise<DatasetRecord | undefined> {
  const rec = await db.get('datasets', id);
  return rec?.status === 'complete' ? rec : undefined;
}

export async function listIncompleteDatasets(db: WorkbenchDb): Promise<DatasetRecord[]> {
  const all = await db.getAll('datasets');
  return all.filter((d) => d.status !== 'complete');
}

export async function getChunk(db: WorkbenchDb, id: string, index: number): Promise<DatasetChunkRecord | undefined> {
  return db.get('datasetChunks', [id, index]);
}

/** Reads chunks one at a time, so memory holds one chunk, not the dataset. */
export async function* readChunks(db: WorkbenchDb, id: string): AsyncGenerator<DatasetChunkRecord> {
  const rec = await db.get('datasets', id);
  if (!rec) throw new Error(`Dataset ${id} does not exist.`);
  for (let i = 0; i < rec.chunkCount; i++) {
    const chunk = await getChunk(db, id, i);
    if (!chunk) throw new Error(`Dataset "${rec.name}" is missing chunk ${i}; it may have been damaged.`);
    yield chunk;
  }
}

export async function countChunks(db: WorkbenchDb, id: string): Promise<number> {
  return db.countFromIndex('datasetChunks', 'by-dataset', id);
}
