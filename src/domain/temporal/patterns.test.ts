import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_CLAMPS } from '../device-types';
import { createDatasetContext, type DatasetContext } from './dataset-context';
import { regenerateDevice, type RegeneratedDevice } from './regenerate';
import { defaultTemporalSpec, type TemporalSpec } from './spec';

function regenerateAll(
  spec: TemporalSpec,
  limit = Number.POSITIVE_INFINITY,
): { ctx: DatasetContext; series: RegeneratedDevice[] } {
  const ctx = createDatasetContext(spec);
  const n = Math.min(limit, ctx.dir.totalDevices);
  return { ctx, series: Array.from({ length: n }, (_, d) => regenerateDevice(spec, d, ctx)) };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local date, hour and weekday of an instant in a zone, computed independently of the generator. */
function localParts(t: number, timeZone: string): { date: string; hour: number; weekday: string } {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'short',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(t);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), weekday: get('weekday') };
}

const weekendDay = (w: string): boolean => w === 'Sat' || w === 'Sun';

describe('raw series: daily and weekly shapes at local time', () => {
  const spec = defaultTemporalSpec({
    seed: 5,
    homes: 12,
    days: 14,
    startDate: '2025-05-05',
    timeZone: 'America/New_York',
    failureRate: 0,
    missingRate: 0,
  });
  const { series } = regenerateAll(spec);
  // Every device shares the step grid: local parts once per step.
  const local = Array.from(series[0]?.time ?? [], (t) => localParts(t, spec.timeZone));

  it('peaks usage and response time in the local morning and evening on weekdays', () => {
    const use = new Float64Array(24);
    const resp = new Float64Array(24);
    const n = new Float64Array(24);
    for (const s of series) {
      if (s.deviceType === 'vacuum') continue;
      // Normalise by the device's own mean so big devices do not dominate.
      const mu = s.metrics.usage_frequency.reduce((a, b) => a + b, 0) / s.time.length;
      const mr = s.metrics.response_time.reduce((a, b) => a + b, 0) / s.time.length;
      s.time.forEach((_, i) => {
        const { hour, weekday } = local[i] ?? { hour: 0, weekday: 'Sat' };
        if (weekendDay(weekday)) return;
        use[hour] = (use[hour] ?? 0) + (s.metrics.usage_frequency[i] ?? 0) / mu;
        resp[hour] = (resp[hour] ?? 0) + (s.metrics.response_time[i] ?? 0) / mr;
        n[hour] = (n[hour] ?? 0) + 1;
      });
    }
    const u = Array.from(use, (x, h) => x / (n[h] ?? 1));
    const r = Array.from(resp, (x, h) => x / (n[h] ?? 1));
    for (const profile of [u, r]) {
      const [night, morning, midday, evening] = [profile[3] ?? 0, profile[7] ?? 0, profile[13] ?? 0, profile[20] ?? 0];
      expect(morning).toBeGreaterThan(midday * 1.05);
      expect(evening).toBeGreaterThan(midday * 1.05);
      expect(morning).toBeGreaterThan(night * 1.05);
      expect(evening).toBeGreaterThan(night * 1.05);
    }
  });

  it('raises light and media usage at weekends, and vacuums run when the home is empty', () => {
    const mean = (types: string[], weekend: boolean): number => {
      let sum = 0;
      let n = 0;
      for (const s of series) {
        if (!types.includes(s.deviceType)) continue;
        s.time.forEach((_, i) => {
          if (weekendDay(local[i]?.weekday ?? '') !== weekend) return;
          sum += s.metrics.usage_frequency[i] ?? 0;
          n++;
        });
      }
      return sum / n;
    };
    expect(mean(['light', 'media'], true)).toBeGreaterThan(mean(['light', 'media'], false) + 0.03);
    expect(mean(['vacuum'], true)).toBeLessThan(mean(['vacuum'], false));
  });

  it('keeps every raw value inside the original clamps, counts as whole numbers', () => {
    for (const s of series) {
      for (const m of METRICS) {
        const c = METRIC_CLAMPS[m];
        const xs = s.metrics[m];
        expect(xs.every((x) => x >= Math.fround(c.min) && x <= c.max)).toBe(true);
        if (c.decimals === 'int') expect(xs.every((x) => Number.isInteger(x))).toBe(true);
      }
    }
  });

  it('keeps mains batteries at exactly 100 and drains battery types with replacements back to ~100', () => {
    let replacements = 0;
    for (const s of series) {
      const bat = s.metrics.battery_level;
      if (!s.batteryPowered) {
        expect(bat.every((x) => x === 100)).toBe(true);
        continue;
      }
      expect(bat.some((x) => x < 100)).toBe(true);
      for (let i = 1; i < bat.length; i++) {
        const jump = (bat[i] ?? 0) - (bat[i - 1] ?? 0);
        if (jump > 30) {
          replacements++;
          expect(bat[i]).toBeGreaterThan(94);
        }
      }
      // Net drain over two weeks when no replacement happened.
      if (!bat.some((x, i) => i > 0 && x - (bat[i - 1] ?? 0) > 30)) expect(bat.at(-1)).toBeLessThan(bat[0] ?? 0);
    }
    expect(replacements).toBeGreaterThan(0);
  });

  it('grows uptime by the step length and resets it at restarts (reported ≥ 1 h)', () => {
    let resets = 0;
    let mismatches = 0;
    for (const s of series) {
      const up = s.metrics.uptime_hours;
      const rs = s.metrics.restart_count;
      // The hidden uptime is known once it is above the 1 h floor or right after a restart.
      let internal = (up[0] ?? 1) > 1 ? (up[0] ?? 0) : Number.NaN;
      for (let i = 1; i < up.length; i++) {
        if ((rs[i] ?? 0) > 0) {
          resets++;
          internal = 0.5;
        } else {
          internal += 1;
        }
        if (!Number.isNaN(internal) && Math.abs((up[i] ?? 0) - Math.max(1, internal)) > 0.01) mismatches++;
      }
    }
    expect(resets).toBeGreaterThan(0);
    expect(mismatches).toBe(0);
  });
});

