import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkbenchDb } from './db';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import { deleteModel, getModel, listModels, nextModelVersion, saveModel } from './models-repo';
import { modelFixture } from './record-fixtures';

let n = 0;
const freshDb = () => openWorkbenchDb(`models-${n++}`);

/** One split on feature 0 (the trees' content does not matter to the repository). */
const stump: GbdtModel = {
  format: 'homesynth-gbdt',
  version: 1,
  featureCount: 2,
  baseScore: -1,
  trees: [
    {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      missingLeft: [true, false, false],
      value: [0, -0.2, 0.3],
    },
  ],
  featureImportance: [1, 0],
};

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

  it('versions each family of a slot separately: trees do not bump the network, nor the network the trees', async () => {
    const db = await freshDb();
    const trees = (id: string, createdAt: number) =>
      modelFixture({ id, createdAt, family: 'trees', artifacts: null, trees: stump });
    const n1 = await saveModel(db, modelFixture({ id: 'n1', createdAt: 1 }));
    const t1 = await saveModel(db, trees('t1', 2));
    const t2 = await saveModel(db, trees('t2', 3));
    // A record stored before families existed has no `family`: it is a network.
    const n2 = await saveModel(db, modelFixture({ id: 'n2', createdAt: 4, family: 'network' }));
    const globalTrees = await saveModel(
      db,
      modelFixture({
        id: 't3',
        createdAt: 5,
        slot: 'global',
        homeType: null,
        family: 'trees',
        artifacts: null,
        trees: stump,
      }),
    );
    expect([n1.version, t1.version, t2.version, n2.version, globalTrees.version]).toEqual([
      '1.0.0',
      '1.0.0',
      '1.0.1',
      '1.0.1',
      '1.0.0',
    ]);
    expect((await listModels(db, { family: 'trees' })).map((m) => m.id)).toEqual(['t3', 't2', 't1']);
    expect((await listModels(db, { family: 'network' })).map((m) => m.id)).toEqual(['n2', 'n1']);
    const back = await getModel(db, 't2');
    expect(back).toMatchObject({ family: 'trees', artifacts: null, trees: stump });
    db.close();
  });

  it('round-trips the artifacts and lists newest first with filters', async () => {
    const db = await freshDb();
    await saveModel(db, modelFixture({ id: 'old', createdAt: 1, runId: 'r1' }));
    await saveModel(db, modelFixture({ id: 'new', createdAt: 2, runId: 'r2', slot: 'global', homeType: null }));
    const back = await getModel(db, 'old');
    expect(back?.artifacts?.weightData).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(new Float32Array(back?.artifacts?.weightData ?? new ArrayBuffer(0)))).toEqual([1, 2]);
    expect(back?.standardizer).toEqual({ mean: [0, 1], std: [1, 2] });
    expect((await listModels(db)).map((m) => m.id)).toEqual(['new', 'old']);
    expect((await listModels(db, { slot: 'global' })).map((m) => m.id)).toEqual(['new']);
    expect((await listModels(db, { runId: 'r1' })).map((m) => m.id)).toEqual(['old']);
    await deleteModel(db, 'old');
    expect(await getModel(db, 'old')).toBeUndefined();
    db.close();
  });
});
