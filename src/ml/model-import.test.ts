import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { predictGbdt } from '../domain/evaluation/gbdt';
import type { TrainedModel } from '../domain/models/model-types';
import { encodeBase64 } from './base64';
import { networkArtifacts } from './model-body';
import { layersModelFiles, singleModelFile, singleModelFileText, type ExportInput } from './model-export';
import { classicRows, classicStandardizer, failureModelRecord, treesModelRecord } from './model-fixtures';
import { MAX_MODEL_JSON_BYTES } from '../domain/model-file-limits';
import {
  ModelImportError,
  parsedArtifacts,
  parseModelFiles,
  readModelFiles,
  type ModelFileInput,
} from './model-import';
import { NETWORK_LIMITS } from './topology-weights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const exportOf = (record: TrainedModel): ExportInput => ({
  record,
  training: null,
  appVersion: '0.1.0',
  exportedAt: '2025-06-03T00:00:00.000Z',
});
const text = (name: string, content: string): ModelFileInput => ({
  name,
  data: new TextEncoder().encode(content).buffer,
});
const json = (name: string, value: unknown): ModelFileInput => text(name, JSON.stringify(value));

let record: TrainedModel;
let trees: TrainedModel;
beforeAll(async () => {
  record = { ...(await failureModelRecord()), version: '1.0.0' };
  trees = { ...(await treesModelRecord()), version: '1.0.0' };
});

const weightData = (): ArrayBuffer => networkArtifacts(record, 'this test').weightData;

type Editable = Record<string, unknown> & { model: Record<string, unknown>; metadata: Record<string, unknown> };

/** The single file of the trees model as a plain object, for editing into a bad file. */
function treesFile(): Editable & {
  model: { trees: Record<string, unknown> & { trees: Record<string, unknown[]>[] } };
} {
  return JSON.parse(singleModelFileText(exportOf(trees))) as never;
}

/** The single file as a plain object, for editing into a bad file. */
function single(): Record<string, unknown> & { model: Record<string, unknown>; metadata: Record<string, unknown> } {
  return JSON.parse(singleModelFileText(exportOf(record))) as never;
}

function layers(): {
  modelJson: Record<string, unknown> & { userDefinedMetadata: { homesynth: Record<string, unknown> } };
  weights: ArrayBuffer;
} {
  const files = layersModelFiles(exportOf(record));
  return { modelJson: JSON.parse(files.modelJson) as never, weights: files.weights };
}

async function rejection(files: ModelFileInput[]): Promise<ModelImportError> {
  const error = await readModelFiles(files).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ModelImportError)) throw new Error(`expected a ModelImportError, got ${String(error)}`);
  return error;
}

