import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import type { ModelRecord } from '../storage/records';
import { encodeBase64 } from './base64';
import { layersModelFiles, singleModelFile, singleModelFileText, type ExportInput } from './model-export';
import { failureModelRecord } from './model-fixtures';
import { ModelImportError, readModelFiles, type ModelFileInput } from './model-import';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const exportOf = (record: ModelRecord): ExportInput => ({ record, training: null, appVersion: '0.1.0', exportedAt: '2025-06-03T00:00:00.000Z' });
const text = (name: string, content: string): ModelFileInput => ({ name, data: new TextEncoder().encode(content).buffer });
const json = (name: string, value: unknown): ModelFileInput => text(name, JSON.stringify(value));

let record: ModelRecord;
beforeAll(async () => {
  record = { ...(await failureModelRecord()), version: '1.0.0' };
});

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
    expect(new Uint8Array(b.artifacts.weightData)).toEqual(new Uint8Array(a.artifacts.weightData));
    expect(b.metadata).toEqual(a.metadata);
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
    f.formatVersion = 2;
    expect((await rejection([json('m.json', f)])).message).toBe(
      'This model file has format version 2; this app reads versions up to 1. It was written by a newer HomeSynth Workbench: update the app to import it.',
    );
    const { modelJson, weights } = layers();
    modelJson.userDefinedMetadata.homesynth.formatVersion = 3;
    expect((await rejection([json('model.json', modelJson), { name: 'weights.bin', data: weights }])).message).toMatch(/format version 3; this app reads versions up to 1/);
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
    const need = record.artifacts.weightData.byteLength;
    const f = single();
    f.model.weightsBase64 = encodeBase64(new Uint8Array(record.artifacts.weightData).subarray(0, 300));
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

  it('weights that are NaN', async () => {
    const f = singleModelFile(exportOf(record));
    const bad = new Float32Array(record.artifacts.weightData.slice(0));
    bad[5] = Number.NaN;
    f.model.weightsBase64 = encodeBase64(new Uint8Array(bad.buffer));
    expect((await rejection([json('m.json', f)])).message).toBe('The weights contain NaN or infinite values: the model is damaged.');
  });
});
