import type { Rng } from '../random';
import { groupMax, indexGroups } from './group-index';

/** How replicates are drawn: seed, count, level and optional strata or clusters. */
export interface BootstrapOptions {
  rng: Rng;
  /** Number of bootstrap replicates; default 1000. */
  resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  level?: number;
  /**
   * Per-sample stratum (e.g. the label): each replicate redraws every stratum to its own size, so a
   * replicate never loses a class and AUC stays defined.
   */
  strata?: ArrayLike<number>;
  /**
   * Per-sample cluster (e.g. device): replicates draw whole clusters, which is honest when samples of one
   * device are correlated (temporal data). With `strata`, a cluster's stratum is its largest value.
   */
  groups?: ArrayLike<number>;
  /**
   * Receives every replicate's values (resamples × metrics, row-major) once they are drawn: two scorers
   * bootstrapped with the same seed, sample count and groups share their draws, so the differences of
   * their replicates give a paired interval.
   */
  keepReplicates?: (replicates: Float64Array) => void;
}

/** A percentile interval with the full-sample estimate. */
export interface BootstrapInterval {
  /** The metric on the original sample (not the mean of replicates). */
  estimate: number;
  low: number;
  high: number;
  level: number;
  resamples: number;
  /** Replicates whose metric was not NaN; the percentiles use only these. */
  valid: number;
}

/**
 * Percentile bootstrap interval for any metric of a sample subset. `metric` receives the indices of one
 * replicate (with repeats); the array is reused between calls, so the metric must not keep it.
 * Replicates where the metric is NaN (e.g. AUC of a one-class draw) are skipped and counted out of `valid`.
 * The same seed gives the same interval.
 */
export function bootstrapCI(
  n: number,
  metric: (idx: Uint32Array) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const [interval] = bootstrapCIs(
    n,
    1,
    (idx, out) => {
      out[0] = metric(idx);
    },
    options,
  );
  if (interval === undefined) throw new Error('bootstrapCIs returned no interval');
  return interval;
}

/**
 * Several metrics over the same replicates: `metric` writes `size` values into `out` for one replicate.
 * Cost: `resamples` × (drawing n indices + one metric call); nothing is sorted per replicate here.
 */
export function bootstrapCIs(
  n: number,
  size: number,
  metric: (idx: Uint32Array, out: Float64Array) => void,
  options: BootstrapOptions,
): BootstrapInterval[] {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError('resamples must be a positive integer');
  if (!(level > 0 && level < 1)) throw new RangeError('level must lie strictly between 0 and 1');
  if (n === 0) {
    return Array.from({ length: size }, () => ({
      estimate: Number.NaN,
      low: Number.NaN,
      high: Number.NaN,
      level,
      resamples,
      valid: 0,
    }));
  }
  const estimate = new Float64Array(size).fill(Number.NaN);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  metric(all, estimate);

  const draw = createResampler(n, options);
  const replicates = new Float64Array(resamples * size);
  const out = new Float64Array(size);
  for (let r = 0; r < resamples; r++) {
    out.fill(Number.NaN);
    metric(draw(options.rng), out);
    replicates.set(out, r * size);
  }
  options.keepReplicates?.(replicates);

  const alpha = (1 - level) / 2;
  const column = new Float64Array(resamples);
  return Array.from({ length: size }, (_, m) => {
    let valid = 0;
    for (let r = 0; r < resamples; r++) {
      const v = replicates[r * size + m] ?? Number.NaN;
      if (!Number.isNaN(v)) column[valid++] = v;
    }
    const sorted = column.subarray(0, valid).sort();
    return {
      estimate: estimate[m] ?? Number.NaN,
      low: quantileSorted(sorted, alpha),
      high: quantileSorted(sorted, 1 - alpha),
      level,
      resamples,
      valid,
    };
  });
}

/**
 * Interval `i` of a `bootstrapCIs` result. The result always holds `size` intervals, so a missing one is a
 * bug: this throws instead of letting every caller repeat the check.
 */
export function intervalAt(intervals: readonly BootstrapInterval[], i: number): BootstrapInterval {
  const interval = intervals[i];
  if (interval === undefined) throw new Error('bootstrap returned fewer intervals than metrics');
  return interval;
}

/** Linear interpolation between order statistics (numpy's default); NaN for an empty array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, m - 1)] ?? Number.NaN;
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * Returns a function that draws one replicate's indices. Units (samples, or clusters with `groups`) are
 * listed stratum by stratum so each stratum is redrawn to its own size.
 */
function createResampler(n: number, options: BootstrapOptions): (rng: Rng) => Uint32Array {
  const { strata, groups } = options;
  if (strata !== undefined && strata.length !== n) throw new RangeError('strata must have one entry per sample');
  if (groups !== undefined && groups.length !== n) throw new RangeError('groups must have one entry per sample');
  if (strata !== undefined) {
    for (let i = 0; i < n; i++) if (Number.isNaN(strata[i])) throw new RangeError(`stratum of sample ${i} is NaN`);
  }

  const clusters = groups === undefined ? undefined : indexGroups(groups);
  const unitCount = clusters === undefined ? n : clusters.count;
  let unitStratum: ArrayLike<number> | undefined;
  if (strata !== undefined) unitStratum = clusters === undefined ? strata : groupMax(clusters, strata);

  // Units ordered by stratum (ascending stratum value, stable), with each stratum's range.
  const units = new Uint32Array(unitCount);
  for (let u = 0; u < unitCount; u++) units[u] = u;
  const bounds: number[] = [0];
  if (unitStratum !== undefined) {
    const key = unitStratum;
    units.sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0) || a - b);
    for (let j = 1; j < unitCount; j++) {
      if ((key[units[j] ?? 0] ?? 0) !== (key[units[j - 1] ?? 0] ?? 0)) bounds.push(j);
    }
  }
  bounds.push(unitCount);

  if (clusters === undefined) {
    const idx = new Uint32Array(n);
    return (rng) => {
      let w = 0;
      for (let s = 0; s + 1 < bounds.length; s++) {
        const from = bounds[s] ?? 0;
        const size = (bounds[s + 1] ?? 0) - from;
        for (let j = 0; j < size; j++) idx[w++] = units[from + Math.floor(rng.next() * size)] ?? 0;
      }
      return idx;
    };
  }

  const { offsets, members } = clusters;
  let buffer = new Uint32Array(n);
  return (rng) => {
    let w = 0;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const from = bounds[s] ?? 0;
      const size = (bounds[s + 1] ?? 0) - from;
      for (let j = 0; j < size; j++) {
        const g = units[from + Math.floor(rng.next() * size)] ?? 0;
        const start = offsets[g] ?? 0;
        const end = offsets[g + 1] ?? 0;
        if (w + end - start > buffer.length) {
          const grown = new Uint32Array(Math.max(buffer.length * 2, w + end - start));
          grown.set(buffer.subarray(0, w));
          buffer = grown;
        }
        // A plain loop: a subarray per drawn unit allocates, which dominates with many small clusters.
        for (let k = start; k < end; k++) buffer[w++] = members[k] ?? 0;
      }
    }
    return buffer.subarray(0, w);
  };
}
