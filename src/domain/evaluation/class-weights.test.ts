import { describe, expect, it } from 'vitest';
import { balancedClassWeights, sampleWeightsFromClassWeights } from './class-weights';

describe('balancedClassWeights', () => {
  it('computes n / (k · count) like scikit-learn', () => {
    // 8 samples: 6 negatives, 2 positives → 8/(2·6) and 8/(2·2).
    const w = balancedClassWeights([0, 0, 0, 0, 0, 0, 1, 1], 2);
    expect([...w]).toEqual([8 / 12, 2]);
    // compute_class_weight('balanced', classes=[0,1,2], y=[0,1,1,2,2,2]) = [2, 1, 2/3].
    expect([...balancedClassWeights([0, 1, 1, 2, 2, 2], 3)]).toEqual([2, 1, 6 / 9]);
  });

  it('gives every present class the same total weight and absent classes 0', () => {
    const labels = [0, 0, 0, 2, 2, 3];
    const w = balancedClassWeights(labels, 4);
    expect(w[1]).toBe(0);
    const totals = [0, 2, 3].map((c) => labels.filter((l) => l === c).length * (w[c] ?? 0));
    for (const t of totals) expect(t).toBeCloseTo(2, 12);
  });

  it('expands to per-sample weights', () => {
    expect([...sampleWeightsFromClassWeights([1, 0, 1], [0.5, 3])]).toEqual([3, 0.5, 3]);
    expect(() => sampleWeightsFromClassWeights([2], [1, 1])).toThrow(/class index/);
  });
});
