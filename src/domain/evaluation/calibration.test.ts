import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { Calibrator } from './calibration';
import {
  CALIBRATION_METHODS,
  applyCalibrator,
  calibrateScores,
  calibratorSchema,
  describeCalibrator,
  fitCalibrator,
  fitIsotonic,
  fitPlatt,
  keepsRanking,
} from './calibration';
import { calibrationSums, eceFromSums, expectedCalibrationError, reliabilityBins } from './calibration-reliability';

// Worked by hand in the tests below.
const LABELS6 = [0, 1, 0, 1, 1, 1];
const SCORES6 = [0.05, 0.15, 0.35, 0.45, 0.85, 1.0];

function isotonicOf(c: Calibrator | null): Extract<Calibrator, { method: 'isotonic' }> {
  if (c?.method !== 'isotonic') throw new Error('expected an isotonic calibrator');
  return c;
}

function plattOf(c: Calibrator | null): Extract<Calibrator, { method: 'platt' }> {
  if (c?.method !== 'platt') throw new Error('expected a Platt calibrator');
  return c;
}

/** True probability q ~ U(0, 1), label ~ Bernoulli(q), reported score √q: over-confident towards failure. */
function sqrtDistorted(seed: number, n: number): { labels: Uint8Array; scores: Float64Array } {
  const rng = createRng(seed);
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const q = rng.next();
    labels[i] = rng.next() < q ? 1 : 0;
    scores[i] = Math.sqrt(q);
  }
  return { labels, scores };
}

describe('reliabilityBins and expectedCalibrationError', () => {
  it('matches a hand-computed 6-sample example with 5 bins', () => {
    const bins = reliabilityBins(LABELS6, SCORES6, 5);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 1, 0, 2]);
    expect(bins[0]?.meanScore).toBeCloseTo(0.1, 12);
    expect(bins[0]?.positiveRate).toBe(0.5);
    expect(bins[1]?.positiveRate).toBe(0);
    expect(bins[2]?.positiveRate).toBe(1);
    expect(bins[3]?.meanScore).toBeNaN();
    expect(bins[3]?.positiveRate).toBeNaN();
    // 1.0 lands in the last bin, [0.8, 1].
    expect(bins[4]?.meanScore).toBeCloseTo(0.925, 12);
    expect(bins[4]?.lower).toBeCloseTo(0.8, 12);
    expect(bins[4]?.upper).toBe(1);
    // (2·0.4 + 0.35 + 0.55 + 2·0.075) / 6
    expect(expectedCalibrationError(LABELS6, SCORES6, 5)).toBeCloseTo(1.85 / 6, 12);
  });

  it('uses 10 bins by default', () => {
    expect(reliabilityBins(LABELS6, SCORES6)).toHaveLength(10);
    // Every sample alone in its bin: (0.05 + 0.85 + 0.35 + 0.55 + 0.15 + 0) / 6
    expect(expectedCalibrationError(LABELS6, SCORES6)).toBeCloseTo(1.95 / 6, 12);
  });

  it('puts a score on a bin edge in the upper bin', () => {
    const bins = reliabilityBins([1, 0, 0], [0.3, 0.7, 0.6], 10);
    expect(bins[3]?.count).toBe(1);
    expect(bins[7]?.count).toBe(1);
    expect(bins[6]?.count).toBe(1);
  });

  it('is 0 for a perfectly calibrated construction', () => {
    // Ten at 0.3 with three positives, four at 0.75 with three positives, two at 0.5 with one.
    const labels = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0];
    const scores = [...Array<number>(10).fill(0.3), ...Array<number>(4).fill(0.75), 0.5, 0.5];
    expect(expectedCalibrationError(labels, scores)).toBeCloseTo(0, 12);
    expect(expectedCalibrationError(labels, scores, 1)).toBeCloseTo(0, 12);
  });

  it('is NaN without samples and rejects bad input', () => {
    expect(expectedCalibrationError([], [])).toBeNaN();
    expect(() => expectedCalibrationError([0, 2], [0.1, 0.2])).toThrow(RangeError);
    expect(() => expectedCalibrationError([0], [Number.NaN])).toThrow(RangeError);
    expect(() => reliabilityBins([0], [0.5], 0)).toThrow(RangeError);
  });
});

