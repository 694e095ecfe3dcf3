import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { METRICS } from '../domain/device-types';
import { applyCalibrator, calibrateScores, type Calibrator } from '../domain/evaluation/calibration';
import { defaultGbdtConfig, predictGbdt } from '../domain/evaluation/gbdt';
import { applyStandardizer } from '../domain/evaluation/standardize';
import type { TrainedModel, ModelArtifacts } from '../domain/models/model-types';
import { defaultNetworkConfig } from '../domain/training/network-config';
import { metricSetFixture } from '../domain/training/run-fixtures';
import { artifactsToModel } from './model-artifacts';
import { modelBody, networkArtifacts } from './model-body';
import { modelCard } from './model-card';
import {
  exportFileStem,
  exportMetadata,
  layersModelFiles,
  singleModelFile,
  singleModelFileText,
  type ExportInput,
} from './model-export';
import type { TrainingProvenance } from './model-file-format';
import { classicRows, classicStandardizer, failureModelRecord, fixtureTrees, treesModelRecord } from './model-fixtures';
import { parsedArtifacts, readModelFiles } from './model-import';
import { modelSnippets } from './model-snippet';
import { predictProba } from './train-loop';

const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'homesynth-export-'));
  // Scripts in `dir` resolve '@tensorflow/tfjs' through this link, as in a project that installed it.
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stored(over: Partial<Omit<TrainedModel, 'version' | 'artifacts'>> = {}): Promise<TrainedModel> {
  return { ...(await failureModelRecord(over)), version: '1.0.3' };
}

async function storedTrees(
  over: Partial<Omit<TrainedModel, 'version' | 'artifacts' | 'trees' | 'family'>> = {},
): Promise<TrainedModel> {
  return { ...(await treesModelRecord(over)), version: '1.0.1' };
}

const exportOf = (record: TrainedModel): ExportInput => ({
  record,
  training: null,
  appVersion: '0.2.0',
  exportedAt: '2025-06-03T00:00:00.000Z',
});
const net = (record: TrainedModel): ModelArtifacts => networkArtifacts(record, 'this test');

/** A provenance with the fields every card test shares. */
function provenance(over: Partial<TrainingProvenance> = {}): TrainingProvenance {
  return {
    runName: 'Train me · injected · seed 42',
    label: 'injected',
    split: 'grouped',
    network: null,
    trees: null,
    counts: { train: 140, val: 20, test: 40, trainPositives: 21, testPositives: 6, trainGroups: 140, testGroups: 40 },
    baseRate: 0.15,
    epochs: 4,
    bestEpoch: 3,
    thresholdValidation: null,
    ...over,
  };
}

async function predictions(
  artifacts: ModelArtifacts,
  record: TrainedModel,
  raw: Float32Array,
  n: number,
): Promise<number[]> {
  const model = await artifactsToModel(artifacts);
  try {
    return Array.from(predictProba(model, applyStandardizer(raw, 11, record.standardizer), n, 11));
  } finally {
    model.dispose();
  }
}

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer;

