import { DEVICE_CHARACTERISTICS, DEVICE_TYPES, DEVICE_TYPE_WEIGHTS, type DeviceType } from '../device-types';
import { HOME_TYPES, HOME_TYPE_PATTERNS, type HomeType } from '../home-types';

/**
 * Gain on the original home-type ratios. The original computed floor(weight · (1 + ratio)), which
 * truncated every ratio away (§1.3); here weight · (1 + RATIO_GAIN · ratio) keeps them as real
 * multipliers: a 0.15 media ratio makes media 2.5× its base weight.
 */
export const RATIO_GAIN = 10;

/**
 * Our own per-home-type character on top of the original ratios (not from the original system), so
 * that home type visibly changes the device mix: studios are media-heavy with little security,
 * multi-story homes climate- and security-heavy, houses with gardens carry more security and lights.
 */
export const HOME_TYPE_MIX_ADJUST: Readonly<Record<HomeType, Partial<Record<DeviceType, number>>>> = {
  single_family_house: { security: 1.2, light: 1.1 },
  apartment: { security: 0.7, vacuum: 0.8 },
  condo: { media: 1.2 },
  townhouse: {},
  cottage: { climate: 1.3, media: 0.7, battery_powered: 1.3 },
  studio: { media: 1.8, climate: 0.7, security: 0.5, vacuum: 0.5, sensor: 0.7 },
  multi_story: { climate: 1.4, security: 1.4, sensor: 1.2 },
  ranch_house: { security: 1.2, light: 1.2 },
};

/** Device-type weights of one home type (DEVICE_TYPES order). */
export function deviceTypeWeights(homeType: HomeType): number[] {
  const p = HOME_TYPE_PATTERNS[homeType];
  const ratio: Partial<Record<DeviceType, number>> = {
    climate: p.climateRatio,
    security: p.securityRatio,
    media: p.mediaRatio,
    vacuum: p.vacuumRatio,
  };
  const adjust = HOME_TYPE_MIX_ADJUST[homeType];
  return DEVICE_TYPES.map((t) => DEVICE_TYPE_WEIGHTS[t] * (1 + RATIO_GAIN * (ratio[t] ?? 0)) * (adjust[t] ?? 1));
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    out[i] = acc;
  });
  return out;
}

/** Cumulative device-type weights per home type (HOME_TYPES order), for `pickCumulative`. */
export const DEVICE_TYPE_CUMULATIVE: readonly Float64Array[] = HOME_TYPES.map((h) => cumulative(deviceTypeWeights(h)));

/** Chance that a device of a type sits outdoors, in home types that have outdoor space. */
export const OUTDOOR_CHANCE: Readonly<Record<DeviceType, number>> = {
  sensor: 0.15,
  switch: 0,
  light: 0.2,
  climate: 0,
  security: 0.55,
  battery_powered: 0.2,
  media: 0,
  vacuum: 0,
};

/** Device types with a battery: the original's battery range is not fixed at 100 (sensor, security, battery_powered, vacuum). */
export function isBatteryType(type: DeviceType): boolean {
  return DEVICE_CHARACTERISTICS[type].battery_level[0] < 100;
}
