import { createRng } from '../random';
import { quantileSorted, type BootstrapInterval } from './bootstrap';
import { calibrationSums, eceFromSums, type ReliabilityBin } from './calibration-reliability';

/** Options of `bootstrapEce`. */
export interface EceBootstrapOptions {
  seed: number;
  /** Default 1000. */
  resamples?: number;
  /** Default 0.95. */
  level?: number;
  /** Equal-width bins; default 10. */
  bins?: number;
}

/**
 * Expected calibration error with a percentile interval over clusters (homes), and the reliability bins,
 * from one pass over the samples: each replicate draws as many homes as there are, with replacement, and
 * weighs each home's per-bin sums by its draw count, so a replicate costs O(homes × bins) whatever the
 * number of samples.
 */
export function bootstrapCalibration(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  clusters: ArrayLike<number>,
  options: EceBootstrapOptions,
): { ece: BootstrapInterval; bins: ReliabilityBin[] } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const bins = options.bins ?? 10;
  const dense = new Map<number, number>();
  const cluster = Uint32Array.from({ length: labels.length }, (_, i) => {
    const key = clusters[i] ?? 0;
    let id = dense.get(key);
    if (id === undefined) {
      id = dense.size;
      dense.set(key, id);
    }
    return id;
  });
  const count = dense.size;
  const sums = calibrationSums(labels, scores, cluster, count, bins);
  const estimate = eceFromSums(sums, new Float64Array(count).fill(1));
  const rng = createRng(options.seed);
  const weight = new Float64Array(count);
  const values = new Float64Array(resamples);
  let valid = 0;
  for (let r = 0; r < resamples && count > 0; r++) {
    weight.fill(0);
    for (let j = 0; j < count; j++) {
      const c = Math.floor(rng.next() * count);
      weight[c] = (weight[c] ?? 0) + 1;
    }
    const v = eceFromSums(sums, weight);
    if (!Number.isNaN(v)) values[valid++] = v;
  }
  const sorted = values.subarray(0, valid).sort();
  const alpha = (1 - level) / 2;
  return {
    ece: {
      estimate,
      low: quantileSorted(sorted, alpha),
      high: quantileSorted(sorted, 1 - alpha),
      level,
      resamples,
      valid,
    },
    bins: binsFromSums(sums.count, sums.scoreSum, sums.labelSum, count, bins),
  };
}

/** The reliability bins of all clusters together. */
function binsFromSums(
  count: Float64Array,
  scoreSum: Float64Array,
  labelSum: Float64Array,
  clusters: number,
  bins: number,
): ReliabilityBin[] {
  return Array.from({ length: bins }, (_, b) => {
    let c = 0;
    let s = 0;
    let l = 0;
    for (let k = 0; k < clusters; k++) {
      c += count[k * bins + b] ?? 0;
      s += scoreSum[k * bins + b] ?? 0;
      l += labelSum[k * bins + b] ?? 0;
    }
    return {
      lower: b / bins,
      upper: (b + 1) / bins,
      count: c,
      meanScore: c > 0 ? s / c : Number.NaN,
      positiveRate: c > 0 ? l / c : Number.NaN,
    };
  });
}