describe('single-file export', () => {
  it('writes topology, base64 weights and metadata, with undefined metrics as null', async () => {
    const record = await stored({
      metrics: {
        ...metricSetFixture(),
        rocAuc: { estimate: Number.NaN, low: Number.NaN, high: Number.NaN, level: 0.95, resamples: 100, valid: 0 },
      },
    });
    const file = singleModelFile(exportOf(record));
    expect(file.format).toBe('homesynth-model');
    expect(file.formatVersion).toBe(3);
    if (file.model.family !== 'network') throw new Error('expected a network block');
    expect(file.model.weightSpecs.map((s) => s.shape)).toEqual([[11, 8], [8], [8, 4], [4], [4, 1], [1]]);
    expect(atob(file.model.weightsBase64).length).toBe(net(record).weightData.byteLength);
    expect(file.metadata).toMatchObject({
      family: 'network',
      thresholdRule: null,
      featureNames: [...METRICS],
      version: '1.0.3',
      slot: 'global',
      appVersion: '0.2.0',
      trainedWithAppVersion: '0.1.0',
      sourceModelId: 'run-1:global',
      trainedAt: '2025-06-02T07:00:00.000Z',
    });
    const json = JSON.parse(singleModelFileText(exportOf(record))) as {
      metadata: { metrics: { rocAuc: { estimate: unknown; level: unknown } } };
    };
    expect(json.metadata.metrics.rocAuc).toMatchObject({ estimate: null, level: 0.95 });
    expect(exportFileStem(record)).toBe('homesynth-model-global-v1.0.3');
  });

  it('export then import gives identical predictions and the same metadata', async () => {
    const record = await stored();
    const parsed = await readModelFiles([{ name: 'm.json', data: bytes(singleModelFileText(exportOf(record))) }]);
    expect(parsed.source).toBe('single-file');
    expect(parsed.metadata.featureNames).toEqual([...METRICS]);
    expect(parsed.metadata.standardizer).toEqual(record.standardizer);
    expect(parsed.metadata.metrics).toEqual(record.metrics);
    const raw = classicRows(64);
    const before = await predictions(net(record), record, raw, 64);
    expect(await predictions(parsedArtifacts(parsed), record, raw, 64)).toEqual(before);
    expect(new Set(before.map((p) => p.toFixed(3))).size).toBeGreaterThan(10);
  });

  it('carries the clip of the standardiser and the threshold rule in the metadata', async () => {
    const record = await stored({
      standardizer: { ...classicStandardizer(), clip: 5 },
      threshold: 0.27,
      thresholdRule: { kind: 'target-recall', recall: 0.8 },
    });
    const parsed = await readModelFiles([{ name: 'm.json', data: bytes(singleModelFileText(exportOf(record))) }]);
    expect(parsed.metadata).toMatchObject({
      family: 'network',
      threshold: 0.27,
      thresholdRule: { kind: 'target-recall', recall: 0.8 },
      standardizer: { clip: 5 },
    });
  });
});

describe('trees export', () => {
  it('writes the trees, not TF.js artifacts, in the single file and imports them back with identical predictions', async () => {
    const record = await storedTrees({ standardizer: { ...classicStandardizer(), clip: 5 } });
    const file = singleModelFile(exportOf(record));
    expect(file.formatVersion).toBe(3);
    expect(file.model).toEqual({ family: 'trees', trees: record.trees });
    expect(file.metadata).toMatchObject({
      family: 'trees',
      threshold: 0.35,
      thresholdRule: { kind: 'max-f1' },
      slot: 'global',
    });
    expect(exportFileStem(record)).toBe('homesynth-model-global-trees-v1.0.1');

    const parsed = await readModelFiles([{ name: 'm.json', data: bytes(singleModelFileText(exportOf(record))) }]);
    const body = parsed.body;
    if (body.family !== 'trees' || record.trees === undefined) throw new Error('expected trees');
    const raw = classicRows(50, 8);
    raw[3] = Number.NaN;
    expect(Array.from(predictGbdt(body.trees, raw, 50, 11))).toEqual(
      Array.from(predictGbdt(record.trees, raw, 50, 11)),
    );
    expect(parsed.metadata).toMatchObject({ family: 'trees', threshold: 0.35, thresholdRule: { kind: 'max-f1' } });
  });

  it('has no TF.js layers export', async () => {
    const record = await storedTrees();
    expect(() => layersModelFiles(exportOf(record))).toThrow(
      'The TF.js layers export (model.json + weights.bin) needs a TF.js network, but "Fixture run · global · trees" is a gradient-boosted trees model.',
    );
  });
});

