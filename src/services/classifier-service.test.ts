import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../domain/home-types';
import { simulateHomeEvents } from '../domain/homes/event-simulator';
import { buildTemplateHome } from '../domain/homes/template-homes';
import { createRng, deriveSeed } from '../domain/random';
import { createDenseNetwork } from '../ml/dense-network';
import { homeClassifierNetworkConfig } from '../domain/training/network-config';
import { modelToArtifacts } from '../ml/model-artifacts';
import { openWorkbenchDb } from '../storage/db';
import { listModels, saveModel } from '../storage/models-repo';
import { eventsToChunks, getHome, homeBytes, readHomeEvents, saveHomeWithEvents } from '../storage/homes-repo';
import { predictSourceSoftmax } from '../domain/evaluation/source-softmax';
import { homeFeatures } from '../domain/homes/home-features';
import type { HomeRecord } from '../storage/records';
import { createClassifierService } from './classifier-service';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let n = 0;
/** Template homes of every type; with `twoSources`, every other one is stored as made by another maker. */
async function storeHomes(perType: number, twoSources = false): Promise<string> {
  const name = `classifier-${n++}`;
  const db = await openWorkbenchDb(name);
  let index = 0;
  for (const homeType of HOME_TYPES) {
    for (let k = 0; k < perType; k++) {
      index++;
      const id = `home_${String(index).padStart(3, '0')}`;
      const content = buildTemplateHome({
        homeType,
        sizeCategory: 'medium',
        index,
        rng: createRng(deriveSeed(3, 'home', index)),
      });
      const events = simulateHomeEvents(
        { ...content, id },
        { startDate: '2025-04-07', days: 7, timeZone: 'UTC', seed: 3 },
      );
      const chunks = eventsToChunks(id, events);
      const base = {
        ...content,
        id,
        source: twoSources && index % 2 === 0 ? ('llm' as const) : ('template' as const),
        seed: 3,
        created_at: '2025-04-07T00:00:00Z',
        llm: null,
        createdAt: index,
        runId: 'r',
        planIndex: index,
        timeZone: 'UTC',
        startDate: '2025-04-07',
        days: 7,
        eventCount: events.time.length,
        chunkCount: chunks.length,
        costUsd: null,
      };
      const home: HomeRecord = { ...base, sizeBytes: homeBytes(base, chunks) };
      await saveHomeWithEvents(db, home, chunks);
    }
  }
  db.close();
  return name;
}

const service = (name: string) =>
  createClassifierService({
    openDb: () => openWorkbenchDb(name),
    clock: () => performance.now(),
    backend: async () => 'cpu',
  });

const request = {
  runId: 'run-1',
  network: { ...homeClassifierNetworkConfig(), hiddenUnits: [16], epochs: 15, batchSize: 16, patience: 4 },
  evaluation: 'kfold' as const,
  folds: 5,
  bootstrapResamples: 100,
  createdAt: 1,
  appVersion: '0.1.0',
};

