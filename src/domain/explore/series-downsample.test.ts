import { describe, expect, it } from 'vitest';
import { downsampleSeries } from './series-downsample';

describe('downsampleSeries', () => {
  it('keeps at most maxPoints, the ends and the extremes, and drops missing values', () => {
    const n = 35_040;
    const time = Float64Array.from({ length: n }, (_, i) => i * 900_000);
    const values = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 500) + (i === 12_345 ? 10 : 0));
    values[100] = Number.NaN;
    const out = downsampleSeries(time, values, 1000);
    expect(out.time.length).toBeLessThanOrEqual(1000);
    expect(out.time[0]).toBe(0);
    expect(out.time.at(-1)).toBe((n - 1) * 900_000);
    expect(Math.max(...out.values)).toBeCloseTo(10 + Math.sin(12_345 / 500), 4);
    expect(Array.from(out.values).some(Number.isNaN)).toBe(false);
  });
  it('returns short series unchanged', () => {
    const out = downsampleSeries([1, 2, 3], [5, Number.NaN, 7], 10);
    expect(Array.from(out.time)).toEqual([1, 3]);
    expect(Array.from(out.values)).toEqual([5, 7]);
  });
});
