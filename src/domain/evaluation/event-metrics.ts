/**
 * Event-level metrics of an alerting model on temporal samples, as a maintenance team counts them: devices
 * caught before they fail, alert episodes rather than alerting samples, and false alarms per device-month.
 *
 * Samples are taken every k days per device; a sample at time t has label 1 when its device fails in
 * (t, t + H]. An alert is a sample whose score is ≥ the threshold. A device is identified by its (home,
 * device) pair, so device ids may be global or per home.
 *
 * Definitions:
 * - Failure window of a device failing at F: [F − H, F), exactly the samples whose label is 1.
 * - Failing device: a finite failure time and at least one sample in its window; a device with a failure
 *   time but no sample in its window is an unobserved failure (`unobservedFailures`): it is left out of
 *   every metric (recall, episodes, false alarms, exposure), since nothing it shows can be judged.
 *   Healthy device: no failure time (NaN).
 * - Episode: a maximal run of consecutive alerting samples of one device in time order. One always-on
 *   alert is one episode.
 * - True episode: contains at least one in-window sample; every other episode is false (on failing devices:
 *   alerts long before the window or after the failure).
 * - Caught: a failing device with at least one alerting in-window sample. Its catching episode is its first
 *   true episode; lead time = F − time of that episode's first sample, in days. It exceeds H when the episode
 *   began before the window: the alert was already standing that long.
 * - Recall = caught / failing devices. Episode precision = true episodes / episodes (all evaluated devices).
 * - False alarms = false episodes on healthy devices. Per 100 device-months = 100 × false alarms / healthy
 *   device-months, where a device observes (its samples × its median sample spacing) days and a month is 30
 *   days (`observedDeviceMonths`).
 *
 * The home-clustered bootstrap resamples homes, each bringing all its devices: homes are the independent
 * units (devices of one home share occupants, climate and wiring).
 */
import { type BootstrapInterval, quantileSorted } from './bootstrap';
import { observedDeviceMonths } from './operating-threshold';
import { createRng } from '../random';

const DAY_MS = 86_400_000;

const HEALTHY = 0;
const FAILING = 1;
const UNOBSERVED = 2;

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

export interface ScenarioRecall {
  scenario: number;
  failing: number;
  caught: number;
  recall: number;
  medianLeadTimeDays: number;
}

