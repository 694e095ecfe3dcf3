import { describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../home-types';
import { homeTypeCounts, planHomes } from './home-plan';

describe('homeTypeCounts', () => {
  it('reproduces the original counts: floor per type, shortfall to single_family_house', () => {
    expect(homeTypeCounts(100).map(([, n]) => n)).toEqual([30, 20, 15, 10, 10, 5, 5, 5]);
    // 7 homes: floors 2,1,1,0,0,0,0,0 leave 3 for single_family_house.
    expect(homeTypeCounts(7).map(([, n]) => n)).toEqual([5, 1, 1, 0, 0, 0, 0, 0]);
    expect(homeTypeCounts(0).every(([, n]) => n === 0)).toBe(true);
  });

  it('splits a type list evenly with the remainder to the first types, like --home-types', () => {
    expect(homeTypeCounts(7, ['studio', 'condo', 'cottage'])).toEqual([
      ['single_family_house', 0],
      ['apartment', 0],
      ['condo', 2],
      ['townhouse', 0],
      ['cottage', 2],
      ['studio', 3],
      ['multi_story', 0],
      ['ranch_house', 0],
    ]);
  });

  it('gives the shortfall of custom weights to the heaviest type', () => {
    expect(homeTypeCounts(10, { apartment: 1, studio: 2 })).toEqual(
      HOME_TYPES.map((t) => [t, t === 'apartment' ? 3 : t === 'studio' ? 7 : 0]),
    );
  });

  it('rejects bad input', () => {
    expect(() => homeTypeCounts(-1)).toThrow(/non-negative integer/);
    expect(() => homeTypeCounts(2.5)).toThrow(/non-negative integer/);
    expect(() => homeTypeCounts(3, [])).toThrow(/empty/);
    expect(() => homeTypeCounts(3, { condo: 0 })).toThrow(/positive sum/);
  });
});

describe('planHomes', () => {
  it('is a seeded shuffle with seeded size categories (exact values for seed 42)', () => {
    expect(planHomes(8, undefined, 42)).toEqual([
      { index: 0, homeType: 'single_family_house', sizeCategory: 'large' },
      { index: 1, homeType: 'single_family_house', sizeCategory: 'small' },
      { index: 2, homeType: 'single_family_house', sizeCategory: 'medium' },
      { index: 3, homeType: 'single_family_house', sizeCategory: 'small' },
      { index: 4, homeType: 'condo', sizeCategory: 'medium' },
      { index: 5, homeType: 'apartment', sizeCategory: 'medium' },
      { index: 6, homeType: 'single_family_house', sizeCategory: 'small' },
      { index: 7, homeType: 'single_family_house', sizeCategory: 'medium' },
    ]);
    expect(planHomes(8, undefined, 42)).toEqual(planHomes(8, undefined, 42));
    expect(planHomes(8, undefined, 43)).not.toEqual(planHomes(8, undefined, 42));
  });

  it('keeps the type counts and draws sizes 30/40/20/10', () => {
    const plan = planHomes(10_000, undefined, 1);
    expect(plan.map((p) => p.index)).toEqual(plan.map((_, i) => i));
    const types = new Map<string, number>();
    const sizes = new Map<string, number>();
    for (const p of plan) {
      types.set(p.homeType, (types.get(p.homeType) ?? 0) + 1);
      sizes.set(p.sizeCategory, (sizes.get(p.sizeCategory) ?? 0) + 1);
    }
    expect(HOME_TYPES.map((t) => types.get(t) ?? 0)).toEqual([3000, 2000, 1500, 1000, 1000, 500, 500, 500]);
    expect(sizes.get('small')).toBe(3005);
    expect(sizes.get('medium')).toBe(3990);
    expect(sizes.get('large')).toBe(1998);
    expect(sizes.get('extra_large')).toBe(1007);
  });
});
