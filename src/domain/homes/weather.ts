import type { Rng } from '../random';

/**
 * A simple outdoor climate: a seasonal mean by day of year and latitude, a daily swing peaking mid
 * afternoon, and day-to-day weather as an AR(1) anomaly. Good enough to drive heating in winter,
 * cooling in summer and the temperature sensors; not a weather model.
 */
export interface OutdoorDay {
  /** Mean outdoor temperature of the day in °C (season plus weather). */
  mean: number;
  /** Half the day's peak-to-trough swing in °C. */
  swing: number;
  rain: boolean;
}

/** Seasonal mean in °C: annual mean and amplitude from |latitude|, coldest mid-January (mid-July south). */
export function seasonalMean(dayOfYear: number, latitudeDeg: number): number {
  const lat = Math.abs(latitudeDeg);
  const annual = 29 - 0.4 * lat;
  const amplitude = 0.27 * lat;
  const coldest = latitudeDeg >= 0 ? 18 : 200;
  return annual - amplitude * Math.cos((2 * Math.PI * (dayOfYear - coldest)) / 365);
}

/** Advances the weather anomaly one day and returns that day's outdoor conditions. */
export function nextOutdoorDay(
  dayOfYear: number,
  latitudeDeg: number,
  anomaly: { value: number },
  rng: Rng,
): OutdoorDay {
  anomaly.value = 0.7 * anomaly.value + rng.normal(0, 2.2);
  const mean = seasonalMean(dayOfYear, latitudeDeg) + anomaly.value;
  const rain = rng.chance(anomaly.value < -1 ? 0.5 : 0.25);
  return { mean, swing: rain ? rng.uniform(1.5, 3.5) : rng.uniform(3.5, 7), rain };
}

/** Outdoor temperature at local `minute` of the day (may exceed 1440 for the small hours). */
export function outdoorTemperature(day: OutdoorDay, minute: number): number {
  return day.mean + day.swing * Math.cos((2 * Math.PI * (minute / 60 - 15)) / 24);
}

/** The HVAC season. */
export type HvacMode = 'heat' | 'cool' | 'off';

/**
 * The HVAC season with hysteresis so a thermostat does not flip mode every other day in spring:
 * heating below a 12 °C daily mean until it passes 15 °C, cooling above 22 °C until it drops under 19 °C.
 */
export function nextHvacMode(previous: HvacMode, dailyMean: number): HvacMode {
  if (previous === 'heat') return dailyMean > 15 ? 'off' : 'heat';
  if (previous === 'cool') return dailyMean < 19 ? 'off' : 'cool';
  if (dailyMean < 12) return 'heat';
  if (dailyMean > 22) return 'cool';
  return 'off';
}