describe('layers export (model.json + weights.bin)', () => {
  it('loads with plain tf.loadLayersModel over HTTP, carries the metadata, and predicts the same values', async () => {
    const record = await stored();
    const files = layersModelFiles(exportOf(record));
    const json = JSON.parse(files.modelJson) as { weightsManifest: { paths: string[] }[] };
    expect(json.weightsManifest[0]?.paths).toEqual(['./weights.bin']);
    const served: Record<string, BodyInit> = { '/m/model.json': files.modelJson, '/m/weights.bin': files.weights };
    const fetchFunc = async (url: URL | RequestInfo): Promise<Response> => {
      const body = served[new URL(url instanceof Request ? url.url : url).pathname];
      return body === undefined ? new Response('missing', { status: 404 }) : new Response(body);
    };
    const model = await tf.loadLayersModel('http://models.test/m/model.json', { fetchFunc });
    const raw = classicRows(40, 9);
    const got = Array.from(predictProba(model, applyStandardizer(raw, 11, record.standardizer), 40, 11));
    expect(got).toEqual(await predictions(net(record), record, raw, 40));
    expect(model.getUserDefinedMetadata()).toMatchObject({
      homesynth: { featureNames: [...METRICS], standardizer: record.standardizer, threshold: 0.5 },
    });
    model.dispose();
  });

  it('loads from the two files on disk with tf.io.fromMemory and predicts the same values', async () => {
    const record = await stored();
    const files = layersModelFiles(exportOf(record));
    await writeFile(join(dir, 'model.json'), files.modelJson);
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(files.weights));
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
      modelTopology: object;
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
    };
    const buf = await readFile(join(dir, 'weights.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
      }),
    );
    const raw = classicRows(16, 4);
    expect(Array.from(predictProba(model, applyStandardizer(raw, 11, record.standardizer), 16, 11))).toEqual(
      await predictions(net(record), record, raw, 16),
    );
    model.dispose();
  });
});

describe('usage snippets', () => {
  it('run as written (Node with the single file; the web page with model.json + weights.bin) and print the probability the app computes, clipping as it does', async () => {
    // A tight clip, so the device below (two std from the mean on many metrics) is clipped.
    const record = await stored({ standardizer: { ...classicStandardizer(), clip: 1 } });
    const stem = exportFileStem(record);
    const snippets = modelSnippets(record, `${stem}.json`, tf.version.tfjs);
    await writeFile(join(dir, `${stem}.json`), singleModelFileText(exportOf(record)));
    const files = layersModelFiles(exportOf(record));
    await writeFile(join(dir, 'model.json'), files.modelJson);
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(files.weights));
    // A device away from the training mean, without humidity (a missing classic metric counts as 0).
    const raw = classicRows(1, 21);
    raw[METRICS.indexOf('humidity')] = 0;
    const device = Object.fromEntries(METRICS.filter((m) => m !== 'humidity').map((m) => [m, raw[METRICS.indexOf(m)]]));
    const withDevice = (code: string): string =>
      code.replace(/failureProbability\(\{[^}]*\}\)/, `failureProbability(${JSON.stringify(device)})`);
    await writeFile(join(dir, 'predict.mjs'), withDevice(snippets.node));
    const page = /<script type="module">\n([\s\S]*)<\/script>/.exec(snippets.web)?.[1] ?? '';
    // What the page's <script src=tf.min.js> tag and the web server provide, for a Node stand-in of the page.
    const browser = [
      "import * as tfjs from '@tensorflow/tfjs';",
      "import { readFile } from 'node:fs/promises';",
      'globalThis.tf = tfjs;',
      'globalThis.fetch = async (url) => new Response(await readFile(new URL(String(url), import.meta.url)));',
    ].join('\n');
    await writeFile(join(dir, 'page.mjs'), `${browser}\n${withDevice(page)}`);
    const [node, web] = await Promise.all([
      run(process.execPath, [join(dir, 'predict.mjs')]),
      run(process.execPath, [join(dir, 'page.mjs')]),
    ]);

    const [expected] = await predictions(net(record), record, raw, 1);
    expect(expected).not.toBeCloseTo(0.5, 2);
    const [unclipped] = await predictions(net(record), { ...record, standardizer: classicStandardizer() }, raw, 1);
    expect(unclipped).not.toBeCloseTo(expected ?? Number.NaN, 4);
    for (const out of [node.stdout, web.stdout]) {
      const printed = Number(/failure probability: ([\d.]+)/.exec(out)?.[1]);
      expect(printed).toBeCloseTo(expected ?? Number.NaN, 6);
    }
    expect(snippets.web).toContain(`@tensorflow/tfjs@${tf.version.tfjs}/dist/tf.min.js`);
    expect(snippets.node).toContain(`readFile(new URL('./${stem}.json', import.meta.url)`);
  }, 60_000);
});