describe('home-type classifier worker service', () => {
  it('trains on stored homes, stores a versioned home-type model with its evaluation, and classifies a home', async () => {
    const name = await storeHomes(6);
    const svc = service(name);
    const fractions: number[] = [];
    const model = await svc.train(request, (p) => fractions.push(p.fraction));
    expect(model.kind).toBe('home-type');
    expect(model.version).toBe('1.0.0');
    expect(model.homeTypeEvaluation?.homes).toBe(48);
    expect(model.homeTypeEvaluation?.confusion).toHaveLength(8);
    expect(model.homeTypeEvaluation?.featureStats).toHaveLength(8);
    expect(fractions.at(-1)).toBe(1);
    const again = await svc.train({ ...request, runId: 'run-2' }, () => undefined);
    expect(again.version).toBe('1.0.1');
    const c = await svc.classifyHome('home_001');
    expect(c.actual).toBe('single_family_house');
    expect(c.probabilities).toHaveLength(8);
    expect(c.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(c.modelVersion).toBe('1.0.1');
  });

  it('evaluates within and across two sources and stores the matrix, ablations and perturbation checks', async () => {
    const name = await storeHomes(6, true);
    const phases: string[] = [];
    const fractions: number[] = [];
    const model = await service(name).train(request, (p) => {
      fractions.push(p.fraction);
      phases.push(p.phase);
    });
    const cross = model.homeTypeEvaluation?.crossSource;
    expect(cross?.sources).toEqual([
      { name: 'llm', homes: 24, evaluated: true },
      { name: 'template', homes: 24, evaluated: true },
    ]);
    expect(cross?.matrix.flat().every((c) => c !== null && c.homes === 24)).toBe(true);
    expect(cross?.leaveOneOut.map((s) => s?.homes)).toEqual([24, 24]);
    expect(cross?.verdict?.basis).toBe('worst held-out source');
    expect(model.homeTypeEvaluation?.models?.map((m) => m.id)).toEqual([
      'model',
      'network-all',
      'structure',
      'behaviour',
      'household',
      'template-grammar',
      'single-feature',
    ]);
    expect(model.homeTypeEvaluation?.perturbations?.map((p) => p.id)).toEqual([
      'none',
      'shuffled-floors',
      'renamed-rooms',
      'dropped-outdoor',
    ]);
    expect(
      model.homeTypeEvaluation?.perturbations?.every((p) => p.inSource?.homes === 48 && p.crossSource?.homes === 48),
    ).toBe(true);
    // Progress through the existing job mechanism: features, then every evaluation model, then saving.
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(phases.some((p) => /Evaluating template grammar/.test(p))).toBe(true);
    // Stored plain: what the page reads back is what was saved.
    const db = await openWorkbenchDb(name);
    const [stored] = await listModels(db, { kind: 'home-type' });
    db.close();
    expect(stored?.homeTypeEvaluation?.crossSource).toEqual(cross);
  });

  it("stores the softmax model with every source's statistics and classifies a home with its own source's, or the pooled ones for an unseen source", async () => {
    const name = await storeHomes(6, true);
    const svc = service(name);
    const model = await svc.train(request, () => undefined);
    const m = model.homeTypeModel;
    expect(m?.kind).toBe('softmax-per-source');
    expect(model.artifacts).toBeNull();
    expect(Object.keys(m?.sourceStandardizers ?? {}).sort()).toEqual(['llm', 'template']);
    expect(model.standardizer).toEqual(m?.pooled);
    if (!m) return;
    const db = await openWorkbenchDb(name);
    const featuresOf = async (id: string) => {
      const home = await getHome(db, id);
      const events = await readHomeEvents(db, id);
      if (!home || !events) throw new Error(`no home ${id}`);
      return { home, x: homeFeatures(home, events, home.timeZone) };
    };
    // home_002 is an 'llm' home: scaled by the llm homes' statistics, not the templates'.
    const llm = await featuresOf('home_002');
    const c = await svc.classifyHome('home_002');
    expect(c).toMatchObject({
      source: 'llm',
      standardisedBy: 'llm',
      modelKind: 'softmax-per-source',
      groups: m.groups,
    });
    expect(c.probabilities).toEqual(predictSourceSoftmax(m, llm.x, 'llm').probabilities);
    expect(c.probabilities).not.toEqual(predictSourceSoftmax(m, llm.x, 'template').probabilities);
    // A home from a source the model never saw: the pooled statistics, and the answer says so (standardisedBy null).
    const one = await featuresOf('home_001');
    await db.put('homes', { ...one.home, source: 'imported' });
    db.close();
    const unseen = await svc.classifyHome('home_001');
    expect(unseen).toMatchObject({ source: 'imported', standardisedBy: null });
    expect(unseen.probabilities).toEqual(predictSourceSoftmax(m, one.x, 'imported').probabilities);
  });

  it('still classifies with a home-type classifier stored before per-source standardisation (a TF.js network)', async () => {
    const name = await storeHomes(5);
    const svc = service(name);
    const model = await svc.train(request, () => undefined);
    const net = createDenseNetwork(model.featureNames.length, HOME_TYPES.length, {
      ...request.network,
      encodingBins: 0,
    });
    const artifacts = await modelToArtifacts(net);
    net.dispose();
    const { homeTypeModel: _softmax, ...old } = model;
    const db = await openWorkbenchDb(name);
    await saveModel(db, { ...old, id: 'old:home-type', createdAt: model.createdAt + 1, artifacts });
    db.close();
    const c = await svc.classifyHome('home_001');
    expect(c).toMatchObject({ modelKind: 'network', groups: null, standardisedBy: null, source: 'template' });
    expect(c.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('refuses to classify with a model trained on another feature list, and says what to do', async () => {
    const name = await storeHomes(5);
    const svc = service(name);
    const model = await svc.train(request, () => undefined);
    const db = await openWorkbenchDb(name);
    await saveModel(db, {
      ...model,
      id: 'old:home-type',
      createdAt: model.createdAt + 1,
      featureNames: ['main_floor', ...model.featureNames.slice(1)],
    });
    db.close();
    await expect(svc.classifyHome('home_001')).rejects.toThrow(/older set of features; train it again/);
  });

  it('refuses to train with too few homes of a type, saying which', async () => {
    const name = await storeHomes(2);
    await expect(service(name).train(request, () => undefined)).rejects.toThrow(
      /at least 5 of every type.*single family house \(2\)/,
    );
  });

  it('says what to do when no classifier exists yet', async () => {
    const name = await storeHomes(1);
    await expect(service(name).classifyHome('home_001')).rejects.toThrow(/train one on the Training page/);
  });
});
