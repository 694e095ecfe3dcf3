import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { averagePrecision, binaryReport, confusionAt, logLoss, prCurve, rocAuc, rocCurve } from './binary-metrics';
import { metricsFromConfusion } from './confusion-matrix';

// scikit-learn's documentation example: roc_auc_score → 0.75, average_precision_score → 0.8333…
const Y = [0, 0, 1, 1];
const S = [0.1, 0.4, 0.35, 0.8];

/** Pair counting straight from the definition, O(n²). */
function bruteAuc(y: number[], s: number[]): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      num += si > sj ? 1 : si === sj ? 0.5 : 0;
      pairs++;
    }
  }
  return num / pairs;
}

/** scikit-learn's AP: for each distinct threshold (descending), recall step × precision. */
function bruteAp(y: number[], s: number[]): number {
  const thresholds = [...new Set(s)].sort((a, b) => b - a);
  const positives = y.filter((v) => v === 1).length;
  let prevRecall = 0;
  let ap = 0;
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    s.forEach((v, i) => {
      if (v >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    });
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

describe('threshold metrics', () => {
  it('counts the confusion matrix with score >= threshold as positive', () => {
    expect(confusionAt(Y, S, 0.5)).toEqual({ tp: 1, fp: 0, tn: 2, fn: 1 });
    // 0.4 is exactly on the threshold and counts as predicted positive.
    expect(confusionAt(Y, S, 0.4)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(confusionAt(Y, S, 0.5, [2, 3])).toEqual({ tp: 1, fp: 0, tn: 0, fn: 1 });
  });

  it('derives accuracy, precision, recall, F1 and specificity', () => {
    const m = metricsFromConfusion({ tp: 1, fp: 0, tn: 2, fn: 1 });
    expect(m.accuracy).toBe(0.75);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBeCloseTo(2 / 3, 15);
    expect(m.specificity).toBe(1);
    const m2 = metricsFromConfusion({ tp: 3, fp: 1, tn: 4, fn: 2 });
    expect(m2).toEqual({ accuracy: 0.7, precision: 0.75, recall: 0.6, f1: 6 / 9, specificity: 0.8 });
  });

  it('reports 0 for undefined ratios (zero_division=0) and NaN accuracy for nothing', () => {
    const noPredictedPositive = metricsFromConfusion({ tp: 0, fp: 0, tn: 5, fn: 2 });
    expect(noPredictedPositive.precision).toBe(0);
    expect(noPredictedPositive.f1).toBe(0);
    expect(noPredictedPositive.accuracy).toBeCloseTo(5 / 7, 15);
    expect(metricsFromConfusion({ tp: 3, fp: 0, tn: 0, fn: 0 }).specificity).toBe(0);
    expect(metricsFromConfusion({ tp: 0, fp: 0, tn: 0, fn: 0 }).accuracy).toBeNaN();
  });
});

describe('ROC-AUC', () => {
  it('matches the scikit-learn documentation example', () => {
    expect(rocAuc(Y, S)).toBe(0.75);
  });

  it('is 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('gives ties half credit (average ranks)', () => {
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Positives 0.6, 0.9, 0.2 vs negatives 0.2, 0.6, 0.1: 2.5 + 3 + 1.5 = 7 of 9 pairs.
    expect(rocAuc([0, 0, 1, 1, 1, 0], [0.2, 0.6, 0.6, 0.9, 0.2, 0.1])).toBeCloseTo(7 / 9, 15);
  });

  it('is NaN when only one class is present', () => {
    expect(rocAuc([0, 0, 0], [0.1, 0.5, 0.9])).toBeNaN();
    expect(rocAuc([1, 1], [0.1, 0.9])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('agrees with pair counting on random data full of ties', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = rng.int(2, 60);
      const y = Array.from({ length: n }, () => (rng.chance(0.3) ? 1 : 0));
      const s = Array.from({ length: n }, () => Math.round(rng.next() * 8) / 8);
      if (!y.includes(0) || !y.includes(1)) continue;
      expect(rocAuc(y, s)).toBeCloseTo(bruteAuc(y, s), 12);
    }
  });
});

describe('average precision (PR-AUC)', () => {
  it('matches the scikit-learn documentation example', () => {
    expect(averagePrecision(Y, S)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
  });

  it('treats equal scores as one threshold', () => {
    expect(averagePrecision([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Thresholds 0.9 (P 1, R 1/3), 0.6 (P 2/3, R 2/3), 0.2 (P 3/5, R 1): (1 + 2/3 + 3/5) / 3 = 34/45.
    expect(averagePrecision([0, 0, 1, 1, 1, 0], [0.2, 0.6, 0.6, 0.9, 0.2, 0.1])).toBeCloseTo(34 / 45, 15);
  });

  it('is 1 for a perfect ranking or all positives, NaN for no positives', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(averagePrecision([1, 1, 1], [0.1, 0.2, 0.3])).toBe(1);
    expect(averagePrecision([0, 0], [0.1, 0.9])).toBeNaN();
  });

  it('ranks an inverted model at the step-wise value', () => {
    // Thresholds .9 and .8 hold negatives; .2 gives P 1/3 at R .5, .1 gives P .5 at R 1.
    expect(averagePrecision([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBeCloseTo(0.5 / 3 + 0.25, 15);
  });

  it('agrees with the threshold-by-threshold definition on random tied data', () => {
    const rng = createRng(12);
    for (let trial = 0; trial < 30; trial++) {
      const n = rng.int(1, 50);
      const y = Array.from({ length: n }, () => (rng.chance(0.4) ? 1 : 0));
      const s = Array.from({ length: n }, () => Math.round(rng.next() * 5) / 5);
      if (!y.includes(1)) continue;
      expect(averagePrecision(y, s)).toBeCloseTo(bruteAp(y, s), 12);
    }
  });
});

describe('log loss', () => {
  it('is the mean negative log-likelihood', () => {
    expect(logLoss(Y, S)).toBeCloseTo(0.47228795380917615, 14);
  });

  it('clips the probability of the true class at 1e-15 on both sides', () => {
    expect(logLoss([1, 0], [0, 1])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(logLoss([1, 0], [1, 0])).toBeCloseTo(-Math.log(1 - 1e-15), 20);
    expect(logLoss([], [])).toBeNaN();
  });
});

describe('curves', () => {
  it('builds the ROC curve over distinct thresholds from (0, 0)', () => {
    const c = rocCurve(Y, S);
    expect([...c.thresholds]).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect([...c.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...c.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...c.tp]).toEqual([0, 1, 1, 2, 2]);
    expect([...c.fp]).toEqual([0, 0, 1, 1, 2]);
  });

  it('groups tied scores into one ROC point', () => {
    const c = rocCurve([0, 1, 1, 0], [0.5, 0.5, 0.9, 0.1]);
    expect([...c.thresholds]).toEqual([Infinity, 0.9, 0.5, 0.1]);
    expect([...c.tpr]).toEqual([0, 0.5, 1, 1]);
    expect([...c.fpr]).toEqual([0, 0, 0.5, 1]);
  });

  it('builds the PR curve from recall 0, precision 1', () => {
    const c = prCurve(Y, S);
    expect([...c.recall]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(c.precision[0]).toBe(1);
    expect(c.precision[1]).toBe(1);
    expect(c.precision[2]).toBe(0.5);
    expect(c.precision[3]).toBeCloseTo(2 / 3, 15);
    expect(c.precision[4]).toBe(0.5);
  });

  it('marks the undefined axis as NaN when a class is missing', () => {
    const c = rocCurve([0, 0], [0.2, 0.7]);
    expect([...c.fpr]).toEqual([0, 0.5, 1]);
    expect(c.tpr.every(Number.isNaN)).toBe(true);
    expect(prCurve([0, 0], [0.2, 0.7]).recall.every(Number.isNaN)).toBe(true);
  });
});

describe('binaryReport', () => {
  it('bundles every metric from one call', () => {
    const r = binaryReport(Y, S, 0.5);
    expect(r).toMatchObject({
      n: 4,
      positives: 2,
      negatives: 2,
      positiveRate: 0.5,
      threshold: 0.5,
      confusion: { tp: 1, fp: 0, tn: 2, fn: 1 },
      accuracy: 0.75,
      precision: 1,
      recall: 0.5,
      specificity: 1,
      rocAuc: 0.75,
    });
    expect(r.f1).toBeCloseTo(2 / 3, 15);
    expect(r.prAuc).toBeCloseTo(5 / 6, 15);
    expect(r.logLoss).toBeCloseTo(0.47228795380917615, 14);
    expect(r.roc.thresholds).toHaveLength(5);
  });

  it('handles a test set without positives', () => {
    const r = binaryReport([0, 0, 0, 0], [0.1, 0.6, 0.2, 0.3], 0.5);
    expect(r.confusion).toEqual({ tp: 0, fp: 1, tn: 3, fn: 0 });
    expect(r.precision).toBe(0);
    expect(r.recall).toBe(0);
    expect(r.f1).toBe(0);
    expect(r.specificity).toBe(0.75);
    expect(r.rocAuc).toBeNaN();
    expect(r.prAuc).toBeNaN();
  });

  it('handles a test set of positives only', () => {
    const r = binaryReport([1, 1, 1], [0.9, 0.4, 0.7], 0.5);
    expect(r.confusion).toEqual({ tp: 2, fp: 0, tn: 0, fn: 1 });
    expect(r.precision).toBe(1);
    expect(r.recall).toBeCloseTo(2 / 3, 15);
    expect(r.specificity).toBe(0);
    expect(r.rocAuc).toBeNaN();
    expect(r.prAuc).toBe(1);
  });

  it('downsamples the curves but keeps both ends', () => {
    const rng = createRng(5);
    const y = Array.from({ length: 1000 }, () => (rng.chance(0.2) ? 1 : 0));
    const s = Array.from({ length: 1000 }, () => rng.next());
    const r = binaryReport(y, s, 0.5, { maxCurvePoints: 50 });
    expect(r.roc.fpr).toHaveLength(50);
    expect(r.pr.recall).toHaveLength(50);
    expect(r.roc.fpr[0]).toBe(0);
    expect(r.roc.fpr[49]).toBe(1);
    expect(r.roc.tpr[49]).toBe(1);
    expect(binaryReport(y, s, 0.5, { maxCurvePoints: Infinity }).roc.fpr).toHaveLength(1001);
  });

  it('rejects malformed input', () => {
    expect(() => binaryReport([0, 1], [0.5], 0.5)).toThrow(/entries/);
    expect(() => binaryReport([0, 2], [0.5, 0.5], 0.5)).toThrow(/0 or 1/);
    expect(() => binaryReport([0, 1], [0.5, Number.NaN], 0.5)).toThrow(/NaN/);
  });
});
