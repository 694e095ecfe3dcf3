import type { WorkbenchDb } from './db';
import { predictionsKey, type RunRecord } from './records';
import { toStorageError } from './storage-errors';

/**
 * Creates or replaces a run record (the service rewrites it as each slot finishes). Test predictions go to
 * `runPredictions` in the same transaction; the stored run keeps `test: null`.
 */
export async function putRun(db: WorkbenchDb, run: RunRecord): Promise<void> {
  try {
    const tx = db.transaction(['runs', 'runPredictions'], 'readwrite');
    const predictions = tx.objectStore('runPredictions');
    await Promise.all([
      ...run.slots.flatMap((s) => (s.test ? [predictions.put({ runId: run.id, slot: predictionsKey(s), ...s.test })] : [])),
      tx.objectStore('runs').put({ ...run, slots: run.slots.map((s) => ({ ...s, test: null })) }),
    ]);
    await tx.done;
  } catch (e) {
    throw toStorageError(e, `run "${run.name}"`);
  }
}

/** A run without its test predictions (see `withPredictions`). */
export async function getRun(db: WorkbenchDb, id: string): Promise<RunRecord | undefined> {
  return db.get('runs', id);
}

/** Every run, newest first, without test predictions. */
export async function listRuns(db: WorkbenchDb): Promise<RunRecord[]> {
  return (await db.getAllFromIndex('runs', 'by-created')).reverse();
}

/** The run with each slot's stored test predictions put back (for the threshold control and the curves). */
export async function withPredictions(db: WorkbenchDb, run: RunRecord): Promise<RunRecord> {
  const stored = await db.getAllFromIndex('runPredictions', 'by-run', run.id);
  const bySlot = new Map(stored.map((p) => [p.slot, p]));
  return {
    ...run,
    slots: run.slots.map((s) => {
      const p = bySlot.get(predictionsKey(s));
      return p ? { ...s, test: { labels: p.labels, scores: p.scores, scenario: p.scenario, homeType: p.homeType } } : s;
    }),
  };
}

/** Deletes a run, its predictions and every model it produced in one transaction: all or nothing. */
export async function deleteRun(db: WorkbenchDb, id: string): Promise<void> {
  const tx = db.transaction(['runs', 'runPredictions', 'models'], 'readwrite');
  const models = tx.objectStore('models');
  for await (const cursor of models) {
    if (cursor.value.runId === id) await cursor.delete();
  }
  const predictions = tx.objectStore('runPredictions');
  for (const key of await predictions.index('by-run').getAllKeys(id)) await predictions.delete(key);
  await tx.objectStore('runs').delete(id);
  await tx.done;
}
