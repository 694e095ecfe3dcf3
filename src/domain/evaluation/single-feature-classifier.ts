import { assertClassLabels } from './class-labels';
import { matrixRows } from './model-weights';

/**
 * A one-feature classifier: the feature axis cut into intervals, each predicting one class. Interval i
 * holds x ≤ cuts[i] (and x > cuts[i − 1]); the last interval everything above the last cut.
 */
export interface SingleFeatureClassifier {
  feature: number;
  cuts: number[];
  /** Class of each interval; one more entry than `cuts`. */
  classes: number[];
  /** Class predicted for a NaN cell. */
  missingClass: number;
  trainAccuracy: number;
}

/** Limits and row/feature selection of `fitSingleFeatureClassifier`. */
export interface SingleFeatureClassifierOptions {
  /** Most intervals allowed; default k, so every class can own one interval. */
  maxIntervals?: number;
  /**
   * Candidate cuts come from at most this many equal-frequency bins of the training values; default 64.
   * Cost per feature is O(maxIntervals · maxBins² · k) after one sort.
   */
  maxBins?: number;
  rows?: ArrayLike<number>;
  features?: readonly number[];
}

/**
 * The multiclass "best single feature" baseline. For each feature the training values are grouped into at
 * most `maxBins` equal-frequency bins, and dynamic programming finds the partition into at most
 * `maxIntervals` runs of bins that classifies the most training rows correctly (each run predicting its
 * majority class); the feature with the highest training accuracy wins. It is a 1-D decision tree with at
 * most `maxIntervals` leaves whose cuts (among bin edges) are globally optimal rather than greedy, so it
 * shows how far one feature alone carries — with k intervals every class can own a range, which a single
 * stump cannot offer 8 classes — while the bin and interval limits keep it from memorising. Evaluate it on
 * the test rows like any model. Cost: one sort per feature plus O(maxIntervals · maxBins² · k).
 */
export function fitSingleFeatureClassifier(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  options: SingleFeatureClassifierOptions = {},
): SingleFeatureClassifier {
  const n = matrixRows(X, d);
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
  assertClassLabels(y, k, 'y');
  const maxIntervals = options.maxIntervals ?? k;
  const maxBins = options.maxBins ?? 64;
  if (!Number.isInteger(maxIntervals) || maxIntervals < 1) {
    throw new RangeError('maxIntervals must be a positive integer');
  }
  if (!Number.isInteger(maxBins) || maxBins < 1) throw new RangeError('maxBins must be a positive integer');
  const rows = options.rows ?? Uint32Array.from({ length: n }, (_, i) => i);
  if (rows.length === 0) throw new RangeError('no training rows');

  const overall = new Float64Array(k);
  for (let j = 0; j < rows.length; j++) overall[y[rows[j] ?? 0] ?? 0] = (overall[y[rows[j] ?? 0] ?? 0] ?? 0) + 1;
  const overallMajority = argmax(overall, 0, k);

  let best: SingleFeatureClassifier | undefined;
  for (const feature of options.features ?? Array.from({ length: d }, (_, f) => f)) {
    if (!Number.isInteger(feature) || feature < 0 || feature >= d) {
      throw new RangeError(`feature ${feature} is outside 0 … ${d - 1}`);
    }
    const model = fitFeature(X, d, y, k, rows, feature, maxIntervals, maxBins, overallMajority);
    if (best === undefined || model.trainAccuracy > best.trainAccuracy) best = model;
  }
  if (best === undefined) throw new RangeError('no feature to try');
  return best;
}

function argmax(values: ArrayLike<number>, from: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if ((values[from + c] ?? 0) > (values[from + best] ?? 0)) best = c;
  return best;
}

