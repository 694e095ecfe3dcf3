import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { predictGbdt } from '../domain/evaluation/gbdt';
import type { ModelRecord } from '../storage/records';
import { encodeBase64 } from './base64';
import { networkArtifacts } from './model-body';
import { layersModelFiles, singleModelFile, singleModelFileText, type ExportInput } from './model-export';
import { classicRows, failureModelRecord, treesModelRecord } from './model-fixtures';
import { ModelImportError, parsedArtifacts, readModelFiles, type ModelFileInput } from './model-import';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const exportOf = (record: ModelRecord): ExportInput => ({ record, training: null, appVersion: '0.1.0', exportedAt: '2025-06-03T00:00:00.000Z' });
const text = (name: string, content: string): ModelFileInput => ({ name, data: new TextEncoder().encode(content).buffer });
const json = (name: string, value: unknown): ModelFileInput => text(name, JSON.stringify(value));

let record: ModelRecord;
let trees: ModelRecord;
beforeAll(async () => {
  record = { ...(await failureModelRecord()), version: '1.0.0' };
  trees = { ...(await treesModelRecord()), version: '1.0.0' };
});

const weightData = (): ArrayBuffer => networkArtifacts(record, 'this test').weightData;

type Editable = Record<string, unknown> & { model: Record<string, unknown>; metadata: Record<string, unknown> };

/** The single file of the trees model as a plain object, for editing into a bad file. */
function treesFile(): Editable & { model: { trees: Record<string, unknown> & { trees: Record<string, unknown[]>[] } } } {
  return JSON.parse(singleModelFileText(exportOf(trees))) as never;
}

/** The single file as a plain object, for editing into a bad file. */
function single(): Record<string, unknown> & { model: Record<string, unknown>; metadata: Record<string, unknown> } {
  return JSON.parse(singleModelFileText(exportOf(record))) as never;
}

