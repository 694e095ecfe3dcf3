import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { bootstrapCI, bootstrapCIs, quantileSorted } from './bootstrap';

function meanOf(values: ArrayLike<number>): (idx: Uint32Array) => number {
  return (idx) => {
    let s = 0;
    for (const i of idx) s += values[i] ?? 0;
    return s / idx.length;
  };
}

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics like numpy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('bootstrapCI', () => {
  const rng0 = createRng(3);
  const values = Float64Array.from({ length: 400 }, () => rng0.normal(10, 2));

  it('is reproducible with the same seed and changes with another', () => {
    const a = bootstrapCI(values.length, meanOf(values), { rng: createRng(42), resamples: 300 });
    const b = bootstrapCI(values.length, meanOf(values), { rng: createRng(42), resamples: 300 });
    const c = bootstrapCI(values.length, meanOf(values), { rng: createRng(43), resamples: 300 });
    expect(a).toEqual(b);
    expect(a.low).not.toBe(c.low);
    expect(a.estimate).toBe(c.estimate);
  });

  it('brackets the estimate with about the normal-theory width', () => {
    const ci = bootstrapCI(values.length, meanOf(values), { rng: createRng(42) });
    let mean = 0;
    for (const v of values) mean += v / values.length;
    let variance = 0;
    for (const v of values) variance += (v - mean) ** 2 / values.length;
    const halfWidth = 1.96 * Math.sqrt(variance / values.length);
    expect(ci.estimate).toBeCloseTo(mean, 12);
    expect(ci.low).toBeLessThan(ci.estimate);
    expect(ci.high).toBeGreaterThan(ci.estimate);
    expect((ci.high - ci.low) / 2).toBeGreaterThan(halfWidth * 0.85);
    expect((ci.high - ci.low) / 2).toBeLessThan(halfWidth * 1.15);
    expect(ci).toMatchObject({ resamples: 1000, valid: 1000, level: 0.95 });
  });

  it('gives exact values for a fixed seed', () => {
    const ci = bootstrapCI(5, meanOf([1, 2, 3, 4, 5]), { rng: createRng(7), resamples: 200, level: 0.9 });
    expect(ci.estimate).toBe(3);
    expect([ci.low, ci.high]).toEqual([2, 4.2]);
  });

  it('skips NaN replicates and counts the valid ones', () => {
    // NaN whenever sample 0 is drawn: P(not drawn in 5) = 0.8^5 ≈ 0.33.
    const metric = (idx: Uint32Array): number => (idx.includes(0) ? Number.NaN : 1);
    const ci = bootstrapCI(5, metric, { rng: createRng(1), resamples: 2000 });
    expect(ci.estimate).toBeNaN();
    expect(ci.valid / 2000).toBeGreaterThan(0.29);
    expect(ci.valid / 2000).toBeLessThan(0.37);
    expect(ci.low).toBe(1);
    expect(ci.high).toBe(1);
  });

  it('redraws each stratum to its own size', () => {
    const strata = [0, 0, 0, 0, 0, 0, 0, 1, 1, 0];
    const seen = new Set<number>();
    bootstrapCI(
      10,
      (idx) => {
        let ones = 0;
        for (const i of idx) ones += strata[i] ?? 0;
        seen.add(ones);
        return ones;
      },
      { rng: createRng(2), resamples: 200, strata },
    );
    expect([...seen]).toEqual([2]);
  });

  it('draws whole clusters with groups', () => {
    const groups = [5, 5, 5, 9, 9, 2, 2, 2, 2, 7];
    bootstrapCI(
      groups.length,
      (idx) => {
        const counts = new Map<number, number>();
        for (const i of idx) counts.set(i, (counts.get(i) ?? 0) + 1);
        // Every member of a cluster appears as often as the cluster was drawn.
        for (const members of [
          [0, 1, 2],
          [3, 4],
          [5, 6, 7, 8],
        ]) {
          const c = members.map((m) => counts.get(m) ?? 0);
          expect(new Set(c).size).toBe(1);
        }
        return idx.length;
      },
      { rng: createRng(4), resamples: 100, groups },
    );
  });

  it('stratifies clusters by their largest stratum value', () => {
    const groups = [0, 0, 1, 1, 2, 3, 4, 5];
    const labels = [0, 1, 0, 0, 0, 0, 1, 0];
    const positiveClusters = new Set<number>();
    bootstrapCI(
      groups.length,
      (idx) => {
        const drawn = new Set<number>();
        for (const i of idx) if (groups[i] === 0 || groups[i] === 4) drawn.add(i);
        // Clusters 0 and 4 hold the positives; each replicate draws exactly 2 of them (with repeats).
        let clusterDraws = 0;
        for (const i of idx) if (i === 0 || i === 6) clusterDraws++;
        positiveClusters.add(clusterDraws);
        return drawn.size;
      },
      { rng: createRng(4), resamples: 100, groups, strata: labels },
    );
    expect([...positiveClusters]).toEqual([2]);
  });

  it('returns NaN intervals for no samples and rejects bad options', () => {
    const ci = bootstrapCI(0, () => 1, { rng: createRng(1) });
    expect(ci.estimate).toBeNaN();
    expect(ci.valid).toBe(0);
    expect(() => bootstrapCI(3, () => 1, { rng: createRng(1), level: 1 })).toThrow(/level/);
    expect(() => bootstrapCI(3, () => 1, { rng: createRng(1), resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapCI(3, () => 1, { rng: createRng(1), strata: [0, 1] })).toThrow(/strata/);
  });
});

describe('bootstrapCIs', () => {
  it('computes several metrics over the same replicates', () => {
    const values = [1, 2, 3, 4, 5, 6];
    const [mean, doubled] = bootstrapCIs(
      values.length,
      2,
      (idx, out) => {
        const m = meanOf(values)(idx);
        out[0] = m;
        out[1] = 2 * m;
      },
      { rng: createRng(9), resamples: 100 },
    );
    expect(mean?.estimate).toBe(3.5);
    expect(doubled?.low).toBeCloseTo(2 * (mean?.low ?? 0), 12);
    expect(doubled?.high).toBeCloseTo(2 * (mean?.high ?? 0), 12);
  });
});
