import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrateScores } from '../domain/evaluation/calibration';
import { predictGbdt } from '../domain/evaluation/gbdt';
import type { TrainedModel } from '../domain/models/model-types';
import { jsonByteLength, networkArtifacts } from './model-body';
import { checkModelHealth, type HealthContext } from './model-health';
import { failureModelRecord, treesModelRecord } from './model-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A clock that advances 2 ms per reading, so every measured step takes exactly 2 ms. */
function context(): HealthContext {
  let t = 0;
  return { clock: () => (t += 2), now: () => Date.UTC(2025, 5, 3), backend: 'cpu', tfjsVersion: tf.version.tfjs };
}

async function stored(
  over: Partial<Omit<TrainedModel, 'version' | 'artifacts'>> = {},
  bias?: number,
): Promise<TrainedModel> {
  return { ...(await failureModelRecord(over, bias === undefined ? {} : { constantBias: bias })), version: '1.0.2' };
}

describe('model health', () => {
  it('loads the model, runs it on the training mean and reports every check, latency and the original fields', async () => {
    const m = await stored({}, Math.log(0.7 / 0.3));
    const h = await checkModelHealth(m.id, m, context());
    expect(h.status).toBe('healthy');
    expect(h.checks.map((c) => [c.id, c.passed])).toEqual([
      ['models_dir_exists', true],
      ['failure_model_exists', true],
      ['metadata_exists', true],
      ['models_loaded', true],
      ['input_shape', true],
      ['weights_finite', true],
      ['known_row', true],
    ]);
    expect(h.knownRow.probability).toBeCloseTo(0.7, 6);
    expect(h.knownRow.riskLevel).toBe('high');
    expect(h.latencyMs).toEqual({ load: 2, firstPrediction: 2, warmPrediction: 2 });
    expect(h).toMatchObject({
      model_version: '1.0.2',
      training_date: '2025-06-02T07:00:00.000Z',
      model_performance: { accuracy: 0.9, precision: 0.9, recall: 0.9, f1_score: 0.9 },
      family: 'network',
      file_sizes: { weights: networkArtifacts(m, 'this test').weightData.byteLength, trees: 0 },
      timestamp: '2025-06-03T00:00:00.000Z',
      backend: 'cpu',
    });
    expect(h.file_sizes.topology).toBeGreaterThan(500);
  });

  it('is unhealthy, with the failing check named, for NaN weights, unknown features or a deleted model', async () => {
    const m = await stored();
    const artifacts = networkArtifacts(m, 'this test');
    const bad = new Float32Array(artifacts.weightData.slice(0));
    bad[0] = Number.NaN;
    const nan = await checkModelHealth(m.id, { ...m, artifacts: { ...artifacts, weightData: bad.buffer } }, context());
    expect(nan.status).toBe('unhealthy');
    expect(nan.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(['weights_finite', 'known_row']);
    expect(nan.knownRow.probability).toBeNull();

    const renamed = await checkModelHealth(m.id, { ...m, featureNames: ['x', ...m.featureNames.slice(1)] }, context());
    expect(renamed.status).toBe('unhealthy');
    expect(renamed.checks.find((c) => c.id === 'metadata_exists')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^Unknown features: "x"/),
    });

    const gone = await checkModelHealth('nope', undefined, context());
    expect(gone).toMatchObject({
      status: 'unhealthy',
      model_version: null,
      model_performance: {},
      checks: [{ id: 'models_dir_exists', passed: false }],
    });
  });

  it('checks trees without TF.js: validated, sized as JSON, scoring the raw training mean', async () => {
    const m = { ...(await treesModelRecord()), version: '1.0.0' };
    const h = await checkModelHealth(m.id, m, context());
    expect(h.status).toBe('healthy');
    expect(h.family).toBe('trees');
    expect(h.checks.map((c) => [c.id, c.label, c.passed])).toEqual([
      ['models_dir_exists', 'Stored in IndexedDB', true],
      ['failure_model_exists', 'Trees present', true],
      ['metadata_exists', 'Metadata complete', true],
      ['models_loaded', 'Trees valid', true],
      ['input_shape', 'Trees read the features', true],
      ['known_row', 'Predicts a probability on a known row', true],
    ]);
    if (m.trees === undefined) throw new Error('no trees');
    const expected = predictGbdt(m.trees, Float32Array.from(m.standardizer.mean), 1, 11)[0];
    expect(h.knownRow.probability).toBe(expected);
    expect(h.knownRow.description).toMatch(/as raw values \(trees read unstandardised inputs\)/);
    expect(h.file_sizes).toMatchObject({ topology: 0, weights: 0, trees: jsonByteLength(m.trees) });
    expect(h.latencyMs).toEqual({ load: 2, firstPrediction: 2, warmPrediction: 2 });
  });

  it('reports damaged trees, or a record of either family without its model, as unhealthy', async () => {
    const m = { ...(await treesModelRecord()), version: '1.0.0' };
    if (m.trees === undefined) throw new Error('no trees');
    const [first, ...rest] = m.trees.trees;
    if (first === undefined) throw new Error('no tree');
    const damaged = await checkModelHealth(
      m.id,
      { ...m, trees: { ...m.trees, trees: [{ ...first, left: first.left.map(() => 0) }, ...rest] } },
      context(),
    );
    expect(damaged.status).toBe('unhealthy');
    expect(damaged.checks.find((c) => c.id === 'models_loaded')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^Invalid GBDT model: /),
    });
    expect(damaged.knownRow.probability).toBeNull();

    const { trees: _trees, ...withoutTrees } = m;
    const none = await checkModelHealth(m.id, withoutTrees, context());
    expect(none.checks.find((c) => c.id === 'failure_model_exists')).toMatchObject({
      passed: false,
      detail: 'The record has no trees',
    });
    expect(none.status).toBe('unhealthy');

    const network = await stored();
    const noArtifacts = await checkModelHealth(network.id, { ...network, artifacts: null }, context());
    expect(noArtifacts.status).toBe('unhealthy');
    expect(noArtifacts.checks.find((c) => c.id === 'failure_model_exists')?.passed).toBe(false);
  });
  it('scores the known row through the calibrator, and reports a damaged calibrator', async () => {
    const platt = { method: 'platt', a: 2, b: -1 } as const;
    const m = await stored({ calibration: platt }, Math.log(0.7 / 0.3));
    const h = await checkModelHealth(m.id, m, context());
    expect(h.status).toBe('healthy');
    const plain = await checkModelHealth(m.id, { ...m, calibration: null }, context());
    expect(h.knownRow.probability).toBe(calibrateScores(platt, [plain.knownRow.probability ?? Number.NaN])[0]);
    expect(h.knownRow.probability).toBeCloseTo(1 / (1 + Math.exp(-(2 * Math.log(0.7 / 0.3) - 1))), 6);
    expect(h.checks.find((c) => c.id === 'metadata_exists')?.detail).toBe(
      '11 known features in order, normalisation for each, threshold 0.5 on scores calibrated by Platt scaling (a = 2.00, b = −1.00), fitted on validation devices',
    );

    const damaged = await checkModelHealth(
      m.id,
      { ...m, calibration: { method: 'isotonic', x: [0.5, 0.1], y: [0, 1] } },
      context(),
    );
    expect(damaged.status).toBe('unhealthy');
    expect(damaged.checks.filter((c) => !c.passed).map((c) => [c.id, c.detail])).toEqual([
      [
        'metadata_exists',
        'The calibrator is damaged: isotonic x must be strictly ascending, but x[1] = 0.1 follows x[0] = 0.5',
      ],
      ['known_row', 'The model answered NaN'],
    ]);
    const shapeless = await checkModelHealth(m.id, { ...m, calibration: { method: 'isotonic' } as never }, context());
    expect(shapeless.checks.find((c) => c.id === 'metadata_exists')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^The calibrator is damaged: isotonic x must be an array of numbers/),
    });
  });
});