function layers(): { modelJson: Record<string, unknown> & { userDefinedMetadata: { homesynth: Record<string, unknown> } }; weights: ArrayBuffer } {
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
    expect((await readModelFiles([json('v2.json', v2)])).metadata).toMatchObject({ formatVersion: 2, calibration: null });
    const calibrated = { ...record, calibration: { method: 'isotonic' as const, x: [0.2, 0.4, 0.9], y: [0.05, 0.3, 0.8] } };
    const a = await readModelFiles([text('m.json', singleModelFileText(exportOf(calibrated)))]);
    expect(a.metadata.calibration).toEqual(calibrated.calibration);
    const files = layersModelFiles(exportOf(calibrated));
    const b = await readModelFiles([text('model.json', files.modelJson), { name: 'weights.bin', data: files.weights }]);
    expect(b.metadata.calibration).toEqual(calibrated.calibration);
    const t = await readModelFiles([text('t.json', singleModelFileText(exportOf({ ...trees, calibration: { method: 'platt', a: 0.8, b: -0.2 } })))]);
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
    expect((await rejection([json('t.json', f)])).message).toBe('Unknown model family "forest": this app reads "network" (TF.js) and "trees" (boosted trees) models.');
    const m = treesFile();
    m.metadata.family = 'forest';
    expect((await rejection([json('t.json', m)])).message).toBe(`The model's metadata is incomplete or damaged: family: the model family must be "network" or "trees".`);
  });

  it('a model block and metadata of different families', async () => {
    const f = treesFile();
    f.metadata.family = 'network';
    expect((await rejection([json('t.json', f)])).message).toBe('The model block holds a trees model but the metadata says "network": the file was edited or damaged.');
    const n = single();
    n.metadata.family = 'trees';
    expect((await rejection([json('n.json', n)])).message).toBe('The model block holds a network but the metadata says "trees": the file was edited or damaged.');
    const { modelJson, weights } = layers();
    modelJson.userDefinedMetadata.homesynth.family = 'trees';
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toBe(
      '"model.json" is a TF.js layers model, which is always a network, but its metadata says "trees": the file was edited or damaged.',
    );
  });

  it('missing or damaged trees', async () => {
    const none = treesFile();
    delete (none.model as Record<string, unknown>).trees;
    expect((await rejection([json('t.json', none)])).message).toBe('The trees are missing from this file (no "model.trees"). Export the model again.');
    const cyclic = treesFile();
    const first = cyclic.model.trees.trees[0];
    if (first?.left) first.left[0] = 0;
    expect((await rejection([json('t.json', cyclic)])).message).toMatch(/^The trees are damaged: Invalid GBDT model: trees\.0\.left\.0: child index 0 of node 0 must be in \(0, \d+\)/);
    const format = treesFile();
    format.model.trees.format = 'xgboost';
    expect((await rejection([json('t.json', format)])).message).toMatch(/^The trees are damaged: Invalid GBDT model: format: /);
    const empty = treesFile();
    empty.model.trees.trees = [];
    expect((await rejection([json('t.json', empty)])).message).toBe('The file holds no tree: the model would answer the same probability for every device.');
  });

  it('trees that read another number of features than the metadata lists', async () => {
    const f = treesFile();
    f.model.trees.featureCount = 12;
    f.model.trees.featureImportance = [...(f.model.trees.featureImportance as number[]), 0];
    expect((await rejection([json('t.json', f)])).message).toBe('The trees read 12 features, but the metadata lists 11: they do not belong together.');
  });

  it('a threshold outside (0, 1), or a threshold rule that is not one', async () => {
    for (const threshold of [0, 1, 1.2, -0.1]) {
      const f = treesFile();
      f.metadata.threshold = threshold;
      expect((await rejection([json('t.json', f)])).message).toBe("The model's metadata is incomplete or damaged: threshold: the threshold must be above 0 and below 1.");
    }
    const rule = treesFile();
    rule.metadata.thresholdRule = { kind: 'gut-feeling' };
    expect((await rejection([json('t.json', rule)])).message).toMatch(/^The model's metadata is incomplete or damaged: thresholdRule/);
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
    expect((await rejection([text('m.json', '{"format": "homesynth-model",')])).message).toMatch(/^"m\.json" is not JSON \(/);
    expect((await rejection([{ name: 'm.json', data: new Uint8Array([0xff, 0xfe, 0x00, 0x9f]).buffer }])).message).toMatch(/is not a text file/);
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
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toMatch(/format version 5; this app reads versions up to 3/);
  });

  it('missing weights: no weightsBase64, or model.json without weights.bin, or weights alone', async () => {
    const f = single();
    delete f.model.weightsBase64;
    expect((await rejection([json('m.json', f)])).message).toMatch(/weights are missing from this file/);
    expect((await rejection([json('model.json', layers().modelJson)])).message).toBe(
      'The weights file "weights.bin" is missing. Choose model.json and weights.bin together (select both in the file dialog).',
    );
    expect((await rejection([{ name: 'weights.bin', data: layers().weights }])).message).toMatch(/^Only weights were chosen/);
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
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights.slice(0, need - 4) }])).message).toMatch(/^The weights are truncated: /);
    const longer = new Uint8Array(need + 8);
    longer.set(new Uint8Array(weights));
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: longer.buffer }])).message).toMatch(/8 bytes more than the topology needs/);
  });

  it('weight shapes that do not match the topology', async () => {
    const f = single();
    const specs = f.model.weightSpecs as { shape: number[] }[];
    // Same byte count (11 × 8 = 8 × 11), so only the topology check can notice.
    if (specs[0]) specs[0].shape = [8, 11];
    expect((await rejection([json('m.json', f)])).message).toBe(
      'The weight "dense_Dense1/kernel" has shape [8, 11] in the weights manifest but [11, 8] in the topology: the files do not belong together.',
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
    expect((await rejection([json('model.json', plain), { name: 'weights.bin', data: weights }])).message).toMatch(/a TF\.js model without HomeSynth metadata/);
    const noStd = single();
    delete noStd.metadata.standardizer;
    expect((await rejection([json('m.json', noStd)])).message).toMatch(/^The model's metadata is incomplete or damaged: standardizer: /);
    const shortStd = single();
    shortStd.metadata.standardizer = { mean: [1, 2], std: [1, 1] };
    expect((await rejection([json('m.json', shortStd)])).message).toBe('The normalisation has 2 columns for 11 features.');
    const slot = single();
    slot.metadata.homeType = 'studio';
    expect((await rejection([json('m.json', slot)])).message).toBe("The metadata's slot (global) and home type (studio) disagree.");
    const classifier = single();
    classifier.metadata.kind = 'home-type';
    expect((await rejection([json('m.json', classifier)])).message).toMatch(/^Only failure models can be imported/);
    expect((await rejection([json('a.json', single()), json('b.json', single())])).message).toBe('Choose one model at a time: 2 JSON files were chosen.');
  });

  it('a malformed calibrator, naming what is wrong with it', async () => {
    const damaged = "The model's metadata is incomplete or damaged: ";
    const cases: [unknown, string][] = [
      [{ method: 'beta', a: 1, b: 0 }, "calibration.method: calibrator method must be 'platt' or 'isotonic'."],
      [{ method: 'platt', a: 'steep', b: 0 }, 'calibration.a: Platt slope a must be a finite number.'],
      [{ method: 'platt', a: 1 }, 'calibration.b: Platt intercept b must be a finite number.'],
      [{ method: 'isotonic', x: [0.1, 0.5, 0.3], y: [0, 0.5, 1] }, 'calibration.x.2: isotonic x must be strictly ascending, but x[2] = 0.3 follows x[1] = 0.5.'],
      [{ method: 'isotonic', x: [0.1, 0.5], y: [0.6, 0.2] }, 'calibration.y.1: isotonic y must be non-decreasing, but y[1] = 0.2 follows y[0] = 0.6.'],
      [{ method: 'isotonic', x: [0.1, 0.5], y: [0.2] }, 'calibration.y: isotonic x has 2 knots but y has 1; they must pair up.'],
      [{ method: 'isotonic', x: [0.1, 0.5], y: [0.2, 1.5] }, 'calibration.y.1: isotonic y values are probabilities and must lie in [0, 1].'],
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
    expect((await rejection([json('m.json', f)])).message).toBe('The weights contain NaN or infinite values: the model is damaged.');
  });
});