describe('importing good files', () => {
  it('reads the single file and the layers pair, even when the browser renamed the weights file', async () => {
    const a = await readModelFiles([text('m.json', singleModelFileText(exportOf(record)))]);
    const { modelJson, weights } = layers();
    const b = await readModelFiles([json('model.json', modelJson), { name: 'weights (1).bin', data: weights }]);
    expect(a.source).toBe('single-file');
    expect(b.source).toBe('layers');
    expect(new Uint8Array(parsedArtifacts(b).weightData)).toEqual(new Uint8Array(parsedArtifacts(a).weightData));
    expect(b.metadata).toEqual(a.metadata);
  });

  it('reads a version 1 file (no family, no threshold rule, no clip) as a network', async () => {
    const f = single();
    f.formatVersion = 1;
    delete f.model.family;
    f.metadata.formatVersion = 1;
    delete f.metadata.family;
    delete f.metadata.thresholdRule;
    const parsed = await readModelFiles([json('v1.json', f)]);
    expect(parsed.body.family).toBe('network');
    expect(parsed.metadata).toMatchObject({ family: 'network', thresholdRule: null, formatVersion: 1 });
    expect(new Uint8Array(parsedArtifacts(parsed).weightData)).toEqual(new Uint8Array(weightData()));
  });

  it('reads a version 2 file (no calibration) as uncalibrated, and a calibrator from either layout', async () => {
    const v2 = single();
    v2.formatVersion = 2;
    v2.metadata.formatVersion = 2;
    delete v2.metadata.calibration;
    expect((await readModelFiles([json('v2.json', v2)])).metadata).toMatchObject({
      formatVersion: 2,
      calibration: null,
    });
    const calibrated = {
      ...record,
      calibration: { method: 'isotonic' as const, x: [0.2, 0.4, 0.9], y: [0.05, 0.3, 0.8] },
    };
    const a = await readModelFiles([text('m.json', singleModelFileText(exportOf(calibrated)))]);
    expect(a.metadata.calibration).toEqual(calibrated.calibration);
    const files = layersModelFiles(exportOf(calibrated));
    const b = await readModelFiles([text('model.json', files.modelJson), { name: 'weights.bin', data: files.weights }]);
    expect(b.metadata.calibration).toEqual(calibrated.calibration);
    const t = await readModelFiles([
      text('t.json', singleModelFileText(exportOf({ ...trees, calibration: { method: 'platt', a: 0.8, b: -0.2 } }))),
    ]);
    expect(t.metadata.calibration).toEqual({ method: 'platt', a: 0.8, b: -0.2 });
  });

  it('reads a trees file: the trees, validated, with the metadata, predicting as before', async () => {
    const parsed = await readModelFiles([text('t.json', singleModelFileText(exportOf(trees)))]);
    expect(parsed.source).toBe('single-file');
    expect(parsed.metadata).toMatchObject({ family: 'trees', threshold: 0.35, thresholdRule: { kind: 'max-f1' } });
    if (parsed.body.family !== 'trees' || trees.trees === undefined) throw new Error('expected trees');
    const raw = classicRows(30, 2);
    expect(predictGbdt(parsed.body.trees, raw, 30, 11)).toEqual(predictGbdt(trees.trees, raw, 30, 11));
    expect(() => parsedArtifacts(parsed)).toThrow(/holds boosted trees/);
  });
});

describe('rejecting bad trees files, each with its own message', () => {
  it('an unknown family', async () => {
    const f = treesFile();
    f.model.family = 'forest';
    expect((await rejection([json('t.json', f)])).message).toBe(
      'Unknown model family "forest": this app reads "network" (TF.js) and "trees" (boosted trees) models.',
    );
    const m = treesFile();
    m.metadata.family = 'forest';
    expect((await rejection([json('t.json', m)])).message).toBe(
      `The model's metadata is incomplete or damaged: family: the model family must be "network" or "trees".`,
    );
  });

  it('a model block and metadata of different families', async () => {
    const f = treesFile();
    f.metadata.family = 'network';
    expect((await rejection([json('t.json', f)])).message).toBe(
      'The model block holds a trees model but the metadata says "network": the file was edited or damaged.',
    );
    const n = single();
    n.metadata.family = 'trees';
    expect((await rejection([json('n.json', n)])).message).toBe(
      'The model block holds a network but the metadata says "trees": the file was edited or damaged.',
    );
    const { modelJson, weights } = layers();
    modelJson.userDefinedMetadata.homesynth.family = 'trees';
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toBe(
      '"model.json" is a TF.js layers model, which is always a network, but its metadata says "trees": the file was edited or damaged.',
    );
  });

  it('missing or damaged trees', async () => {
    const none = treesFile();
    delete (none.model as Record<string, unknown>).trees;
    expect((await rejection([json('t.json', none)])).message).toBe(
      'The trees are missing from this file (no "model.trees"). Export the model again.',
    );
    const cyclic = treesFile();
    const first = cyclic.model.trees.trees[0];
    if (first?.left) first.left[0] = 0;
    expect((await rejection([json('t.json', cyclic)])).message).toMatch(
      /^The trees are damaged: Invalid GBDT model: trees\.0\.left\.0: child index 0 of node 0 must be in \(0, \d+\)/,
    );
    const format = treesFile();
    format.model.trees.format = 'xgboost';
    expect((await rejection([json('t.json', format)])).message).toMatch(
      /^The trees are damaged: Invalid GBDT model: format: /,
    );
    const empty = treesFile();
    empty.model.trees.trees = [];
    expect((await rejection([json('t.json', empty)])).message).toBe(
      'The file holds no tree: the model would answer the same probability for every device.',
    );
  });

  it('trees that read another number of features than the metadata lists', async () => {
    const f = treesFile();
    f.model.trees.featureCount = 12;
    f.model.trees.featureImportance = [...(f.model.trees.featureImportance as number[]), 0];
    expect((await rejection([json('t.json', f)])).message).toBe(
      'The trees read 12 features, but the metadata lists 11: they do not belong together.',
    );
  });

  it('a threshold outside (0, 1), or a threshold rule that is not one', async () => {
    for (const threshold of [0, 1, 1.2, -0.1]) {
      const f = treesFile();
      f.metadata.threshold = threshold;
      expect((await rejection([json('t.json', f)])).message).toBe(
        "The model's metadata is incomplete or damaged: threshold: the threshold must be above 0 and below 1.",
      );
    }
    const rule = treesFile();
    rule.metadata.thresholdRule = { kind: 'gut-feeling' };
    expect((await rejection([json('t.json', rule)])).message).toMatch(
      /^The model's metadata is incomplete or damaged: thresholdRule/,
    );
  });

  it('a home-type classifier, features it does not know, or a normalisation of the wrong width', async () => {
    const kind = treesFile();
    kind.metadata.kind = 'home-type';
    expect((await rejection([json('t.json', kind)])).message).toMatch(/^Only failure models can be imported/);
    const unknown = treesFile();
    unknown.metadata.featureNames = [...METRICS.slice(0, 10), 'wifi_channel'];
    expect((await rejection([json('t.json', unknown)])).message).toMatch(/^Unknown features: "wifi_channel"/);
    const std = treesFile();
    std.metadata.standardizer = { mean: [1], std: [1] };
    expect((await rejection([json('t.json', std)])).message).toBe('The normalisation has 1 columns for 11 features.');
  });
});

