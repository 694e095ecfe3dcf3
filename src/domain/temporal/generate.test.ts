import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, FAILURE_SCENARIOS, METRICS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { DAY_MS, buildCalendar } from './calendar';
import { createDatasetContext } from './dataset-context';
import { estimateTemporal } from './estimate';
import { defaultHomesPerChunk, generateTemporal, generateTemporalColumns } from './generate';
import { regenerateDevice, windowStatsFromSeries } from './regenerate';
import { defaultTemporalSpec, type TemporalSpec } from './spec';
import type { TemporalChunk } from './temporal-types';
import { FEATURE_COUNT, FEATURE_NAMES, featureIndex } from './window-features';

const small = (over: Partial<TemporalSpec> = {}): TemporalSpec =>
  defaultTemporalSpec({ seed: 42, homes: 6, days: 21, timeZone: 'Europe/Berlin', startDate: '2025-03-20', ...over });

function collect(spec: TemporalSpec, homesPerChunk?: number): TemporalChunk[] {
  return [...generateTemporal(spec, homesPerChunk === undefined ? {} : { homesPerChunk })];
}

/** Every typed array of every chunk, in order, as bytes. */
function bytesOf(chunks: readonly TemporalChunk[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const c of chunks) {
    for (const cols of [c.devices, c.samples]) {
      for (const arr of Object.values(cols)) parts.push(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    }
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** One checksum per column, over that column concatenated across chunks. */
function columnHashes(chunks: readonly TemporalChunk[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = chunks[0];
  if (first === undefined) return out;
  for (const part of ['devices', 'samples'] as const) {
    for (const key of Object.keys(first[part])) {
      const bytes = chunks.map((c) => {
        const arr = (c[part] as unknown as Record<string, ArrayBufferView>)[key];
        return arr === undefined ? new Uint8Array(0) : new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      });
      const all = new Uint8Array(bytes.reduce((a, b) => a + b.length, 0));
      let o = 0;
      for (const b of bytes) {
        all.set(b, o);
        o += b.length;
      }
      out[`${part}.${key}`] = fnv1a(all);
    }
  }
  return out;
}

function concat(chunks: readonly TemporalChunk[]) {
  const n = chunks.reduce((a, c) => a + c.samples.label.length, 0);
  const features = new Float32Array(n * FEATURE_COUNT);
  const deviceIndex = new Uint32Array(n);
  const time = new Float64Array(n);
  const label = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    features.set(c.samples.features, o * FEATURE_COUNT);
    deviceIndex.set(c.samples.deviceIndex, o);
    time.set(c.samples.time, o);
    label.set(c.samples.label, o);
    o += c.samples.label.length;
  }
  return { n, features, deviceIndex, time, label };
}

describe('generateTemporal: shape and determinism', () => {
  it('names 11 × 6 window features, the one-hots and the outdoor flag, in column order', () => {
    expect(FEATURE_NAMES).toHaveLength(11 * 6 + DEVICE_TYPES.length + HOME_TYPES.length + 1);
    expect(FEATURE_NAMES.slice(0, 7)).toEqual([
      'response_time_mean',
      'response_time_std',
      'response_time_min',
      'response_time_max',
      'response_time_last',
      'response_time_slope',
      'error_rate_mean',
    ]);
    expect(FEATURE_NAMES[featureIndex(10, 'slope')]).toBe('data_transfer_rate_slope');
    expect(FEATURE_NAMES.at(-1)).toBe('outdoor');
  });

  it('gives byte-identical chunks for the same spec, whatever the chunk size, and other bytes for another seed', () => {
    const a = bytesOf(collect(small(), 2));
    const b = bytesOf(collect(small(), 2));
    expect(a.length).toBe(b.length);
    expect(a.every((x, i) => x === b[i])).toBe(true);
    const one = collect(small(), 1);
    const all = collect(small(), 100);
    expect(one).toHaveLength(6);
    expect(all).toHaveLength(1);
    expect(columnHashes(one)).toEqual(columnHashes(all));
    expect(fnv1a(bytesOf(collect(small({ seed: 43 }), 2)))).not.toBe(fnv1a(a));
  });

  it('writes the same features column-major for columnar writers, chunk by chunk in reused buffers', () => {
    const spec = small({ failureRate: 0.5 });
    const rows = collect(spec, 2);
    let k = 0;
    for (const c of generateTemporalColumns(spec, { homesPerChunk: 2 })) {
      const r = rows[k++];
      const n = c.samples.deviceIndex.length;
      expect(n).toBe(r?.samples.deviceIndex.length);
      expect([...c.samples.deviceIndex]).toEqual([...(r?.samples.deviceIndex ?? [])]);
      expect([...c.samples.label]).toEqual([...(r?.samples.label ?? [])]);
      expect([...c.samples.legacyLabel]).toEqual([...(r?.samples.legacyLabel ?? [])]);
      expect(c.samples.featureColumns).toHaveLength(FEATURE_COUNT);
      // Read before the next chunk overwrites the shared buffers; Object.is tells NaN and -0 apart.
      const mismatches = c.samples.featureColumns.flatMap((col, f) =>
        [...col].flatMap((v, i) => (Object.is(v, r?.samples.features[i * FEATURE_COUNT + f]) ? [] : [[f, i]])),
      );
      expect(mismatches).toEqual([]);
      expect(c.progress).toEqual(r?.progress);
    }
    expect(k).toBe(rows.length);
  });

  it('groups homes by type on request: one type per chunk, each home the same bytes as in index order', () => {
    const spec = small({ homes: 12 });
    const natural = collect(spec, 100)[0];
    const grouped = [...generateTemporal(spec, { homesPerChunk: 2, groupByHomeType: true })];
    const types = grouped.map((c) => new Set(c.devices.homeType));
    expect(types.every((t) => t.size === 1)).toBe(true);
    const order = grouped.flatMap((c) => c.homes.map((h) => HOME_TYPES.indexOf(h.homeType)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(grouped.at(-1)?.progress).toEqual(natural?.progress);
    // Every device's samples are the same rows, whatever the order homes are visited in.
    const rowsOf = (c: TemporalChunk, d: number): number[] => {
      const out: number[] = [];
      c.samples.deviceIndex.forEach((x, i) => {
        if (x === d) out.push(...c.samples.features.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT));
      });
      return out;
    };
    for (const c of grouped) {
      for (const d of c.devices.deviceIndex) {
        expect(rowsOf(c, d)).toEqual(natural ? rowsOf(natural, d) : []);
      }
    }
  });

  it('pins the output of a fixed seed (golden checksum; update deliberately when the model changes)', () => {
    const chunks = collect(small());
    const last = chunks.at(-1);
    expect(last?.progress).toEqual({ homesDone: 6, homesTotal: 6, devicesDone: 172, deviceSteps: 172 * 503 });
    expect(chunks.flatMap((c) => c.homes.map((h) => h.homeType))).toEqual([
      'apartment',
      'condo',
      'ranch_house',
      'ranch_house',
      'apartment',
      'townhouse',
    ]);
    expect(fnv1a(bytesOf(chunks))).toBe('4323b18f');
  });

  it('sizes default chunks to about 100,000 samples of whole homes', () => {
    expect(defaultHomesPerChunk(35_000, 1000, 723)).toBe(3);
    expect(defaultHomesPerChunk(9881, 300, 25)).toBe(121);
    expect(defaultHomesPerChunk(80, 1, 100_000)).toBe(1);
    expect(defaultHomesPerChunk(100, 100, 1)).toBe(256);
    const chunks = collect(small({ homes: 40, strideDays: 1 }));
    const sizes = chunks.map((c) => c.samples.label.length);
    expect(chunks.length).toBe(1);
    expect(sizes[0]).toBeGreaterThan(10_000);
  });

  it('numbers devices globally and keeps homes whole per chunk', () => {
    const chunks = collect(small(), 4);
    const devices = chunks.flatMap((c) => Array.from(c.devices.deviceIndex));
    expect(devices).toEqual(devices.map((_, i) => i));
    for (const c of chunks) {
      const homes = new Set(c.homes.map((h) => h.homeIndex));
      for (const h of c.devices.homeIndex) expect(homes.has(h)).toBe(true);
      expect(c.devices.deviceIndex.length).toBe(c.homes.reduce((a, h) => a + h.deviceCount, 0));
    }
  });

  it('samples each device from day W on, every stride, at local midnight, none at or after its failure', () => {
    const spec = small({ strideDays: 2, windowDays: 5 });
    const cal = buildCalendar(spec);
    const [chunk] = collect(spec, 100);
    if (chunk === undefined) throw new Error('no chunk');
    const expectedDays = [5, 7, 9, 11, 13, 15, 17, 19];
    for (let r = 0; r < chunk.devices.deviceIndex.length; r++) {
      const d = chunk.devices.deviceIndex[r] ?? 0;
      const ft = chunk.devices.failureTime[r] ?? Number.NaN;
      const times = Array.from(chunk.samples.time.filter((_, i) => chunk.samples.deviceIndex[i] === d));
      const expected = expectedDays.map((day) => cal.dayStartTime[day] ?? 0).filter((t) => Number.isNaN(ft) || t < ft);
      expect(times).toEqual(expected);
    }
    // Local midnight in Berlin: 23:00 UTC before the DST change on 2025-03-30, 22:00 after.
    expect(new Date(cal.dayStartTime[5] ?? 0).toISOString()).toBe('2025-03-24T23:00:00.000Z');
    expect(new Date(cal.dayStartTime[15] ?? 0).toISOString()).toBe('2025-04-03T22:00:00.000Z');
  });

  it('keeps every window feature inside the original clamps and the one-hots consistent with the device table', () => {
    const [chunk] = collect(small({ homes: 10 }), 100);
    if (chunk === undefined) throw new Error('no chunk');
    const { samples, devices } = chunk;
    const rowOf = new Map(Array.from(devices.deviceIndex, (d, r) => [d, r]));
    const bounds: Record<string, [number, number]> = {
      response_time: [10, 5000],
      error_rate: [0, 1],
      battery_level: [0, 100],
      signal_strength: [-100, -10],
      usage_frequency: [0, 1],
      temperature: [-10, 50],
      humidity: [0, 100],
      uptime_hours: [1, Number.POSITIVE_INFINITY],
      restart_count: [0, Number.POSITIVE_INFINITY],
      connection_drops: [0, Number.POSITIVE_INFINITY],
      data_transfer_rate: [10, Number.POSITIVE_INFINITY],
    };
    const bad: string[] = [];
    for (let i = 0; i < samples.label.length; i++) {
      const base = i * FEATURE_COUNT;
      METRICS.forEach((m, mi) => {
        const [lo, hi] = bounds[m] ?? [0, 0];
        for (const stat of ['mean', 'min', 'max', 'last'] as const) {
          const v = samples.features[base + featureIndex(mi, stat)] ?? Number.NaN;
          if (!(v >= Math.fround(lo) && v <= hi)) bad.push(`${m}_${stat}=${v}`);
        }
        if (!((samples.features[base + featureIndex(mi, 'std')] ?? -1) >= 0)) bad.push(`${m}_std`);
      });
      const r = rowOf.get(samples.deviceIndex[i] ?? 0) ?? -1;
      const oneHot = Array.from(samples.features.subarray(base + 66, base + FEATURE_COUNT));
      if (oneHot.indexOf(1) !== devices.deviceType[r]) bad.push(`device type of sample ${i}`);
      if (oneHot.indexOf(1, DEVICE_TYPES.length) - DEVICE_TYPES.length !== devices.homeType[r])
        bad.push(`home type of sample ${i}`);
      if (oneHot.reduce((a, b) => a + b, 0) !== 2 + (devices.outdoor[r] ?? 0)) bad.push(`flags of sample ${i}`);
    }
    expect(bad).toEqual([]);
    expect(samples.label.length).toBeGreaterThan(1000);
  });
});

describe('regenerateDevice', () => {
  it('reproduces the stored window features of a device bit for bit (Float32)', () => {
    const spec = small({ missingRate: 0.1, failureRate: 0.3 });
    const chunks = collect(spec);
    const all = concat(chunks);
    const ctx = createDatasetContext(spec);
    const devices = chunks.flatMap((c) => Array.from(c.devices.deviceIndex));
    const failing = chunks.flatMap((c) =>
      Array.from(c.devices.deviceIndex).filter((_, r) => (c.devices.scenario[r] ?? -1) >= 0),
    );
    for (const d of [devices[0] ?? 0, devices.at(-1) ?? 0, ...failing.slice(0, 4)]) {
      const series = regenerateDevice(spec, d, ctx);
      let checked = 0;
      for (let i = 0; i < all.n; i++) {
        if (all.deviceIndex[i] !== d) continue;
        const day = Array.from(ctx.cal.dayStartTime).indexOf(all.time[i] ?? 0);
        const stats = windowStatsFromSeries(series, ctx.cal, day, spec.windowDays);
        expect(stats).toEqual(all.features.slice(i * FEATURE_COUNT, i * FEATURE_COUNT + 66));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('matches a naive two-pass computation of the window statistics over the raw steps', () => {
    const spec = small({ missingRate: 0.05 });
    const ctx = createDatasetContext(spec);
    const series = regenerateDevice(spec, 17, ctx);
    const day = 12;
    const from = ctx.cal.dayStartTime[day - spec.windowDays] ?? 0;
    const to = ctx.cal.dayStartTime[day] ?? 0;
    const stats = windowStatsFromSeries(series, ctx.cal, day, spec.windowDays);
    METRICS.forEach((m, mi) => {
      const ts: number[] = [];
      const xs: number[] = [];
      series.time.forEach((t, i) => {
        const x = series.metrics[m][i] ?? Number.NaN;
        if (t >= from && t < to && !Number.isNaN(x)) {
          ts.push((t - from) / DAY_MS);
          xs.push(x);
        }
      });
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const tm = ts.reduce((a, b) => a + b, 0) / n;
      const slope =
        ts.reduce((a, t, i) => a + (t - tm) * ((xs[i] ?? 0) - mean), 0) / ts.reduce((a, t) => a + (t - tm) ** 2, 0);
      const near = (a: number | undefined, b: number): void =>
        expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
      near(stats[mi * 6], mean);
      near(stats[mi * 6 + 1], sd);
      near(stats[mi * 6 + 2], Math.min(...xs));
      near(stats[mi * 6 + 3], Math.max(...xs));
      near(stats[mi * 6 + 4], xs.at(-1) ?? Number.NaN);
      near(stats[mi * 6 + 5], slope);
    });
  });

  it('returns the device table entry: home, type and ground truth', () => {
    const spec = small({ failureRate: 0.5 });
    const chunks = collect(spec);
    const ctx = createDatasetContext(spec);
    for (const c of chunks) {
      for (let r = 0; r < c.devices.deviceIndex.length; r += 7) {
        const s = regenerateDevice(spec, c.devices.deviceIndex[r] ?? 0, ctx);
        expect(s.homeIndex).toBe(c.devices.homeIndex[r]);
        expect(DEVICE_TYPES.indexOf(s.deviceType)).toBe(c.devices.deviceType[r]);
        const sc = c.devices.scenario[r] ?? -1;
        expect(s.truth.scenario).toBe(sc < 0 ? null : FAILURE_SCENARIOS[sc]);
        expect(s.truth.failureTime).toBe(c.devices.failureTime[r]);
        expect(s.truth.precursorStart).toBe(c.devices.precursorStart[r]);
        expect(s.time).toHaveLength(ctx.cal.stepCount);
      }
    }
    expect(() => regenerateDevice(spec, ctx.dir.totalDevices, ctx)).toThrow(
      /deviceIndex must be a whole number from 0 to/,
    );
  });
});

describe('estimateTemporal', () => {
  it('is exact for homes, devices, steps and, without failures, samples', () => {
    const spec = small({ failureRate: 0, strideDays: 3 });
    const est = estimateTemporal(spec);
    const chunks = collect(spec);
    const last = chunks.at(-1)?.progress;
    expect(est.homes).toBe(6);
    expect(est.devices).toBe(last?.devicesDone);
    expect(est.deviceSteps).toBe(last?.deviceSteps);
    expect(est.samples).toBe(concat(chunks).n);
    expect(est.storedBytes).toBeGreaterThan(est.samples * FEATURE_COUNT * 4);
  });

  it('is close with failures (failed devices stop sampling)', () => {
    const spec = small({ homes: 30, failureRate: 0.5 });
    const est = estimateTemporal(spec);
    const actual = concat(collect(spec)).n;
    expect(Math.abs(est.samples - actual) / actual).toBeLessThan(0.05);
  });
});
