import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { expose, releaseProxy, wrap, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { calibrateScores, type Calibrator } from '../domain/evaluation/calibration';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { selectBackend } from '../ml/backend';
import { predictGbdt } from '../domain/evaluation/gbdt';
import { networkArtifacts } from '../ml/model-body';
import { classicRows, failureModelRecord, treesModelRecord } from '../ml/model-fixtures';
import { openWorkbenchDb } from '../storage/db';
import { listModels, saveModel } from '../storage/models-repo';
import { runFixture } from '../storage/record-fixtures';
import type { ModelRecord } from '../storage/records';
import type { SlotResult } from '../domain/training/run-types';
import { putRun } from '../storage/runs-repo';
import { BATCH_COLUMNS } from '../services/models-batch';
import type { ExportedFile, ModelsApi } from './models.api';
import { createModelsEndpoint } from './models.endpoint';
import { createModelsService } from '../services/models-service';

let n = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
beforeAll(async () => {
  await tf.setBackend('cpu');
});

function connect(dbName: string): Remote<ModelsApi> {
  const { port1, port2 } = new MessageChannel();
  let ids = 0;
  const service = createModelsService({
    openDb: () => openWorkbenchDb(dbName),
    // Node: no lazy backend chunks; 'cpu' ships with tfjs.
    ensureBackend: () => selectBackend('cpu', async () => undefined).then((c) => c.active),
    now: () => Date.UTC(2025, 5, 3, 12),
    clock: () => performance.now(),
    newId: () => `new-${++ids}`,
  });
  expose(createModelsEndpoint(service), port2 as unknown as MessagePort & { start(): void } as never);
  const api = wrap<ModelsApi>(port1 as never);
  cleanups.push(() => {
    api[releaseProxy]();
    port1.close();
    port2.close();
  });
  return api;
}

/** A fresh database holding the given models (saved through the repo, which assigns versions). */
async function dbWith(models: Omit<ModelRecord, 'version'>[]): Promise<string> {
  const name = `models-${n++}`;
  const db = await openWorkbenchDb(name);
  for (const m of models) await saveModel(db, m);
  db.close();
  return name;
}

const logit = (p: number): number => Math.log(p / (1 - p));
/** A model of one slot that answers probability `p` for every device. */
const constant = (slot: 'global' | HomeType, p: number, createdAt = 1): Promise<Omit<ModelRecord, 'version'>> =>
  failureModelRecord(
    {
      id: `${slot}-${p}-${createdAt}`,
      name: `${slot} model`,
      slot,
      homeType: slot === 'global' ? null : slot,
      createdAt,
    },
    { constantBias: logit(p) },
  );

const asFile = (f: ExportedFile) => ({
  name: f.name,
  data: typeof f.data === 'string' ? new TextEncoder().encode(f.data).buffer : f.data,
});
const healthy = Object.fromEntries(
  METRICS.map((m, i) => [m, [250, 0.01, 85, -50, 0.5, 22, 45, 900, 1, 0, 600][i] ?? 0]),
);

describe('models worker contract over a MessageChannel', () => {
  it('exports a model in each format; importing the single file elsewhere stores it under a new id with identical predictions', async () => {
    const trained = await failureModelRecord(
      { id: 'run-1:apartment', slot: 'apartment', homeType: 'apartment' },
      { seed: 3 },
    );
    const source = await dbWith([trained]);
    const slot: SlotResult = {
      slot: 'apartment',
      status: 'done',
      reason: null,
      counts: {
        train: 700,
        val: 100,
        test: 200,
        trainPositives: 100,
        testPositives: 29,
        trainGroups: 700,
        testGroups: 200,
      },
      baseRate: 0.145,
      history: [],
      bestEpoch: 2,
      trainMs: 10,
      backend: 'cpu',
      modelId: 'run-1:apartment',
      threshold: 0.5,
      metrics: trained.metrics,
      baselines: null,
      test: null,
      scenarioRecall: [],
    };
    const db = await openWorkbenchDb(source);
    await putRun(db, runFixture({ id: 'run-1', name: 'Run one', slots: [slot] }));
    db.close();
    const api = connect(source);

    const [single] = await api.exportModel('run-1:apartment', 'single', '0.3.0');
    expect(single?.name).toBe('homesynth-model-apartment-v1.0.0.json');
    const file = JSON.parse(String(single?.data)) as {
      metadata: { training: { label: string; counts: { testPositives: number } }; appVersion: string };
    };
    expect(file.metadata.training).toMatchObject({ label: 'injected', counts: { testPositives: 29 } });
    expect(file.metadata.appVersion).toBe('0.3.0');
    const layers = await api.exportModel('run-1:apartment', 'layers', '0.3.0');
    expect(layers.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
    const weights = layers[1]?.data;
    expect(weights instanceof ArrayBuffer ? weights.byteLength : -1).toBe(
      networkArtifacts(trained, 'this test').weightData.byteLength,
    );
    const [card] = await api.exportModel('run-1:apartment', 'card', '0.3.0');
    expect(card?.name).toBe('homesynth-model-apartment-v1.0.0.md');
    expect(String(card?.data)).toContain('**carries an injected failure scenario**');
    expect((await api.snippets('run-1:apartment')).node).toContain("'./homesynth-model-apartment-v1.0.0.json'");

    const fresh = connect(await dbWith([]));
    if (!single) throw new Error('no single-file export');
    const outcome = await fresh.importModel([asFile(single)], '0.3.0');
    expect(outcome).toEqual({
      id: 'new-1',
      name: `${trained.name} (imported)`,
      version: '1.0.0',
      originalVersion: '1.0.0',
      slot: 'apartment',
      family: 'network',
      source: 'single-file',
    });
    const again = await fresh.importModel(layers.map(asFile), '0.3.0');
    expect(again).toMatchObject({ id: 'new-2', version: '1.0.1', source: 'layers' });

    const raw = classicRows(5, 17);
    for (let r = 0; r < 5; r++) {
      const values = Object.fromEntries(METRICS.map((m, j) => [m, raw[r * 11 + j] ?? 0]));
      const req = { deviceId: `d${r}`, homeType: 'apartment' as const, input: { kind: 'form' as const, values } };
      const a = await api.predict(req);
      const b = await fresh.predict(req);
      expect(b.probability).toBe(a.probability);
      expect(b.model).toEqual({
        id: 'new-2',
        name: `${trained.name} (imported)`,
        version: '1.0.1',
        slot: 'apartment',
        family: 'network',
      });
    }
  });

  it('rejects a bad file with its message and stores nothing', async () => {
    const name = await dbWith([]);
    const api = connect(name);
    await expect(
      api.importModel([{ name: 'x.json', data: new TextEncoder().encode('not json').buffer }], '0.1.0'),
    ).rejects.toThrow(/^"x\.json" is not JSON/);
    const db = await openWorkbenchDb(name);
    expect(await listModels(db)).toEqual([]);
    db.close();
  });

  it('refuses an oversized or non-probability network before starting TF.js, quickly, storing nothing', async () => {
    const source = connect(await dbWith([await failureModelRecord({ id: 'net' })]));
    const [single] = await source.exportModel('net', 'single', '0.3.0');
    if (!single) throw new Error('no export');
    type Layers = { model: { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } } };
    const edited = (
      edit: (layers: { config: Record<string, unknown> }[]) => void,
    ): { name: string; data: ArrayBuffer } => {
      const file = JSON.parse(String(single.data)) as Layers;
      edit(file.model.modelTopology.config.layers);
      return asFile({ ...single, data: JSON.stringify(file) });
    };
    const huge = edited((layers) => {
      const first = layers[0];
      if (first) first.config.units = 50_000_000;
    });
    const relu = edited((layers) => {
      const last = layers.at(-1);
      if (last) last.config.activation = 'relu';
    });
    const name = await dbWith([]);
    let backendStarts = 0;
    const service = createModelsService({
      openDb: () => openWorkbenchDb(name),
      ensureBackend: () => {
        backendStarts++;
        return selectBackend('cpu', async () => undefined).then((c) => c.active);
      },
      now: () => Date.UTC(2025, 5, 3, 12),
      clock: () => performance.now(),
      newId: () => 'imported-1',
    });
    const memory = tf.memory().numBytes;
    const started = performance.now();
    await expect(service.importModel([huge], '0.3.0')).rejects.toThrow(
      /^The network is too large to import: up to layer "[^"]+" \(Dense, 50,000,000 units\) the topology declares 550,000,000 parameters/,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(service.importModel([relu], '0.3.0')).rejects.toThrow(
      "The model's output is not a probability (last layer activation 'relu'): export a model whose last layer is sigmoid.",
    );
    expect(backendStarts).toBe(0);
    expect(tf.memory().numBytes).toBe(memory);
    const db = await openWorkbenchDb(name);
    expect(await listModels(db)).toEqual([]);
    db.close();
    expect(await service.importModel([asFile(single)], '0.3.0')).toMatchObject({ id: 'imported-1', family: 'network' });
    expect(backendStarts).toBe(1);
  });

  it("routes a device to its home type's model, else to the global model with a note, and reports the real version", async () => {
    const api = connect(
      await dbWith([
        await constant('global', 0.3),
        await constant('global', 0.35, 2),
        await constant('apartment', 0.9),
      ]),
    );
    const own = await api.predict({
      deviceId: 'dev-1',
      homeType: 'apartment',
      input: { kind: 'form', values: healthy },
    });
    expect(own).toMatchObject({
      routedTo: 'home-type',
      note: null,
      model: { slot: 'apartment', version: '1.0.0' },
      predictedFailure: true,
      featureSet: 'classic',
      missing: [],
    });
    expect(own.prediction).toMatchObject({
      device_id: 'dev-1',
      failure_probability: 90,
      risk_level: 'critical',
      model_version: '1.0.0',
      recommendations: ['Schedule immediate maintenance - high failure risk'],
    });
    const fallback = await api.predict({
      deviceId: 'dev-2',
      homeType: 'studio',
      input: { kind: 'form', values: healthy },
    });
    expect(fallback).toMatchObject({
      routedTo: 'global',
      model: { slot: 'global', version: '1.0.1' },
      predictedFailure: false,
    });
    expect(fallback.note).toBe(
      'No classic (11-metric) model for studio homes is stored: the global model answered instead.',
    );
    expect(fallback.prediction.failure_probability).toBe(35);

    // The original /predict body; its home_type overrides the form's, missing metrics count as 0.
    const pasted = await api.predict({
      deviceId: 'form-id',
      homeType: 'studio',
      input: {
        kind: 'json',
        text: JSON.stringify({
          device_id: 'synthetic_device_0007',
          home_type: 'apartment',
          metrics: { battery_level: 12, error_rate: 0.3 },
        }),
      },
    });
    expect(pasted.prediction.device_id).toBe('synthetic_device_0007');
    expect(pasted.routedTo).toBe('home-type');
    expect(pasted.missing).toHaveLength(9);
    expect(pasted.prediction.recommendations).toEqual([
      'Schedule immediate maintenance - high failure risk',
      'Replace or charge battery immediately',
      'Check device connectivity and configuration',
    ]);
    await expect(
      api.predict({ deviceId: 'x', homeType: null, input: { kind: 'json', text: '{"home_type": "castle"}' } }),
    ).rejects.toThrow(/^Unknown home type "castle"/);
    await expect(api.predict({ deviceId: 'x', homeType: null, input: { kind: 'json', text: '[1]' } })).rejects.toThrow(
      /^Paste one JSON object/,
    );
    await expect(
      api.predict({ deviceId: 'x', homeType: null, input: { kind: 'json', text: '{"battery' } }),
    ).rejects.toThrow(/^The pasted text is not JSON/);
  });

  it('puts probabilities at the risk boundaries in the right band, judged on the unrounded probability', async () => {
    const cases: [number, string, number][] = [
      [0.8001, 'critical', 80.01],
      [0.799996, 'high', 80],
      [0.6001, 'high', 60.01],
      [0.5999, 'medium', 59.99],
      [0.4001, 'medium', 40.01],
      [0.3999, 'low', 39.99],
      [0.2001, 'low', 20.01],
      [0.1999, 'minimal', 19.99],
    ];
    const slots = HOME_TYPES.slice(0, cases.length);
    const api = connect(await dbWith(await Promise.all(cases.map(([p], i) => constant(slots[i] ?? 'global', p)))));
    const got = [];
    for (const t of slots) {
      const r = await api.predict({ deviceId: t, homeType: t, input: { kind: 'form', values: healthy } });
      got.push([r.prediction.risk_level, r.prediction.failure_probability]);
    }
    expect(got).toEqual(cases.map(([, level, pct]) => [level, pct]));
  });

  it('predicts a CSV batch, each row routed by its home_type, with notes and a downloadable CSV', async () => {
    const api = connect(await dbWith([await constant('global', 0.25), await constant('apartment', 0.85)]));
    const header = ['device_id', 'home_type', 'note', ...METRICS].join(',');
    const row = (id: string, home: string, battery = '85'): string =>
      [id, home, '"a, b"', ...METRICS.map((m) => (m === 'battery_level' ? battery : String(healthy[m])))].join(',');
    const csv = [
      header,
      row('a1', 'apartment', '10'),
      row('s1', 'studio'),
      row('n1', ''),
      row('c1', 'castle'),
      row('e1', 'apartment', ''),
    ].join('\r\n');
    const result = await api.predictBatch({ csv, fileName: 'fleet.csv' });
    expect(result.fileName).toBe('fleet-predictions.csv');
    expect(result.rows).toBe(5);
    expect(result.byRisk).toEqual({ critical: 2, high: 0, medium: 0, low: 3, minimal: 0 });
    expect(result.byModel.map((m) => [m.slot, m.family, m.threshold, m.rows])).toEqual([
      ['apartment', 'network', 0.5, 2],
      ['global', 'network', 0.5, 3],
    ]);
    expect(result.notes).toEqual([
      '1 rows of studio homes used the global model: no studio model is stored.',
      '1 rows without a home type used the global model.',
      '1 rows had an unknown home type ("castle") and used the global model.',
      '1 empty cells counted as 0, as the original API did.',
    ]);
    const lines = result.csv.trim().split('\r\n');
    expect(lines[0]).toBe(BATCH_COLUMNS.join(','));
    expect(lines[1]).toMatch(
      /^a1,apartment,apartment,1\.0\.0,network,home-type,85,0\.85\d*,0\.5,critical,1,Schedule immediate maintenance - high failure risk; Replace or charge battery immediately$/,
    );
    expect(lines[3]).toMatch(
      /^n1,,global,1\.0\.0,network,global,25,0\.2[45]\d*,0\.5,low,0,Device operating normally - continue monitoring$/,
    );
    expect(result.preview).toHaveLength(5);

    await expect(api.predictBatch({ csv: 'device_id,battery_level\nx,1', fileName: 'f.csv' })).rejects.toThrow(
      /^The CSV lacks feature columns: response_time, error_rate, signal_strength/,
    );
    await expect(
      api.predictBatch({ csv: [header, row('a1', 'apartment', 'low')].join('\n'), fileName: 'f.csv' }),
    ).rejects.toThrow('CSV row 1, column battery_level: "low" is not a number.');
  });

  it('predicts temporal window summaries with temporal models: missing features count as the training mean', async () => {
    const d = FEATURE_NAMES.length;
    const temporal = await failureModelRecord(
      {
        id: 'temporal-global',
        featureNames: [...FEATURE_NAMES],
        standardizer: { mean: Array.from({ length: d }, () => 1), std: Array.from({ length: d }, () => 2) },
      },
      { constantBias: logit(0.65) },
    );
    const api = connect(await dbWith([temporal, await constant('global', 0.2)]));
    const r = await api.predict({
      deviceId: 'w1',
      homeType: 'condo',
      input: { kind: 'json', text: JSON.stringify({ battery_level_last: 9, battery_level_mean: 40 }) },
    });
    expect(r).toMatchObject({ featureSet: 'temporal', routedTo: 'global', model: { id: 'temporal-global' } });
    expect(r.missing).toHaveLength(d - 2);
    expect(r.prediction.risk_level).toBe('high');
    expect(r.prediction.recommendations).toEqual([
      'Schedule immediate maintenance - high failure risk',
      'Replace or charge battery immediately',
    ]);
    const csv = [FEATURE_NAMES.join(','), FEATURE_NAMES.map((_, j) => (j === 0 ? '' : '1')).join(',')].join('\n');
    const batch = await api.predictBatch({ csv, fileName: 'windows.csv' });
    expect(batch).toMatchObject({ featureSet: 'temporal', rows: 1, byModel: [{ id: 'temporal-global', rows: 1 }] });
    expect(batch.notes).toContain('1 empty cells counted as the training mean.');
    expect((await api.snippets('temporal-global')).node).toContain(
      "const raw = typeof device[name] === 'number' ? device[name] : standardizer.mean[i];",
    );
  });

  it('checks health by loading the stored model and running it', async () => {
    const m = await constant('global', 0.3);
    const api = connect(await dbWith([m]));
    const h = await api.checkHealth(m.id);
    expect(h.status).toBe('healthy');
    expect(h.knownRow.probability).toBeCloseTo(0.3, 6);
    expect(h.latencyMs.load).toBeGreaterThanOrEqual(0);
    expect((await api.checkHealth('missing')).status).toBe('unhealthy');
  });

  it('handles trees end to end: single-file export and import, no layers export, card, snippets, health', async () => {
    const trees = await treesModelRecord({ id: 'run-1:trees:global' });
    const api = connect(await dbWith([trees]));
    const [single] = await api.exportModel(trees.id, 'single', '0.3.0');
    expect(single?.name).toBe('homesynth-model-global-trees-v1.0.0.json');
    const file = JSON.parse(String(single?.data)) as {
      formatVersion: number;
      model: { family: string };
      metadata: { family: string; thresholdRule: unknown };
    };
    expect(file).toMatchObject({
      formatVersion: 3,
      model: { family: 'trees' },
      metadata: { family: 'trees', thresholdRule: { kind: 'max-f1' } },
    });
    await expect(api.exportModel(trees.id, 'layers', '0.3.0')).rejects.toThrow(
      /^Boosted trees are not a TF\.js model, so they have no model\.json \+ weights\.bin: export the single JSON file/,
    );
    const [card] = await api.exportModel(trees.id, 'card', '0.3.0');
    expect(String(card?.data)).toContain('## Trees and training');
    expect((await api.snippets(trees.id)).node).toContain("'./homesynth-model-global-trees-v1.0.0.json'");
    const health = await api.checkHealth(trees.id);
    expect(health).toMatchObject({
      status: 'healthy',
      family: 'trees',
      backend: 'none (trees run in plain TypeScript)',
    });

    const fresh = connect(await dbWith([]));
    if (!single) throw new Error('no export');
    expect(await fresh.importModel([asFile(single)], '0.3.0')).toMatchObject({
      id: 'new-1',
      version: '1.0.0',
      family: 'trees',
      source: 'single-file',
    });
    const raw = classicRows(1, 4);
    const values = Object.fromEntries(METRICS.map((m, j) => [m, raw[j] ?? 0]));
    const r = await fresh.predict({ deviceId: 'd', homeType: null, input: { kind: 'form', values } });
    if (trees.trees === undefined) throw new Error('no trees');
    expect(r.probability).toBe(predictGbdt(trees.trees, raw, 1, 11)[0]);
    expect(r).toMatchObject({
      threshold: 0.35,
      predictedFailure: r.probability >= 0.35,
      model: { id: 'new-1', family: 'trees' },
      routedTo: 'global',
    });
  });

  it('predicts with the model the user picked, and the batch takes the newest model per slot (or the family asked for), saying which family and threshold answered', async () => {
    const net = await constant('global', 0.3, 1);
    const trees = await treesModelRecord({ id: 'trees-global', createdAt: 2, threshold: 0.2 });
    const api = connect(await dbWith([net, trees]));
    const partial = { battery_level: 10, response_time: 250 };
    const routed = await api.predict({ deviceId: 'd', homeType: 'studio', input: { kind: 'form', values: partial } });
    expect(routed).toMatchObject({
      routedTo: 'global',
      model: { id: 'trees-global', family: 'trees', version: '1.0.0' },
      threshold: 0.2,
    });
    if (trees.trees === undefined) throw new Error('no trees');
    // Missing metrics are NaN for trees (each split routes them), not 0.
    const row = Float32Array.from(METRICS, (m) =>
      m === 'battery_level' ? 10 : m === 'response_time' ? 250 : Number.NaN,
    );
    expect(routed.probability).toBe(predictGbdt(trees.trees, row, 1, 11)[0]);
    expect(routed.missing).toHaveLength(9);

    const picked = await api.predict({
      deviceId: 'd',
      homeType: 'studio',
      input: { kind: 'form', values: healthy },
      modelId: net.id,
    });
    expect(picked).toMatchObject({
      routedTo: 'chosen',
      note: null,
      model: { id: net.id, family: 'network' },
      threshold: 0.5,
    });
    expect(picked.probability).toBeCloseTo(0.3, 6);
    await expect(
      api.predict({
        deviceId: 'd',
        homeType: null,
        input: { kind: 'json', text: '{"battery_level_last": 3}' },
        modelId: net.id,
      }),
    ).rejects.toThrow(/reads the 11 classic metrics, but the input gives temporal window features/);
    await expect(
      api.predict({ deviceId: 'd', homeType: null, input: { kind: 'form', values: healthy }, modelId: 'gone' }),
    ).rejects.toThrow(/no longer exists/);

    const header = ['device_id', ...METRICS].join(',');
    const csv = [header, ['x1', ...METRICS.map((m) => (m === 'humidity' ? '' : String(healthy[m])))].join(',')].join(
      '\n',
    );
    const newest = await api.predictBatch({ csv, fileName: 'f.csv' });
    expect(newest.byModel).toEqual([
      {
        id: 'trees-global',
        name: trees.name,
        version: '1.0.0',
        slot: 'global',
        family: 'trees',
        threshold: 0.2,
        rows: 1,
      },
    ]);
    expect(newest.preview[0]).toMatchObject({ model_family: 'trees', threshold: 0.2 });
    expect(newest.notes).toContain(
      '1 empty cells counted as missing (each tree routes it down its missing-value branch).',
    );
    const networks = await api.predictBatch({ csv, fileName: 'f.csv', family: 'network' });
    expect(networks.byModel.map((m) => [m.id, m.family])).toEqual([[net.id, 'network']]);
    expect(networks.preview[0]?.probability).toBeCloseTo(0.3, 6);
    expect(networks.notes).toContain('1 empty cells counted as 0, as the original API did.');
  });
  it('applies the calibrator after the network or trees, in single and batch predictions, health, exports and after import', async () => {
    // Raw 0.3 is below the threshold 0.5; Platt maps it to sigmoid(logit(0.3) + 1.5) ≈ 0.66, above it.
    const platt: Calibrator = { method: 'platt', a: 1, b: 1.5 };
    const net = await failureModelRecord({ id: 'cal-net', calibration: platt }, { constantBias: logit(0.3) });
    const isotonic: Calibrator = { method: 'isotonic', x: [0.05, 0.2, 0.6, 0.95], y: [0.01, 0.1, 0.7, 0.9] };
    const trees = await treesModelRecord({
      id: 'cal-trees',
      slot: 'apartment',
      homeType: 'apartment',
      calibration: isotonic,
    });
    // The same network without its calibrator (older, so routing picks the calibrated one).
    const uncalibrated = { ...net, id: 'plain', calibration: null, createdAt: 0 };
    const api = connect(await dbWith([net, trees, uncalibrated]));
    const forest = trees.trees;
    if (forest === undefined) throw new Error('no trees');
    const treesRaw = (row: Float32Array): number => predictGbdt(forest, row, 1, 11)[0] ?? Number.NaN;

    const r = await api.predict({ deviceId: 'd', homeType: 'studio', input: { kind: 'form', values: healthy } });
    const netOutput = (
      await api.predict({ deviceId: 'd', homeType: null, input: { kind: 'form', values: healthy }, modelId: 'plain' })
    ).probability;
    expect(netOutput).toBeCloseTo(0.3, 6);
    expect(r.probability).toBe(calibrateScores(platt, [netOutput])[0]);
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-(logit(0.3) + 1.5))), 6);
    expect(r).toMatchObject({
      model: { id: 'cal-net' },
      threshold: 0.5,
      predictedFailure: true,
      prediction: { risk_level: 'high' },
    });

    const raw = classicRows(1, 12);
    const values = Object.fromEntries(METRICS.map((m, j) => [m, raw[j] ?? 0]));
    const t = await api.predict({ deviceId: 'a', homeType: 'apartment', input: { kind: 'form', values } });
    const treesCalibrated = calibrateScores(isotonic, [treesRaw(raw)])[0] ?? Number.NaN;
    expect(t.probability).toBe(treesCalibrated);
    expect(t.probability).not.toBeCloseTo(treesRaw(raw), 3);
    expect(t.predictedFailure).toBe(treesCalibrated >= trees.threshold);

    const header = ['device_id', 'home_type', ...METRICS].join(',');
    const csv = [
      header,
      ['n1', 'studio', ...METRICS.map((m) => String(healthy[m]))].join(','),
      ['a1', 'apartment', ...METRICS.map((_, j) => String(raw[j]))].join(','),
    ].join('\n');
    const batch = await api.predictBatch({ csv, fileName: 'f.csv' });
    expect(batch.preview.map((row) => [row.device_id, row.probability, row.predicted_failure])).toEqual([
      ['n1', r.probability, 1],
      ['a1', t.probability, treesCalibrated >= trees.threshold ? 1 : 0],
    ]);

    const health = await api.checkHealth('cal-net');
    expect(health.status).toBe('healthy');
    expect(health.knownRow.probability).toBe(r.probability);
    expect(health.checks.find((c) => c.id === 'metadata_exists')?.detail).toContain(
      'on scores calibrated by Platt scaling (a = 1.00, b = 1.50)',
    );
    expect((await api.checkHealth('cal-trees')).knownRow.probability).toBe(
      calibrateScores(isotonic, [treesRaw(Float32Array.from(trees.standardizer.mean))])[0],
    );
    const [card] = await api.exportModel('cal-trees', 'card', '0.3.0');
    expect(String(card?.data)).toContain(
      'Its scores are calibrated by isotonic regression (4 knots), fitted on validation devices; the threshold applies to calibrated probabilities.',
    );
    expect((await api.snippets('cal-net')).node).toContain('return Math.fround(calibrate(p));');

    // Exported and imported elsewhere (the network in both formats), the calibrator comes along.
    const freshName = await dbWith([]);
    const fresh = connect(freshName);
    const imported = [
      await fresh.importModel((await api.exportModel('cal-net', 'single', '0.3.0')).map(asFile), '0.3.0'),
      await fresh.importModel((await api.exportModel('cal-net', 'layers', '0.3.0')).map(asFile), '0.3.0'),
      await fresh.importModel((await api.exportModel('cal-trees', 'single', '0.3.0')).map(asFile), '0.3.0'),
    ];
    const db = await openWorkbenchDb(freshName);
    const stored = await listModels(db);
    db.close();
    expect(stored.toSorted((a, b) => a.id.localeCompare(b.id)).map((m) => m.calibration)).toEqual([
      platt,
      platt,
      isotonic,
    ]);
    for (const [i, outcome] of imported.entries()) {
      const again = await fresh.predict({
        deviceId: 'x',
        homeType: null,
        input: { kind: 'form', values: i < 2 ? healthy : values },
        modelId: outcome.id,
      });
      expect(again.probability).toBe(i < 2 ? r.probability : t.probability);
      expect(again.predictedFailure).toBe(i < 2 ? r.predictedFailure : t.predictedFailure);
    }
  });
});
