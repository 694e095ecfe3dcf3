import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkbenchDb } from './db';
import { getModel, saveModel } from './models-repo';
import { estimateBytes } from './record-size';
import { metricSetFixture, modelFixture, runFixture } from './record-fixtures';
import { deleteRun, getRun, listRuns, putRun } from './runs-repo';

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
      test: { labels: Uint8Array.of(1, 0), scores: Float32Array.of(0.75, 0.25), scenario: Int8Array.of(2, -1), homeType: Uint8Array.of(0, 1) },
      scenarioRecall: [],
    };
    await putRun(db, runFixture({ id: 'a', createdAt: 1, status: 'running', slots: [] }));
    await putRun(db, runFixture({ id: 'b', createdAt: 2 }));
    await putRun(db, runFixture({ id: 'a', createdAt: 1, status: 'done', slots: [slot] }));
    const back = await getRun(db, 'a');
    expect(back?.status).toBe('done');
    expect(back?.slots[0]?.test?.scores).toEqual(Float32Array.of(0.75, 0.25));
    expect(back?.slots[0]?.test?.scenario).toBeInstanceOf(Int8Array);
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['b', 'a']);
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