describe('trees snippets', () => {
  /** The body of `failureProbability` as the Node snippet writes it, evaluated with the file's values. */
  function snippetScorer(code: string, file: unknown): (device: Record<string, number>) => number {
    const fn = /^function failureProbability[\s\S]*?^}$/m.exec(code)?.[0];
    if (fn === undefined) throw new Error('no failureProbability in the snippet');
    const scorer: unknown = runInNewContext(
      `const { featureNames, threshold } = file.metadata;\nconst { baseScore, trees } = file.model.trees;\n${fn}\nfailureProbability;`,
      { file },
    );
    if (typeof scorer !== 'function') throw new Error('the snippet did not define a function');
    return (device) => Number(scorer(device));
  }

  it('score like predictGbdt, also with missing features, in plain JavaScript (Node run as written, and row by row in a VM)', async () => {
    const record = await storedTrees();
    const stem = exportFileStem(record);
    const snippets = modelSnippets(record, `${stem}.json`, tf.version.tfjs);
    expect(snippets.node).not.toContain('@tensorflow');
    expect(snippets.web).not.toContain('@tensorflow');
    expect(snippets.node.split('\n').length).toBeLessThan(40);
    const text = singleModelFileText(exportOf(record));
    const trees = modelBody(record);
    if (trees.family !== 'trees') throw new Error('expected trees');

    // Row by row: 40 devices, some with a metric left out (NaN for the app, absent for the snippet).
    const n = 40;
    const raw = classicRows(n, 31);
    for (let r = 0; r < n; r += 3)
      raw[r * 11 + METRICS.indexOf(r % 2 === 0 ? 'battery_level' : 'error_rate')] = Number.NaN;
    const expected = predictGbdt(trees.trees, raw, n, 11);
    const score = snippetScorer(snippets.node, JSON.parse(text));
    for (let r = 0; r < n; r++) {
      const device = Object.fromEntries(
        METRICS.flatMap((m, j) => (Number.isNaN(raw[r * 11 + j]) ? [] : [[m, raw[r * 11 + j] ?? 0]])),
      );
      expect(score(device)).toBeCloseTo(expected[r] ?? Number.NaN, 6);
    }
    expect(new Set(Array.from(expected, (p) => p.toFixed(3))).size).toBeGreaterThan(5);

    // As written: the Node file next to the export, and the web page with fetch served from disk.
    await writeFile(join(dir, `${stem}.json`), text);
    const device = Object.fromEntries(METRICS.map((m, j) => [m, raw[j] ?? 0]).filter(([, v]) => !Number.isNaN(v)));
    const withDevice = (code: string): string =>
      code.replace(/failureProbability\(\{[^}]*\}\)/, `failureProbability(${JSON.stringify(device)})`);
    await writeFile(join(dir, 'predict-trees.mjs'), withDevice(snippets.node));
    const page = /<script type="module">\n([\s\S]*)<\/script>/.exec(snippets.web)?.[1] ?? '';
    const server =
      "import { readFile } from 'node:fs/promises';\nglobalThis.fetch = async (url) => new Response(await readFile(new URL(String(url), import.meta.url)));";
    await writeFile(join(dir, 'page-trees.mjs'), `${server}\n${withDevice(page)}`);
    const [node, web] = await Promise.all([
      run(process.execPath, [join(dir, 'predict-trees.mjs')]),
      run(process.execPath, [join(dir, 'page-trees.mjs')]),
    ]);
    for (const out of [node.stdout, web.stdout]) {
      expect(Number(/failure probability: ([\d.]+)/.exec(out)?.[1])).toBeCloseTo(expected[0] ?? Number.NaN, 6);
      expect(out).toContain(`(predicted failure: ${(expected[0] ?? 0) >= record.threshold})`);
    }
    expect(snippets.node).toContain(`readFile(new URL('./${stem}.json', import.meta.url)`);
    expect(snippets.web).toContain(`fetch('./${stem}.json')`);
  }, 60_000);
});

