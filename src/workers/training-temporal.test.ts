import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { expose, proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { selectBackend } from '../ml/backend';
import { defaultRunConfig } from '../domain/training/run-defaults';
import { openWorkbenchDb } from '../storage/db';
import { listModels } from '../storage/models-repo';
import type { RunConfig } from '../domain/training/run-types';
import { createGeneratorService } from '../services/generator-service';
import type { TrainingApi, TrainRequest } from './training.api';
import type { TrainingEvent } from '../domain/training/training-events';
import { createTrainingEndpoint } from './training.endpoint';
import { createTrainingService } from '../services/training-service';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));
const DB = 'train-temporal';
const spec = defaultTemporalSpec({ homes: 6, days: 40, seed: 2, timeZone: 'Europe/Berlin', startDate: '2025-02-01' });

let generated: Promise<void> | null = null;
/** One stored temporal dataset for every test, made by the generator service. */
function dataset(): Promise<void> {
  generated ??= (async () => {
    const gen = createGeneratorService({
      openDb: () => openWorkbenchDb(DB),
      now: () => 1,
      clock: () => performance.now(),
      yieldToEvents,
    });
    await gen.generateTemporal(
      { jobId: 'g', datasetId: 'tds', name: 'Small temporal', spec, appVersion: '0.1.0', createdAt: 1 },
      () => undefined,
    );
  })();
  return generated;
}

function connect(): Remote<TrainingApi> {
  const { port1, port2 } = new MessageChannel();
  const service = createTrainingService({
    openDb: () => openWorkbenchDb(DB),
    selectBackend: (requested) => selectBackend(requested, async () => undefined),
    now: () => 5000,
    clock: () => performance.now(),
    yieldToEvents,
  });
  expose(createTrainingEndpoint(service), port2 as unknown as MessagePort & { start(): void } as never);
  const api = wrap<TrainingApi>(port1 as never);
  cleanups.push(() => {
    api[releaseProxy]();
    port1.close();
    port2.close();
  });
  return api;
}

function request(runId: string, split: RunConfig['split']): TrainRequest {
  const base = defaultRunConfig('temporal');
  return {
    runId,
    name: 'Temporal run',
    datasetId: 'tds',
    createdAt: 100,
    appVersion: '0.1.0',
    config: {
      ...base,
      families: ['network'],
      label: 'horizon',
      split,
      backend: 'cpu',
      bootstrapResamples: 50,
      network: { ...base.network, hiddenUnits: [8], epochs: 2, batchSize: 256, patience: 2 },
    },
  };
}

describe('training on a stored temporal dataset over the worker contract', () => {
  it('trains the global and per-home-type models on "fails within H days" with the grouped split', async () => {
    await dataset();
    const api = connect();
    const events: TrainingEvent[] = [];
    const run = await api.train(
      request('tg', 'grouped'),
      proxy((e: TrainingEvent) => events.push(e)),
      proxy(() => undefined),
    );
    expect(run.status).toBe('done');
    expect(run.datasetManifest.kind).toBe('temporal');
    expect(run.datasetManifest.spec).toEqual(spec);
    expect(run.featureNames).toEqual([...FEATURE_NAMES]);
    // Six homes hold three home types.
    expect(run.slots.map((s) => `${s.slot}:${s.status}`)).toEqual([
      'global:done',
      'single_family_house:done',
      'apartment:done',
      'multi_story:done',
    ]);
    const done = run.slots.filter((s) => s.status === 'done');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(done.length * 2);
    const global = done[0];
    // Grouped: whole devices on one side.
    expect(global?.counts).toEqual({
      train: 5793,
      val: 849,
      test: 1678,
      trainPositives: 167,
      testPositives: 41,
      trainGroups: 188,
      testGroups: 55,
    });
    for (const s of done) {
      expect(s.metrics?.f1.estimate).toBeGreaterThanOrEqual(0);
      // The majority class never predicts a failure.
      expect(s.baselines?.majority.recall.estimate).toBe(0);
      expect(s.threshold).toBeGreaterThan(0);
      expect(s.threshold).toBeLessThan(1);
      expect(s.thresholdRule).toEqual({ kind: 'max-f1' });
      expect(s.scenarioRecall.map((r) => r.key)).toEqual([0, 1, 2, 3, 4]);
      expect(s.test?.scenario.every((k) => k >= -1 && k < 5)).toBe(true);
    }
    expect(run.crossMatrix?.rows).toHaveLength(3);
    const db = await openWorkbenchDb(DB);
    const models = await listModels(db, { runId: 'tg' });
    expect(models.map((m) => m.slot).sort()).toEqual(done.map((s) => s.slot).sort());
    expect(
      models.every(
        (m) => m.featureNames.length === FEATURE_NAMES.length && m.standardizer.mean.length === FEATURE_NAMES.length,
      ),
    ).toBe(true);
    db.close();
  });

  it('trains with the time-blocked split: test is the latest window of other devices, so fewer samples', async () => {
    await dataset();
    const api = connect();
    const run = await api.train(
      request('tt', 'time'),
      proxy(() => undefined),
      proxy(() => undefined),
    );
    expect(run.status).toBe('done');
    const global = run.slots[0];
    expect(global?.slot).toBe('global');
    expect(global?.status).toBe('done');
    expect(global?.counts).toEqual({
      train: 3289,
      val: 475,
      test: 383,
      trainPositives: 118,
      testPositives: 7,
      trainGroups: 192,
      testGroups: 49,
    });
    expect(global?.metrics?.rocAuc.estimate).toBeGreaterThan(0);
    expect(run.slots.map((s) => `${s.slot}:${s.status}`)).toEqual([
      'global:done',
      'single_family_house:done',
      'apartment:done',
      'multi_story:insufficient',
    ]);
    expect(run.slots[3]?.reason).toMatch(/No positive test samples/);
  });
});
