import { assertClassLabels } from './class-labels';
import { metricsFromConfusion } from './confusion-matrix';
import { matrixRows } from './model-weights';

/** One feature and one threshold: 'below' predicts 1 when x ≤ threshold, 'above' when x > threshold. */
export interface ThresholdRule {
  feature: number;
  threshold: number;
  direction: 'below' | 'above';
  criterion: 'f1' | 'accuracy';
  /** The criterion on the training rows. */
  trainScore: number;
}

/** Criterion and row/feature selection of `fitBestSingleThreshold`. */
export interface ThresholdSearchOptions {
  /** What the search maximises; default 'accuracy' (the "one threshold gets 96 %" check). */
  criterion?: 'f1' | 'accuracy';
  /** Training rows; default all. */
  rows?: ArrayLike<number>;
  /** Features to try; default all. */
  features?: readonly number[];
}

/**
 * Best single-feature threshold rule on the training rows: every feature, every cut between two
 * consecutive distinct values (at their midpoint, as a decision stump places it), both directions.
 * O(d · n log n) with native numeric sorts. NaN cells are never predicted positive. Ties keep the first
 * found (lowest feature, lowest threshold, 'below' first). Throws if every feature is constant.
 */
export function fitBestSingleThreshold(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  options: ThresholdSearchOptions = {},
): ThresholdRule {
  const n = matrixRows(X, d);
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
  assertClassLabels(y, 2, 'y');
  const criterion = options.criterion ?? 'accuracy';
  const rows = options.rows;
  const m = rows === undefined ? n : rows.length;
  let positives = 0;
  for (let j = 0; j < m; j++) positives += y[rows === undefined ? j : (rows[j] ?? 0)] ?? 0;
  const negatives = m - positives;

  let best: ThresholdRule | undefined;
  const all = new Float64Array(m);
  const pos = new Float64Array(m);
  for (const feature of options.features ?? Array.from({ length: d }, (_, f) => f)) {
    if (!Number.isInteger(feature) || feature < 0 || feature >= d) {
      throw new RangeError(`feature ${feature} is outside 0 … ${d - 1}`);
    }
    let nAll = 0;
    let nPos = 0;
    for (let j = 0; j < m; j++) {
      const i = rows === undefined ? j : (rows[j] ?? 0);
      const v = X[i * d + feature] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      all[nAll++] = v;
      if (y[i] === 1) pos[nPos++] = v;
    }
    const sortedAll = all.subarray(0, nAll).sort();
    const sortedPos = pos.subarray(0, nPos).sort();
    let p = 0;
    for (let k = 0; k < nAll;) {
      const v = sortedAll[k] ?? 0;
      while (k < nAll && sortedAll[k] === v) k++;
      while (p < nPos && (sortedPos[p] ?? 0) <= v) p++;
      const next = sortedAll[k];
      if (next === undefined) break;
      // k values ≤ v, p of them positive; cut between v and next.
      let threshold = v + (next - v) / 2;
      if (!(threshold < next)) threshold = v;
      const below = { tp: p, fp: k - p, fn: positives - p, tn: negatives - (k - p) };
      const aboveTp = nPos - p;
      const aboveFp = nAll - k - aboveTp;
      const above = { tp: aboveTp, fp: aboveFp, fn: positives - aboveTp, tn: negatives - aboveFp };
      for (const [direction, c] of [
        ['below', below],
        ['above', above],
      ] as const) {
        const metrics = metricsFromConfusion(c);
        const score = criterion === 'f1' ? metrics.f1 : metrics.accuracy;
        if (best === undefined || score > best.trainScore) {
          best = { feature, threshold, direction, criterion, trainScore: score };
        }
      }
    }
  }
  if (best === undefined) throw new Error('no feature has two distinct values on the training rows');
  return best;
}

/** 0/1 scores of a threshold rule (usable as `binaryReport` scores). */
export function predictThresholdRule(rule: ThresholdRule, X: ArrayLike<number>, d: number): Float64Array {
  const n = matrixRows(X, d);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = X[i * d + rule.feature] ?? Number.NaN;
    out[i] = (rule.direction === 'below' ? v <= rule.threshold : v > rule.threshold) ? 1 : 0;
  }
  return out;
}
