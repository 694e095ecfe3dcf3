import { createRng } from '../random';
import { quantileSorted, type BootstrapInterval } from './bootstrap';
import { calibrationSums, eceFromSums, expectedCalibrationError } from './calibration';

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
 * Expected calibration error with a percentile interval over clusters (homes): each replicate draws as many
 * homes as there are, with replacement, and weighs each home's per-bin sums by its draw count, so a
 * replicate costs O(homes × bins) whatever the number of samples.
 */
export function bootstrapEce(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  clusters: ArrayLike<number>,
  options: EceBootstrapOptions,
): BootstrapInterval {
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
  const estimate = expectedCalibrationError(labels, scores, bins);
  const count = dense.size;
  const sums = calibrationSums(labels, scores, cluster, count, bins);
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
  return { estimate, low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha), level, resamples, valid };
}
