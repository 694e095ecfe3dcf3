import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultNetworkConfig } from '../domain/training/network-config';
import { createDenseNetwork } from './dense-network';
import { artifactsToModel, modelToArtifacts } from './model-artifacts';
import { predictProba } from './train-loop';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model artifacts', () => {
  it('round-trips a model with identical predictions and survives a structured clone', async () => {
    const model = createDenseNetwork(5, 1, defaultNetworkConfig());
    const a = structuredClone(await modelToArtifacts(model));
    expect(a.weightData.byteLength).toBeGreaterThan(0);
    const back = await artifactsToModel(a);
    const x = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i));
    expect(Array.from(predictProba(back, x, 10, 5))).toEqual(Array.from(predictProba(model, x, 10, 5)));
    model.dispose();
    back.dispose();
  });
});
