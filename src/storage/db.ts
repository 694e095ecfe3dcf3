import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type {
  DatasetChunkRecord,
  DatasetRecord,
  HomeEventsChunkRecord,
  HomeRecord,
  JobRecord,
  ModelRecord,
  RunEvaluationRecord,
  RunPredictionsRecord,
  RunRecord,
  SettingRecord,
} from './records';

export const DB_NAME = 'homesynth-workbench';

/**
 * DO NOT rename stores or change DB_VERSION without adding an upgrade branch below: doing so wipes users'
 * data. Each branch upgrades from the version before it, so a database of any earlier version opens.
 */
export const DB_VERSION = 3;

export interface WorkbenchDB extends DBSchema {
  datasets: { key: string; value: DatasetRecord; indexes: { 'by-created': number } };
  datasetChunks: { key: [string, number]; value: DatasetChunkRecord; indexes: { 'by-dataset': string } };
  homes: { key: string; value: HomeRecord; indexes: { 'by-created': number } };
  homeEvents: { key: [string, number]; value: HomeEventsChunkRecord; indexes: { 'by-home': string } };
  models: { key: string; value: ModelRecord; indexes: { 'by-created': number } };
  runs: { key: string; value: RunRecord; indexes: { 'by-created': number } };
  runPredictions: { key: [string, string]; value: RunPredictionsRecord; indexes: { 'by-run': string } };
  runEvaluation: { key: [string, string]; value: RunEvaluationRecord; indexes: { 'by-run': string } };
  jobs: { key: string; value: JobRecord; indexes: { 'by-status': string } };
  settings: { key: string; value: SettingRecord };
}

export type WorkbenchDb = IDBPDatabase<WorkbenchDB>;

export const STORE_NAMES = [
  'datasets',
  'datasetChunks',
  'homes',
  'homeEvents',
  'models',
  'runs',
  'runPredictions',
  'runEvaluation',
  'jobs',
  'settings',
] as const;

export class StorageBlockedError extends Error {
  override name = 'StorageBlockedError';
}

export interface OpenOptions {
  /** Another tab holds an older version open: the upgrade waits until it closes. */
  onBlocked?: () => void;
  /** A newer version (another tab) wants to upgrade: we close our connection so it can. */
  onVersionChange?: () => void;
}

/** The v1 → v2 migration: every stored slot's `test` becomes a `runPredictions` record, within the upgrade. */
async function movePredictionsOutOfRuns(
  tx: IDBPTransaction<WorkbenchDB, StoreNames<WorkbenchDB>[], 'versionchange'>,
): Promise<void> {
  const predictions = tx.objectStore('runPredictions');
  let cursor = await tx.objectStore('runs').openCursor();
  while (cursor) {
    const run = cursor.value;
    for (const s of run.slots) {
      if (s.test) await predictions.put({ runId: run.id, slot: s.slot, ...s.test });
    }
    await cursor.update({ ...run, slots: run.slots.map((s) => ({ ...s, test: null })) });
    cursor = await cursor.continue();
  }
}

/** Opens (creating or upgrading) the database. Works on the main thread and in workers. */
export async function openWorkbenchDb(name: string = DB_NAME, options: OpenOptions = {}): Promise<WorkbenchDb> {
  const db = await openDB<WorkbenchDB>(name, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        database.createObjectStore('datasets', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        database
          .createObjectStore('datasetChunks', { keyPath: ['datasetId', 'index'] })
          .createIndex('by-dataset', 'datasetId');
        database.createObjectStore('homes', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        database.createObjectStore('homeEvents', { keyPath: ['homeId', 'index'] }).createIndex('by-home', 'homeId');
        database.createObjectStore('models', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        database.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        database.createObjectStore('jobs', { keyPath: 'id' }).createIndex('by-status', 'status');
        database.createObjectStore('settings', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        // v2: test predictions move out of run records into their own store (listing runs stays light).
        database.createObjectStore('runPredictions', { keyPath: ['runId', 'slot'] }).createIndex('by-run', 'runId');
        if (oldVersion >= 1) void movePredictionsOutOfRuns(transaction);
      }
      if (oldVersion < 3) {
        // v3: what event-level evaluation reads (validation and test parts, homes, replicates), per slot.
        database.createObjectStore('runEvaluation', { keyPath: ['runId', 'slot'] }).createIndex('by-run', 'runId');
      }
      // Future versions: `if (oldVersion < 4) { … }` — never edit a branch that has shipped.
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking() {
      db.close();
      options.onVersionChange?.();
    },
  });
  return db;
}
