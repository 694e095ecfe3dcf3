import { describe, expect, it } from 'vitest';
import { METRICS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { createDatasetContext } from './dataset-context';
import { generateTemporal } from './generate';
import { regenerateDevice } from './regenerate';
import { roundClassic, snapshotSourceFromSeries, snapshotSourcesFromChunk, toClassicSnapshot } from './snapshot';
import { defaultTemporalSpec } from './spec';

const spec = defaultTemporalSpec({ seed: 21, homes: 5, days: 20, failureRate: 0.2 });

describe('toClassicSnapshot', () => {
  const [chunk] = [...generateTemporal(spec, { homesPerChunk: 100 })];
  if (chunk === undefined) throw new Error('no chunk');
  const sources = snapshotSourcesFromChunk(chunk, spec);
  const records = toClassicSnapshot(sources, { seed: spec.seed });

  it('writes one record per device in the original shape and key order', () => {
    expect(records).toHaveLength(chunk.devices.deviceIndex.length);
    const first = records[0];
    expect(Object.keys(first ?? {})).toEqual(
      first?.health_score === undefined
        ? ['device_id', ...METRICS, 'home_type']
        : ['device_id', ...METRICS, 'health_score', 'home_type'],
    );
    expect(records.map((r) => r.device_id).slice(0, 3)).toEqual([
      'synthetic_device_0001',
      'synthetic_device_0002',
      'synthetic_device_0003',
    ]);
    for (const r of records) {
      expect(r.device_id).toMatch(/^synthetic_device_\d{4,}$/);
      expect(HOME_TYPES).toContain(r.home_type);
    }
  });

  it('keeps the original invariants: ranges, integer counts, health score on some but not all rows', () => {
    for (const r of records) {
      expect(r.response_time).toBeGreaterThanOrEqual(10);
      expect(r.response_time).toBeLessThanOrEqual(5000);
      expect(r.error_rate >= 0 && r.error_rate <= 1).toBe(true);
      expect(r.battery_level >= 0 && r.battery_level <= 100).toBe(true);
      expect(r.signal_strength >= -100 && r.signal_strength <= -10).toBe(true);
      expect(r.usage_frequency >= 0 && r.usage_frequency <= 1).toBe(true);
      expect(r.temperature >= -10 && r.temperature <= 50).toBe(true);
      expect(r.humidity >= 0 && r.humidity <= 100).toBe(true);
      expect(r.uptime_hours).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(r.restart_count) && r.restart_count >= 0).toBe(true);
      expect(Number.isInteger(r.connection_drops) && r.connection_drops >= 0).toBe(true);
      expect(r.data_transfer_rate).toBeGreaterThanOrEqual(10);
      if (r.health_score !== undefined) expect(r.health_score >= 0 && r.health_score <= 1).toBe(true);
    }
    const withScore = records.filter((r) => r.health_score !== undefined).length;
    expect(withScore).toBeGreaterThan(0);
    expect(withScore).toBeLessThan(records.length);
    expect(toClassicSnapshot(sources, { healthScore: 'never' }).every((r) => r.health_score === undefined)).toBe(true);
    expect(toClassicSnapshot(sources, { healthScore: 'always' }).every((r) => r.health_score !== undefined)).toBe(true);
  });

  it('rounds and clamps as the original printed', () => {
    expect(roundClassic('response_time', 123.456)).toBe(123.46);
    expect(roundClassic('error_rate', 0.123456)).toBe(0.1235);
    expect(roundClassic('battery_level', 101)).toBe(100);
    expect(roundClassic('signal_strength', -123)).toBe(-100);
    expect(roundClassic('restart_count', 2.9)).toBe(2);
    expect(roundClassic('uptime_hours', 0.2)).toBe(1);
  });

  it('agrees between the stored samples and a regenerated series at the same moment', () => {
    const ctx = createDatasetContext(spec);
    const byDevice = new Map(sources.map((s) => [s.deviceIndex, s]));
    for (const d of [0, 7, 30]) {
      const series = regenerateDevice(spec, d, ctx);
      const times = Array.from(chunk.samples.time.filter((_, i) => chunk.samples.deviceIndex[i] === d));
      const at = Math.max(...times);
      const fromSeries = snapshotSourceFromSeries(series, spec, at);
      const fromChunk = byDevice.get(d);
      for (const m of METRICS) expect(fromSeries.values[m]).toBeCloseTo(fromChunk?.values[m] ?? Number.NaN, 3);
      expect(fromSeries.homeType).toBe(fromChunk?.homeType);
    }
  });
});