describe('rejecting bad files, each with its own message', () => {
  it('not JSON, not text, JSON but not a model', async () => {
    expect((await rejection([text('m.json', '{"format": "homesynth-model",')])).message).toMatch(
      /^"m\.json" is not JSON \(/,
    );
    expect(
      (await rejection([{ name: 'm.json', data: new Uint8Array([0xff, 0xfe, 0x00, 0x9f]).buffer }])).message,
    ).toMatch(/is not a text file/);
    expect((await rejection([json('m.json', { hello: 1 })])).message).toMatch(/is JSON but not a HomeSynth model/);
    expect((await rejection([json('m.json', [1, 2])])).message).toMatch(/is JSON but not a model file/);
    expect((await rejection([])).message).toBe('Choose a model file.');
  });

  it('a newer format version, at the top of the single file or inside model.json', async () => {
    const f = single();
    f.formatVersion = 4;
    expect((await rejection([json('m.json', f)])).message).toBe(
      'This model file has format version 4; this app reads versions up to 3. It was written by a newer HomeSynth Workbench: update the app to import it.',
    );
    const { modelJson, weights } = layers();
    modelJson.userDefinedMetadata.homesynth.formatVersion = 5;
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toMatch(
      /format version 5; this app reads versions up to 3/,
    );
  });

  it('missing weights: no weightsBase64, or model.json without weights.bin, or weights alone', async () => {
    const f = single();
    delete f.model.weightsBase64;
    expect((await rejection([json('m.json', f)])).message).toMatch(/weights are missing from this file/);
    expect((await rejection([json('model.json', layers().modelJson)])).message).toBe(
      'The weights file "weights.bin" is missing. Choose model.json and weights.bin together (select both in the file dialog).',
    );
    expect((await rejection([{ name: 'weights.bin', data: layers().weights }])).message).toMatch(
      /^Only weights were chosen/,
    );
  });

  it('truncated weights: cut base64, a short weights.bin, or bytes to spare', async () => {
    const need = weightData().byteLength;
    const f = single();
    f.model.weightsBase64 = encodeBase64(new Uint8Array(weightData()).subarray(0, 300));
    expect((await rejection([json('m.json', f)])).message).toBe(
      `The weights are truncated: 300 bytes where the topology's 6 weight tensors need ${need.toLocaleString('en-US')}. Export the model again.`,
    );
    const cut = single();
    cut.model.weightsBase64 = String(cut.model.weightsBase64).slice(0, 401);
    expect((await rejection([json('m.json', cut)])).message).toMatch(/not valid base64/);
    const { modelJson, weights } = layers();
    expect(
      (await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights.slice(0, need - 4) }]))
        .message,
    ).toMatch(/^The weights are truncated: /);
    const longer = new Uint8Array(need + 8);
    longer.set(new Uint8Array(weights));
    expect(
      (await rejection([json('model.json', modelJson), { name: 'weights.bin', data: longer.buffer }])).message,
    ).toMatch(/8 bytes more than the topology needs/);
  });

  it('weight shapes that do not match the topology', async () => {
    const f = single();
    const specs = f.model.weightSpecs as { shape: number[] }[];
    // Same byte count (11 × 8 = 8 × 11), so only the topology check can notice.
    if (specs[0]) specs[0].shape = [8, 11];
    expect((await rejection([json('m.json', f)])).message).toBe(
      'Layer "dense_Dense1" (Dense): its weight "dense_Dense1/kernel" has shape [8, 11] in the weights manifest but [11, 8] in the topology: the files do not belong together.',
    );
  });

  it('a topology whose input width differs from the features', async () => {
    const narrow = { ...(await failureModelRecord({}, { inputs: 10 })), version: '1.0.0' };
    expect((await rejection([text('m.json', singleModelFileText(exportOf(narrow)))])).message).toBe(
      'The topology takes inputs of shape [any, 10], but the metadata lists 11 features.',
    );
  });

  it('unknown or reordered features', async () => {
    const unknown = single();
    unknown.metadata.featureNames = [...METRICS.slice(0, 10), 'wifi_channel'];
    expect((await rejection([json('m.json', unknown)])).message).toBe(
      `Unknown features: "wifi_channel". This app knows the 11 classic metrics and the ${FEATURE_NAMES.length} temporal window features.`,
    );
    const reordered = single();
    reordered.metadata.featureNames = ['error_rate', 'response_time', ...METRICS.slice(2)];
    expect((await rejection([json('m.json', reordered)])).message).toBe(
      'The features are the 11 classic metrics in another order (position 1 holds "error_rate" where "response_time" belongs). A model reads its inputs by position, so it only works in the order it was trained on.',
    );
  });

  it('metadata that is missing, incomplete or inconsistent', async () => {
    const { modelJson, weights } = layers();
    const plain = { ...modelJson, userDefinedMetadata: undefined };
    expect((await rejection([json('model.json', plain), { name: 'weights.bin', data: weights }])).message).toMatch(
      /a TF\.js model without HomeSynth metadata/,
    );
    const noStd = single();
    delete noStd.metadata.standardizer;
    expect((await rejection([json('m.json', noStd)])).message).toMatch(
      /^The model's metadata is incomplete or damaged: standardizer: /,
    );
    const shortStd = single();
    shortStd.metadata.standardizer = { mean: [1, 2], std: [1, 1] };
    expect((await rejection([json('m.json', shortStd)])).message).toBe(
      'The normalisation has 2 columns for 11 features.',
    );
    const slot = single();
    slot.metadata.homeType = 'studio';
    expect((await rejection([json('m.json', slot)])).message).toBe(
      "The metadata's slot (global) and home type (studio) disagree.",
    );
    const classifier = single();
    classifier.metadata.kind = 'home-type';
    expect((await rejection([json('m.json', classifier)])).message).toMatch(/^Only failure models can be imported/);
    expect((await rejection([json('a.json', single()), json('b.json', single())])).message).toBe(
      'Choose one model at a time: 2 JSON files were chosen.',
    );
  });

  it('a malformed calibrator, naming what is wrong with it', async () => {
    const damaged = "The model's metadata is incomplete or damaged: ";
    const cases: [unknown, string][] = [
      [{ method: 'beta', a: 1, b: 0 }, "calibration.method: calibrator method must be 'platt' or 'isotonic'."],
      [{ method: 'platt', a: 'steep', b: 0 }, 'calibration.a: Platt slope a must be a finite number.'],
      [{ method: 'platt', a: 1 }, 'calibration.b: Platt intercept b must be a finite number.'],
      [
        { method: 'isotonic', x: [0.1, 0.5, 0.3], y: [0, 0.5, 1] },
        'calibration.x.2: isotonic x must be strictly ascending, but x[2] = 0.3 follows x[1] = 0.5.',
      ],
      [
        { method: 'isotonic', x: [0.1, 0.5], y: [0.6, 0.2] },
        'calibration.y.1: isotonic y must be non-decreasing, but y[1] = 0.2 follows y[0] = 0.6.',
      ],
      [
        { method: 'isotonic', x: [0.1, 0.5], y: [0.2] },
        'calibration.y: isotonic x has 2 knots but y has 1; they must pair up.',
      ],
      [
        { method: 'isotonic', x: [0.1, 0.5], y: [0.2, 1.5] },
        'calibration.y.1: isotonic y values are probabilities and must lie in [0, 1].',
      ],
      [{ method: 'isotonic', x: [], y: [] }, 'calibration.x: isotonic calibrator needs at least 1 knot.'],
    ];
    for (const [calibration, message] of cases) {
      const f = single();
      f.metadata.calibration = calibration;
      expect((await rejection([json('m.json', f)])).message).toBe(damaged + message);
    }
    const { modelJson, weights } = layers();
    modelJson.userDefinedMetadata.homesynth.calibration = { method: 'platt', a: null, b: 0 };
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toBe(
      `${damaged}calibration.a: Platt slope a must be a finite number.`,
    );
  });

  it('weights that are NaN', async () => {
    const f = singleModelFile(exportOf(record));
    const bad = new Float32Array(weightData().slice(0));
    bad[5] = Number.NaN;
    if (f.model.family !== 'network') throw new Error('expected a network');
    f.model.weightsBase64 = encodeBase64(new Uint8Array(bad.buffer));
    expect((await rejection([json('m.json', f)])).message).toBe(
      'The weights contain NaN or infinite values: the model is damaged.',
    );
  });
});

