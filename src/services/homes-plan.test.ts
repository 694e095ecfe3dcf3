import { describe, expect, it } from 'vitest';
import { planHomes } from '../domain/homes/home-plan';
import { planRunHomes } from './homes-plan';

describe('planRunHomes', () => {
  it('is the original plan when every size is allowed', () => {
    expect(planRunHomes(20, null, null, 5)).toEqual(planHomes(20, undefined, 5));
    expect(planRunHomes(20, ['studio', 'condo'], ['small', 'medium', 'large', 'extra_large'], 5)).toEqual(
      planHomes(20, ['studio', 'condo'], 5),
    );
  });

  it('keeps types and allowed sizes, redraws the rest among the chosen sizes with their relative weights', () => {
    const full = planRunHomes(2000, null, null, 9);
    const limited = planRunHomes(2000, null, ['small', 'extra_large'], 9);
    expect(limited.map((p) => p.homeType)).toEqual(full.map((p) => p.homeType));
    for (let i = 0; i < full.length; i++) {
      const f = full[i];
      if (f?.sizeCategory === 'small' || f?.sizeCategory === 'extra_large')
        expect(limited[i]?.sizeCategory).toBe(f.sizeCategory);
    }
    const small = limited.filter((p) => p.sizeCategory === 'small').length;
    expect(small + limited.filter((p) => p.sizeCategory === 'extra_large').length).toBe(2000);
    // 30 : 10 → three quarters small.
    expect(small / 2000).toBeGreaterThan(0.72);
    expect(small / 2000).toBeLessThan(0.78);
    expect(planRunHomes(2000, null, ['small', 'extra_large'], 9)).toEqual(limited);
  });

  it('refuses an empty size choice', () => {
    expect(() => planRunHomes(3, null, [], 1)).toThrow(/at least one size/);
  });
});