describe('calibrationSums and eceFromSums', () => {
  const cluster = [0, 1, 0, 2, 1, 2];

  it('equals expectedCalibrationError when every cluster is drawn once', () => {
    const sums = calibrationSums(LABELS6, SCORES6, cluster, 3, 5);
    expect(sums.count).toHaveLength(15);
    expect(eceFromSums(sums, [1, 1, 1])).toBeCloseTo(expectedCalibrationError(LABELS6, SCORES6, 5), 12);
  });

  it('equals ECE of the resampled data for other weights', () => {
    const sums = calibrationSums(LABELS6, SCORES6, cluster, 3, 5);
    const pick = (ids: number[]): { labels: number[]; scores: number[] } => {
      const idx = ids.flatMap((c) => cluster.flatMap((k, i) => (k === c ? [i] : [])));
      return { labels: idx.map((i) => LABELS6[i] ?? 0), scores: idx.map((i) => SCORES6[i] ?? 0) };
    };
    const dup = pick([0, 0]);
    expect(eceFromSums(sums, [2, 0, 0])).toBeCloseTo(expectedCalibrationError(dup.labels, dup.scores, 5), 12);
    // Cluster 0 is samples 0 and 2 (0.05 → 0, 0.35 → 0): bins 0 and 1, each off by its score.
    expect(eceFromSums(sums, [2, 0, 0])).toBeCloseTo((0.05 + 0.35) / 2, 12);
    const mixed = pick([0, 0, 1]);
    expect(eceFromSums(sums, [2, 1, 0])).toBeCloseTo(expectedCalibrationError(mixed.labels, mixed.scores, 5), 12);
    expect(eceFromSums(sums, [0, 0, 0])).toBeNaN();
  });

  it('rejects ids outside the dense range and mismatched weights', () => {
    expect(() => calibrationSums(LABELS6, SCORES6, [0, 1, 0, 3, 1, 2], 3)).toThrow(RangeError);
    const sums = calibrationSums(LABELS6, SCORES6, cluster, 3);
    expect(() => eceFromSums(sums, [1, 1])).toThrow(RangeError);
  });
});

describe('fitIsotonic', () => {
  it('pools adjacent violators into the known block means', () => {
    const c = isotonicOf(fitIsotonic([0, 1, 0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]));
    // Blocks {0.1} → 0, {0.2, 0.3, 0.4} → 1/3, {0.5, 0.6} → 1; only the ends of each flat are kept.
    expect(c.x).toEqual([0.1, 0.2, 0.4, 0.5, 0.6]);
    expect(c.y[0]).toBe(0);
    expect(c.y[1]).toBeCloseTo(1 / 3, 15);
    expect(c.y[2]).toBeCloseTo(1 / 3, 15);
    expect(c.y.slice(3)).toEqual([1, 1]);
    expect(applyCalibrator(c, 0.3)).toBeCloseTo(1 / 3, 12);
    expect(applyCalibrator(c, 0.15)).toBeCloseTo(1 / 6, 12);
    expect(applyCalibrator(c, 0.45)).toBeCloseTo(2 / 3, 12);
    // Clipped outside [0.1, 0.6].
    expect(applyCalibrator(c, 0)).toBe(0);
    expect(applyCalibrator(c, 0.95)).toBe(1);
    expect(applyCalibrator(c, Number.NaN)).toBeNaN();
    const expected = Array.from(new Float32Array([0, 1 / 6, 2 / 3, 1]));
    expect(Array.from(calibrateScores(c, [0, 0.15, 0.45, 1]))).toEqual(expected);
  });

  it('pools tied scores before PAV, whatever their label order', () => {
    const c = isotonicOf(fitIsotonic([1, 0, 0, 1, 1], [0.2, 0.2, 0.9, 0.9, 0.9]));
    expect(c.x).toEqual([0.2, 0.9]);
    expect(c.y[0]).toBe(0.5);
    expect(c.y[1]).toBeCloseTo(2 / 3, 15);
    // A violation across tie groups pools them into one flat.
    const d = isotonicOf(fitIsotonic([1, 1, 0, 0, 0], [0.1, 0.5, 0.5, 0.7, 0.7]));
    expect(d.x).toEqual([0.1, 0.7]);
    expect(d.y).toEqual([0.4, 0.4]);
  });

  it('merges neighbouring blocks with equal means into one flat', () => {
    // [1, 0] pools to 0.5 over 0.1–0.2, [1, 0] again over 0.3–0.4: one flat, two knots.
    const c = isotonicOf(fitIsotonic([1, 0, 1, 0], [0.1, 0.2, 0.3, 0.4]));
    expect(c.x).toEqual([0.1, 0.4]);
    expect(c.y).toEqual([0.5, 0.5]);
  });

  it('gives a non-decreasing fit that the schema accepts', () => {
    const { labels, scores } = sqrtDistorted(7, 3000);
    const c = fitIsotonic(labels, scores);
    expect(calibratorSchema.safeParse(c).success).toBe(true);
    const out = calibrateScores(
      c,
      Float64Array.from({ length: 501 }, (_, i) => i / 500),
    );
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1] ?? 0);
  });

  it('downsamples beyond 4096 knots keeping both ends', () => {
    // Every reduced fraction a/b with b ≤ 120 at its own score: strictly increasing means, no pooling.
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const fractions: [number, number][] = [];
    for (let b = 1; b <= 120; b++) for (let a = 0; a <= b; a++) if (gcd(a, b) === 1) fractions.push([a, b]);
    fractions.sort((p, q) => p[0] / p[1] - q[0] / q[1]);
    expect(fractions.length).toBeGreaterThan(4096);
    const labels: number[] = [];
    const scores: number[] = [];
    fractions.forEach(([a, b], j) => {
      for (let k = 0; k < b; k++) {
        labels.push(k < a ? 1 : 0);
        scores.push(j);
      }
    });
    const c = isotonicOf(fitIsotonic(labels, scores));
    expect(c.x).toHaveLength(4096);
    expect(c.x[0]).toBe(0);
    expect(c.y[0]).toBe(0);
    expect(c.x.at(-1)).toBe(fractions.length - 1);
    expect(c.y.at(-1)).toBe(1);
    expect(calibratorSchema.safeParse(c).success).toBe(true);
  });
});

