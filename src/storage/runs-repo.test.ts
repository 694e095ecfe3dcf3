import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openWorkbenchDb } from './db';
import { getModel, saveModel } from './models-repo';
import { estimateBytes } from './record-size';
import { metricSetFixture } from '../domain/training/run-fixtures';
import { modelFixture, runFixture } from './record-fixtures';
import { deleteRun, getRun, getRunEvaluation, listRuns, putRun, withPredictions } from './runs-repo';
import type { EvaluationPart } from '../domain/training/run-types';
import type { RunEvaluationRecord } from './records';

let n = 0;
const freshDb = () => openWorkbenchDb(`runs-${n++}`);

describe('runs repository', () => {
  it('stores a run with its typed arrays, replaces it, and lists newest first', async () => {
    const db = await freshDb();
    const slot = {
      slot: 'global' as const,
      status: 'done' as const,
      reason: null,
      counts: { train: 7, val: 1, test: 2, trainPositives: 2, testPositives: 1, trainGroups: 7, testGroups: 2 },
      baseRate: 0.5,
      history: [],
      bestEpoch: 0,
      trainMs: 5,
      backend: 'cpu',
      modelId: 'm',
      threshold: 0.5,
      metrics: metricSetFixture(),
      baselines: null,
      test: {
        labels: Uint8Array.of(1, 0),
        scores: Float32Array.of(0.75, 0.25),
        scenario: Int8Array.of(2, -1),
        homeType: Uint8Array.of(0, 1),
      },
      scenarioRecall: [],
    };
    await putRun(db, runFixture({ id: 'a', createdAt: 1, status: 'running', slots: [] }));
    await putRun(db, runFixture({ id: 'b', createdAt: 2 }));
    await putRun(db, runFixture({ id: 'a', createdAt: 1, status: 'done', slots: [slot] }));
    const light = await getRun(db, 'a');
    expect(light?.status).toBe('done');
    // The run record stays light: its test predictions live in their own store.
    expect(light?.slots[0]?.test).toBeNull();
    const back = light ? await withPredictions(db, light) : undefined;
    expect(back?.slots[0]?.test?.scores).toEqual(Float32Array.of(0.75, 0.25));
    expect(back?.slots[0]?.test?.scenario).toBeInstanceOf(Int8Array);
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['b', 'a']);
    await deleteRun(db, 'a');
    expect(await db.count('runPredictions')).toBe(0);
    db.close();
  });

  it('keeps evaluation data apart from the run record, writes it once and deletes it with the run', async () => {
    const db = await freshDb();
    const part: EvaluationPart = {
      labels: Uint8Array.of(1, 0),
      scores: Float32Array.of(0.7, 0.2),
      rawScores: Float32Array.of(0.9, 0.4),
      home: Uint32Array.of(3, 4),
      device: Uint32Array.of(10, 11),
      homeType: Uint8Array.of(0, 1),
      scenario: Int8Array.of(2, -1),
      time: Float64Array.of(1000, 2000),
      failureTime: Float64Array.of(5000, Number.NaN),
    };
    const reps = {
      prAuc: Float32Array.of(0.5),
      rocAuc: Float32Array.of(0.6),
      f1: Float32Array.of(0.4),
      logLoss: Float32Array.of(0.3),
    };
    const evaluation: RunEvaluationRecord = {
      runId: 'e',
      slot: 'global',
      horizonMs: 7 * 86_400_000,
      val: null,
      test: part,
      replicates: { resamples: 1, model: reps, baselines: { logistic: reps } },
    };
    const run = runFixture({ id: 'e', createdAt: 1 });
    await putRun(db, run, [evaluation]);
    // A later rewrite of the run (the next slot finished) leaves the evaluation data as it was.
    await putRun(db, { ...run, status: 'done' });
    const [back] = await getRunEvaluation(db, 'e');
    expect(back?.test.failureTime?.[0]).toBe(5000);
    expect(back?.test.rawScores).toEqual(Float32Array.of(0.9, 0.4));
    expect(back?.replicates.baselines.logistic?.prAuc).toEqual(Float32Array.of(0.5));
    expect((await getRun(db, 'e'))?.slots.every((s) => !s.evaluation)).toBe(true);
    await deleteRun(db, 'e');
    expect(await db.count('runEvaluation')).toBe(0);
    db.close();
  });

  it('upgrades a version-1 database: predictions move out of run records, nothing is lost', async () => {
    const name = `runs-v1-${n++}`;
    // A database as version 1 of the app left it: the run record holds its test predictions inline.
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        for (const store of ['datasets', 'homes', 'models', 'runs'])
          d.createObjectStore(store, { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        d.createObjectStore('jobs', { keyPath: 'id' }).createIndex('by-status', 'status');
        d.createObjectStore('datasetChunks', { keyPath: ['datasetId', 'index'] }).createIndex(
          'by-dataset',
          'datasetId',
        );
        d.createObjectStore('homeEvents', { keyPath: ['homeId', 'index'] }).createIndex('by-home', 'homeId');
        d.createObjectStore('settings', { keyPath: 'key' });
      },
    });
    const test = {
      labels: Uint8Array.of(1, 0, 1),
      scores: Float32Array.of(0.9, 0.1, 0.6),
      scenario: Int8Array.of(0, -1, 3),
      homeType: Uint8Array.of(2, 2, 5),
    };
    const base = runFixture({ id: 'old', createdAt: 5 });
    const slot = { ...(base.slots[0] ?? runFixture().slots[0]), slot: 'global' as const, test };
    await v1.put('runs', { ...base, slots: [slot] });
    await v1.put('settings', { key: 'theme', value: 'dark' });
    v1.close();

    const db = await openWorkbenchDb(name);
    expect(db.version).toBe(DB_VERSION);
    const run = await getRun(db, 'old');
    expect(run?.slots[0]?.test).toBeNull();
    expect(run?.name).toBe(base.name);
    const full = run ? await withPredictions(db, run) : undefined;
    expect(full?.slots[0]?.test).toEqual(test);
    expect((await db.get('settings', 'theme'))?.value).toBe('dark');
    db.close();
  });

  it('deletes a run together with its models, and nothing else', async () => {
    const db = await freshDb();
    await putRun(db, runFixture({ id: 'r1' }));
    await putRun(db, runFixture({ id: 'r2', createdAt: 5 }));
    await saveModel(db, modelFixture({ id: 'm1', runId: 'r1' }));
    await saveModel(db, modelFixture({ id: 'm2', runId: 'r1', slot: 'global', homeType: null }));
    await saveModel(db, modelFixture({ id: 'm3', runId: 'r2' }));
    await deleteRun(db, 'r1');
    expect(await getRun(db, 'r1')).toBeUndefined();
    expect(await getModel(db, 'm1')).toBeUndefined();
    expect(await getModel(db, 'm2')).toBeUndefined();
    expect((await getModel(db, 'm3'))?.runId).toBe('r2');
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['r2']);
    db.close();
  });
});

describe('estimateBytes', () => {
  it('counts typed arrays and buffers by their byte length, strings at two bytes a character', () => {
    expect(estimateBytes(new Float32Array(100))).toBe(400);
    expect(estimateBytes(new ArrayBuffer(64))).toBe(64);
    expect(estimateBytes('abcd')).toBe(8);
    expect(estimateBytes({ ab: 1 })).toBe(8 + 4 + 8);
    expect(estimateBytes([1, true, null])).toBe(8 + 8 + 1 + 1);
  });
});