describe('model card', () => {
  it('says what the model predicts, from which data, its metrics with intervals and its limits', async () => {
    const record = await stored({ slot: 'studio', homeType: 'studio' });
    const card = modelCard(
      exportMetadata({
        ...exportOf(record),
        training: provenance({
          network: {
            hiddenUnits: [8, 4],
            dropout: 0.1,
            learningRate: 0.01,
            epochs: 4,
            batchSize: 256,
            patience: 5,
            classWeights: true,
            seed: 42,
            stopOn: 'log-loss',
            lrPlateau: 0,
            clip: 0,
            encodingBins: 0,
            warmStart: false,
          },
        }),
      }),
    );
    expect(card.split('\n')[0]).toBe('# Fixture run · global');
    expect(card).toContain(
      'A failure model for **studio** homes (one model per home type), version **1.0.3**: a dense neural network',
    );
    expect(card).toContain('**carries an injected failure scenario**');
    expect(card).toContain(
      'at least **0.5** (the fixed 0.5 of models trained before thresholds were chosen on validation devices).',
    );
    expect(card).toContain('| F1 | 0.900 | 0.800 – 0.950 |');
    expect(card).toContain('| 3 | `battery_level` | 72.2000 | 24.0000 |');
    expect(card).toContain('| test (held out) | 40 | 6 | 40 |');
    expect(card).toContain('Only 6 positive test samples');
    expect(card).toContain('Dense network: hidden layers of 8 → 4 units (ReLU), dropout 0.1, one sigmoid output.');
    expect(card).toContain('best epoch 4 of 4 kept');
    expect(card).not.toContain('fine-tuned');
    expect(card).not.toContain('piecewise-linear');
    expect(card).toContain('## Limits');
  });

  it('describes the horizon label of a temporal model with its H from the dataset manifest', async () => {
    const meta = exportMetadata(
      exportOf(
        await stored({
          datasetManifest: { kind: 'temporal', spec: { horizonDays: 7, homes: 50 }, appVersion: '0.1.0' },
        }),
      ),
    );
    const card = modelCard({
      ...meta,
      training: provenance({
        label: 'horizon',
        split: 'time',
        network: {
          hiddenUnits: [],
          dropout: 0,
          learningRate: 0.01,
          epochs: 2,
          batchSize: 8,
          patience: 1,
          classWeights: false,
          seed: 1,
          stopOn: 'log-loss',
          lrPlateau: 0,
          clip: 0,
          encodingBins: 0,
          warmStart: false,
        },
        counts: { train: 1, val: 1, test: 1, trainPositives: 1, testPositives: 40, trainGroups: 1, testGroups: 1 },
      }),
    });
    expect(card).toContain('**fails within the next 7 days**');
    expect(card).toContain('time-blocked (trained on earlier samples, tested on later ones)');
    expect(card).toContain('Dense network: no hidden layer (logistic regression), one sigmoid output.');
    expect(card).not.toContain('positive test samples: the intervals above are wide');
  });

  it('says so when the training run is unknown', async () => {
    const card = modelCard(exportMetadata(exportOf(await stored())));
    expect(card).toContain('The label it was trained on is not recorded');
    expect(card).toContain('Sample counts and the split are not recorded');
    expect(card).not.toContain('## Network and training');
  });

  it('names the piecewise-linear encoding, the warm start from the global network, the clip and the threshold rule with its validation figures', async () => {
    const edges = classicStandardizer().mean.map(() => [-1, 0, 1]);
    const record = {
      ...(await failureModelRecord(
        {
          slot: 'apartment',
          homeType: 'apartment',
          standardizer: { ...classicStandardizer(), clip: 5 },
          threshold: 0.31,
          thresholdRule: { kind: 'max-f1' },
        },
        { edges },
      )),
      version: '1.0.0',
    };
    const training = provenance({
      network: defaultNetworkConfig(),
      thresholdValidation: { precision: 0.5, recall: 0.75, f1: 0.6, falseAlarmsPer100DeviceMonths: 3.25, note: null },
    });
    const card = modelCard(exportMetadata({ ...exportOf(record), training }), modelBody(record));
    expect(card).toContain(
      'at least **0.31**, chosen by the rule: highest F1 on validation devices. On those validation devices it reached precision 0.500, recall 0.750, F1 0.600, 3.3 false alarms per 100 device-months.',
    );
    expect(card).toContain(
      'each standardised as (x − mean) / std with the training-set values below, then clipped to ±5.',
    );
    expect(card).toContain('**piecewise-linear encoding** of the standardised inputs into 22 columns');
    expect(card).toContain('**fine-tuned from the global network** of the same run');
    expect(card).toContain('| validation (early stopping, threshold) | 20 |');
    expect(card).toContain('A per-home-type network fine-tuned on apartment devices only');
  });

  it('describes trees: their number, leaves, depth, learning rate, best round and what splits gain most', async () => {
    const trees = await fixtureTrees(12);
    const record = {
      ...(await treesModelRecord({ threshold: 0.42, thresholdRule: { kind: 'target-recall', recall: 0.8 } }, trees)),
      version: '1.0.0',
    };
    const training = provenance({
      trees: { ...defaultGbdtConfig(), learningRate: 0.05, maxLeaves: 8 },
      epochs: 12,
      bestEpoch: 11,
      thresholdValidation: { precision: 0.4, recall: 0.8, f1: 0.53, falseAlarmsPer100DeviceMonths: null, note: null },
    });
    const card = modelCard(exportMetadata({ ...exportOf(record), training }), modelBody(record));
    expect(card).toContain(
      'version **1.0.0**: gradient-boosted decision trees, trained 2025-06-02T07:00:00.000Z with HomeSynth Workbench 0.1.0.',
    );
    expect(card).toContain(`**${trees.trees.length} trees** (best round 12 of 12 trained; later rounds were dropped)`);
    expect(card).toMatch(/\d+ leaves in all, depth at most \d+; base score -?\d+\.\d{4} \(log-odds\)/);
    expect(card).toContain('Learning rate 0.05, up to 300 rounds, leaf-wise growth up to 8 leaves per tree');
    expect(card).toContain(
      'at least **0.42**, chosen by the rule: recall ≥ 0.8 on validation devices. On those validation devices it reached precision 0.400, recall 0.800, F1 0.530.',
    );
    expect(card).toContain('as raw values: the trees are not standardised');
    expect(card).toContain('| # | feature | training mean | training std | share of split gain |');
    expect(card).toMatch(/Most split gain: `(battery_level|error_rate)` \d+ %/);
    expect(card).toContain('## Trees and training');
    expect(card).not.toContain('## Network and training');
    expect(card).toContain('they cannot extrapolate a trend');
  });
});