type Layer = { class_name: string; name?: string; config: Record<string, unknown>; inbound_nodes?: unknown };
type Topology = { class_name: string; config: { layers: Layer[] } & Record<string, unknown> };

/** The layers of a file's Sequential topology, for editing. */
function layersOf(file: Record<string, unknown>): Layer[] {
  const model = file.model;
  const topology = (
    typeof model === 'object' && model !== null && 'modelTopology' in model ? model.modelTopology : file.modelTopology
  ) as Topology;
  return topology.config.layers;
}

function layer(layers: Layer[], index: number): Layer {
  const l = layers[index];
  if (!l) throw new Error(`no layer ${index}`);
  return l;
}

/** The rejection of a file by the synchronous, TF.js-free checks (what runs before anything is built). */
function parseRejection(files: ModelFileInput[]): string {
  try {
    parseModelFiles(files);
  } catch (e) {
    if (e instanceof ModelImportError) return e.message;
    throw e;
  }
  throw new Error('expected parseModelFiles to refuse the file');
}

describe('checking the declared topology before TF.js builds anything', () => {
  it('refuses a ~3 KB file declaring a 50,000,000-unit Dense layer in under 1 s, allocating nothing', async () => {
    const f = single();
    const first = layer(layersOf(f), 0);
    expect(first).toMatchObject({ class_name: 'Dense', config: { batch_input_shape: [null, 11] } });
    first.config.units = 50_000_000;
    const file = json('huge.json', f);
    expect(file.data.byteLength).toBeLessThan(8_000);
    const message = `The network is too large to import: up to layer "${String(first.config.name)}" (Dense, 50,000,000 units) the topology declares 550,000,000 parameters; this app imports networks of up to 16,000,000 parameters (64 MB of weights), far more than any network it trains.`;

    const tensors = tf.memory();
    const arrayBuffers = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    expect((await rejection([file])).message).toBe(message);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(tf.memory().numBytes).toBe(tensors.numBytes);
    expect(tf.memory().numTensors).toBe(tensors.numTensors);
    expect(process.memoryUsage().arrayBuffers - arrayBuffers).toBeLessThan(50e6);

    // The same in the layers format, and when the manifest claims the huge kernel too (tiny weights.bin).
    const { modelJson, weights } = layers();
    layer(layersOf(modelJson), 0).config.units = 50_000_000;
    const claimed = single();
    layer(layersOf(claimed), 0).config.units = 50_000_000;
    const specs = claimed.model.weightSpecs as { shape: number[] }[];
    if (specs[0]) specs[0].shape = [11, 50_000_000];
    const again = performance.now();
    expect(parseRejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).toBe(message);
    expect(parseRejection([json('claimed.json', claimed)])).toBe(message);
    expect(performance.now() - again).toBeLessThan(1_000);
    expect(tf.memory().numBytes).toBe(tensors.numBytes);
  });

  it('refuses dimensions that are not positive whole numbers, naming the layer', () => {
    const cases: [unknown, string][] = [
      [0, '0'],
      [-3, '-3'],
      [2.5, '2.5'],
      ['8', '"8"'],
      [1e300, '1e+300'],
      [null, 'null'],
    ];
    for (const [units, shown] of cases) {
      const f = single();
      const first = layer(layersOf(f), 0);
      first.config.units = units;
      expect(parseRejection([json('m.json', f)])).toBe(
        `Layer "${String(first.config.name)}" (Dense): units is ${shown}: every dimension must be a positive whole number.`,
      );
    }
    const input = single();
    const first = layer(layersOf(input), 0);
    first.config.batch_input_shape = [null, 0];
    expect(parseRejection([json('m.json', input)])).toBe(
      `The first layer "${String(first.config.name)}": input dimension 1 is 0: every dimension must be a positive whole number.`,
    );
    delete first.config.batch_input_shape;
    expect(parseRejection([json('m.json', input)])).toBe(
      `The first layer "${String(first.config.name)}" (Dense) declares no input shape (batch_input_shape), so the network's input width is unknown.`,
    );
  });

  it('refuses layer types and model classes this app never writes, listing what it reads', () => {
    const f = single();
    const dropout = layer(layersOf(f), 1);
    expect(dropout.class_name).toBe('Dropout');
    dropout.class_name = 'BatchNormalization';
    expect(parseRejection([json('m.json', f)])).toBe(
      `Layer "${String(dropout.config.name)}" is a BatchNormalization layer, which this app does not use: it reads networks made of InputLayer, Dense, Dropout, ReLU, Activation layers.`,
    );
    const g = single();
    (g.model.modelTopology as Topology).class_name = 'Graph';
    expect(parseRejection([json('m.json', g)])).toBe(
      'The model topology is a "Graph": this app reads Sequential and functional (Model) TF.js layers models.',
    );
  });

  it('refuses a topology that disagrees with the weights manifest, naming the layer and both shapes, before TF.js', () => {
    const f = single();
    const first = layer(layersOf(f), 0);
    const name = String(first.config.name);
    first.config.units = 9;
    expect(parseRejection([json('m.json', f)])).toBe(
      `Layer "${name}" (Dense): its weight "${name}/kernel" has shape [11, 8] in the weights manifest but [11, 9] in the topology: the files do not belong together.`,
    );
    const { modelJson, weights } = layers();
    layer(layersOf(modelJson), 0).config.units = 9;
    expect(parseRejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).toMatch(
      /has shape \[11, 8\] in the weights manifest but \[11, 9\] in the topology/,
    );
    const renamed = single();
    const specs = renamed.model.weightSpecs as { name: string }[];
    if (specs[1]) specs[1].name = 'somewhere_else/bias';
    expect(parseRejection([json('m.json', renamed)])).toBe(
      `The weights lack the tensor "${name}/bias" (shape [8]) that layer "${name}" (Dense) needs.`,
    );
  });

  it('refuses weight bytes shorter or longer than the topology declares, before TF.js', () => {
    const need = weightData().byteLength;
    const { modelJson, weights } = layers();
    expect(
      parseRejection([json('model.json', modelJson), { name: 'weights.bin', data: weights.slice(0, need - 4) }]),
    ).toBe(
      `The weights are truncated: ${(need - 4).toLocaleString('en-US')} bytes where the topology's 6 weight tensors need ${need.toLocaleString('en-US')}. Export the model again.`,
    );
    const longer = new Uint8Array(need + 12);
    longer.set(new Uint8Array(weights));
    expect(parseRejection([json('model.json', modelJson), { name: 'weights.bin', data: longer.buffer }])).toBe(
      'The weights hold 12 bytes more than the topology needs: they belong to another model.',
    );
    const f = single();
    f.model.weightsBase64 = encodeBase64(new Uint8Array(weightData()).subarray(0, need - 8));
    expect(parseRejection([json('m.json', f)])).toMatch(/^The weights are truncated: /);
  });

  it('refuses files larger than any model this app accepts before decoding them', () => {
    expect(MAX_MODEL_JSON_BYTES).toBeGreaterThan((NETWORK_LIMITS.maxWeightBytes * 4) / 3 + 1e6);
    expect(parseRejection([{ name: 'm.json', data: new ArrayBuffer(MAX_MODEL_JSON_BYTES + 1) }])).toBe(
      '"m.json" is 100,000,001 bytes; this app imports model files of up to 100 MB (networks of up to 16,000,000 parameters), so it is not a model this app can use.',
    );
    expect(
      parseRejection([
        json('model.json', layers().modelJson),
        { name: 'weights.bin', data: new ArrayBuffer(NETWORK_LIMITS.maxWeightBytes + 4) },
      ]),
    ).toBe(
      'The weights files hold 64,000,004 bytes; this app imports networks of up to 64 MB of weights (16,000,000 parameters).',
    );
  });
});