describe('fitPlatt', () => {
  it('recovers a and b of data drawn from σ(a·logit(p) + b)', () => {
    const rng = createRng(42);
    const n = 200_000;
    const labels = new Uint8Array(n);
    const scores = new Float64Array(n);
    const trueA = 0.6;
    const trueB = -0.8;
    for (let i = 0; i < n; i++) {
      const f = -4 + 8 * rng.next();
      scores[i] = 1 / (1 + Math.exp(-f));
      labels[i] = rng.next() < 1 / (1 + Math.exp(-(trueA * f + trueB))) ? 1 : 0;
    }
    const c = plattOf(fitPlatt(labels, scores));
    expect(c.a).toBeGreaterThan(trueA - 0.03);
    expect(c.a).toBeLessThan(trueA + 0.03);
    expect(c.b).toBeGreaterThan(trueB - 0.03);
    expect(c.b).toBeLessThan(trueB + 0.03);
  });

  it('uses the smoothed targets, so separable data gives a finite fit', () => {
    // One score per class, perfectly separated: the optimum hits the targets 2/3 and 1/3 exactly.
    const c = fitPlatt([0, 1], [0.2, 0.8]);
    expect(applyCalibrator(c, 0.8)).toBeCloseTo(2 / 3, 8);
    expect(applyCalibrator(c, 0.2)).toBeCloseTo(1 / 3, 8);
    const p = plattOf(c);
    expect(p.a).toBeCloseTo(Math.log(2) / Math.log(4), 8);
    expect(p.b).toBeCloseTo(0, 8);
  });

  it('stops at the rounding floor of a million samples instead of iterating on noise', { timeout: 15_000 }, () => {
    const { labels, scores } = sqrtDistorted(5, 1_000_000);
    const c = plattOf(fitPlatt(labels, scores));
    expect(c.a).toBeCloseTo(1.2, 1);
  });

  it('is monotone, deterministic and clips the score', () => {
    const { labels, scores } = sqrtDistorted(3, 5000);
    const c = fitPlatt(labels, scores);
    expect(fitPlatt(labels, scores)).toEqual(c);
    expect(plattOf(c).a).toBeGreaterThan(0);
    const grid = Float64Array.from({ length: 201 }, (_, i) => i / 200);
    const out = calibrateScores(c, grid);
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1] ?? 0);
    expect(applyCalibrator(c, 0)).toBe(applyCalibrator(c, 1e-7));
    expect(applyCalibrator(c, -3)).toBe(applyCalibrator(c, 1e-7));
    expect(applyCalibrator(c, 1)).toBe(applyCalibrator(c, 1 - 1e-7));
    expect(applyCalibrator(c, Number.NaN)).toBeNaN();
  });
});

describe('fitCalibrator', () => {
  it('lists the methods and returns null for none', () => {
    expect(CALIBRATION_METHODS).toEqual(['none', 'platt', 'isotonic']);
    expect(fitCalibrator('none', [0, 1], [0.2, 0.7])).toBeNull();
    expect(applyCalibrator(null, 0.37)).toBe(0.37);
    expect(Array.from(calibrateScores(null, [0.25, Number.NaN]))).toEqual([0.25, Number.NaN]);
  });

  it('throws a clear error when the labels hold one class only', () => {
    expect(() => fitCalibrator('platt', [0, 0, 0], [0.1, 0.2, 0.3])).toThrow(/all 3 labels are 0/);
    expect(() => fitCalibrator('isotonic', [1, 1], [0.1, 0.2])).toThrow(/both classes/);
    expect(() => fitCalibrator('platt', [], [])).toThrow(Error);
    expect(() => fitCalibrator('isotonic', [0, 1], [0.1, Number.NaN])).toThrow(RangeError);
  });

  it.each(['platt', 'isotonic'] as const)('%s lowers ECE on fresh data from the same distribution', (method) => {
    const fit = sqrtDistorted(11, 20_000);
    const fresh = sqrtDistorted(12, 20_000);
    const c = fitCalibrator(method, fit.labels, fit.scores);
    const before = expectedCalibrationError(fresh.labels, fresh.scores);
    const after = expectedCalibrationError(fresh.labels, calibrateScores(c, fresh.scores));
    // √q overshoots q by 1/6 on average.
    expect(before).toBeGreaterThan(0.12);
    expect(after).toBeLessThan(0.03);
  });
});