export interface EventMetrics {
  failingDevices: number;
  caught: number;
  /** caught / failingDevices; NaN when no failing device. */
  recall: number;
  episodes: number;
  trueEpisodes: number;
  /** trueEpisodes / episodes; NaN when no episode. */
  episodePrecision: number;
  /** False episodes on healthy devices. */
  falseAlarms: number;
  healthyDeviceMonths: number;
  /** NaN when no healthy device-months. */
  falseAlarmsPer100DeviceMonths: number;
  /** One per caught device, ascending. */
  leadTimesDays: number[];
  /** NaN when none caught. */
  medianLeadTimeDays: number;
  /** failingDevices − caught. */
  missed: number;
  /** episodes − trueEpisodes, on any evaluated device (what a false alarm costs is the same everywhere). */
  falseEpisodesAll: number;
  /** Devices with a failure time but no sample in their window: excluded from every other count. */
  unobservedFailures: number;
  /** One entry per scenario id present among failing devices, ascending. */
  byScenario: ScenarioRecall[];
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
  if (!(horizonMs > 0) || !Number.isFinite(horizonMs)) throw new RangeError('horizonMs must be a positive finite number');

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

/** What one threshold does to each device: the base of both the metrics and the per-home bootstrap sums. */
interface DeviceOutcomes {
  /** Lead time in days of each caught device; NaN for the others. */
  lead: Float64Array;
  episodes: Uint32Array;
  trueEpisodes: Uint32Array;
}

/**
 * Scores in the prepared (device, time) order. Gathered once per score vector so that each threshold then
 * reads them sequentially, which is several times faster than following `order` on every pass.
 */
export function orderedScores(prep: PreparedEvents, scores: ArrayLike<number>): Float64Array {
  if (scores.length !== prep.sampleCount) throw new RangeError('scores must have one entry per prepared sample');
  const { order } = prep;
  const out = new Float64Array(order.length);
  for (let p = 0; p < order.length; p++) out[p] = scores[order[p] ?? 0] ?? Number.NaN;
  return out;
}

function scanDevices(prep: PreparedEvents, score: Float64Array, threshold: number): DeviceOutcomes {
  if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN');
  const { deviceStart, time, inWindow, deviceStatus, deviceFailureTime, deviceCount } = prep;
  const lead = new Float64Array(deviceCount).fill(Number.NaN);
  const episodes = new Uint32Array(deviceCount);
  const trueEpisodes = new Uint32Array(deviceCount);
  for (let d = 0; d < deviceCount; d++) {
    if (deviceStatus[d] === UNOBSERVED) continue;
    const from = deviceStart[d] ?? 0;
    const to = deviceStart[d + 1] ?? 0;
    const f = deviceFailureTime[d] ?? Number.NaN;
    let count = 0;
    let hits = 0;
    let start = 0;
    let hit = 0;
    let open = false;
    // One step past the end closes a run still open at the last sample; NaN scores never alert.
    for (let p = from; p <= to; p++) {
      if (p < to && (score[p] ?? Number.NaN) >= threshold) {
        if (!open) {
          open = true;
          start = time[p] ?? 0;
          hit = 0;
        }
        hit |= inWindow[p] ?? 0;
      } else if (open) {
        open = false;
        count++;
        if (hit === 1) {
          // Runs close in time order, so the first true one is the catching one.
          if (hits === 0) lead[d] = (f - start) / DAY_MS;
          hits++;
        }
      }
    }
    episodes[d] = count;
    trueEpisodes[d] = hits;
  }
  return { lead, episodes, trueEpisodes };
}

function median(sorted: ArrayLike<number>): number {
  return quantileSorted(sorted, 0.5);
}

function summarise(prep: PreparedEvents, out: DeviceOutcomes): EventMetrics {
  const { deviceStatus, deviceScenarioSlot, deviceCount, scenarios } = prep;
  let episodes = 0;
  let trueEpisodes = 0;
  let falseAlarms = 0;
  const leads: number[] = [];
  const slotLeads: number[][] = Array.from(scenarios, () => []);
  const slotFailing = new Uint32Array(scenarios.length);
  for (let d = 0; d < deviceCount; d++) {
    const status = deviceStatus[d];
    if (status === UNOBSERVED) continue;
    const e = out.episodes[d] ?? 0;
    const t = out.trueEpisodes[d] ?? 0;
    episodes += e;
    trueEpisodes += t;
    if (status === HEALTHY) {
      falseAlarms += e - t;
      continue;
    }
    const slot = deviceScenarioSlot[d] ?? -1;
    slotFailing[slot] = (slotFailing[slot] ?? 0) + 1;
    const l = out.lead[d] ?? Number.NaN;
    if (!Number.isNaN(l)) {
      leads.push(l);
      slotLeads[slot]?.push(l);
    }
  }
  leads.sort((a, b) => a - b);
  const failing = prep.failingDevices;
  const caught = leads.length;
  const months = prep.healthyDeviceMonths;
  return {
    failingDevices: failing,
    caught,
    recall: failing > 0 ? caught / failing : Number.NaN,
    episodes,
    trueEpisodes,
    episodePrecision: episodes > 0 ? trueEpisodes / episodes : Number.NaN,
    falseAlarms,
    healthyDeviceMonths: months,
    falseAlarmsPer100DeviceMonths: months > 0 ? (100 * falseAlarms) / months : Number.NaN,
    leadTimesDays: leads,
    medianLeadTimeDays: median(leads),
    missed: failing - caught,
    falseEpisodesAll: episodes - trueEpisodes,
    unobservedFailures: prep.unobservedFailures,
    byScenario: Array.from(scenarios, (scenario, k) => {
      const list = (slotLeads[k] ?? []).sort((a, b) => a - b);
      const f = slotFailing[k] ?? 0;
      return { scenario, failing: f, caught: list.length, recall: f > 0 ? list.length / f : Number.NaN, medianLeadTimeDays: median(list) };
    }),
  };
}

/** Event metrics at one threshold: one pass over the prepared samples, no sorting of samples. */
export function eventMetrics(prep: PreparedEvents, scores: ArrayLike<number>, threshold: number): EventMetrics {
  return summarise(prep, scanDevices(prep, orderedScores(prep, scores), threshold));
}

/** Event metrics at each threshold, in the given order, gathering the scores only once. */
export function eventMetricsAt(prep: PreparedEvents, scores: ArrayLike<number>, thresholds: ArrayLike<number>): EventMetrics[] {
  const ordered = orderedScores(prep, scores);
  return Array.from({ length: thresholds.length }, (_, k) => summarise(prep, scanDevices(prep, ordered, thresholds[k] ?? Number.NaN)));
}

export interface EventIntervals {
  recall: BootstrapInterval;
  episodePrecision: BootstrapInterval;
  falseAlarmsPer100DeviceMonths: BootstrapInterval;
  medianLeadTimeDays: BootstrapInterval;
}

export interface EventBootstrapOptions {
  seed: number;
  /** Number of replicates; default 1000. */
  resamples?: number;
  /** Two-sided level; default 0.95. */
  level?: number;
}

/**
 * Event metrics with home-clustered percentile intervals. A replicate draws as many homes as there are,
 * with replacement, each bringing all its devices; it costs O(homes + caught devices) because per-home sums
 * are taken once and the median lead time walks the globally sorted lead times with each home's draw count
 * as weight. NaN replicates (e.g. no failing device drawn) are skipped and counted out of `valid`. The same
 * seed gives the same intervals.
 */
export function bootstrapEventMetrics(
  prep: PreparedEvents,
  scores: ArrayLike<number>,
  threshold: number,
  options: EventBootstrapOptions,
): { metrics: EventMetrics; intervals: EventIntervals } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError('resamples must be a positive integer');
  if (!(level > 0 && level < 1)) throw new RangeError('level must lie strictly between 0 and 1');

