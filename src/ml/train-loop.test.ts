import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../domain/random';
import { defaultNetworkConfig, type NetworkConfig } from '../domain/training/network-config';
import { createDenseNetwork } from './dense-network';
import { evaluateLoss, predictProba, trainNetwork, type TrainingSet } from './train-loop';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Two Gaussian blobs in 4-D; class 1 is rare (20 %) and shifted on the first two features. */
function blobs(n: number, seed: number): TrainingSet {
  const rng = new Rng(seed);
  const d = 4;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.next() < 0.2 ? 1 : 0;
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = rng.normal() + (c === 1 && j < 2 ? 1.5 : 0);
  }
  return { x, y, n, d };
}

const cfg = (over: Partial<NetworkConfig> = {}): NetworkConfig => ({
  ...defaultNetworkConfig(),
  epochs: 8,
  batchSize: 64,
  patience: 3,
  ...over,
});

describe('trainNetwork', () => {
  it('learns a separable problem: validation loss falls and predictions rank the classes', async () => {
    const train = blobs(1500, 1);
    const val = blobs(500, 2);
    const model = createDenseNetwork(4, 1, cfg());
    const out = await trainNetwork(model, train, val, { config: cfg(), outputs: 1 });
    expect(out.history.length).toBeGreaterThan(2);
    expect(out.history.at(-1)?.valLoss ?? 1).toBeLessThan(out.history[0]?.valLoss ?? 0);
    const p = predictProba(model, val.x, val.n, val.d);
    let pos = 0;
    let neg = 0;
    let np = 0;
    for (let i = 0; i < val.n; i++) {
      if (val.y[i] === 1) {
        pos += p[i] ?? 0;
        np++;
      } else neg += p[i] ?? 0;
    }
    expect(pos / np).toBeGreaterThan(neg / (val.n - np) + 0.3);
    model.dispose();
  });

  it('restores the weights of the best epoch when it stops early', async () => {
    const train = blobs(600, 3);
    const val = blobs(200, 4);
    // A high learning rate overfits quickly, so validation loss turns up and early stopping fires.
    const config = cfg({ epochs: 60, learningRate: 0.05, patience: 2, hiddenUnits: [64, 64], dropout: 0 });
    const model = createDenseNetwork(4, 1, config);
    const out = await trainNetwork(model, train, val, { config, outputs: 1 });
    const best = out.history[out.bestEpoch];
    expect(best).toBeDefined();
    expect(evaluateLoss(model, val, 1)).toBeCloseTo(best?.valLoss ?? Number.NaN, 5);
    expect(out.stoppedEarly).toBe(true);
    expect(out.history.length).toBe(out.bestEpoch + 1 + config.patience);
    expect(out.bestEpoch).toBeLessThan(out.history.length - 1);
    model.dispose();
  });

  it('same seed ⇒ identical weights; another seed ⇒ different', async () => {
    const train = blobs(300, 5);
    const val = blobs(100, 6);
    const run = async (seed: number): Promise<Float32Array> => {
      const config = cfg({ seed, epochs: 3 });
      const m = createDenseNetwork(4, 1, config);
      await trainNetwork(m, train, val, { config, outputs: 1 });
      const p = predictProba(m, val.x, val.n, val.d);
      m.dispose();
      return p;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('class weights change the loss', async () => {
    const val = blobs(300, 8);
    const model = createDenseNetwork(4, 1, cfg());
    const plain = evaluateLoss(model, val, 1);
    const w = new Float32Array(val.n).map((_, i) => (val.y[i] === 1 ? 4 : 0.6));
    const weighted = evaluateLoss(model, { ...val, w }, 1);
    expect(weighted).not.toBeCloseTo(plain, 4);
    model.dispose();
  });

  it('stops mid-epoch when asked, keeping what it learnt', async () => {
    const train = blobs(2000, 9);
    const val = blobs(200, 10);
    let batches = 0;
    const model = createDenseNetwork(4, 1, cfg({ epochs: 50 }));
    const out = await trainNetwork(model, train, val, {
      config: cfg({ epochs: 50 }),
      outputs: 1,
      shouldStop: () => ++batches > 45,
    });
    expect(out.cancelled).toBe(true);
    expect(out.history.length).toBeLessThan(3);
    model.dispose();
  });

  it('trains a softmax classifier and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const rng = new Rng(11);
    const n = 600;
    const x = new Float32Array(n * 3);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      y[i] = c;
      for (let j = 0; j < 3; j++) x[i * 3 + j] = rng.normal() + (j === c ? 2 : 0);
    }
    const set = { x, y, n, d: 3 };
    const config = cfg({ epochs: 5 });
    const model = createDenseNetwork(3, 3, config);
    const out = await trainNetwork(model, set, set, { config, outputs: 3 });
    expect(out.history.at(-1)?.valLoss ?? 9).toBeLessThan(out.history[0]?.valLoss ?? 0);
    const p = predictProba(model, x, n, 3);
    expect(p.length).toBe(n * 3);
    expect((p[0] ?? 0) + (p[1] ?? 0) + (p[2] ?? 0)).toBeCloseTo(1, 5);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
