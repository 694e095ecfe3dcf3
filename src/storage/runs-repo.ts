import type { WorkbenchDb } from './db';
import type { RunRecord } from './records';
import { toStorageError } from './storage-errors';

/** Creates or replaces a run record (the service rewrites it as each slot finishes). */
export async function putRun(db: WorkbenchDb, run: RunRecord): Promise<void> {
  try {
    await db.put('runs', run);
  } catch (e) {
    throw toStorageError(e, `run "${run.name}"`);
  }
}

export async function getRun(db: WorkbenchDb, id: string): Promise<RunRecord | undefined> {
  return db.get('runs', id);
}

/** Every run, newest first. */
export async function listRuns(db: WorkbenchDb): Promise<RunRecord[]> {
  return (await db.getAllFromIndex('runs', 'by-created')).reverse();
}

/** Deletes a run and every model it produced in one transaction: all or nothing. */
export async function deleteRun(db: WorkbenchDb, id: string): Promise<void> {
  const tx = db.transaction(['runs', 'models'], 'readwrite');
  const models = tx.objectStore('models');
  for await (const cursor of models) {
    if (cursor.value.runId === id) await cursor.delete();
  }
  await tx.objectStore('runs').delete(id);
  await tx.done;
}
