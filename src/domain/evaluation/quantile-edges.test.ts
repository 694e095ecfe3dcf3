import { describe, expect, it } from 'vitest';
import { featureQuantileEdges, supervisedEdges, targetCuts } from './quantile-edges';

describe('featureQuantileEdges', () => {
  it('gives ascending distinct edges from min to max, none for a constant column, and skips NaN', () => {
    // Two columns: 0..99 and a constant 5, with one NaN in the first.
    const n = 100;
    const x = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      x[i * 2] = i === 50 ? Number.NaN : i;
      x[i * 2 + 1] = 5;
    }
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const [first, constant] = featureQuantileEdges(x, 2, rows, 4, 1);
    expect(first?.[0]).toBe(0);
    expect(first?.at(-1)).toBe(99);
    expect(first).toHaveLength(5);
    expect(first?.every((e, i) => i === 0 || e > (first[i - 1] ?? e))).toBe(true);
    expect(constant).toEqual([]);
  });
});

describe('targetCuts', () => {
  it('finds the threshold of a rule as the two training values around it', () => {
    // Label: value > 20 (integers 0..99): the one cut falls between 20 and 21.
    const values = Float64Array.from({ length: 100 }, (_, i) => i);
    const labels = Uint8Array.from(values, (v) => (v > 20 ? 1 : 0));
    expect(targetCuts(values, labels, 1, 5)).toEqual([20, 21]);
  });

  it('respects the leaf minimum, stops when nothing separates the labels, and skips NaN', () => {
    const values = Float64Array.from([1, 2, 3, Number.NaN, 4, 5, 6]);
    const labels = Uint8Array.from([0, 0, 0, 1, 1, 1, 1]);
    // Cut between 3 and 4 (the NaN row is ignored); with a leaf minimum of 4 no split is allowed.
    expect(targetCuts(values, labels, 2, 1)).toEqual([3, 4]);
    expect(targetCuts(values, labels, 2, 4)).toEqual([]);
    expect(targetCuts(values, Uint8Array.from([1, 1, 1, 1, 1, 1, 1]), 3, 1)).toEqual([]);
  });
});

describe('supervisedEdges', () => {
  it('merges the label-aware step into the quantile edges of each column', () => {
    const n = 200;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = i;
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i > 137 ? 1 : 0));
    const [edges] = supervisedEdges(x, 1, rows, labels, { bins: 4, cuts: 1, minLeaf: 5, seed: 1 });
    expect(edges).toContain(137);
    expect(edges).toContain(138);
    expect(edges?.[0]).toBe(0);
    expect(edges?.at(-1)).toBe(199);
    expect(edges?.every((e, i) => i === 0 || e > (edges[i - 1] ?? e))).toBe(true);
  });
});