function fitFeature(
  X: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  rows: ArrayLike<number>,
  feature: number,
  maxIntervals: number,
  maxBins: number,
  overallMajority: number,
): SingleFeatureClassifier {
  const values = new Float64Array(rows.length);
  const labels = new Int32Array(rows.length);
  let m = 0;
  const missing = new Float64Array(k);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j] ?? 0;
    const v = X[i * d + feature] ?? Number.NaN;
    const c = y[i] ?? 0;
    if (Number.isNaN(v)) missing[c] = (missing[c] ?? 0) + 1;
    else {
      values[m] = v;
      labels[m] = c;
      m++;
    }
  }
  let missingCount = 0;
  for (const c of missing) missingCount += c;
  const missingClass = missingCount > 0 ? argmax(missing, 0, k) : overallMajority;
  const missingCorrect = missingCount > 0 ? (missing[missingClass] ?? 0) : 0;
  const total = rows.length;
  if (m === 0) {
    return { feature, cuts: [], classes: [missingClass], missingClass, trainAccuracy: missingCorrect / total };
  }

  const order = Uint32Array.from({ length: m }, (_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  // Equal-frequency bins built from whole runs of equal values, so a cut never splits equal values.
  const binLo: number[] = [];
  const binHi: number[] = [];
  const binCounts: number[] = [];
  const perBin = m / maxBins;
  let counts = Array.from({ length: k }, () => 0);
  let binStart = Number.NaN;
  for (let j = 0; j < order.length;) {
    const v = values[order[j] ?? 0] ?? 0;
    if (Number.isNaN(binStart)) binStart = v;
    while (j < order.length && values[order[j] ?? 0] === v) {
      const c = labels[order[j] ?? 0] ?? 0;
      counts[c] = (counts[c] ?? 0) + 1;
      j++;
    }
    const full = j >= perBin * (binLo.length + 1) && binLo.length + 1 < maxBins;
    if (full || j === order.length) {
      binLo.push(binStart);
      binHi.push(v);
      binCounts.push(...counts);
      counts = Array.from({ length: k }, () => 0);
      binStart = Number.NaN;
    }
  }
  const bins = binLo.length;

  // prefix[b·k + c]: class-c count in bins 0 … b−1.
  const prefix = new Float64Array((bins + 1) * k);
  for (let b = 0; b < bins; b++) {
    for (let c = 0; c < k; c++) prefix[(b + 1) * k + c] = (prefix[b * k + c] ?? 0) + (binCounts[b * k + c] ?? 0);
  }
  const segment = (a: number, b: number): { correct: number; cls: number } => {
    let bestC = 0;
    let bestV = -1;
    for (let c = 0; c < k; c++) {
      const v = (prefix[b * k + c] ?? 0) - (prefix[a * k + c] ?? 0);
      if (v > bestV) {
        bestV = v;
        bestC = c;
      }
    }
    return { correct: bestV, cls: bestC };
  };

  // f[s][j]: most correct rows in bins 0 … j−1 with exactly s segments; back[s][j]: start of the last one.
  const S = Math.min(maxIntervals, bins);
  const f = Array.from({ length: S + 1 }, () => new Float64Array(bins + 1).fill(Number.NEGATIVE_INFINITY));
  const back = Array.from({ length: S + 1 }, () => new Int32Array(bins + 1));
  const f0 = f[0];
  if (f0 !== undefined) f0[0] = 0;
  for (let s = 1; s <= S; s++) {
    const prev = f[s - 1] ?? new Float64Array(0);
    const cur = f[s] ?? new Float64Array(0);
    const bk = back[s] ?? new Int32Array(0);
    for (let j = s; j <= bins; j++) {
      for (let i = s - 1; i < j; i++) {
        const v = (prev[i] ?? Number.NEGATIVE_INFINITY) + segment(i, j).correct;
        if (v > (cur[j] ?? Number.NEGATIVE_INFINITY)) {
          cur[j] = v;
          bk[j] = i;
        }
      }
    }
  }
  let bestS = 1;
  for (let s = 2; s <= S; s++) if ((f[s]?.[bins] ?? -1) > (f[bestS]?.[bins] ?? -1)) bestS = s;

  const ends: number[] = [];
  for (let s = bestS, j = bins; s >= 1; s--) {
    ends.push(j);
    j = back[s]?.[j] ?? 0;
  }
  ends.reverse();
  const cuts: number[] = [];
  const classes: number[] = [];
  let start = 0;
  for (const end of ends) {
    const cls = segment(start, end).cls;
    if (classes.at(-1) === cls) {
      cuts.pop();
    } else {
      classes.push(cls);
    }
    if (end < bins) {
      const left = binHi[end - 1] ?? 0;
      const right = binLo[end] ?? 0;
      const mid = left + (right - left) / 2;
      cuts.push(mid < right ? mid : left);
    }
    start = end;
  }
  const correct = (f[bestS]?.[bins] ?? 0) + missingCorrect;
  return { feature, cuts, classes, missingClass, trainAccuracy: correct / total };
}

/** Predicted class per row of a row-major n × d matrix. */
export function predictSingleFeatureClassifier(
  model: SingleFeatureClassifier,
  X: ArrayLike<number>,
  d: number,
): Int32Array {
  const n = matrixRows(X, d);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = X[i * d + model.feature] ?? Number.NaN;
    if (Number.isNaN(v)) {
      out[i] = model.missingClass;
      continue;
    }
    // First interval whose upper cut is ≥ v.
    let lo = 0;
    let hi = model.cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= (model.cuts[mid] ?? Number.POSITIVE_INFINITY)) hi = mid;
      else lo = mid + 1;
    }
    out[i] = model.classes[lo] ?? model.missingClass;
  }
  return out;
}
