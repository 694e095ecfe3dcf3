import { observedDeviceMonths } from './operating-threshold';

/**
 * The score-independent half of the event metrics (./event-metrics.ts explains the definitions): samples
 * grouped by device in time order and devices classified once, so that every threshold and bootstrap
 * replicate afterwards costs one pass over the scores.
 */

/** Device status in {@link PreparedEvents.deviceStatus}. */
export const HEALTHY = 0;
export const FAILING = 1;
export const UNOBSERVED = 2;

/** Per-sample columns of the evaluated samples (one entry per sample each). */
export interface EventSamples {
  /** Device id per sample (non-negative integers; unique globally or within its home). */
  device: ArrayLike<number>;
  /** Home id per sample: the independent unit (cluster) of the bootstrap. */
  home: ArrayLike<number>;
  /** Sample time, epoch ms; need not be sorted. */
  time: ArrayLike<number>;
  /** Failure time of the sample's device, epoch ms; NaN when the device never fails. */
  failureTime: ArrayLike<number>;
  /** Failure scenario index of the device, -1 for none. */
  scenario: ArrayLike<number>;
}

/**
 * Samples grouped by device in time order with everything that does not depend on scores, so that many
 * thresholds and bootstrap replicates each cost one pass over the scores. Built by {@link prepareEvents}.
 */
export interface PreparedEvents {
  readonly horizonMs: number;
  readonly sampleCount: number;
  readonly deviceCount: number;
  readonly homeCount: number;
  /** Sample indices by device, each device's in time order: device d owns `order[deviceStart[d] … deviceStart[d+1])`. */
  readonly order: Uint32Array;
  readonly deviceStart: Uint32Array;
  /** Sample time at each position of `order`. */
  readonly time: Float64Array;
  /** 1 when the sample at that position of `order` lies in the failure window of its device. */
  readonly inWindow: Uint8Array;
  /** 0 healthy, 1 failing, 2 unobserved failure. */
  readonly deviceStatus: Uint8Array;
  readonly deviceFailureTime: Float64Array;
  /** Dense home index of each device. */
  readonly deviceHome: Uint32Array;
  /** Index into `scenarios` of each failing device; -1 for the others. */
  readonly deviceScenarioSlot: Int32Array;
  /** Observed device-months of each healthy device; 0 for the others. */
  readonly deviceMonths: Float64Array;
  /** The caller's device and home ids of each dense device and home. */
  readonly deviceKey: Float64Array;
  readonly homeKey: Float64Array;
  /** Scenario ids present among failing devices, ascending. */
  readonly scenarios: Float64Array;
  readonly failingDevices: number;
  readonly healthyDevices: number;
  readonly unobservedFailures: number;
  readonly healthyDeviceMonths: number;
}

/**
 * Groups samples by (home, device), orders each device's samples by time and classifies devices. O(n log n)
 * once; throws when the columns disagree in length, a value is missing, or one device has two failure times
 * or scenarios.
 */
