import { describe, expect, it } from 'vitest';
import { HOME_TYPES } from '../home-types';
import { createRng } from '../random';
import { SIZE_CATEGORIES, occupantSchema } from './home-schema';
import { buildHousehold, clockMinutes, clockTime } from './household-templates';

describe('clock helpers', () => {
  it('formats, wraps past midnight and rounds to 5 minutes', () => {
    expect(clockTime(7 * 60 + 2)).toBe('07:00');
    expect(clockTime(7 * 60 + 3)).toBe('07:05');
    expect(clockTime(24 * 60 + 30)).toBe('00:30');
    expect(clockMinutes('23:45')).toBe(1425);
  });
});

describe('buildHousehold', () => {
  it('gives valid occupants with unique names for every type and size', () => {
    const rng = createRng(9);
    for (const t of HOME_TYPES) {
      for (const s of SIZE_CATEGORIES) {
        for (let k = 0; k < 10; k++) {
          const people = buildHousehold(t, s, 3, rng);
          expect(people.length).toBeGreaterThanOrEqual(1);
          for (const p of people) expect(occupantSchema.safeParse(p).success).toBe(true);
          expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
        }
      }
    }
  });

  it('keeps children on a school schedule and retirees up early', () => {
    const rng = createRng(4);
    for (let k = 0; k < 20; k++) {
      for (const p of buildHousehold('single_family_house', 'large', 4, rng)) {
        if (p.role !== 'child') continue;
        expect(clockMinutes(p.weekday.leave ?? '00:00')).toBeLessThan(8 * 60 + 30);
        expect(clockMinutes(p.weekday.return ?? '00:00')).toBeGreaterThan(14 * 60);
      }
      for (const p of buildHousehold('ranch_house', 'medium', 3, rng)) {
        if (p.role === 'senior') expect(clockMinutes(p.weekday.wake)).toBeLessThanOrEqual(7 * 60 + 5);
      }
    }
  });

  it('fits no more than two children per spare bedroom', () => {
    const rng = createRng(12);
    for (let k = 0; k < 30; k++) {
      expect(buildHousehold('townhouse', 'small', 1, rng).filter((p) => p.role === 'child')).toHaveLength(0);
      for (const t of HOME_TYPES)
        expect(buildHousehold(t, 'extra_large', 2, rng).filter((p) => p.role === 'child').length).toBeLessThanOrEqual(
          2,
        );
    }
  });

  it('gives each type its usual household and other households too', () => {
    const rng = createRng(21);
    const draw = (t: (typeof HOME_TYPES)[number]): ReturnType<typeof buildHousehold>[] =>
      Array.from({ length: 200 }, () => buildHousehold(t, 'medium', 3, rng));
    const studios = draw('studio');
    expect(studios.filter((h) => h.length === 1).length).toBeGreaterThan(140);
    expect(studios.some((h) => h.length === 2)).toBe(true);
    const houses = draw('single_family_house');
    expect(houses.filter((h) => h.some((p) => p.role === 'child')).length).toBeGreaterThan(130);
    expect(houses.some((h) => h.every((p) => p.role !== 'child'))).toBe(true);
    expect(draw('apartment').some((h) => h.some((p) => p.role === 'child'))).toBe(true);
    expect(draw('cottage').some((h) => h.some((p) => p.role === 'child'))).toBe(true);
  });
});
