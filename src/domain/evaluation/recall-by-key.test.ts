import { describe, expect, it } from 'vitest';
import { recallByKey } from './recall-by-key';

describe('recallByKey', () => {
  it('splits recall by scenario and ignores negatives', () => {
    const y = [1, 1, 1, 0, 1, 1, 0];
    const s = [0.9, 0.2, 0.6, 0.99, 0.1, 0.3, 0.1];
    const keys = [0, 0, 0, 1, 1, 1, 2];
    const rows = recallByKey(y, s, 0.5, keys, 3);
    expect(rows.map((r) => [r.key, r.positives, r.detected])).toEqual([
      [0, 3, 2],
      [1, 2, 0],
      [2, 0, 0],
    ]);
    expect(rows[0]?.recall).toBeCloseTo(2 / 3, 15);
    expect(rows[1]?.recall).toBe(0);
    expect(rows[1]?.interval.low).toBe(0);
    expect(rows[1]?.interval.high).toBeGreaterThan(0.5);
    expect(rows[2]?.recall).toBeNaN();
    expect(rows[2]?.interval).toMatchObject({ low: 0, high: 1 });
  });

  it('rejects keys out of range', () => {
    expect(() => recallByKey([1], [0.5], 0.5, [3], 3)).toThrow(/not in/);
    expect(() => recallByKey([1], [0.5], 0.5, [], 3)).toThrow(/keys has 0/);
  });
});
