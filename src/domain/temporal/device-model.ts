import { DEVICE_CHARACTERISTICS, DEVICE_TYPES, type DeviceType } from '../device-types';
import { HOME_TYPE_PATTERNS, type HomeType } from '../home-types';
import { createRng, deriveSeed, pickCumulative, type Rng } from '../random';
import type { TemporalCalendar } from './calendar';
import { drawFailurePlan, type FailurePlan } from './failures';
import { DEVICE_TYPE_CUMULATIVE, OUTDOOR_CHANCE, isBatteryType } from './home-mix';
import type { TemporalSpec } from './spec';

/**
 * How each type reacts to the home's activity (our design; the original only named a pattern per metric,
 * §1.5): usage swing per unit of activity (vacuums run when the home is empty, hence negative), extra
 * weekend usage (lights and media peak at weekends), response-time load, and battery drain in %/day
 * (vacuums "drain" a charge cycle in a few days; the dock is the replacement).
 */
export const TYPE_BEHAVIOUR: Readonly<
  Record<
    DeviceType,
    { usageAmp: number; weekendBoost: number; respLoad: number; drainPerDay: readonly [number, number] }
  >
> = {
  sensor: { usageAmp: 0.5, weekendBoost: 0.03, respLoad: 0.2, drainPerDay: [0.15, 0.5] },
  switch: { usageAmp: 0.7, weekendBoost: 0.05, respLoad: 0.25, drainPerDay: [0, 0] },
  light: { usageAmp: 0.9, weekendBoost: 0.15, respLoad: 0.3, drainPerDay: [0, 0] },
  climate: { usageAmp: 0.4, weekendBoost: 0.03, respLoad: 0.2, drainPerDay: [0, 0] },
  security: { usageAmp: 0.35, weekendBoost: -0.02, respLoad: 0.3, drainPerDay: [0.4, 1.2] },
  battery_powered: { usageAmp: 0.5, weekendBoost: 0.03, respLoad: 0.2, drainPerDay: [0.3, 0.9] },
  media: { usageAmp: 1, weekendBoost: 0.2, respLoad: 0.45, drainPerDay: [0, 0] },
  vacuum: { usageAmp: -0.6, weekendBoost: 0.05, respLoad: 0.2, drainPerDay: [12, 25] },
};

/** Everything drawn once per device, before its step loop. */
export interface DeviceSetup {
  deviceIndex: number;
  homeIndex: number;
  homeType: HomeType;
  typeIndex: number;
  type: DeviceType;
  battery: boolean;
  outdoor: boolean;
  respBase: number;
  errBase: number;
  errRange: number;
  signalBase: number;
  usageBase: number;
  usageRange: number;
  tempBase: number;
  tempRange: number;
  humidityBase: number;
  humidityRange: number;
  transferBase: number;
  batteryStart: number;
  uptimeStart: number;
  /** Restarts per 30 days and connection drops per 7 days, from the original count ranges. */
  restartsPer30d: number;
  dropsPerWeek: number;
  drainPerDay: number;
  /** Slow signal drift (furniture, neighbours' networks): amplitude dBm, period days, phase. */
  driftAmp: number;
  driftPeriod: number;
  driftPhase: number;
  /** Hourly chance of a benign glitch burst (drops, errors) on a healthy device. */
  glitchPerHour: number;
  failing: boolean;
  plan: FailurePlan;
}

const uniformIn = (rng: Rng, r: readonly [number, number]): number => rng.uniform(r[0], r[1]);

/** The stream of device d; the setup draws come first, then the step loop continues on it. */
export function deviceRng(seed: number, deviceIndex: number): Rng {
  return createRng(deriveSeed(seed, 'device', deviceIndex));
}

/**
 * Draws device d of home `homeIndex` (type from the home type's mix, outdoor placement only where the
 * home type has outdoor space, base values from the original per-type ranges) and its failure plan.
 */
export function drawDeviceSetup(
  rng: Rng,
  spec: TemporalSpec,
  cal: TemporalCalendar,
  deviceIndex: number,
  homeIndex: number,
  homeTypeIndex: number,
  homeType: HomeType,
  failing: boolean,
): DeviceSetup {
  const typeIndex = pickCumulative(rng, DEVICE_TYPE_CUMULATIVE[homeTypeIndex] ?? new Float64Array([1]));
  const type = DEVICE_TYPES[typeIndex] ?? 'sensor';
  const outdoor = HOME_TYPE_PATTERNS[homeType].outdoorDevices && rng.chance(OUTDOOR_CHANCE[type]);
  const c = DEVICE_CHARACTERISTICS[type];
  const battery = isBatteryType(type);
  const respBase = uniformIn(rng, c.response_time);
  const errBase = uniformIn(rng, c.error_rate);
  const signalBase = uniformIn(rng, c.signal_strength) - (outdoor ? 8 : 0);
  const usageBase = uniformIn(rng, c.usage_frequency);
  const tempBase = uniformIn(rng, c.temperature);
  const humidityBase = uniformIn(rng, c.humidity);
  const transferBase = uniformIn(rng, c.data_transfer_rate);
  const batteryStart = battery ? uniformIn(rng, c.battery_level) : 100;
  const uptimeStart = uniformIn(rng, c.uptime_hours);
  const restartsPer30d = uniformIn(rng, c.restart_count);
  const dropsPerWeek = uniformIn(rng, c.connection_drops);
  const drainPerDay = battery ? uniformIn(rng, TYPE_BEHAVIOUR[type].drainPerDay) : 0;
  const driftAmp = rng.uniform(0, 3);
  const driftPeriod = rng.uniform(10, 40);
  const driftPhase = rng.uniform(0, 2 * Math.PI);
  const glitchPerHour = rng.uniform(0.0005, 0.006);
  const plan = drawFailurePlan(rng, spec, cal, battery);
  return {
    deviceIndex,
    homeIndex,
    homeType,
    typeIndex,
    type,
    battery,
    outdoor,
    respBase,
    errBase,
    errRange: c.error_rate[1] - c.error_rate[0],
    signalBase,
    usageBase,
    usageRange: c.usage_frequency[1] - c.usage_frequency[0],
    tempBase,
    tempRange: c.temperature[1] - c.temperature[0],
    humidityBase,
    humidityRange: c.humidity[1] - c.humidity[0],
    transferBase,
    batteryStart,
    uptimeStart,
    restartsPer30d,
    dropsPerWeek,
    drainPerDay,
    driftAmp,
    driftPeriod,
    driftPhase,
    glitchPerHour,
    failing,
    plan,
  };
}
