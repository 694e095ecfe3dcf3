import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  LEGACY_RULE_COLUMNS,
  fitMajorityClass,
  fitMajorityMulticlass,
  legacyRuleScores,
  predictMajorityProba,
} from './baselines';
import { binaryReport } from './binary-metrics';
import { fitSingleFeatureClassifier, predictSingleFeatureClassifier } from './single-feature-classifier';
import { fitBestSingleThreshold, predictThresholdRule } from './single-threshold-baseline';

describe('majority baselines', () => {
  it('scores the training base rate and reports as all-negative at 0.5', () => {
    const model = fitMajorityClass([0, 0, 0, 1]);
    expect(model.baseRate).toBe(0.25);
    const scores = predictMajorityProba(model, 5);
    expect([...scores]).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    const r = binaryReport([0, 1, 0, 0, 1], scores, 0.5);
    expect(r.accuracy).toBe(0.6);
    expect(r.f1).toBe(0);
    expect(r.rocAuc).toBe(0.5);
    expect(() => fitMajorityClass([])).toThrow(/at least one/);
  });

  it('predicts the most frequent class with class rates as probabilities', () => {
    expect(fitMajorityMulticlass([2, 1, 2, 0, 1], 4)).toEqual({ classRates: [0.2, 0.4, 0.4, 0], majority: 1 });
  });
});

describe('legacyRuleScores', () => {
  it('uses response_time, error_rate and battery_level in the original feature order', () => {
    expect(LEGACY_RULE_COLUMNS).toEqual({ responseTime: 0, errorRate: 1, batteryLevel: 2 });
  });

  it('fires on any of the three clauses, strictly, and never on NaN', () => {
    const rows = [
      [100, 0.05, 50], // healthy
      [100, 0.11, 50], // error rate
      [100, 0.1, 50], // exactly 0.1: not > 0.1
      [100, 0.05, 19.9], // battery
      [100, 0.05, 20], // exactly 20: not < 20
      [2000.5, 0.05, 50], // response time
      [2000, 0.05, 50], // exactly 2000
      [Number.NaN, Number.NaN, Number.NaN],
    ];
    expect([...legacyRuleScores(rows.flat(), 3)]).toEqual([0, 1, 0, 1, 0, 1, 0, 0]);
    const custom = { responseTime: 1, errorRate: 2, batteryLevel: 0 };
    expect([...legacyRuleScores([50, 1500, 0.05, 10, 1500, 0.05], 3, custom)]).toEqual([0, 1]);
    expect(() => legacyRuleScores([1, 2], 2)).toThrow(/outside/);
  });
});

describe('fitBestSingleThreshold', () => {
  it('finds the hand-computed best cut', () => {
    // Accuracy: x > 2.5 → 5/6 (first of the two best cuts); F1 there: 2·3 / (2·3 + 1) = 6/7.
    const X = [1, 2, 3, 4, 5, 6];
    const y = [0, 0, 1, 0, 1, 1];
    expect(fitBestSingleThreshold(X, 1, y)).toEqual({
      feature: 0,
      threshold: 2.5,
      direction: 'above',
      criterion: 'accuracy',
      trainScore: 5 / 6,
    });
    const f1 = fitBestSingleThreshold(X, 1, y, { criterion: 'f1' });
    expect(f1.threshold).toBe(2.5);
    expect(f1.trainScore).toBeCloseTo(6 / 7, 15);
  });

  it('recovers a battery-style rule among noise features, cutting midway between neighbours', () => {
    const rng = createRng(1);
    const n = 2000;
    const X = new Float32Array(n * 3);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const battery = Math.round(rng.uniform(0, 100) * 10) / 10;
      X[i * 3] = rng.normal();
      X[i * 3 + 1] = battery;
      X[i * 3 + 2] = rng.normal();
      y[i] = battery < 20 ? 1 : 0;
    }
    const rule = fitBestSingleThreshold(X, 3, y);
    expect(rule.feature).toBe(1);
    expect(rule.direction).toBe('below');
    // The data hold 19.9 and 20.1 but no 20.0, so the stump cuts at their midpoint.
    expect(rule.threshold).toBeCloseTo(20, 5);
    expect(rule.trainScore).toBe(1);
    expect([...predictThresholdRule(rule, X, 3)]).toEqual([...y]);
  });

  it('searches only the training rows and never predicts NaN as positive', () => {
    const X = [1, 2, 3, 100, Number.NaN];
    const y = [0, 0, 1, 0, 1];
    const rule = fitBestSingleThreshold(X, 1, y, { rows: [0, 1, 2] });
    expect(rule).toMatchObject({ threshold: 2.5, direction: 'above', trainScore: 1 });
    expect([...predictThresholdRule(rule, X, 1)]).toEqual([0, 0, 1, 1, 0]);
  });

  it('throws when no feature varies', () => {
    expect(() => fitBestSingleThreshold([1, 1, 1], 1, [0, 1, 0])).toThrow(/distinct/);
  });
});

describe('fitSingleFeatureClassifier', () => {
  it('gives each class its own interval on the informative feature', () => {
    const rng = createRng(2);
    const X: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const c = i % 3;
      X.push(rng.normal(), c + rng.uniform(0.05, 0.95));
      y.push(c);
    }
    // Equal-frequency bins need not align with the class edges, so the default 64 bins come close…
    expect(fitSingleFeatureClassifier(X, 2, y, 3).trainAccuracy).toBeGreaterThan(0.97);
    // …and bins as fine as the data find the exact cuts.
    const model = fitSingleFeatureClassifier(X, 2, y, 3, { maxBins: 300 });
    expect(model.feature).toBe(1);
    expect(model.trainAccuracy).toBe(1);
    expect(model.classes).toEqual([0, 1, 2]);
    expect(model.cuts).toHaveLength(2);
    expect(model.cuts[0]).toBeGreaterThan(0.9);
    expect(model.cuts[0]).toBeLessThan(1.1);
    expect([...predictSingleFeatureClassifier(model, [0, 0.5, 0, 1.5, 0, 2.5, 0, Number.NaN], 2)]).toEqual([
      0, 1, 2, 0,
    ]);
  });

  it('is limited by maxIntervals, which the dynamic programme uses optimally', () => {
    // Class 0 at both ends, class 1 in the middle: three intervals needed.
    const X = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [0, 0, 0, 1, 1, 1, 0, 0, 0];
    const two = fitSingleFeatureClassifier(X, 1, y, 2);
    expect(two.trainAccuracy).toBeCloseTo(6 / 9, 15);
    const three = fitSingleFeatureClassifier(X, 1, y, 2, { maxIntervals: 3 });
    expect(three).toEqual({ feature: 0, cuts: [3.5, 6.5], classes: [0, 1, 0], missingClass: 0, trainAccuracy: 1 });
  });

  it('bins many values into at most maxBins ranges', () => {
    const X = Array.from({ length: 1000 }, (_, i) => i);
    const y = X.map((v) => (v % 2 === 0 ? 0 : 1)); // pure noise at fine scale
    const model = fitSingleFeatureClassifier(X, 1, y, 2, { maxBins: 8, maxIntervals: 8 });
    expect(model.cuts.length).toBeLessThanOrEqual(7);
    expect(model.trainAccuracy).toBeLessThan(0.52);
  });
});
