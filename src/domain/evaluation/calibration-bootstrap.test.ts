import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliabilityBins } from './calibration-reliability';
import { bootstrapCalibration } from './calibration-bootstrap';

const bootstrapEce = (...args: Parameters<typeof bootstrapCalibration>) => bootstrapCalibration(...args).ece;

describe('bootstrapEce', () => {
  it('keeps the full-sample ECE as the estimate and brackets it', () => {
    // Home 0 is well calibrated (scores 0.25, a quarter positive); home 1 over-predicts (0.85, none positive).
    const labels = [1, 0, 0, 0, 0, 0, 0, 0];
    const scores = [0.25, 0.25, 0.25, 0.25, 0.85, 0.85, 0.85, 0.85];
    const homes = [7, 7, 7, 7, 9, 9, 9, 9];
    const ci = bootstrapEce(labels, scores, homes, { seed: 1, resamples: 400 });
    // Bins [0.2, 0.3) gap 0 and [0.8, 0.9) gap 0.85, each half the samples.
    expect(ci.estimate).toBeCloseTo(0.425, 12);
    // A replicate of home 0 only has ECE 0; of home 1 only, 0.85: both extremes occur.
    expect(ci.low).toBeCloseTo(0, 12);
    expect(ci.high).toBeCloseTo(0.85, 12);
    expect(ci.valid).toBe(400);
  });

  it('gives the same ECE and reliability bins as the one-shot functions', () => {
    const labels = [1, 0, 0, 1, 0, 1, 0, 0, 1];
    const scores = [0.95, 0.05, 0.31, 0.62, 0.44, 0.71, 0.12, 0.58, 0.33];
    const { ece, bins } = bootstrapCalibration(labels, scores, [1, 1, 2, 2, 3, 3, 4, 4, 4], { seed: 2, resamples: 20 });
    expect(ece.estimate).toBeCloseTo(expectedCalibrationError(labels, scores), 12);
    const expected = reliabilityBins(labels, scores);
    expect(bins.map((b) => b.count)).toEqual(expected.map((b) => b.count));
    bins.forEach((b, i) => {
      const e = expected[i];
      if (b.count === 0) expect([b.meanScore, b.positiveRate]).toEqual([Number.NaN, Number.NaN]);
      else {
        expect(b.meanScore).toBeCloseTo(e?.meanScore ?? Number.NaN, 12);
        expect(b.positiveRate).toBeCloseTo(e?.positiveRate ?? Number.NaN, 12);
      }
    });
  });

  it('collapses to the estimate with a single home and repeats with the seed', () => {
    const labels = [1, 0, 1, 0];
    const scores = [0.9, 0.2, 0.6, 0.4];
    const one = bootstrapEce(labels, scores, [3, 3, 3, 3], { seed: 5, resamples: 50 });
    expect(one.low).toBeCloseTo(one.estimate, 12);
    expect(one.high).toBeCloseTo(one.estimate, 12);
    const a = bootstrapEce(labels, scores, [1, 2, 1, 2], { seed: 5, resamples: 50 });
    const b = bootstrapEce(labels, scores, [1, 2, 1, 2], { seed: 5, resamples: 50 });
    expect(a).toEqual(b);
  });
});
