import { describe, expect, it } from 'vitest';
import { NOISE_TABLE, inverseNormalCdf } from './noise-table';

describe('noise table', () => {
  it('inverts the normal CDF at known quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 12);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-inverseNormalCdf(0.99), 9);
  });

  it('holds 4096 ascending, symmetric standard-normal quantiles with unit variance', () => {
    expect(NOISE_TABLE).toHaveLength(4096);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < NOISE_TABLE.length; i++) {
      const x = NOISE_TABLE[i] ?? 0;
      if (i > 0) expect(x).toBeGreaterThan(NOISE_TABLE[i - 1] ?? 0);
      expect(x).toBeCloseTo(-(NOISE_TABLE[4095 - i] ?? 0), 9);
      sum += x;
      sq += x * x;
    }
    expect(sum / 4096).toBeCloseTo(0, 9);
    expect(sq / 4096).toBeGreaterThan(0.99);
    expect(sq / 4096).toBeLessThan(1);
  });
});