describe('calibratorSchema', () => {
  const messages = (value: unknown): string[] => {
    const r = calibratorSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts valid calibrators', () => {
    expect(messages({ method: 'platt', a: 0.9, b: -1.2 })).toEqual([]);
    expect(messages({ method: 'isotonic', x: [0.5], y: [0.3] })).toEqual([]);
    expect(messages({ method: 'isotonic', x: [0.1, 0.2, 0.4], y: [0, 0, 1] })).toEqual([]);
  });

  it('rejects malformed calibrators with actionable messages', () => {
    expect(messages({ method: 'isotonic', x: [0.2, 0.1], y: [0, 1] }).join()).toMatch(/strictly ascending/);
    expect(messages({ method: 'isotonic', x: [0.1, 0.1], y: [0, 1] }).join()).toMatch(/strictly ascending/);
    expect(messages({ method: 'isotonic', x: [0.1, 0.2], y: [0.5, 0.4] }).join()).toMatch(/non-decreasing/);
    expect(messages({ method: 'isotonic', x: [0.1, 0.2], y: [0, 1.5] }).join()).toMatch(/\[0, 1\]/);
    expect(messages({ method: 'isotonic', x: [0.1, 0.2], y: [-0.1, 1] }).join()).toMatch(/\[0, 1\]/);
    expect(messages({ method: 'isotonic', x: [0.1, Number.NaN], y: [0, 1] }).join()).toMatch(/finite/);
    expect(messages({ method: 'isotonic', x: [0.1, Number.POSITIVE_INFINITY], y: [0, 1] }).join()).toMatch(/finite/);
    expect(messages({ method: 'platt', a: Number.NaN, b: 0 }).join()).toMatch(/Platt slope a must be a finite/);
    expect(messages({ method: 'isotonic', x: [0.1, 0.2, 0.3], y: [0, 1] }).join()).toMatch(/3 knots but y has 2/);
    expect(messages({ method: 'isotonic', x: [], y: [] }).join()).toMatch(/at least 1 knot/);
    const many = Array.from({ length: 4097 }, (_, i) => i);
    expect(messages({ method: 'isotonic', x: many, y: many.map(() => 0.5) }).join()).toMatch(/at most 4096/);
    expect(messages({ method: 'beta', a: 1, b: 0 }).join()).toMatch(/'platt' or 'isotonic'/);
  });
});

describe('describeCalibrator', () => {
  it('names the method and its parameters', () => {
    expect(describeCalibrator(null)).toBe('none');
    expect(describeCalibrator({ method: 'platt', a: 0.934, b: -1.2 })).toBe(
      'Platt scaling (a = 0.93, b = −1.20), fitted on validation devices',
    );
    expect(describeCalibrator({ method: 'platt', a: 1, b: -0.001 })).toBe(
      'Platt scaling (a = 1.00, b = 0.00), fitted on validation devices',
    );
    const x = Array.from({ length: 37 }, (_, i) => i / 36);
    expect(describeCalibrator({ method: 'isotonic', x, y: x })).toBe(
      'isotonic regression (37 knots), fitted on validation devices',
    );
    expect(describeCalibrator({ method: 'isotonic', x: [0.5], y: [0.2] })).toBe(
      'isotonic regression (1 knot), fitted on validation devices',
    );
  });
});

describe('keepsRanking', () => {
  it('accepts rising fits and refuses falling or flat ones', () => {
    expect(keepsRanking({ method: 'platt', a: 0.8, b: -1 })).toBe(true);
    expect(keepsRanking({ method: 'platt', a: -0.2, b: 0 })).toBe(false);
    expect(keepsRanking({ method: 'platt', a: 0, b: 0 })).toBe(false);
    expect(keepsRanking({ method: 'isotonic', x: [0.1, 0.5], y: [0.02, 0.3] })).toBe(true);
    expect(keepsRanking({ method: 'isotonic', x: [0.1, 0.5], y: [0.05, 0.05] })).toBe(false);
  });
  it('is what a fit on validation data where failures score low gives', () => {
    // Failures at the low scores: Platt's slope comes out negative.
    const scores = [0.1, 0.15, 0.2, 0.6, 0.7, 0.8, 0.9, 0.85];
    const labels = [1, 1, 0, 0, 0, 0, 0, 0];
    expect(keepsRanking(fitPlatt(labels, scores))).toBe(false);
  });
});
