import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { metricSetFixture } from '../storage/record-fixtures';
import type { ModelRecord } from '../storage/records';
import { artifactsToModel } from './model-artifacts';
import { modelCard } from './model-card';
import { exportFileStem, exportMetadata, layersModelFiles, singleModelFile, singleModelFileText, type ExportInput } from './model-export';
import { classicRows, failureModelRecord } from './model-fixtures';
import { readModelFiles } from './model-import';
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

async function stored(over: Partial<Omit<ModelRecord, 'version' | 'artifacts'>> = {}): Promise<ModelRecord> {
  return { ...(await failureModelRecord(over)), version: '1.0.3' };
}

const exportOf = (record: ModelRecord): ExportInput => ({ record, training: null, appVersion: '0.2.0', exportedAt: '2025-06-03T00:00:00.000Z' });

async function predictions(artifacts: ModelRecord['artifacts'], record: ModelRecord, raw: Float32Array, n: number): Promise<number[]> {
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
    const record = await stored({ metrics: { ...metricSetFixture(), rocAuc: { estimate: Number.NaN, low: Number.NaN, high: Number.NaN, level: 0.95, resamples: 100, valid: 0 } } });
    const file = singleModelFile(exportOf(record));
    expect(file.format).toBe('homesynth-model');
    expect(file.formatVersion).toBe(1);
    expect(file.model.weightSpecs.map((s) => s.shape)).toEqual([[11, 8], [8], [8, 4], [4], [4, 1], [1]]);
    expect(atob(file.model.weightsBase64).length).toBe(record.artifacts.weightData.byteLength);
    expect(file.metadata).toMatchObject({ featureNames: [...METRICS], version: '1.0.3', slot: 'global', appVersion: '0.2.0', trainedWithAppVersion: '0.1.0', sourceModelId: 'run-1:global', trainedAt: '2025-06-02T07:00:00.000Z' });
    const json = JSON.parse(singleModelFileText(exportOf(record))) as { metadata: { metrics: { rocAuc: { estimate: unknown; level: unknown } } } };
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
    const before = await predictions(record.artifacts, record, raw, 64);
    expect(await predictions(parsed.artifacts, record, raw, 64)).toEqual(before);
    expect(new Set(before.map((p) => p.toFixed(3))).size).toBeGreaterThan(10);
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
    expect(got).toEqual(await predictions(record.artifacts, record, raw, 40));
    expect(model.getUserDefinedMetadata()).toMatchObject({ homesynth: { featureNames: [...METRICS], standardizer: record.standardizer, threshold: 0.5 } });
    model.dispose();
  });

  it('loads from the two files on disk with tf.io.fromMemory and predicts the same values', async () => {
    const record = await stored();
    const files = layersModelFiles(exportOf(record));
    await writeFile(join(dir, 'model.json'), files.modelJson);
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(files.weights));
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const buf = await readFile(join(dir, 'weights.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
      }),
    );
    const raw = classicRows(16, 4);
    expect(Array.from(predictProba(model, applyStandardizer(raw, 11, record.standardizer), 16, 11))).toEqual(await predictions(record.artifacts, record, raw, 16));
    model.dispose();
  });
});

describe('usage snippets', () => {
  it('run as written (Node with the single file; the web page with model.json + weights.bin) and print the probability the app computes', async () => {
    const record = await stored();
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
    const withDevice = (code: string): string => code.replace(/failureProbability\(\{[^}]*\}\)/, `failureProbability(${JSON.stringify(device)})`);
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
    const [node, web] = await Promise.all([run(process.execPath, [join(dir, 'predict.mjs')]), run(process.execPath, [join(dir, 'page.mjs')])]);

    const [expected] = await predictions(record.artifacts, record, raw, 1);
    expect(expected).not.toBeCloseTo(0.5, 2);
    for (const out of [node.stdout, web.stdout]) {
      const printed = Number(/failure probability: ([\d.]+)/.exec(out)?.[1]);
      expect(printed).toBeCloseTo(expected ?? Number.NaN, 6);
    }
    expect(snippets.web).toContain(`@tensorflow/tfjs@${tf.version.tfjs}/dist/tf.min.js`);
    expect(snippets.node).toContain(`readFile(new URL('./${stem}.json', import.meta.url)`);
  }, 60_000);
});

describe('model card', () => {
  it('says what the model predicts, from which data, its metrics with intervals and its limits', async () => {
    const record = await stored({ slot: 'studio', homeType: 'studio' });
    const card = modelCard(
      exportMetadata({
        ...exportOf(record),
        training: {
          runName: 'Train me · injected · seed 42',
          label: 'injected',
          split: 'grouped',
          network: { hiddenUnits: [8, 4], dropout: 0.1, learningRate: 0.01, epochs: 4, batchSize: 256, patience: 5, classWeights: true, seed: 42 },
          counts: { train: 140, val: 20, test: 40, trainPositives: 21, testPositives: 6, trainGroups: 140, testGroups: 40 },
          baseRate: 0.15,
          epochs: 4,
          bestEpoch: 3,
        },
      }),
    );
    expect(card.split('\n')[0]).toBe('# Fixture run · global');
    expect(card).toContain('A failure model for **studio** homes (one model per home type), version **1.0.3**');
    expect(card).toContain('**carries an injected failure scenario**');
    expect(card).toContain('| F1 | 0.900 | 0.800 – 0.950 |');
    expect(card).toContain('| 3 | `battery_level` | 72.2000 | 24.0000 |');
    expect(card).toContain('| test (held out) | 40 | 6 | 40 |');
    expect(card).toContain('Only 6 positive test samples');
    expect(card).toContain('Dense network: hidden layers of 8 → 4 units (ReLU), dropout 0.1, one sigmoid output.');
    expect(card).toContain('best epoch 4 of 4 kept');
    expect(card).toContain('## Limits');
  });

  it('describes the horizon label of a temporal model with its H from the dataset manifest', async () => {
    const meta = exportMetadata(exportOf(await stored({ datasetManifest: { kind: 'temporal', spec: { horizonDays: 7, homes: 50 }, appVersion: '0.1.0' } })));
    const card = modelCard({ ...meta, training: { runName: 'r', label: 'horizon', split: 'time', network: { hiddenUnits: [], dropout: 0, learningRate: 0.01, epochs: 2, batchSize: 8, patience: 1, classWeights: false, seed: 1 }, counts: { train: 1, val: 1, test: 1, trainPositives: 1, testPositives: 40, trainGroups: 1, testGroups: 1 }, baseRate: 0.1, epochs: 2, bestEpoch: 0 } });
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
});
