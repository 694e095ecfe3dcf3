import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkbenchDb } from './db';
import { deleteModel, getModel, listModels, nextModelVersion, saveModel } from './models-repo';
import { modelFixture } from './record-fixtures';

let n = 0;
const freshDb = () => openWorkbenchDb(`models-${n++}`);


describe('model versions', () => {
  it('starts at 1.0.0 and bumps the patch of the highest version', () => {
    expect(nextModelVersion([])).toBe('1.0.0');
    expect(nextModelVersion(['1.0.0'])).toBe('1.0.1');
    expect(nextModelVersion(['1.0.9', '1.0.10', '1.0.2'])).toBe('1.0.11');
    expect(nextModelVersion(['2.1.3', '1.0.40'])).toBe('2.1.4');
    expect(nextModelVersion(['garbage'])).toBe('1.0.0');
  });
});

describe('models repository', () => {
  it('versions each (kind, slot) separately and keeps the version when an id is saved again', async () => {
    const db = await freshDb();
    const a = await saveModel(db, modelFixture({ id: 'a', createdAt: 1 }));
    const b = await saveModel(db, modelFixture({ id: 'b', createdAt: 2 }));
    const other = await saveModel(db, modelFixture({ id: 'c', slot: 'global', homeType: null, createdAt: 3 }));
    const classifier = await saveModel(db, modelFixture({ id: 'd', kind: 'home-type', createdAt: 4 }));
    expect([a.version, b.version, other.version, classifier.version]).toEqual(['1.0.0', '1.0.1', '1.0.0', '1.0.0']);
    const again = await saveModel(db, modelFixture({ id: 'b', name: 'renamed', createdAt: 2 }));
    expect(again.version).toBe('1.0.1');
    expect((await saveModel(db, modelFixture({ id: 'e', createdAt: 5 }))).version).toBe('1.0.2');
    db.close();
  });

  it('round-trips the artifacts and lists newest first with filters', async () => {
    const db = await freshDb();
    await saveModel(db, modelFixture({ id: 'old', createdAt: 1, runId: 'r1' }));
    await saveModel(db, modelFixture({ id: 'new', createdAt: 2, runId: 'r2', slot: 'global', homeType: null }));
    const back = await getModel(db, 'old');
    expect(back?.artifacts.weightData).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(new Float32Array(back?.artifacts.weightData ?? new ArrayBuffer(0)))).toEqual([1, 2]);
    expect(back?.standardizer).toEqual({ mean: [0, 1], std: [1, 2] });
    expect((await listModels(db)).map((m) => m.id)).toEqual(['new', 'old']);
    expect((await listModels(db, { slot: 'global' })).map((m) => m.id)).toEqual(['new']);
    expect((await listModels(db, { runId: 'r1' })).map((m) => m.id)).toEqual(['old']);
    await deleteModel(db, 'old');
    expect(await getModel(db, 'old')).toBeUndefined();
    db.close();
  });
});