  const out = scanDevices(prep, orderedScores(prep, scores), threshold);
  const metrics = summarise(prep, out);
  const homes = prep.homeCount;
  const failing = new Float64Array(homes);
  const caught = new Float64Array(homes);
  const episodes = new Float64Array(homes);
  const trueEpisodes = new Float64Array(homes);
  const falseAlarms = new Float64Array(homes);
  const months = new Float64Array(homes);
  const caughtDevices: number[] = [];
  for (let d = 0; d < prep.deviceCount; d++) {
    const status = prep.deviceStatus[d];
    if (status === UNOBSERVED) continue;
    const h = prep.deviceHome[d] ?? 0;
    const e = out.episodes[d] ?? 0;
    const t = out.trueEpisodes[d] ?? 0;
    episodes[h] = (episodes[h] ?? 0) + e;
    trueEpisodes[h] = (trueEpisodes[h] ?? 0) + t;
    if (status === HEALTHY) {
      falseAlarms[h] = (falseAlarms[h] ?? 0) + e - t;
      months[h] = (months[h] ?? 0) + (prep.deviceMonths[d] ?? 0);
    } else {
      failing[h] = (failing[h] ?? 0) + 1;
      if (!Number.isNaN(out.lead[d] ?? Number.NaN)) {
        caught[h] = (caught[h] ?? 0) + 1;
        caughtDevices.push(d);
      }
    }
  }
  caughtDevices.sort((a, b) => (out.lead[a] ?? 0) - (out.lead[b] ?? 0) || a - b);
  const leadSorted = Float64Array.from(caughtDevices, (d) => out.lead[d] ?? 0);
  const leadHome = Uint32Array.from(caughtDevices, (d) => prep.deviceHome[d] ?? 0);

  const rng = createRng(options.seed);
  const uniforms = new Float64Array(homes);
  const weight = new Uint32Array(homes);
  const reps = [new Float64Array(resamples), new Float64Array(resamples), new Float64Array(resamples), new Float64Array(resamples)] as const;
  const valid: [number, number, number, number] = [0, 0, 0, 0];
  const keep = (m: 0 | 1 | 2 | 3, v: number): void => {
    if (!Number.isNaN(v)) reps[m][valid[m]++] = v;
  };
  for (let r = 0; r < resamples; r++) {
    weight.fill(0);
    rng.fill(uniforms);
    for (let j = 0; j < homes; j++) {
      const h = Math.floor((uniforms[j] ?? 0) * homes);
      weight[h] = (weight[h] ?? 0) + 1;
    }
    let f = 0;
    let c = 0;
    let e = 0;
    let t = 0;
    let fa = 0;
    let mo = 0;
    for (let h = 0; h < homes; h++) {
      const w = weight[h] ?? 0;
      if (w === 0) continue;
      f += w * (failing[h] ?? 0);
      c += w * (caught[h] ?? 0);
      e += w * (episodes[h] ?? 0);
      t += w * (trueEpisodes[h] ?? 0);
      fa += w * (falseAlarms[h] ?? 0);
      mo += w * (months[h] ?? 0);
    }
    keep(0, f > 0 ? c / f : Number.NaN);
    keep(1, e > 0 ? t / e : Number.NaN);
    keep(2, mo > 0 ? (100 * fa) / mo : Number.NaN);
    keep(3, weightedMedian(leadSorted, leadHome, weight, c));
  }

  const alpha = (1 - level) / 2;
  const interval = (m: 0 | 1 | 2 | 3, estimate: number): BootstrapInterval => {
    const sorted = reps[m].subarray(0, valid[m]).sort();
    return {
      estimate,
      low: quantileSorted(sorted, alpha),
      high: quantileSorted(sorted, 1 - alpha),
      level,
      resamples,
      valid: valid[m],
    };
  };
  return {
    metrics,
    intervals: {
      recall: interval(0, metrics.recall),
      episodePrecision: interval(1, metrics.episodePrecision),
      falseAlarmsPer100DeviceMonths: interval(2, metrics.falseAlarmsPer100DeviceMonths),
      medianLeadTimeDays: interval(3, metrics.medianLeadTimeDays),
    },
  };
}

/**
 * Median of the multiset in which each sorted value appears as often as its home was drawn (`total` values
 * in all): the same number `quantileSorted(…, 0.5)` gives on the expanded list, without building it.
 */
function weightedMedian(sorted: Float64Array, homeOf: Uint32Array, weight: Uint32Array, total: number): number {
  if (total === 0) return Number.NaN;
  const h = (total - 1) / 2;
  const lo = Math.floor(h);
  let cumulative = 0;
  let a = Number.NaN;
  for (let j = 0; j < sorted.length; j++) {
    cumulative += weight[homeOf[j] ?? 0] ?? 0;
    const v = sorted[j] ?? Number.NaN;
    if (Number.isNaN(a) && cumulative > lo) {
      a = v;
      if (h === lo) return a;
    }
    if (cumulative > lo + 1) return a === v ? a : a + (h - lo) * (v - a);
  }
  return a;
}
