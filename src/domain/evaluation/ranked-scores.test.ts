import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { averagePrecision, rocAuc } from './binary-metrics';
import { averagePrecisionRanked, rankScores, rocAucRanked } from './ranked-scores';

describe('rankScores', () => {
  it('orders by descending score, ties by index, and marks tie groups', () => {
    const r = rankScores([0, 1, 1, 0, 1], [0.3, 0.9, 0.3, 0.1, 0.3]);
    expect([...r.order]).toEqual([1, 0, 2, 4, 3]);
    expect([...r.rankOf]).toEqual([1, 0, 2, 4, 3]);
    expect([...r.sortedScores]).toEqual([0.9, 0.3, 0.3, 0.3, 0.1]);
    expect([...r.sortedLabels]).toEqual([1, 0, 1, 1, 0]);
    expect([...r.groupEnds]).toEqual([1, 4, 5]);
    expect(r).toMatchObject({ n: 5, positives: 3, negatives: 2 });
  });

  it('handles no samples', () => {
    const r = rankScores([], []);
    expect(r.groupEnds).toHaveLength(0);
    expect(rocAucRanked(r)).toBeNaN();
    expect(averagePrecisionRanked(r)).toBeNaN();
  });
});

describe('weighted ranking metrics', () => {
  it('equal the metrics of the materialised resample', () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 40; trial++) {
      const n = rng.int(2, 80);
      const y = Array.from({ length: n }, () => (rng.chance(0.35) ? 1 : 0));
      const s = Array.from({ length: n }, () => Math.round(rng.next() * 10) / 10);
      const ranked = rankScores(y, s);
      const idx = Array.from({ length: n }, () => rng.int(0, n - 1));
      const weights = new Float64Array(n);
      for (const i of idx) weights[ranked.rankOf[i] ?? 0] = (weights[ranked.rankOf[i] ?? 0] ?? 0) + 1;
      const ySub = idx.map((i) => y[i] ?? 0);
      const sSub = idx.map((i) => s[i] ?? 0);
      const expectedAuc = rocAuc(ySub, sSub);
      const expectedAp = averagePrecision(ySub, sSub);
      if (Number.isNaN(expectedAuc)) expect(rocAucRanked(ranked, weights)).toBeNaN();
      else expect(rocAucRanked(ranked, weights)).toBeCloseTo(expectedAuc, 12);
      if (Number.isNaN(expectedAp)) expect(averagePrecisionRanked(ranked, weights)).toBeNaN();
      else expect(averagePrecisionRanked(ranked, weights)).toBeCloseTo(expectedAp, 12);
    }
  });
});