export function prepareEvents(samples: EventSamples, horizonMs: number): PreparedEvents {
  const { device, home, time, failureTime, scenario } = samples;
  const n = device.length;
  if (home.length !== n || time.length !== n || failureTime.length !== n || scenario.length !== n) {
    throw new RangeError('device, home, time, failureTime and scenario must have one entry per sample');
  }
  if (!(horizonMs > 0) || !Number.isFinite(horizonMs))
    throw new RangeError('horizonMs must be a positive finite number');

  // Dense ids; the one-entry cache skips map lookups for the usual runs of samples of one device.
  const homeIds = new Map<number, number>();
  const deviceIds = new Map<number, Map<number, number>>();
  const homeKeys: number[] = [];
  const deviceKeys: number[] = [];
  const homeOfDevice: number[] = [];
  const failureOfDevice: number[] = [];
  const scenarioOfDevice: number[] = [];
  const sizes: number[] = [];
  const deviceOf = new Uint32Array(n);
  let lastHome = Number.NaN;
  let lastDevice = Number.NaN;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const h = home[i] ?? Number.NaN;
    const dv = device[i] ?? Number.NaN;
    const t = time[i] ?? Number.NaN;
    if (!Number.isFinite(h) || !Number.isFinite(dv)) throw new RangeError(`home or device of sample ${i} is missing`);
    if (!Number.isFinite(t)) throw new RangeError(`time of sample ${i} is missing`);
    const f = failureTime[i] ?? Number.NaN;
    const raw = scenario[i] ?? -1;
    const s = Number.isNaN(raw) ? -1 : raw;
    let d = last;
    if (h !== lastHome || dv !== lastDevice) {
      let devices = deviceIds.get(h);
      if (devices === undefined) {
        devices = new Map();
        deviceIds.set(h, devices);
        homeIds.set(h, homeKeys.length);
        homeKeys.push(h);
      }
      const known = devices.get(dv);
      if (known === undefined) {
        d = deviceKeys.length;
        devices.set(dv, d);
        deviceKeys.push(dv);
        homeOfDevice.push(homeIds.get(h) ?? 0);
        failureOfDevice.push(f);
        scenarioOfDevice.push(s);
        sizes.push(0);
      } else d = known;
      lastHome = h;
      lastDevice = dv;
      last = d;
    }
    const had = failureOfDevice[d] ?? Number.NaN;
    if (had !== f && !(Number.isNaN(had) && Number.isNaN(f))) {
      throw new RangeError(`device ${dv} of home ${h} has two failure times`);
    }
    if (scenarioOfDevice[d] !== s) throw new RangeError(`device ${dv} of home ${h} has two scenarios`);
    deviceOf[i] = d;
    sizes[d] = (sizes[d] ?? 0) + 1;
  }

  const deviceCount = deviceKeys.length;
  const deviceStart = new Uint32Array(deviceCount + 1);
  for (let d = 0; d < deviceCount; d++) deviceStart[d + 1] = (deviceStart[d] ?? 0) + (sizes[d] ?? 0);
  const fill = deviceStart.slice(0, deviceCount);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const d = deviceOf[i] ?? 0;
    const at = fill[d] ?? 0;
    order[at] = i;
    fill[d] = at + 1;
  }

  const sortedTime = new Float64Array(n);
  const inWindow = new Uint8Array(n);
  const deviceStatus = new Uint8Array(deviceCount);
  const deviceMonths = new Float64Array(deviceCount);
  const deviceFailureTime = Float64Array.from(failureOfDevice);
  let longest = 0;
  for (let d = 0; d < deviceCount; d++) longest = Math.max(longest, sizes[d] ?? 0);
  const oneGroup = new Uint8Array(longest);
  const byTime = (a: number, b: number): number => (time[a] ?? 0) - (time[b] ?? 0) || a - b;
  let failingDevices = 0;
  let unobservedFailures = 0;
  let healthyDeviceMonths = 0;
  for (let d = 0; d < deviceCount; d++) {
    const from = deviceStart[d] ?? 0;
    const to = deviceStart[d + 1] ?? 0;
    const slice = order.subarray(from, to);
    let sorted = true;
    for (let p = from + 1; p < to && sorted; p++) sorted = (time[order[p] ?? 0] ?? 0) >= (time[order[p - 1] ?? 0] ?? 0);
    if (!sorted) slice.sort(byTime);
    for (let p = from; p < to; p++) sortedTime[p] = time[order[p] ?? 0] ?? 0;
    const f = deviceFailureTime[d] ?? Number.NaN;
    if (Number.isNaN(f)) {
      // Same definition as the threshold rules' exposure, one device at a time so homes can sum it.
      const months = observedDeviceMonths(oneGroup.subarray(0, to - from), sortedTime.subarray(from, to));
      deviceMonths[d] = months;
      healthyDeviceMonths += months;
      continue;
    }
    let observed = 0;
    for (let p = from; p < to; p++) {
      const t = sortedTime[p] ?? 0;
      const w = t >= f - horizonMs && t < f ? 1 : 0;
      inWindow[p] = w;
      observed |= w;
    }
    deviceStatus[d] = observed === 1 ? FAILING : UNOBSERVED;
    if (observed === 1) failingDevices++;
    else unobservedFailures++;
  }

  const scenarioSet = new Set<number>();
  for (let d = 0; d < deviceCount; d++) if (deviceStatus[d] === FAILING) scenarioSet.add(scenarioOfDevice[d] ?? -1);
  const scenarios = Float64Array.from(scenarioSet).sort();
  const slotOf = new Map<number, number>();
  scenarios.forEach((s, k) => slotOf.set(s, k));
  const deviceScenarioSlot = new Int32Array(deviceCount).fill(-1);
  for (let d = 0; d < deviceCount; d++) {
    if (deviceStatus[d] === FAILING) deviceScenarioSlot[d] = slotOf.get(scenarioOfDevice[d] ?? -1) ?? -1;
  }

  return {
    horizonMs,
    sampleCount: n,
    deviceCount,
    homeCount: homeKeys.length,
    order,
    deviceStart,
    time: sortedTime,
    inWindow,
    deviceStatus,
    deviceFailureTime,
    deviceHome: Uint32Array.from(homeOfDevice),
    deviceScenarioSlot,
    deviceMonths,
    deviceKey: Float64Array.from(deviceKeys),
    homeKey: Float64Array.from(homeKeys),
    scenarios,
    failingDevices,
    healthyDevices: deviceCount - failingDevices - unobservedFailures,
    unobservedFailures,
    healthyDeviceMonths,
  };
}