/** Calibrators that move the fixture models' probabilities a lot (and flip decisions at their thresholds). */
const CALIBRATORS: readonly Calibrator[] = [
  { method: 'platt', a: 1.5, b: -1 },
  {
    method: 'isotonic',
    x: [0.1, 0.3, 0.45, 0.5, 0.55, 0.7, 0.9, 0.995],
    y: [0.02, 0.1, 0.2, 0.3, 0.6, 0.7, 0.75, 0.9],
  },
];

/** A snippet's `calibrate` function (indented or not), evaluated with `calibration` as the file holds it. */
function snippetCalibrate(code: string, calibration: unknown): (p: number) => number {
  const fn = /^( *)function calibrate\(p\) \{[\s\S]*?^\1}$/m.exec(code)?.[0];
  if (fn === undefined) throw new Error('no calibrate in the snippet');
  const calibrate: unknown = runInNewContext(`const calibration = file.metadata.calibration;\n${fn}\ncalibrate;`, {
    file: { metadata: { calibration } },
  });
  if (typeof calibrate !== 'function') throw new Error('the snippet did not define calibrate');
  return (p) => Number(calibrate(p));
}

/** Scores at and around every knot, the clip of the logit, the ends of [0, 1] and beyond, and NaN. */
function probes(c: Calibrator, extra: ArrayLike<number>): number[] {
  const knots = c.method === 'isotonic' ? c.x.flatMap((x) => [x, x - 1e-9, x + 1e-9, Math.fround(x)]) : [];
  return [
    0,
    1e-12,
    1e-7,
    0.01,
    0.2,
    0.333,
    0.5,
    0.77,
    0.999,
    1 - 1e-7,
    1 - 1e-12,
    1,
    -0.5,
    1.5,
    Number.NaN,
    ...knots,
    ...Array.from(extra),
  ];
}

