import { createRng } from '../random';
import { fitBestSingleThreshold, type ThresholdRule } from './single-threshold-baseline';

/** A decision stump: one feature, one cut, and the positive rate on each side (its two scores). */
export interface Stump {
  rule: ThresholdRule;
  /** P(positive) where the rule says 0 and where it says 1, Laplace-smoothed on the training rows. */
  scoreOff: number;
  scoreOn: number;
}

/** Rows the cut search sorts, at most: the best single feature is stable long before 50,000 rows. */
export const STUMP_SEARCH_ROWS = 50_000;

/**
 * The best single-feature stump on training rows (row-major n × d): the cut with the highest F1 over every
 * feature (searched on a seeded sample of at most STUMP_SEARCH_ROWS rows), scored by the positive rate on
 * each side over all training rows. A baseline: if a model does not beat one feature and one cut, its
 * other features add nothing.
 */
export function fitStump(x: ArrayLike<number>, d: number, y: ArrayLike<number>, seed: number): Stump {
  const n = y.length;
  let rows: Uint32Array | undefined;
  if (n > STUMP_SEARCH_ROWS) {
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    createRng(seed).shuffle(all);
    rows = all.subarray(0, STUMP_SEARCH_ROWS).sort();
  }
  const rule = fitBestSingleThreshold(x, d, y, { criterion: 'f1', ...(rows ? { rows } : {}) });
  const on = [0, 0];
  const off = [0, 0];
  for (let i = 0; i < n; i++) {
    const side = fires(rule, x[i * d + rule.feature] ?? Number.NaN) ? on : off;
    side[y[i] === 1 ? 1 : 0] = (side[y[i] === 1 ? 1 : 0] ?? 0) + 1;
  }
  const rate = (c: number[]): number => ((c[1] ?? 0) + 1) / ((c[0] ?? 0) + (c[1] ?? 0) + 2);
  return { rule, scoreOff: rate(off), scoreOn: rate(on) };
}

function fires(rule: ThresholdRule, v: number): boolean {
  if (Number.isNaN(v)) return false;
  return rule.direction === 'below' ? v <= rule.threshold : v > rule.threshold;
}

/** The stump's score for each row of a row-major matrix with the training columns. */
export function predictStump(stump: Stump, x: ArrayLike<number>, d: number): Float64Array {
  const n = Math.floor(x.length / d);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = fires(stump.rule, x[i * d + stump.rule.feature] ?? Number.NaN) ? stump.scoreOn : stump.scoreOff;
  return out;
}
