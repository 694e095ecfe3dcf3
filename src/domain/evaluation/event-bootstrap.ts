import { type BootstrapInterval, quantileSorted } from './bootstrap';
import { orderedScores, scanDevices, summarise, type EventMetrics } from './event-metrics';
import { HEALTHY, UNOBSERVED, type PreparedEvents } from './event-prepare';
import { createRng } from '../random';

/**
 * Home-clustered bootstrap intervals of the event metrics (./event-metrics.ts): homes are the independent
 * units, so a replicate resamples homes, each bringing all its devices.
 */

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
  const reps = [
    new Float64Array(resamples),
    new Float64Array(resamples),
    new Float64Array(resamples),
    new Float64Array(resamples),
  ] as const;
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
