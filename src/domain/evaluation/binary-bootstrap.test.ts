import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { bootstrapBinaryMetrics } from './binary-bootstrap';
import { binaryReport, rocAuc } from './binary-metrics';
import { bootstrapCI } from './bootstrap';

function syntheticScores(seed: number, n: number): { y: number[]; s: number[] } {
  const rng = createRng(seed);
  const y = Array.from({ length: n }, () => (rng.chance(0.2) ? 1 : 0));
  const s = y.map((v) => Math.min(1, Math.max(0, rng.normal(v === 1 ? 0.65 : 0.35, 0.2))));
  return { y, s };
}

describe('bootstrapBinaryMetrics', () => {
  const { y, s } = syntheticScores(8, 600);

  it('uses the full-sample metrics as estimates', () => {
    const ci = bootstrapBinaryMetrics(y, s, 0.5, { rng: createRng(1), resamples: 50 });
    const report = binaryReport(y, s, 0.5);
    for (const key of ['accuracy', 'precision', 'recall', 'f1', 'specificity', 'rocAuc', 'prAuc', 'logLoss'] as const) {
      expect(ci[key].estimate).toBeCloseTo(report[key], 12);
      expect(ci[key].low).toBeLessThanOrEqual(ci[key].estimate);
      expect(ci[key].high).toBeGreaterThanOrEqual(ci[key].estimate);
    }
  });

  it('matches the generic bootstrap on materialised resamples for the same seed', () => {
    const fast = bootstrapBinaryMetrics(y, s, 0.5, { rng: createRng(77), resamples: 60 });
    const slow = bootstrapCI(
      y.length,
      (idx) =>
        rocAuc(
          Array.from(idx, (i) => y[i] ?? 0),
          Array.from(idx, (i) => s[i] ?? 0),
        ),
      { rng: createRng(77), resamples: 60 },
    );
    expect(fast.rocAuc.low).toBeCloseTo(slow.low, 12);
    expect(fast.rocAuc.high).toBeCloseTo(slow.high, 12);
  });

  it('is reproducible with a seed', () => {
    const a = bootstrapBinaryMetrics(y, s, 0.5, { rng: createRng(5), resamples: 100 });
    const b = bootstrapBinaryMetrics(y, s, 0.5, { rng: createRng(5), resamples: 100 });
    expect(a).toEqual(b);
  });

  it('keeps every replicate two-class when stratified', () => {
    const few = { y: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], s: [0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95] };
    const plain = bootstrapBinaryMetrics(few.y, few.s, 0.5, { rng: createRng(3), resamples: 200 });
    const strat = bootstrapBinaryMetrics(few.y, few.s, 0.5, { rng: createRng(3), resamples: 200, stratified: true });
    expect(plain.rocAuc.valid).toBeLessThan(200);
    expect(strat.rocAuc.valid).toBe(200);
    expect(strat.rocAuc.estimate).toBeCloseTo(8 / 9, 12);
  });

  it('reports AUC as NaN with no valid replicate when only one class exists', () => {
    const ci = bootstrapBinaryMetrics([0, 0, 0], [0.2, 0.4, 0.9], 0.5, { rng: createRng(3), resamples: 20 });
    expect(ci.rocAuc.valid).toBe(0);
    expect(ci.rocAuc.low).toBeNaN();
    expect(ci.accuracy.valid).toBe(20);
  });

  it('resamples whole devices with groups', () => {
    const groups = y.map((_, i) => Math.floor(i / 6));
    const byDevice = bootstrapBinaryMetrics(y, s, 0.5, { rng: createRng(2), resamples: 100, groups });
    expect(byDevice.rocAuc.valid).toBe(100);
    expect(byDevice.rocAuc.high).toBeGreaterThan(byDevice.rocAuc.low);
  });
});