describe('raw series: seasons, DST and missing data', () => {
  it('is warmer indoors in the local summer: July > January in Berlin, the opposite in Sydney', () => {
    const meanIndoorTemp = (timeZone: string, startDate: string): number => {
      const spec = defaultTemporalSpec({ seed: 3, homes: 6, days: 9, startDate, timeZone, failureRate: 0 });
      let sum = 0;
      let n = 0;
      for (const s of regenerateAll(spec).series) {
        if (s.outdoor) continue;
        for (const x of s.metrics.temperature) {
          if (Number.isNaN(x)) continue;
          sum += x;
          n++;
        }
      }
      return sum / n;
    };
    const berlinJan = meanIndoorTemp('Europe/Berlin', '2025-01-10');
    const berlinJul = meanIndoorTemp('Europe/Berlin', '2025-07-10');
    const sydneyJan = meanIndoorTemp('Australia/Sydney', '2025-01-10');
    const sydneyJul = meanIndoorTemp('Australia/Sydney', '2025-07-10');
    expect(berlinJul).toBeGreaterThan(berlinJan + 2);
    expect(sydneyJan).toBeGreaterThan(sydneyJul + 2);
  });

  it('has 23 hourly steps on the spring-forward day and 25 on the fall-back day (Europe/Berlin)', () => {
    for (const [startDate, day, steps] of [
      ['2025-03-24', '2025-03-30', 23],
      ['2025-10-20', '2025-10-26', 25],
    ] as const) {
      const spec = defaultTemporalSpec({ homes: 1, days: 9, startDate, timeZone: 'Europe/Berlin' });
      const s = regenerateDevice(spec, 0);
      const onDay = Array.from(s.time).filter((t) => localParts(t, spec.timeZone).date === day);
      expect(onDay).toHaveLength(steps);
      expect(onDay.map((t) => localParts(t, spec.timeZone).hour)).toEqual(
        steps === 23
          ? [0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]
          : [0, 1, 2, 2, ...Array.from({ length: 21 }, (_, i) => i + 3)],
      );
    }
  });

  it('drops whole steps at the missing rate', () => {
    const spec = defaultTemporalSpec({ homes: 3, days: 20, missingRate: 0.2, failureRate: 0 });
    let missing = 0;
    let total = 0;
    for (const s of regenerateAll(spec).series) {
      for (let i = 0; i < s.time.length; i++) {
        const nan = METRICS.map((m) => Number.isNaN(s.metrics[m][i] ?? 0));
        expect(nan.every((x) => x === nan[0])).toBe(true);
        if (nan[0]) missing++;
        total++;
      }
    }
    expect(missing / total).toBeGreaterThan(0.18);
    expect(missing / total).toBeLessThan(0.22);
  });
});
