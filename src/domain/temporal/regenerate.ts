import {
  DEVICE_TYPES,
  FAILURE_SCENARIOS,
  METRICS,
  type DeviceType,
  type FailureScenario,
  type Metric,
} from '../device-types';
import type { HomeType } from '../home-types';
import type { TemporalCalendar } from './calendar';
import { createDatasetContext, type DatasetContext } from './dataset-context';
import { deviceRng, drawDeviceSetup } from './device-model';
import { drawHome, homeOfDevice } from './homes';
import { fillActivity } from './occupancy';
import { METRIC_COUNT, simulateDevice } from './simulate';
import type { TemporalSpec } from './spec';
import { DAY_AGG_SIZE, FEATURE_COUNT, aggregateDay, windowStats } from './window-features';

/** One device's full raw series, exactly as the generator simulated it. */
export interface RegeneratedDevice {
  deviceIndex: number;
  homeIndex: number;
  homeType: HomeType;
  deviceType: DeviceType;
  batteryPowered: boolean;
  outdoor: boolean;
  /** Epoch ms of every step. */
  time: Float64Array;
  /** Per metric, one Float32 value per step; NaN where missing or after the failure. */
  metrics: Record<Metric, Float32Array>;
  truth: { scenario: FailureScenario | null; precursorStart: number; failureTime: number };
}

/**
 * Regenerates device `deviceIndex` alone from (spec, index): the same home stream, activity table and
 * device stream the generator used, so every step is bit-identical. Costs one header pass over the
 * homes plus one device's simulation. Pass a context to regenerate several devices of one spec cheaply.
 */
export function regenerateDevice(
  spec: TemporalSpec,
  deviceIndex: number,
  ctx: DatasetContext = createDatasetContext(spec),
): RegeneratedDevice {
  const { cal, dir } = ctx;
  if (!Number.isInteger(deviceIndex) || deviceIndex < 0 || deviceIndex >= dir.totalDevices) {
    throw new RangeError(`deviceIndex must be a whole number from 0 to ${dir.totalDevices - 1}`);
  }
  const h = homeOfDevice(dir, deviceIndex);
  const home = drawHome(spec, h, ctx.homeMix);
  const activity = new Float32Array(cal.stepCount);
  fillActivity(spec.seed, home, cal, activity);
  const rng = deviceRng(spec.seed, deviceIndex);
  const dev = drawDeviceSetup(
    rng,
    spec,
    cal,
    deviceIndex,
    h,
    dir.homeType[h] ?? 0,
    home.homeType,
    ctx.failures.isFailing(deviceIndex),
  );

  const columns = METRICS.map(() => new Float32Array(cal.stepCount).fill(Number.NaN));
  const buf = new Float32Array(METRIC_COUNT * cal.maxStepsPerDay);
  simulateDevice(spec, cal, dev, activity, rng, buf, (_day, firstStep, count, b, stride) => {
    for (let m = 0; m < METRIC_COUNT; m++) {
      columns[m]?.set(b.subarray(m * stride, m * stride + count), firstStep);
    }
  });
  const time = new Float64Array(cal.stepCount);
  for (let i = 0; i < cal.stepCount; i++) time[i] = cal.startTime + i * cal.stepMs;
  const metrics = Object.fromEntries(METRICS.map((m, i) => [m, columns[i] ?? new Float32Array(0)])) as Record<
    Metric,
    Float32Array
  >;
  return {
    deviceIndex,
    homeIndex: h,
    homeType: home.homeType,
    deviceType: DEVICE_TYPES[dev.typeIndex] ?? 'sensor',
    batteryPowered: dev.battery,
    outdoor: dev.outdoor,
    time,
    metrics,
    truth: dev.failing
      ? {
          scenario: FAILURE_SCENARIOS[dev.plan.scenario] ?? null,
          precursorStart: dev.plan.precursorStart,
          failureTime: dev.plan.failureTime,
        }
      : { scenario: null, precursorStart: Number.NaN, failureTime: Number.NaN },
  };
}

/**
 * The 66 window statistics of a regenerated series for the sample at local day `sampleDay` (window
 * [sampleDay − W, sampleDay)), computed with the generator's own aggregation: equal to the stored
 * sample's first 66 features.
 */
export function windowStatsFromSeries(
  series: RegeneratedDevice,
  cal: TemporalCalendar,
  sampleDay: number,
  windowDays: number,
): Float32Array {
  const dayAgg = new Float64Array(cal.days * DAY_AGG_SIZE);
  const stride = cal.maxStepsPerDay;
  const buf = new Float32Array(METRIC_COUNT * stride);
  const bits = new Int32Array(buf.buffer);
  for (let d = sampleDay - windowDays; d < sampleDay; d++) {
    const s0 = cal.dayStartStep[d] ?? 0;
    const s1 = cal.dayStartStep[d + 1] ?? s0;
    METRICS.forEach((m, i) => buf.set(series.metrics[m].subarray(s0, s1), i * stride));
    aggregateDay(buf, bits, stride, s1 - s0, s0, cal, dayAgg, d * DAY_AGG_SIZE);
  }
  const out = new Float32Array(FEATURE_COUNT);
  windowStats(dayAgg, cal, sampleDay, windowDays, out, 0);
  return out.slice(0, METRIC_COUNT * 6);
}