describe('calibrated models', () => {
  it('export the calibrator in the metadata of both formats and import it back, predicting the same calibrated probabilities', async () => {
    for (const calibration of CALIBRATORS) {
      const record = await stored({ calibration, threshold: 0.4 });
      const meta = singleModelFile(exportOf(record)).metadata;
      expect(meta.calibration).toEqual(calibration);
      const single = await readModelFiles([{ name: 'm.json', data: bytes(singleModelFileText(exportOf(record))) }]);
      expect(single.metadata.calibration).toEqual(calibration);
      const files = layersModelFiles(exportOf(record));
      const layers = await readModelFiles([
        { name: 'model.json', data: bytes(files.modelJson) },
        { name: 'weights.bin', data: files.weights },
      ]);
      expect(layers.metadata.calibration).toEqual(calibration);
      const raw = classicRows(32, 6);
      const before = calibrateScores(record.calibration ?? null, await predictions(net(record), record, raw, 32));
      const after = calibrateScores(
        single.metadata.calibration,
        await predictions(parsedArtifacts(single), record, raw, 32),
      );
      expect(Array.from(after)).toEqual(Array.from(before));
    }
    // Uncalibrated models write null, so readers never mistake an absent field for an old file.
    expect(singleModelFile(exportOf(await stored())).metadata.calibration).toBeNull();
    expect(singleModelFile(exportOf(await stored({ calibration: null }))).metadata.calibration).toBeNull();
  });

  it("network snippets calibrate exactly as applyCalibrator, and run as written print the app's calibrated probability and decision", async () => {
    for (const calibration of CALIBRATORS) {
      const raw = classicRows(1, 21);
      const base = await stored({ calibration });
      const [output] = await predictions(net(base), base, raw, 1);
      const [expected] = calibrateScores(calibration, [output ?? Number.NaN]);
      if (output === undefined || expected === undefined) throw new Error('no prediction');
      expect(Math.abs(expected - output)).toBeGreaterThan(0.01);
      // A threshold between the output and its calibrated value: reading the raw output would decide the other way.
      const record: TrainedModel = { ...base, threshold: (output + expected) / 2 };
      const stem = `${exportFileStem(record)}-${calibration.method}`;
      const snippets = modelSnippets(record, `${stem}.json`, tf.version.tfjs);
      for (const code of [snippets.node, snippets.web]) {
        expect(code).toContain('calibration }');
        const calibrate = snippetCalibrate(code, JSON.parse(JSON.stringify(calibration)));
        for (const p of probes(calibration, [output])) expect(calibrate(p)).toBe(applyCalibrator(calibration, p));
      }

      await writeFile(join(dir, `${stem}.json`), singleModelFileText(exportOf(record)));
      const files = layersModelFiles(exportOf(record));
      const sub = join(dir, calibration.method);
      await mkdir(sub, { recursive: true });
      await writeFile(join(sub, 'model.json'), files.modelJson);
      await writeFile(join(sub, 'weights.bin'), new Uint8Array(files.weights));
      const device = Object.fromEntries(METRICS.map((m, j) => [m, raw[j] ?? 0]));
      const withDevice = (code: string): string =>
        code.replace(/failureProbability\(\{[^}]*\}\)/, `failureProbability(${JSON.stringify(device)})`);
      await writeFile(join(dir, `predict-${calibration.method}.mjs`), withDevice(snippets.node));
      const page = /<script type="module">\n([\s\S]*)<\/script>/.exec(snippets.web)?.[1] ?? '';
      const browser = [
        "import * as tfjs from '@tensorflow/tfjs';",
        "import { readFile } from 'node:fs/promises';",
        'globalThis.tf = tfjs;',
        `globalThis.fetch = async (url) => new Response(await readFile(new URL(String(url), new URL('./${calibration.method}/', import.meta.url))));`,
      ].join('\n');
      await writeFile(join(dir, `page-${calibration.method}.mjs`), `${browser}\n${withDevice(page)}`);
      const [node, web] = await Promise.all([
        run(process.execPath, [join(dir, `predict-${calibration.method}.mjs`)]),
        run(process.execPath, [join(dir, `page-${calibration.method}.mjs`)]),
      ]);
      for (const out of [node.stdout, web.stdout]) {
        expect(Number(/failure probability: ([\d.]+)/.exec(out)?.[1])).toBeCloseTo(expected, 6);
        expect(out).toContain(`(predicted failure: ${expected >= record.threshold})`);
      }
    }
  }, 60_000);

  it('trees snippets give exactly the calibrated probability the app computes, row by row and run as written', async () => {
    for (const calibration of CALIBRATORS) {
      const record = await storedTrees({ calibration });
      const stem = `${exportFileStem(record)}-${calibration.method}`;
      const snippets = modelSnippets(record, `${stem}.json`, tf.version.tfjs);
      const text = singleModelFileText(exportOf(record));
      const file = JSON.parse(text) as { metadata: { calibration: unknown } };
      expect(file.metadata.calibration).toEqual(calibration);
      const body = modelBody(record);
      if (body.family !== 'trees') throw new Error('expected trees');
      const n = 40;
      const raw = classicRows(n, 33);
      for (let r = 0; r < n; r += 4) raw[r * 11 + METRICS.indexOf('battery_level')] = Number.NaN;
      const output = predictGbdt(body.trees, raw, n, 11);
      const expected = calibrateScores(calibration, output);
      for (const code of [snippets.node, snippets.web]) {
        const calibrate = snippetCalibrate(code, file.metadata.calibration);
        for (const p of probes(calibration, output)) expect(calibrate(p)).toBe(applyCalibrator(calibration, p));
      }
      const fn = /^function failureProbability[\s\S]*?^}$/m.exec(snippets.node)?.[0];
      const calibrateFn = /^function calibrate[\s\S]*?^}$/m.exec(snippets.node)?.[0];
      if (fn === undefined || calibrateFn === undefined) throw new Error('functions missing from the snippet');
      const score: unknown = runInNewContext(
        `const { featureNames, threshold, calibration } = file.metadata;\nconst { baseScore, trees } = file.model.trees;\n${calibrateFn}\n${fn}\nfailureProbability;`,
        { file: JSON.parse(text) },
      );
      if (typeof score !== 'function') throw new Error('no scorer');
      let flipped = 0;
      for (let r = 0; r < n; r++) {
        const device = Object.fromEntries(
          METRICS.flatMap((m, j) => (Number.isNaN(raw[r * 11 + j]) ? [] : [[m, raw[r * 11 + j] ?? 0]])),
        );
        expect(score(device)).toBe(expected[r]);
        if ((output[r] ?? 0) >= record.threshold !== (expected[r] ?? 0) >= record.threshold) flipped++;
      }
      expect(flipped).toBeGreaterThan(0);

      await writeFile(join(dir, `${stem}.json`), text);
      const device = Object.fromEntries(METRICS.map((m, j) => [m, raw[j] ?? 0]).filter(([, v]) => !Number.isNaN(v)));
      await writeFile(
        join(dir, `predict-trees-${calibration.method}.mjs`),
        snippets.node.replace(/failureProbability\(\{[^}]*\}\)/, `failureProbability(${JSON.stringify(device)})`),
      );
      const { stdout } = await run(process.execPath, [join(dir, `predict-trees-${calibration.method}.mjs`)]);
      expect(Number(/failure probability: ([\d.]+)/.exec(stdout)?.[1])).toBeCloseTo(expected[0] ?? Number.NaN, 6);
      expect(stdout).toContain(`(predicted failure: ${(expected[0] ?? 0) >= record.threshold})`);
    }
  }, 60_000);

  it('uncalibrated snippets have no calibration step', async () => {
    const network = modelSnippets(await stored(), 'm.json', tf.version.tfjs);
    const trees = modelSnippets(await storedTrees({ calibration: null }), 't.json', tf.version.tfjs);
    for (const code of [network.node, network.web, trees.node, trees.web]) {
      expect(code).not.toContain('calibrat');
      expect(code).toMatch(/const \{ featureNames, (standardizer, )?threshold \} = /);
    }
  });

  it('the model card says how the scores are calibrated, or that they are not', async () => {
    const [platt, isotonic] = CALIBRATORS;
    const card = async (calibration: Calibrator | null | undefined): Promise<string> =>
      modelCard(exportMetadata(exportOf(await stored(calibration === undefined ? {} : { calibration }))));
    expect(await card(platt)).toContain(
      'Its scores are calibrated by Platt scaling (a = 1.50, b = −1.00), fitted on validation devices; the threshold applies to calibrated probabilities.',
    );
    expect(await card(isotonic)).toContain(
      'Its scores are calibrated by isotonic regression (8 knots), fitted on validation devices; the threshold applies to calibrated probabilities.',
    );
    for (const none of [null, undefined])
      expect(await card(none)).toContain(
        "Its scores are not calibrated: the threshold applies to the model's output itself.",
      );
  });
});
