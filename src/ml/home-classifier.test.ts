import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../domain/home-types';
import { simulateHomeEvents } from '../domain/homes/event-simulator';
import { HOME_FEATURE_NAMES, homeFeatures } from '../domain/homes/home-features';
import { SIZE_CATEGORIES } from '../domain/homes/home-schema';
import { buildTemplateHome } from '../domain/homes/template-homes';
import { createRng, deriveSeed, pickCumulative } from '../domain/random';
import { homeClassifierNetworkConfig, trainHomeClassifier, type HomeClassifierInput } from './home-classifier';


beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 50 template homes per type with two simulated weeks of events, as the check but shorter. */
function templateHomes(perType: number, days: number): HomeClassifierInput {
  const rng = createRng(7);
  const d = HOME_FEATURE_NAMES.length;
  const n = perType * HOME_TYPES.length;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  let row = 0;
  HOME_TYPES.forEach((homeType, c) => {
    for (let k = 0; k < perType; k++) {
      const sizeCategory = SIZE_CATEGORIES[pickCumulative(rng, [30, 70, 90, 100])] ?? 'medium';
      const index = row + 1;
      const content = buildTemplateHome({ homeType, sizeCategory, index, rng: createRng(deriveSeed(7, 'home', index)) });
      const home = { ...content, id: `home_${String(index).padStart(3, '0')}` };
      const events = simulateHomeEvents(home, { startDate: '2025-03-03', days, timeZone: 'UTC', seed: 7 });
      x.set(homeFeatures(home, events, 'UTC'), row * d);
      y[row] = c;
      row++;
    }
  });
  return { x, y, n, d, featureNames: HOME_FEATURE_NAMES };
}

describe('home-type classifier', () => {
  const input = templateHomes(50, 14);

  it('meets the original targets by home (k-fold), with the best single feature well below', async () => {
    const before = tf.memory().numTensors;
    const r = await trainHomeClassifier(input, {
      network: { ...homeClassifierNetworkConfig(), hiddenUnits: [32], epochs: 60, batchSize: 32, patience: 8, seed: 3 },
      evaluation: 'kfold',
      folds: 5,
      bootstrapResamples: 200,
    });
    // Every home predicted exactly once, by a model that never saw it.
    expect(r.tested.home.length).toBe(input.n);
    expect(new Set(r.tested.home).size).toBe(input.n);
    expect(r.report.confusion).toHaveLength(8);
    expect(r.report.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(r.report.macroF1).toBeGreaterThanOrEqual(0.8);
    expect(r.targets).toMatchObject({ accuracy: true, macroF1: true, perClassPrecision: true });
    expect(r.baseline.report.accuracy).toBeLessThan(r.report.accuracy - 0.2);
    expect(r.intervals.accuracy.low).toBeLessThanOrEqual(r.report.accuracy);
    expect(r.intervals.accuracy.high).toBeGreaterThanOrEqual(r.report.accuracy);
    expect(r.final.artifacts.weightData.byteLength).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holdout evaluation tests 20 % of the homes and none of them was trained on', async () => {
    const r = await trainHomeClassifier(input, {
      network: { ...homeClassifierNetworkConfig(), hiddenUnits: [16], epochs: 5, batchSize: 32, patience: 2, seed: 4 },
      evaluation: 'holdout',
      folds: 5,
      bootstrapResamples: 100,
    });
    expect(r.tested.home.length).toBe(80);
  });
});
