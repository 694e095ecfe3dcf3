import { describe, expect, it } from 'vitest';
import {
  applySourceStandardizers,
  applyStandardizer,
  fitSourceStandardizers,
  fitStandardizer,
  parseStandardizer,
} from './standardize';

describe('standardizer', () => {
  // 4 rows × 3 columns: a spread column, a constant column, a column with a NaN.
  const X = Float32Array.from([1, 5, 10, 2, 5, Number.NaN, 3, 5, 30, 100, 5, 50]);

  it('fits population mean and std on the training rows only', () => {
    const s = fitStandardizer(X, 3, [0, 1, 2]);
    expect(s.mean).toEqual([2, 5, 20]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(s.std[1]).toBe(1); // constant column
    expect(s.std[2]).toBe(10); // NaN ignored: values 10 and 30
  });

  it('imputes NaN with the mean (0 after scaling) and applies to any rows', () => {
    const s = fitStandardizer(X, 3, [0, 1, 2]);
    const out = applyStandardizer(X, 3, s, [1, 3]);
    expect(out).toHaveLength(6);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(98 / Math.sqrt(2 / 3), 3);
    expect(out[5]).toBe(3);
  });

  it('gives zero mean and unit variance on the fitted rows', () => {
    const data = Float64Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 1000 + i : i * 0.01));
    const s = fitStandardizer(data, 3);
    const z = applyStandardizer(data, 3, s);
    for (let c = 0; c < 3; c++) {
      let mean = 0;
      let sq = 0;
      for (let r = 0; r < 100; r++) mean += (z[r * 3 + c] ?? 0) / 100;
      for (let r = 0; r < 100; r++) sq += ((z[r * 3 + c] ?? 0) - mean) ** 2 / 100;
      expect(mean).toBeCloseTo(0, 5);
      expect(sq).toBeCloseTo(1, 5);
    }
  });

  it('handles an all-NaN column and round-trips through JSON', () => {
    const s = fitStandardizer([Number.NaN, 1, Number.NaN, 3], 2);
    expect(s).toEqual({ mean: [0, 2], std: [1, 1] });
    expect(parseStandardizer(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(() => parseStandardizer({ mean: [0], std: [0] })).toThrow();
    expect(() => parseStandardizer({ mean: [0, 1], std: [1] })).toThrow();
  });

  it('rejects shapes that do not fit', () => {
    expect(() => fitStandardizer([1, 2, 3], 2)).toThrow(/rows of 2/);
    expect(() => applyStandardizer([1, 2], 2, { mean: [0], std: [1] })).toThrow(/columns/);
  });
});

describe('per-source standardisers', () => {
  // 5 rows × 2 columns from two sources; each source is scaled by its own rows only.
  const X = Float32Array.from([1, 10, 3, 10, 100, 0, 300, 4, 200, 2]);
  const sources = ['template', 'template', 'survey', 'survey', 'survey'];

  it("fits each source's mean and population std on its own rows, ignoring the others", () => {
    const st = fitSourceStandardizers(X, 2, sources);
    expect([...st.keys()].sort()).toEqual(['survey', 'template']);
    expect(st.get('template')?.mean).toEqual([2, 10]);
    expect(st.get('template')?.std).toEqual([1, 1]); // column 2 constant within the source → std 1
    expect(st.get('survey')?.mean).toEqual([200, 2]);
    expect(st.get('survey')?.std[0]).toBeCloseTo(Math.sqrt(20000 / 3), 6);
    expect(st.get('survey')?.std[1]).toBeCloseTo(Math.sqrt(8 / 3), 6);
  });

  it('fits on the given rows only and leaves out sources without one', () => {
    const st = fitSourceStandardizers(X, 2, sources, [0, 2, 3]);
    expect([...st.keys()].sort()).toEqual(['survey', 'template']);
    expect(st.get('template')?.mean).toEqual([1, 10]);
    expect(st.get('survey')?.mean).toEqual([200, 2]);
    expect(fitSourceStandardizers(X, 2, sources, [2, 3]).has('template')).toBe(false);
  });

  it("standardises every row by its own source's figures", () => {
    const st = fitSourceStandardizers(X, 2, sources);
    const z = applySourceStandardizers(X, 2, sources, st);
    // template: (1 − 2)/1, (10 − 10)/1; (3 − 2)/1, 0. survey column 1: (100 − 200)/√(20000/3) = −√1.5.
    expect(Array.from(z.subarray(0, 4))).toEqual([-1, 0, 1, 0]);
    expect(z[4]).toBeCloseTo(-Math.sqrt(1.5), 5);
    expect(z[5]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 5);
    expect(Array.from(applySourceStandardizers(X, 2, sources, st, [1]))).toEqual([1, 0]);
    const templateOnly = new Map([...st].filter(([s]) => s === 'template'));
    expect(() => applySourceStandardizers(X, 2, sources, templateOnly)).toThrow(/survey/);
  });
});
