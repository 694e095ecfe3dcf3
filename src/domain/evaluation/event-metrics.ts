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
import { quantileSorted } from './bootstrap';
import { HEALTHY, UNOBSERVED, type PreparedEvents } from './event-prepare';

const DAY_MS = 86_400_000;

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
/** What one threshold does to each device: the base of both the metrics and the per-home bootstrap sums. */
export interface DeviceOutcomes {
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

/** Episodes, true episodes and lead time of each device at one threshold (scores in prepared order). */
export function scanDevices(prep: PreparedEvents, score: Float64Array, threshold: number): DeviceOutcomes {
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

/** The event metrics of one threshold's device outcomes; shared with the bootstrap, which reuses the outcomes. */
export function summarise(prep: PreparedEvents, out: DeviceOutcomes): EventMetrics {
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
      return {
        scenario,
        failing: f,
        caught: list.length,
        recall: f > 0 ? list.length / f : Number.NaN,
        medianLeadTimeDays: median(list),
      };
    }),
  };
}

/** Event metrics at one threshold: one pass over the prepared samples, no sorting of samples. */
export function eventMetrics(prep: PreparedEvents, scores: ArrayLike<number>, threshold: number): EventMetrics {
  return summarise(prep, scanDevices(prep, orderedScores(prep, scores), threshold));
}

/** Event metrics at each threshold, in the given order, gathering the scores only once. */
export function eventMetricsAt(
  prep: PreparedEvents,
  scores: ArrayLike<number>,
  thresholds: ArrayLike<number>,
): EventMetrics[] {
  const ordered = orderedScores(prep, scores);
  return Array.from({ length: thresholds.length }, (_, k) =>
    summarise(prep, scanDevices(prep, ordered, thresholds[k] ?? Number.NaN)),
  );
}
