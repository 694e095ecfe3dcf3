import type { DeviceType, Metric } from '../device-types';

/** Temporal pattern names of the original generator (§1.5). */
export type PatternName =
  | 'stable'
  | 'variation'
  | 'daily_cycle'
  | 'weekly_cycle'
  | 'seasonal'
  | 'seasonal_daily'
  | 'weekend_peak'
  | 'degradation'
  | 'increasing';

/** Metric → pattern, per device type, exactly as the original mapped them (§1.5). */
export function patternFor(metric: Metric, type: DeviceType): PatternName {
  switch (metric) {
    case 'response_time':
      return 'daily_cycle';
    case 'error_rate':
    case 'restart_count':
    case 'connection_drops':
      return 'stable';
    case 'battery_level':
      return type === 'battery_powered' || type === 'security' ? 'degradation' : 'stable';
    case 'signal_strength':
      return 'variation';
    case 'usage_frequency':
      return type === 'light' || type === 'media' ? 'weekend_peak' : 'weekly_cycle';
    case 'temperature':
      return type === 'climate' ? 'seasonal_daily' : 'daily_cycle';
    case 'humidity':
      return 'seasonal';
    case 'uptime_hours':
      return 'increasing';
    case 'data_transfer_rate':
      return type === 'media' ? 'daily_cycle' : 'variation';
  }
}

/** The local calendar fields the original read from its reference date. */
export interface PatternClock {
  /** 0–23 */
  hour: number;
  /** Monday = 0 … Sunday = 6 */
  weekday: number;
  /** 1–12 */
  month: number;
}

/**
 * How a pattern turns a base value into the output, with its reference-date part precomputed:
 * additive: value = base + (f + jitter) · R where jitter ~ U(-j, j); multiplicative: value = base · factor.
 */
export type PatternPlan = { kind: 'additive'; f: number; jitter: number } | { kind: 'multiplicative'; factor: number };

const TWO_PI = 2 * Math.PI;

export function dailyCycle(hour: number): number {
  const s = Math.sin((TWO_PI * hour) / 24);
  return (hour >= 6 && hour <= 9) || (hour >= 18 && hour <= 21) ? 0.25 * s + 0.1 : 0.15 * s;
}

export function weeklyCycle(weekday: number): number {
  const s = Math.sin((TWO_PI * weekday) / 7);
  return weekday < 5 ? 0.1 * s : 0.2 * s + 0.1;
}

export function seasonal(month: number): number {
  return 0.3 * Math.sin((TWO_PI * (month - 1)) / 12);
}

export function seasonalDaily(month: number, hour: number): number {
  return 0.2 * Math.sin((TWO_PI * (month - 1)) / 12) + 0.15 * Math.sin((TWO_PI * hour) / 24);
}

/** Precomputes a pattern at the reference clock: the original's patterns are constant within one call. */
export function planPattern(name: PatternName, clock: PatternClock, days: number): PatternPlan {
  switch (name) {
    case 'stable':
      return { kind: 'additive', f: 0, jitter: 0.1 };
    case 'variation':
      return { kind: 'additive', f: 0, jitter: 0.2 };
    case 'daily_cycle':
      return { kind: 'additive', f: dailyCycle(clock.hour), jitter: 0 };
    case 'weekly_cycle':
      return { kind: 'additive', f: weeklyCycle(clock.weekday), jitter: 0 };
    case 'seasonal':
      return { kind: 'additive', f: seasonal(clock.month), jitter: 0 };
    case 'seasonal_daily':
      return { kind: 'additive', f: seasonalDaily(clock.month, clock.hour), jitter: 0 };
    case 'weekend_peak':
      return { kind: 'additive', f: clock.weekday >= 5 ? 0.2 : -0.1, jitter: 0.05 };
    case 'degradation':
      return { kind: 'multiplicative', factor: Math.max(0.7, 1 - 0.0005 * days) };
    case 'increasing':
      return { kind: 'multiplicative', factor: Math.min(1.5, 1 + 0.001 * days) };
  }
}