describe('requiring a probability output', () => {
  it('refuses a relu, linear or softmax output even when it answers within [0, 1] for an average device', async () => {
    // P = 0.4 for every input through the last layer's bias: relu and linear outputs pass a one-point check.
    const constant = { ...(await failureModelRecord({}, { constantBias: 0.4 })), version: '1.0.0' };
    for (const activation of ['relu', 'linear', 'softmax', 'tanh']) {
      const f = JSON.parse(singleModelFileText(exportOf(constant))) as Editable;
      const out = layersOf(f).at(-1);
      if (!out) throw new Error('no output layer');
      out.config.activation = activation;
      expect((await rejection([json('m.json', f)])).message).toBe(
        `The model's output is not a probability (last layer activation '${activation}'): export a model whose last layer is sigmoid.`,
      );
    }
    const { modelJson, weights } = layers();
    const out = layersOf(modelJson).at(-1);
    if (out) out.config.activation = 'relu';
    expect(parseRejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).toBe(
      "The model's output is not a probability (last layer activation 'relu'): export a model whose last layer is sigmoid.",
    );
    const dropoutLast = single();
    layersOf(dropoutLast).push({ class_name: 'Dropout', config: { rate: 0.1, name: 'dropout_last' } });
    expect(parseRejection([json('m.json', dropoutLast)])).toBe(
      "The model's output is not a probability (last layer Dropout): export a model whose last layer is sigmoid.",
    );
  });

  it('reads a linear Dense followed by a sigmoid Activation, and the same network written as a functional model', async () => {
    const original = await readModelFiles([text('m.json', singleModelFileText(exportOf(record)))]);
    const x = classicRows(20, 8);
    const predict = async (parsed: typeof original): Promise<Float32Array> => {
      const model = await tf.loadLayersModel(tf.io.fromMemory(parsedArtifacts(parsed)));
      const xs = tf.tensor2d(x, [20, 11]);
      const standardized = xs.sub(classicStandardizer().mean).div(classicStandardizer().std);
      const out = model.predict(standardized) as tf.Tensor;
      const values = Float32Array.from(await out.data());
      tf.dispose([xs, standardized, out]);
      model.dispose();
      return values;
    };
    const expected = await predict(original);

    const activation = single();
    const list = layersOf(activation);
    const last = list.at(-1);
    if (last) last.config.activation = 'linear';
    list.push({ class_name: 'Activation', config: { activation: 'sigmoid', name: 'activation_out', trainable: true } });
    expect(await predict(await readModelFiles([json('m.json', activation)]))).toEqual(expected);

    const functional = single();
    const sequentialLayers = layersOf(functional);
    const firstConfig = layer(sequentialLayers, 0).config;
    const inputShape = firstConfig.batch_input_shape;
    delete firstConfig.batch_input_shape;
    let previous = 'input_features';
    const chained: Layer[] = [
      {
        class_name: 'InputLayer',
        name: previous,
        config: { batch_input_shape: inputShape, dtype: 'float32', sparse: false, name: previous },
        inbound_nodes: [],
      },
      ...sequentialLayers.map((l) => {
        const name = String(l.config.name);
        const linked = { ...l, name, inbound_nodes: [[[previous, 0, 0, {}]]] };
        previous = name;
        return linked;
      }),
    ];
    functional.model.modelTopology = {
      class_name: 'Model',
      config: {
        name: 'functional_fixture',
        layers: chained,
        input_layers: [['input_features', 0, 0]],
        output_layers: [[previous, 0, 0]],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    };
    expect(await predict(await readModelFiles([json('functional.json', functional)]))).toEqual(expected);
    const branching = structuredClone(functional);
    const branchLayers = layersOf(branching);
    layer(branchLayers, 2).inbound_nodes = [
      [
        ['input_features', 0, 0, {}],
        [String(layer(branchLayers, 1).config.name), 0, 0, {}],
      ],
    ];
    expect(parseRejection([json('b.json', branching)])).toMatch(
      /is not called once on one layer's output: this app reads networks that are a chain of layers\.$/,
    );
  });
});

describe("the app's own exports still import", () => {
  it('networks with piecewise-linear encoding, without hidden layers, and per-home-type models, in both formats', async () => {
    const encoded = {
      ...(await failureModelRecord({}, { edges: classicStandardizer().mean.map(() => [-1, 0, 1]) })),
      version: '1.0.0',
    };
    const logistic = { ...(await failureModelRecord({}, { hiddenUnits: [] })), version: '1.0.0' };
    const apartment = {
      ...(await failureModelRecord({ id: 'run-1:apartment', slot: 'apartment', homeType: 'apartment' }, { seed: 3 })),
      version: '1.0.2',
    };
    for (const r of [record, encoded, logistic, apartment]) {
      const a = await readModelFiles([text('m.json', singleModelFileText(exportOf(r)))]);
      const files = layersModelFiles(exportOf(r));
      const b = await readModelFiles([
        text('model.json', files.modelJson),
        { name: 'weights.bin', data: files.weights },
      ]);
      expect(new Uint8Array(parsedArtifacts(a).weightData)).toEqual(
        new Uint8Array(networkArtifacts(r, 'this test').weightData),
      );
      expect(new Uint8Array(parsedArtifacts(b).weightData)).toEqual(new Uint8Array(parsedArtifacts(a).weightData));
      expect(b.metadata).toEqual(a.metadata);
    }
    const parsed = await readModelFiles([text('m.json', singleModelFileText(exportOf(apartment)))]);
    expect(parsed.metadata).toMatchObject({ slot: 'apartment', homeType: 'apartment', kind: 'failure' });
  });

  it('trees answer within [0, 1] even with extreme leaf values; non-finite numbers are refused', async () => {
    const f = treesFile();
    f.model.trees.baseScore = 1e308;
    for (const t of f.model.trees.trees) t.value = (t.value ?? []).map(() => 1.7e308);
    const high = await readModelFiles([json('t.json', f)]);
    const g = treesFile();
    g.model.trees.baseScore = -1e308;
    for (const t of g.model.trees.trees) t.value = (t.value ?? []).map(() => -1.7e308);
    const low = await readModelFiles([json('t.json', g)]);
    const raw = classicRows(50, 6);
    for (const [parsed, bound] of [
      [high, 1],
      [low, 0],
    ] as const) {
      if (parsed.body.family !== 'trees') throw new Error('expected trees');
      for (const p of predictGbdt(parsed.body.trees, raw, 50, 11)) expect(p).toBe(bound);
    }
    const infinite = treesFile();
    infinite.model.trees.baseScore = 123.456;
    const textWithInfinity = JSON.stringify(infinite).replace('123.456', '1e400');
    expect((await rejection([text('t.json', textWithInfinity)])).message).toMatch(
      /^The trees are damaged: Invalid GBDT model: baseScore: /,
    );
  });
});
