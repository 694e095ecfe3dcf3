import { describe, expect, it } from 'vitest';
import { fitStump, predictStump } from './stump-baseline';

describe('fitStump', () => {
  it('finds the one informative feature and scores each side by its positive rate', () => {
    // Column 0 is noise, column 1 decides: y = x1 > 5.
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20; i++) {
      x.push((i * 7) % 3, i);
      y.push(i > 5 ? 1 : 0);
    }
    const s = fitStump(x, 2, y, 1);
    expect(s.rule.feature).toBe(1);
    expect(s.rule.direction).toBe('above');
    expect(s.rule.threshold).toBeCloseTo(5.5, 12);
    // 14 positives of 14 above, 0 of 6 below, Laplace-smoothed.
    expect(s.scoreOn).toBeCloseTo(15 / 16, 12);
    expect(s.scoreOff).toBeCloseTo(1 / 8, 12);
    expect(Array.from(predictStump(s, [0, 9, 0, 1], 2))).toEqual([15 / 16, 1 / 8]);
  });

  it('never fires on a missing value', () => {
    const s = fitStump([0, 1, 2, 3], 1, [0, 0, 1, 1], 1);
    expect(predictStump(s, [Number.NaN], 1)[0]).toBe(s.scoreOff);
  });
});
