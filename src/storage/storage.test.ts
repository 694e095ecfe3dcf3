import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, STORE_NAMES, openWorkbenchDb } from './db';
import {
  beginDataset,
  completeDataset,
  deleteDataset,
  getDataset,
  listDatasets,
  putChunk,
  readChunks,
} from './datasets-repo';
import { deleteEverything, deleteItem, storageInventory } from './inventory';
import { putJob } from './jobs-repo';
import type { DatasetRecord, JobRecord } from './records';
import { modelFixture } from './record-fixtures';
import { recoverInterruptedJobs } from './recovery';
import { getSetting, putSetting } from './settings-repo';
import { isQuotaError, toStorageError } from './storage-errors';

let n = 0;
const freshDb = () => openWorkbenchDb(`test-${Date.now()}-${n++}`);

const dataset = (id: string, over: Partial<DatasetRecord> = {}): DatasetRecord => ({
  id,
  name: `Dataset ${id}`,
  kind: 'classic',
  status: 'writing',
  createdAt: 1000 + n,
  completedAt: null,
  spec: { seed: 1 },
  appVersion: '0.1.0',
  rowCount: 0,
  chunkCount: 0,
  sizeBytes: 0,
  columns: ['x'],
  summary: null,
  jobId: 'job-1',
  ...over,
});

const summary = {
  rows: 4,
  devices: 4,
  homes: null,
  labelRate: 0.25,
  labelName: 'legacy',
  byHomeType: {},
  byDeviceType: {},
  byScenario: {},
};

const job = (id: string, ownerTab: string, over: Partial<JobRecord> = {}): JobRecord => ({
  id,
  kind: 'generate-classic',
  title: 'Generate',
  status: 'running',
  progress: { fraction: 0.4, phase: 'generating', etaMs: null },
  createdAt: 1,
  updatedAt: 1,
  ownerTab,
  error: null,
  resultId: null,
  note: null,
  ...over,
});

describe('database schema', () => {
  it('creates every store at the current version', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    db.close();
  });

  it('reopening the current version keeps every record (no upgrade branch runs twice)', async () => {
    const name = `reopen-${n++}`;
    const db = await openWorkbenchDb(name);
    await putSetting(db, 'theme', 'dark');
    db.close();
    const again = await openWorkbenchDb(name);
    expect(again.version).toBe(DB_VERSION);
    expect(await getSetting(again, 'theme')).toBe('dark');
    again.close();
  });

  it('reports a blocked upgrade when an older connection stays open', async () => {
    const name = `blocked-${n++}`;
    const old = await openDB(name, 1);
    // Open a newer version through the raw API to simulate a later release while the old tab stays open.
    let blocked = false;
    const req = indexedDB.open(name, 99);
    req.onblocked = () => {
      blocked = true;
      old.close();
    };
    await new Promise<void>((resolve) => {
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    expect(blocked).toBe(true);
  });
});

describe('datasets', () => {
  it('lists a dataset only once it is complete, and reads its chunks back', async () => {
    const db = await freshDb();
    await beginDataset(db, dataset('a'));
    await putChunk(db, { datasetId: 'a', index: 0, rows: 2, columns: { x: new Float32Array([1, 2]) } });
    expect(await listDatasets(db)).toEqual([]);
    expect(await getDataset(db, 'a')).toBeUndefined();
    await putChunk(db, { datasetId: 'a', index: 1, rows: 2, columns: { x: new Float32Array([3, 4]) } });
    await completeDataset(db, 'a', { rowCount: 4, chunkCount: 2, sizeBytes: 16, summary, completedAt: 5 });
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['a']);
    const values: number[] = [];
    for await (const c of readChunks(db, 'a')) values.push(...(c.columns.x ?? []));
    expect(values).toEqual([1, 2, 3, 4]);
    db.close();
  });

  it('deletes a dataset and every chunk, and leaves other datasets alone', async () => {
    const db = await freshDb();
    for (const id of ['a', 'b']) {
      await beginDataset(db, dataset(id));
      await putChunk(db, { datasetId: id, index: 0, rows: 1, columns: { x: new Float32Array([1]) } });
      await completeDataset(db, id, { rowCount: 1, chunkCount: 1, sizeBytes: 4, summary, completedAt: 5 });
    }
    await deleteDataset(db, 'a');
    expect(await db.count('datasetChunks')).toBe(1);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['b']);
    db.close();
  });
});

describe('recovery after a reload', () => {
  it('marks jobs of dead tabs interrupted, removes their partial output and keeps complete data', async () => {
    const db = await freshDb();
    await beginDataset(db, dataset('done', { jobId: 'old' }));
    await completeDataset(db, 'done', { rowCount: 1, chunkCount: 0, sizeBytes: 0, summary, completedAt: 1 });
    await beginDataset(db, dataset('partial', { jobId: 'j-dead' }));
    await putChunk(db, { datasetId: 'partial', index: 0, rows: 1, columns: { x: new Float32Array([1]) } });
    await beginDataset(db, dataset('live', { jobId: 'j-live' }));
    await putJob(db, job('j-dead', 'tab-dead', { resultId: 'partial' }));
    await putJob(db, job('j-live', 'tab-live', { resultId: 'live' }));

    const recovered = await recoverInterruptedJobs(db, (t) => t === 'tab-live', 99);
    expect(recovered.map((j) => j.id)).toEqual(['j-dead']);
    expect(recovered[0]?.status).toBe('interrupted');
    expect(recovered[0]?.note).toMatch(/40 %/);
    expect(await db.get('datasets', 'partial')).toBeUndefined();
    expect(await db.count('datasetChunks')).toBe(0);
    expect(await db.get('datasets', 'live')).toBeDefined();
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['done']);
    expect((await db.get('jobs', 'j-live'))?.status).toBe('running');
    db.close();
  });
});

describe('inventory and settings', () => {
  it('lists stored items with sizes and deletes one or everything', async () => {
    const db = await freshDb();
    await beginDataset(db, dataset('a'));
    await putChunk(db, { datasetId: 'a', index: 0, rows: 1, columns: { x: new Float32Array([1]) } });
    await completeDataset(db, 'a', { rowCount: 1, chunkCount: 1, sizeBytes: 4, summary, completedAt: 1 });
    await db.put('models', {
      ...modelFixture({ id: 'm1', createdAt: 2, name: 'Model 1', sizeBytes: 100 }),
      version: '1.0.0',
    });
    await putSetting(db, 'theme', 'dark');
    const items = await storageInventory(db);
    expect(items.map((i) => [i.store, i.id, i.sizeBytes])).toEqual([
      ['datasets', 'a', 4],
      ['models', 'm1', 100],
    ]);
    await deleteItem(db, { store: 'datasets', id: 'a' });
    expect(await db.count('datasetChunks')).toBe(0);
    await deleteEverything(db);
    expect(await storageInventory(db)).toEqual([]);
    expect(await getSetting(db, 'theme')).toBe('dark');
    db.close();
  });
});

describe('storage errors', () => {
  it('turns a quota error into an actionable message', () => {
    const e = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(isQuotaError(e)).toBe(true);
    expect(toStorageError(e, 'dataset "x"').message).toMatch(/Not enough storage.*Settings › Storage/);
    expect(toStorageError(new Error('boom'), 'x').message).toBe('Could not save x: boom');
  });
});
