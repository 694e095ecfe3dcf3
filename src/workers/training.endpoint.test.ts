import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { expose, proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { selectBackend } from '../ml/backend';
import { defaultRunConfig } from '../domain/training/run-defaults';
import { openWorkbenchDb } from '../storage/db';
import { listModels } from '../storage/models-repo';
import type { RunConfig } from '../domain/training/run-types';
import { getRun } from '../storage/runs-repo';
import { createGeneratorService } from '../services/generator-service';
import type { WorkerProgress } from './job-types';
import type { TrainingApi, TrainRequest } from './training.api';
import type { TrainingEvent } from '../domain/training/training-events';
import { createTrainingEndpoint } from './training.endpoint';
import { createTrainingService } from '../services/training-service';

let n = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

/** A fresh database holding small classic datasets (the same spec under each id), made by the generator service. */
async function datasetDb(ids: readonly string[] = ['ds']): Promise<{ dbName: string; datasetId: string }> {
  const dbName = `train-${n++}`;
  const gen = createGeneratorService({
    openDb: () => openWorkbenchDb(dbName),
    now: () => 1,
    clock: () => performance.now(),
    yieldToEvents,
  });
  for (const id of ids)
    await gen.generateClassic(
      {
        jobId: `g-${id}`,
        datasetId: id,
        name: `Small classic ${id}`,
        spec: { ...defaultClassicSpec(), samples: 1500 },
        appVersion: '0.1.0',
        createdAt: 1,
      },
      () => undefined,
    );
  return { dbName, datasetId: ids[0] ?? 'ds' };
}

function connect(dbName: string): Remote<TrainingApi> {
  const { port1, port2 } = new MessageChannel();
  const service = createTrainingService({
    openDb: () => openWorkbenchDb(dbName),
    // Node: no lazy backend chunks; 'cpu' ships with tfjs.
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

function request(datasetId: string, runId: string, over: Partial<RunConfig['network']> = {}): TrainRequest {
  const base = defaultRunConfig();
  return {
    runId,
    name: 'Test run',
    datasetId,
    createdAt: 100,
    appVersion: '0.1.0',
    config: {
      ...base,
      families: ['network'],
      backend: 'cpu',
      bootstrapResamples: 50,
      network: { ...base.network, hiddenUnits: [8], epochs: 2, batchSize: 64, patience: 2, ...over },
    },
  };
}

describe('training worker contract over a MessageChannel', () => {
  it('trains two stored copies of the same data alike: the split and every metric follow the content, not the id', async () => {
    const { dbName } = await datasetDb(['copy-a', 'copy-b']);
    const api = connect(dbName);
    const quiet = [proxy(() => undefined), proxy(() => undefined)] as const;
    const a = await api.train(request('copy-a', 'run-a'), ...quiet);
    const b = await api.train(request('copy-b', 'run-b'), ...quiet);
    const view = (run: typeof a) =>
      run.slots.map((s) => ({ slot: s.slot, counts: s.counts, metrics: s.metrics, scores: s.test?.scores }));
    expect(a.slots.filter((s) => s.status === 'done').length).toBeGreaterThan(1);
    expect(view(b)).toEqual(view(a));
  });

  it('trains 2 epochs per model, streams events and progress, and stores the models and the run', async () => {
    const { dbName, datasetId } = await datasetDb();
    const api = connect(dbName);
    const events: TrainingEvent[] = [];
    const progress: WorkerProgress[] = [];
    const run = await api.train(
      request(datasetId, 'run-1'),
      proxy((e: TrainingEvent) => events.push(e)),
      proxy((p: WorkerProgress) => progress.push(p)),
    );
    expect(run.status).toBe('done');
    expect(run.backend).toEqual({ requested: 'cpu', active: 'cpu', note: null });
    expect(run.datasetManifest.kind).toBe('classic');
    expect(run.datasetManifest.spec.samples).toBe(1500);
    expect(events[0]).toEqual({ type: 'backend', choice: { requested: 'cpu', active: 'cpu', note: null } });
    expect(events[1]?.type).toBe('plan');
    const done = run.slots.filter((s) => s.status === 'done').map((s) => s.slot);
    expect(done).toEqual(['global', 'single_family_house', 'apartment', 'condo', 'townhouse']);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(done.length * 2);
    expect(run.slots.find((s) => s.slot === 'studio')?.status).toBe('insufficient');
    expect(run.crossMatrix?.rows).toHaveLength(4);
    // Typed arrays survive the boundary.
    expect(run.slots[0]?.test?.scores).toBeInstanceOf(Float32Array);

    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual(fractions.toSorted((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);

    const db = await openWorkbenchDb(dbName);
    const stored = await getRun(db, 'run-1');
    expect(stored?.status).toBe('done');
    expect(stored?.slots).toHaveLength(9);
    expect(stored?.sizeBytes).toBeGreaterThan(0);
    const models = await listModels(db, { runId: 'run-1' });
    expect(models.map((m) => m.slot).sort()).toEqual([...done].sort());
    expect(
      models.every(
        (m) => m.version === '1.0.0' && m.backend === 'cpu' && (m.artifacts?.weightData.byteLength ?? 0) > 0,
      ),
    ).toBe(true);
    expect(run.slots.find((s) => s.slot === 'apartment')?.modelId).toBe('run-1:apartment');
    db.close();
  });

  it('same config twice ⇒ same metrics, and the second run bumps every model version', async () => {
    const { dbName, datasetId } = await datasetDb();
    const api = connect(dbName);
    const a = await api.train(
      request(datasetId, 'a'),
      proxy(() => undefined),
      proxy(() => undefined),
    );
    const b = await api.train(
      request(datasetId, 'b'),
      proxy(() => undefined),
      proxy(() => undefined),
    );
    expect(b.slots.map((s) => s.metrics)).toEqual(a.slots.map((s) => s.metrics));
    expect(b.slots.map((s) => s.baselines)).toEqual(a.slots.map((s) => s.baselines));
    expect(b.crossMatrix).toEqual(a.crossMatrix);
    const db = await openWorkbenchDb(dbName);
    expect(new Set((await listModels(db, { runId: 'b' })).map((m) => m.version))).toEqual(new Set(['1.0.1']));
    db.close();
  });

  it('stops mid-run: the run is stored as stopped, and the slots not yet started say so', async () => {
    const { dbName, datasetId } = await datasetDb();
    const api = connect(dbName);
    let sent = false;
    const run = await api.train(
      request(datasetId, 'stop-me', { epochs: 200, patience: 100 }),
      proxy((e: TrainingEvent) => {
        if (!sent && e.type === 'epoch') {
          sent = true;
          void api.stop('stop-me', null);
        }
      }),
      proxy(() => undefined),
    );
    expect(run.status).toBe('stopped');
    const global = run.slots[0];
    expect(global?.status).toBe('stopped');
    expect(global?.history.length).toBeGreaterThan(0);
    expect(global?.history.length).toBeLessThan(200);
    expect(global?.metrics).not.toBeNull();
    expect(run.slots.find((s) => s.slot === 'apartment')?.reason).toBe('Stopped before it started.');
    expect(run.slots.every((s) => s.status === 'stopped' || s.status === 'insufficient')).toBe(true);
    const db = await openWorkbenchDb(dbName);
    expect((await getRun(db, 'stop-me'))?.status).toBe('stopped');
    expect(await listModels(db, { runId: 'stop-me' })).toEqual([]);
    db.close();
  });

  it('stops one model and goes on with the others, storing the models that finished', async () => {
    const { dbName, datasetId } = await datasetDb();
    const api = connect(dbName);
    let sent = false;
    const run = await api.train(
      request(datasetId, 'one', { epochs: 200, patience: 3, learningRate: 0.01 }),
      proxy((e: TrainingEvent) => {
        if (!sent && e.type === 'epoch' && e.slot === 'global') {
          sent = true;
          void api.stop('one', 'global');
        }
      }),
      proxy(() => undefined),
    );
    expect(run.status).toBe('done');
    expect(run.slots[0]?.status).toBe('stopped');
    expect(run.slots[0]?.modelId).toBeNull();
    const done = run.slots.filter((s) => s.status === 'done').map((s) => s.slot);
    expect(done).toEqual(['single_family_house', 'apartment', 'condo', 'townhouse']);
    const db = await openWorkbenchDb(dbName);
    expect((await listModels(db, { runId: 'one' })).map((m) => m.slot).sort()).toEqual([...done].sort());
    db.close();
  });

  it('fails with a readable message and a failed run record when the label does not fit the dataset', async () => {
    const { dbName, datasetId } = await datasetDb();
    const api = connect(dbName);
    const req = request(datasetId, 'bad');
    await expect(
      api.train(
        { ...req, config: { ...req.config, label: 'horizon' } },
        proxy(() => undefined),
        proxy(() => undefined),
      ),
    ).rejects.toThrow(/needs a temporal dataset/);
    const db = await openWorkbenchDb(dbName);
    const stored = await getRun(db, 'bad');
    expect(stored?.status).toBe('failed');
    expect(stored?.error).toMatch(/needs a temporal dataset/);
    db.close();
    await expect(
      api.train(
        { ...req, config: { ...req.config, testFraction: 2 } },
        proxy(() => undefined),
        proxy(() => undefined),
      ),
    ).rejects.toThrow(/Invalid run settings: testFraction/);
  });
});
