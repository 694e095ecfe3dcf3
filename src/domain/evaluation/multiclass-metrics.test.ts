import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { bootstrapMulticlassMetrics } from './multiclass-bootstrap';
import { argmaxRows, multiclassConfusion, multiclassLogLoss, multiclassReport } from './multiclass-metrics';

describe('multiclassReport', () => {
  it('matches hand-computed scikit-learn values', () => {
    const yTrue = [0, 0, 1, 1, 1, 2];
    const yPred = [0, 1, 1, 1, 0, 1];
    const r = multiclassReport(yTrue, yPred, 3);
    expect(r.confusion).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 1, 0],
    ]);
    expect(r.accuracy).toBe(0.5);
    expect(r.perClass.map((c) => c.precision)).toEqual([0.5, 0.5, 0]);
    expect(r.perClass[1]?.recall).toBeCloseTo(2 / 3, 15);
    expect(r.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0 });
    expect(r.perClass[1]?.f1).toBeCloseTo(4 / 7, 15);
    // f1_score(average='macro') = (0.5 + 4/7 + 0) / 3; average='weighted' = (2·0.5 + 3·4/7) / 6.
    expect(r.macroF1).toBeCloseTo(15 / 42, 15);
    expect(r.weightedF1).toBeCloseTo(19 / 42, 15);
    expect(r.macroPrecision).toBeCloseTo(1 / 3, 15);
    expect(r.macroRecall).toBeCloseTo((0.5 + 2 / 3) / 3, 15);
  });

  it('leaves classes absent from both yTrue and yPred out of the macro means', () => {
    const r = multiclassReport([0, 1, 1], [0, 1, 0], 4);
    expect(r.perClass).toHaveLength(4);
    expect(r.perClass[3]?.support).toBe(0);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 3) / 2, 15);
  });

  it('restricts to a subset with repeats', () => {
    const c = multiclassConfusion([0, 1, 2], [0, 2, 2], 3, [1, 1, 0]);
    expect(c).toEqual([
      [1, 0, 0],
      [0, 0, 2],
      [0, 0, 0],
    ]);
  });

  it('reports NaN accuracy for no samples and rejects bad labels', () => {
    expect(multiclassReport([], [], 3).accuracy).toBeNaN();
    expect(() => multiclassReport([0, 3], [0, 1], 3)).toThrow(/class index/);
    expect(() => multiclassReport([0, 1.5], [0, 1], 3)).toThrow(/class index/);
    expect(() => multiclassReport([0, 1], [0], 3)).toThrow(/entries/);
  });
});

describe('argmaxRows and multiclassLogLoss', () => {
  it('takes the first maximum of each row', () => {
    expect([...argmaxRows([0.2, 0.5, 0.3, 0.4, 0.4, 0.2], 3)]).toEqual([1, 0]);
    expect(() => argmaxRows([0.2, 0.5], 3)).toThrow(/columns/);
    expect(() => argmaxRows([0.2, Number.NaN], 2)).toThrow(/NaN/);
  });

  it('averages the negative log of the true class probability', () => {
    const loss = multiclassLogLoss([1, 0], [0.2, 0.8, 0.5, 0.5], 2);
    expect(loss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.5)) / 2, 15);
    expect(multiclassLogLoss([0], [0, 1], 2)).toBeCloseTo(-Math.log(1e-15), 10);
  });
});

describe('bootstrapMulticlassMetrics', () => {
  it('gives reproducible intervals around the full-sample metrics', () => {
    const rng = createRng(4);
    const yTrue = Array.from({ length: 200 }, () => rng.int(0, 3));
    const yPred = yTrue.map((c) => (rng.chance(0.7) ? c : rng.int(0, 3)));
    const a = bootstrapMulticlassMetrics(yTrue, yPred, 4, { rng: createRng(1), resamples: 200, strata: yTrue });
    const b = bootstrapMulticlassMetrics(yTrue, yPred, 4, { rng: createRng(1), resamples: 200, strata: yTrue });
    expect(a).toEqual(b);
    const full = multiclassReport(yTrue, yPred, 4);
    expect(a.accuracy.estimate).toBe(full.accuracy);
    expect(a.macroF1.estimate).toBe(full.macroF1);
    expect(a.perClass).toHaveLength(4);
    expect(a.perClass[2]?.precision.estimate).toBe(full.perClass[2]?.precision);
    expect(a.accuracy.low).toBeLessThan(full.accuracy);
    expect(a.accuracy.high).toBeGreaterThan(full.accuracy);
  });
});
