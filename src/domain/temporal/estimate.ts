import { buildCalendar } from './calendar';
import { sampleDaysOf } from './dataset-context';
import { buildHomeDirectory } from './homes';
import type { TemporalSpec } from './spec';
import { FEATURE_COUNT } from './window-features';

/** Stored bytes per sample: device index, time, features, label, legacy label. */
export const SAMPLE_BYTES = 4 + 8 + 4 * FEATURE_COUNT + 1 + 1;
/** Stored bytes per device row (DeviceColumns). */
export const DEVICE_BYTES = 4 + 4 + 1 + 1 + 1 + 1 + 1 + 8 + 8;
/** Rough stored bytes per home profile (structured clone of a small object). */
export const HOME_BYTES = 120;

/**
 * Size of a dataset before generating it, for the form. Homes, devices and device-steps are exact (one
 * cheap header pass over the homes and the step grid); samples are the expectation, because failed
 * devices stop sampling at their failure time (exact when failureRate is 0).
 */
export function estimateTemporal(spec: TemporalSpec): {
  homes: number;
  devices: number;
  deviceSteps: number;
  samples: number;
  storedBytes: number;
} {
  const cal = buildCalendar(spec);
  const devices = buildHomeDirectory(spec).totalDevices;
  const sampleDays = sampleDaysOf(spec);
  const failing = Math.floor(spec.failureRate * devices + 1e-9);
  // Failure times are uniform over [day W, end): P(sample at t precedes the failure) = (end − t)/(end − first).
  const first = cal.dayStartTime[Math.min(spec.windowDays, cal.days - 1)] ?? cal.startTime;
  const end = cal.dayStartTime[cal.days] ?? first;
  let expectedBeforeFailure = 0;
  for (const d of sampleDays) {
    const t = cal.dayStartTime[d] ?? end;
    expectedBeforeFailure += end > first ? Math.min(1, Math.max(0, (end - Math.max(t, first)) / (end - first))) : 0;
  }
  const samples = Math.round((devices - failing) * sampleDays.length + failing * expectedBeforeFailure);
  return {
    homes: spec.homes,
    devices,
    deviceSteps: devices * cal.stepCount,
    samples,
    storedBytes: samples * SAMPLE_BYTES + devices * DEVICE_BYTES + spec.homes * HOME_BYTES,
  };
}
