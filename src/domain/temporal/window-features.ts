import { DEVICE_TYPES, METRICS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { legacyLabel } from '../legacy-label';
import { DAY_MS, type TemporalCalendar } from './calendar';
import { METRIC_COUNT } from './simulate';
import { TEMPORAL_LIMITS } from './spec';

/** Window statistics per metric, in column order. `slope` is per day (least squares over the window). */
export const WINDOW_STATS = ['mean', 'std', 'min', 'max', 'last', 'slope'] as const;

/**
 * Feature columns of a sample, in order: for each metric (METRICS order) its six window statistics,
 * then the device-type one-hot, the home-type one-hot and the outdoor flag.
 */
export const FEATURE_NAMES: readonly string[] = [
  ...METRICS.flatMap((m) => WINDOW_STATS.map((s) => `${m}_${s}`)),
  ...DEVICE_TYPES.map((t) => `device_type_${t}`),
  ...HOME_TYPES.map((t) => `home_type_${t}`),
  'outdoor',
];
/** Columns per sample row (82). */
export const FEATURE_COUNT = FEATURE_NAMES.length;
const STAT_COUNT = WINDOW_STATS.length;
const DEVICE_TYPE_OFFSET = METRIC_COUNT * STAT_COUNT;
const HOME_TYPE_OFFSET = DEVICE_TYPE_OFFSET + DEVICE_TYPES.length;
const OUTDOOR_OFFSET = HOME_TYPE_OFFSET + HOME_TYPES.length;

/** Column of a metric's statistic in a feature row. */
export function featureIndex(metric: number, stat: (typeof WINDOW_STATS)[number]): number {
  return metric * STAT_COUNT + WINDOW_STATS.indexOf(stat);
}

/**
 * Per local day and device: n, Στ, Στ² (τ = days since the day's first step; shared by all metrics
 * because a missing step loses every metric), then per metric Σx, Σx², min, max, last, Στx.
 * Windows combine W of these, so features cost O(W) per sample instead of O(steps).
 */
export const DAY_AGG_SIZE = 3 + METRIC_COUNT * 6;
// A local copy: imported bindings can compile to getter calls in some bundlers' CJS output.
const AGG_METRICS = METRIC_COUNT;

/** Reinterprets a float32 bit pattern (the inverse of the key mapping in aggregateDay). */
const scratchBits = new Int32Array(1);
const scratchFloat = new Float32Array(scratchBits.buffer);
function floatOfKey(key: number): number {
  scratchBits[0] = key ^ ((key >> 31) & 0x7fffffff);
  return scratchFloat[0] ?? Number.NaN;
}

/** Scratch for one day's τ values: at the finest resolution (15 minutes) a 25-hour local day has 100 steps. */
const dayTau = new Float64Array(25 * 4);

/**
 * Aggregates one simulated day (as handed to a DaySink) into `out` at `offset`. `bits` is an Int32Array
 * view of `buf`'s memory: on complete days min and max are taken branch-free on order-preserving integer
 * keys of the float32 bits, because data-dependent min/max branches mispredict on noisy series and cost
 * about a third of the aggregation time.
 */
export function aggregateDay(
  buf: Float32Array,
  bits: Int32Array,
  stride: number,
  count: number,
  firstStep: number,
  cal: TemporalCalendar,
  out: Float64Array,
  offset: number,
): void {
  // The day's τ values, copied once: each metric's loop reads them again.
  const tau = count <= dayTau.length ? dayTau : new Float64Array(count);
  for (let j = 0; j < count; j++) tau[j] = cal.tau[firstStep + j] ?? 0;
  let n = 0;
  let st = 0;
  let stt = 0;
  // Missing steps are NaN in every metric, so metric 0 tells which steps count.
  for (let j = 0; j < count; j++) {
    const x = buf[j] ?? Number.NaN;
    if (x !== x) continue;
    const tj = tau[j] ?? 0;
    n++;
    st += tj;
    stt += tj * tj;
  }
  out[offset] = n;
  out[offset + 1] = st;
  out[offset + 2] = stt;
  const complete = n === count;
  for (let m = 0; m < AGG_METRICS; m++) {
    const base = m * stride;
    let sx = 0;
    let sxx = 0;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let last = Number.NaN;
    let stx = 0;
    if (complete && count > 0) {
      // Float32 bits b map to keys k = b ^ ((b >> 31) & 0x7fffffff) that order like the floats
      // (−0 just below +0); min/max select with masks from 0/1 comparison results.
      let kmn = 0x7fffffff;
      let kmx = -0x80000000;
      for (let j = 0; j < count; j++) {
        const x = buf[base + j] ?? 0;
        sx += x;
        sxx += x * x;
        stx += (tau[j] ?? 0) * x;
        const b = bits[base + j] ?? 0;
        const k = b ^ ((b >> 31) & 0x7fffffff);
        kmn ^= (kmn ^ k) & -Number(k < kmn);
        kmx ^= (kmx ^ k) & -Number(k > kmx);
      }
      mn = floatOfKey(kmn);
      mx = floatOfKey(kmx);
      last = buf[base + count - 1] ?? Number.NaN;
    } else {
      for (let j = 0; j < count; j++) {
        const x = buf[base + j] ?? Number.NaN;
        if (x !== x) continue;
        sx += x;
        sxx += x * x;
        if (x < mn) mn = x;
        if (x > mx) mx = x;
        last = x;
        stx += (tau[j] ?? 0) * x;
      }
    }
    const o = offset + 3 + m * 6;
    out[o] = sx;
    out[o + 1] = sxx;
    out[o + 2] = mn;
    out[o + 3] = mx;
    out[o + 4] = last;
    out[o + 5] = stx;
  }
}

/**
 * Scratch for the window's days that have steps, reused across calls: where each one's metric aggregates
 * start in `dayAgg`, and its start offset (days since the window start).
 */
const windowDayAgg = new Int32Array(TEMPORAL_LIMITS.windowDays[1]);
const windowOffsets = new Float64Array(TEMPORAL_LIMITS.windowDays[1]);

/**
 * Writes the 66 window statistics of the window [day − W, day) into `out`, feature k at
 * `offset + k · stride` (stride 1: a row-major row; stride = capacity: one sample of column-major
 * features), from day aggregates stored at `dayAgg[d * DAY_AGG_SIZE]`. Missing steps are skipped; a
 * window with no step at all gives NaN. std is the sample standard deviation (0 for a single step).
 */
export function windowStats(
  dayAgg: Float64Array,
  cal: TemporalCalendar,
  day: number,
  windowDays: number,
  out: Float32Array,
  offset: number,
  stride = 1,
): void {
  const first = day - windowDays;
  const t00 = cal.dayStartTime[first] ?? 0;
  const dayMs = DAY_MS;
  const big = windowOffsets.length < windowDays;
  const offsets = big ? new Float64Array(windowDays) : windowOffsets;
  const aggAt = big ? new Int32Array(windowDays) : windowDayAgg;
  let days = 0;
  let n = 0;
  let st = 0;
  let stt = 0;
  for (let d = first; d < day; d++) {
    const o = d * DAY_AGG_SIZE;
    const t0 = ((cal.dayStartTime[d] ?? 0) - t00) / dayMs;
    const nd = dayAgg[o] ?? 0;
    // Days without a step add nothing to any statistic: the metric loop below skips them.
    if (nd !== 0) {
      offsets[days] = t0;
      aggAt[days++] = o + 3;
    }
    const std = dayAgg[o + 1] ?? 0;
    n += nd;
    st += t0 * nd + std;
    stt += t0 * t0 * nd + 2 * t0 * std + (dayAgg[o + 2] ?? 0);
  }
  const denom = n * stt - st * st;
  for (let m = 0; m < AGG_METRICS; m++) {
    // The same six accumulators as aggregateDay above, kept as plain locals on purpose: a shared
    // accumulator object would be allocated or dereferenced in the generator's hottest loops.
    let sx = 0;
    let sxx = 0;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let last = Number.NaN;
    let stx = 0;
    for (let k = 0; k < days; k++) {
      const mo = (aggAt[k] ?? 0) + m * 6;
      const t0 = offsets[k] ?? 0;
      const dsx = dayAgg[mo] ?? 0;
      sx += dsx;
      sxx += dayAgg[mo + 1] ?? 0;
      const dmn = dayAgg[mo + 2] ?? mn;
      const dmx = dayAgg[mo + 3] ?? mx;
      if (dmn < mn) mn = dmn;
      if (dmx > mx) mx = dmx;
      last = dayAgg[mo + 4] ?? last;
      stx += t0 * dsx + (dayAgg[mo + 5] ?? 0);
    }
    const f = offset + m * STAT_COUNT * stride;
    if (n === 0) {
      for (let s = 0; s < STAT_COUNT; s++) out[f + s * stride] = Number.NaN;
      continue;
    }
    const mean = sx / n;
    const variance = n > 1 ? (sxx - sx * mean) / (n - 1) : 0;
    out[f] = mean;
    out[f + stride] = variance > 0 ? Math.sqrt(variance) : 0;
    out[f + 2 * stride] = mn;
    out[f + 3 * stride] = mx;
    out[f + 4 * stride] = last;
    out[f + 5 * stride] = denom > 1e-12 ? (n * stx - st * sx) / denom : 0;
  }
}

/** The one-hot and flag columns after the window statistics (feature k at `offset + k · stride`). */
export function writeStaticFeatures(
  out: Float32Array,
  offset: number,
  deviceTypeIndex: number,
  homeTypeIndex: number,
  outdoor: boolean,
  stride = 1,
): void {
  for (let i = 0; i < DEVICE_TYPES.length; i++)
    out[offset + (DEVICE_TYPE_OFFSET + i) * stride] = i === deviceTypeIndex ? 1 : 0;
  for (let i = 0; i < HOME_TYPES.length; i++)
    out[offset + (HOME_TYPE_OFFSET + i) * stride] = i === homeTypeIndex ? 1 : 0;
  out[offset + OUTDOOR_OFFSET * stride] = outdoor ? 1 : 0;
}

const LEGACY_RESPONSE_LAST = featureIndex(0, 'last');
const LEGACY_ERROR_LAST = featureIndex(1, 'last');
const LEGACY_BATTERY_LAST = featureIndex(2, 'last');

/** The original three-threshold rule (§2) on the window's last values: a leaking baseline, not the label. */
export function legacyRuleOnFeatures(row: Float32Array, offset: number, stride = 1): 0 | 1 {
  const resp = row[offset + LEGACY_RESPONSE_LAST * stride] ?? Number.NaN;
  const err = row[offset + LEGACY_ERROR_LAST * stride] ?? Number.NaN;
  const bat = row[offset + LEGACY_BATTERY_LAST * stride] ?? Number.NaN;
  return legacyLabel(resp, err, bat);
}
