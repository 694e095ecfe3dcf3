import { describe, expect, it } from 'vitest';
import { dailyCycle, planPattern, seasonal, weeklyCycle } from './patterns';
import { healthScoreOfRow } from './health-score';
import { parseClassicSpec, parseLocalDateTime } from './classic-spec';

describe('pattern formulas (original §1.6 test vectors)', () => {
  it('daily_cycle', () => {
    const expected = [
      0, 0.039, 0.075, 0.106, 0.13, 0.145, 0.35, 0.341, 0.317, 0.277, 0.075, 0.039, 0, -0.039, -0.075, -0.106, -0.13,
      -0.145, -0.15, -0.141, -0.117, -0.077, -0.075, -0.039,
    ];
    expected.forEach((f, h) => expect(dailyCycle(h)).toBeCloseTo(f, 3));
  });
  it('weekly_cycle', () => {
    [0, 0.078, 0.097, 0.043, -0.043, -0.095, -0.056].forEach((f, wd) => expect(weeklyCycle(wd)).toBeCloseTo(f, 3));
  });
  it('seasonal', () => {
    [0, 0.15, 0.26, 0.3, 0.26, 0.15, 0, -0.15, -0.26, -0.3, -0.26, -0.15].forEach((f, i) =>
      expect(seasonal(i + 1)).toBeCloseTo(f, 2),
    );
  });
  it('multiplicative patterns at 180 days', () => {
    const clock = { hour: 0, weekday: 0, month: 1 };
    expect(planPattern('degradation', clock, 180)).toEqual({ kind: 'multiplicative', factor: 0.91 });
    expect(planPattern('increasing', clock, 180)).toEqual({ kind: 'multiplicative', factor: 1.18 });
    expect(planPattern('degradation', clock, 1000)).toEqual({ kind: 'multiplicative', factor: 0.7 });
    expect(planPattern('increasing', clock, 1000)).toEqual({ kind: 'multiplicative', factor: 1.5 });
  });
  it('stays within the original bounds for range (50, 100)', () => {
    const bounds: Record<string, [number, number]> = {
      stable: [40, 110],
      daily_cycle: [30, 120],
      weekly_cycle: [30, 120],
      variation: [30, 120],
      seasonal: [20, 130],
    };
    for (const [name, [lo, hi]] of Object.entries(bounds)) {
      for (let hour = 0; hour < 24; hour++) {
        for (let month = 1; month <= 12; month++) {
          const p = planPattern(name as 'stable', { hour, weekday: hour % 7, month }, 180);
          if (p.kind !== 'additive') throw new Error('additive expected');
          for (const base of [50, 100]) {
            for (const u of [-1, 1]) {
              const v = base + (p.f + u * p.jitter) * 50;
              expect(v).toBeGreaterThanOrEqual(lo);
              expect(v).toBeLessThanOrEqual(hi);
            }
          }
        }
      }
    }
  });
});

describe('health score (§1.9, §8)', () => {
  const healthy = [100, 0.01, 90, -50, 0.5, 22, 50, 500, 1, 0, 300];
  const degraded = [3000, 0.2, 10, -90, 0.5, 22, 50, 500, 12, 8, 300];
  it('a healthy sample ≥ 0.7, a degraded one < 0.5', () => {
    expect(healthScoreOfRow(healthy)).toBeGreaterThanOrEqual(0.7);
    expect(healthScoreOfRow(degraded)).toBeLessThan(0.5);
    expect(healthScoreOfRow(degraded)).toBeLessThan(healthScoreOfRow(healthy));
  });
  it('applies each deduction', () => {
    expect(healthScoreOfRow([1500, 0.07, 40, -75, 0, 0, 0, 0, 0, 3, 0])).toBe(0.49);
    expect(healthScoreOfRow(degraded)).toBe(0);
  });
});

describe('classic spec validation', () => {
  it('accepts the defaults', () => {
    expect(
      parseClassicSpec({
        seed: 1,
        samples: 10,
        days: 30,
        failureRate: 0.1,
        referenceDate: '2025-01-31T23:59',
        timeZone: 'Europe/Berlin',
        homeTypes: 'studio',
        healthScore: true,
      }).ok,
    ).toBe(true);
  });
  it('rejects every bad field with its message', () => {
    const r = parseClassicSpec({
      seed: -1,
      samples: 0,
      days: 1000,
      failureRate: 1.5,
      referenceDate: '2025-02-30T10:00',
      timeZone: 'Mars/Olympus',
      homeTypes: 'castle',
      healthScore: true,
    });
    if (r.ok) throw new Error('expected errors');
    const fields = r.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['days', 'failureRate', 'homeTypes', 'referenceDate', 'samples', 'seed', 'timeZone']);
    expect(r.errors.find((e) => e.field === 'timeZone')?.message).toMatch(/IANA/);
    expect(r.errors.find((e) => e.field === 'days')?.message).toMatch(/730/);
  });
  it('reads the weekday as Python does (Monday = 0)', () => {
    expect(parseLocalDateTime('2025-06-02T07:00')?.weekday).toBe(0);
    expect(parseLocalDateTime('2025-06-01T07:00')?.weekday).toBe(6);
    expect(parseLocalDateTime('2025-13-01T07:00')).toBeNull();
  });
});
