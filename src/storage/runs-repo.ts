import { predictionsKey } from '../domain/training/run-types';
import type { WorkbenchDb } from './db';
import type { RunEvaluationRecord, RunRecord } from './records';
import { toStorageError } from './storage-errors';

/**
 * Creates or replaces a run record (the service rewrites it as each slot finishes). Test predictions go to
 * `runPredictions` and evaluation data to `runEvaluation` in the same transaction; the stored run keeps
 * `test: null` and `evaluation: null`. `evaluations` are records to add with this write (each slot's once,
 * when it finishes: they are the large part and do not change afterwards).
 */
export async function putRun(
  db: WorkbenchDb,
  run: RunRecord,
  evaluations: readonly RunEvaluationRecord[] = [],
): Promise<void> {
  try {
    const tx = db.transaction(['runs', 'runPredictions', 'runEvaluation'], 'readwrite');
    const predictions = tx.objectStore('runPredictions');
    const evaluation = tx.objectStore('runEvaluation');
    await Promise.all([
      ...run.slots.flatMap((s) =>
        s.test ? [predictions.put({ runId: run.id, slot: predictionsKey(s), ...s.test })] : [],
      ),
      ...run.slots.flatMap((s) =>
        s.evaluation ? [evaluation.put({ runId: run.id, slot: predictionsKey(s), ...s.evaluation })] : [],
      ),
      ...evaluations.map((e) => evaluation.put(e)),
      tx.objectStore('runs').put({ ...run, slots: run.slots.map((s) => ({ ...s, test: null, evaluation: null })) }),
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

/** Every slot's evaluation data of a run (validation and test parts, replicates), by predictions key. */
export async function getRunEvaluation(db: WorkbenchDb, runId: string): Promise<RunEvaluationRecord[]> {
  return db.getAllFromIndex('runEvaluation', 'by-run', runId);
}

/** Deletes a run, its predictions and every model it produced in one transaction: all or nothing. */
export async function deleteRun(db: WorkbenchDb, id: string): Promise<void> {
  const tx = db.transaction(['runs', 'runPredictions', 'runEvaluation', 'models'], 'readwrite');
  const models = tx.objectStore('models');
  for await (const cursor of models) {
    if (cursor.value.runId === id) await cursor.delete();
  }
  const predictions = tx.objectStore('runPredictions');
  for (const key of await predictions.index('by-run').getAllKeys(id)) await predictions.delete(key);
  const evaluation = tx.objectStore('runEvaluation');
  for (const key of await evaluation.index('by-run').getAllKeys(id)) await evaluation.delete(key);
  await tx.objectStore('runs').delete(id);
  await tx.done;
}
