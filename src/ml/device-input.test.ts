import { describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { deviceRow, inputFeatureSet } from './device-input';

describe('device input', () => {
  it('turns a classic row into features as the original API did: strings length/100, booleans 0/1, missing 0', () => {
    const row = deviceRow(
      METRICS,
      { response_time: 2500, error_rate: '0.5', battery_level: true, signal_strength: null, humidity: 40.5 },
      'classic',
    );
    expect(row.values).toEqual(Float32Array.from([2500, 0.03, 1, 0, 0, 0, 40.5, 0, 0, 0, 0]));
    expect(row.missing).toEqual([
      'signal_strength',
      'usage_frequency',
      'temperature',
      'uptime_hours',
      'restart_count',
      'connection_drops',
      'data_transfer_rate',
    ]);
    expect(row.metrics).toEqual({ response_time: 2500, humidity: 40.5 });
  });

  it('leaves missing temporal features NaN (the training mean after standardisation) and reads last values for the recommendations', () => {
    const source = { battery_level_last: 12, battery_level_mean: 30, error_rate_last: 0.2, outdoor: 1 };
    expect(inputFeatureSet(source)).toBe('temporal');
    expect(inputFeatureSet({ battery_level: 12 })).toBe('classic');
    const row = deviceRow(FEATURE_NAMES, source, 'temporal');
    expect(row.values[FEATURE_NAMES.indexOf('battery_level_last')]).toBe(12);
    expect(row.values[FEATURE_NAMES.indexOf('outdoor')]).toBe(1);
    expect(Number.isNaN(row.values[FEATURE_NAMES.indexOf('response_time_mean')])).toBe(true);
    expect(row.missing).toHaveLength(FEATURE_NAMES.length - 4);
    expect(row.metrics).toEqual({ battery_level: 12, error_rate: 0.2 });
  });

  it('for trees, leaves a missing classic metric NaN (the trees route it) instead of 0', () => {
    const row = deviceRow(
      METRICS,
      { response_time: 2500, error_rate: '0.5', battery_level: true, signal_strength: null },
      'classic',
      'trees',
    );
    expect(Array.from(row.values.slice(0, 3))).toEqual([2500, Math.fround(0.03), 1]);
    expect(row.values.slice(3).every(Number.isNaN)).toBe(true);
    expect(row.missing).toHaveLength(8);
  });
});
