import { assertBinaryInputs } from './binary-input';
import type { PrCurve, RocCurve } from './curves';

/**
 * Binary scores sorted once (descending) with their tie groups, so ROC-AUC, average precision and both
 * curves are O(n) passes afterwards — also under bootstrap weights, which are given per sorted position
 * so that each pass reads memory in order.
 */
export interface RankedScores {
  readonly n: number;
  readonly positives: number;
  readonly negatives: number;
  /** Sample indices by descending score (ties by ascending index). */
  readonly order: Uint32Array;
  /** `rankOf[i]` is the position of sample `i` in `order`. */
  readonly rankOf: Uint32Array;
  readonly sortedScores: Float64Array;
  readonly sortedLabels: Uint8Array;
  /** Exclusive end position of each group of equal scores, ascending. */
  readonly groupEnds: Uint32Array;
}

/** Sorts the scores once (O(n log n)). Throws on length mismatch, non-0/1 labels or NaN scores. */
export function rankScores(yTrue: ArrayLike<number>, score: ArrayLike<number>): RankedScores {
  assertBinaryInputs(yTrue, score);
  const n = yTrue.length;
  const keys = Float64Array.from(score);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (keys[b] ?? 0) - (keys[a] ?? 0) || a - b);

  const rankOf = new Uint32Array(n);
  const sortedScores = new Float64Array(n);
  const sortedLabels = new Uint8Array(n);
  const ends: number[] = [];
  let positives = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] ?? 0;
    rankOf[i] = k;
    sortedScores[k] = keys[i] ?? 0;
    const y = yTrue[i] === 1 ? 1 : 0;
    sortedLabels[k] = y;
    positives += y;
    if (k > 0 && sortedScores[k] !== sortedScores[k - 1]) ends.push(k);
  }
  if (n > 0) ends.push(n);
  return {
    n,
    positives,
    negatives: n - positives,
    order,
    rankOf,
    sortedScores,
    sortedLabels,
    groupEnds: Uint32Array.from(ends),
  };
}

/**
 * Visits the groups of equal scores from the highest score down, with the summed weights of their
 * positives and negatives (`weights` indexed by sorted position; omitted means 1 each), the group's
 * number and its first sorted position. The AUCs and both curves share this one pass.
 */
function forEachTieGroup(
  ranked: RankedScores,
  weights: ArrayLike<number> | undefined,
  visit: (wp: number, wn: number, group: number, start: number) => void,
): void {
  const { sortedLabels, groupEnds } = ranked;
  let start = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g] ?? 0;
    let wp = 0;
    let wn = 0;
    for (let k = start; k < end; k++) {
      const w = weights === undefined ? 1 : (weights[k] ?? 0);
      if (sortedLabels[k] === 1) wp += w;
      else wn += w;
    }
    visit(wp, wn, g, start);
    start = end;
  }
}

/**
 * Exact ROC-AUC (the Mann–Whitney statistic): the share of (positive, negative) pairs ranked correctly,
 * ties counting one half — identical to average ranks for ties and to scikit-learn's `roc_auc_score`.
 * Returns NaN when only one class is present (AUC is undefined then; scikit-learn raises instead).
 * `weights`, indexed by sorted position, multiply each sample (bootstrap counts); omitted means 1 each.
 */
export function rocAucRanked(ranked: RankedScores, weights?: ArrayLike<number>): number {
  let negAbove = 0;
  let totalPos = 0;
  let misordered = 0;
  forEachTieGroup(ranked, weights, (wp, wn) => {
    // Pairs where the negative scores at least as high as the positive; ties weigh one half.
    misordered += wp * (negAbove + 0.5 * wn);
    negAbove += wn;
    totalPos += wp;
  });
  if (totalPos === 0 || negAbove === 0) return Number.NaN;
  return 1 - misordered / (totalPos * negAbove);
}

/**
 * Area under the precision–recall curve as scikit-learn's `average_precision_score`: Σ (Rₖ − Rₖ₋₁)·Pₖ over
 * distinct thresholds, step-wise (no interpolation), equal scores forming one threshold. Returns NaN when
 * there are no positives (scikit-learn warns and returns 0 there; 0 would read as a real, terrible score).
 * `weights` as in {@link rocAucRanked}.
 */
export function averagePrecisionRanked(ranked: RankedScores, weights?: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let sum = 0;
  forEachTieGroup(ranked, weights, (wp, wn) => {
    tp += wp;
    fp += wn;
    if (wp > 0) sum += (wp * tp) / (tp + fp);
  });
  return tp > 0 ? sum / tp : Number.NaN;
}

/**
 * Visits the curve points after the +Infinity start (point `i` = tie group i − 1, from the highest score
 * down) with the point's threshold and the positives and negatives scoring at or above it.
 */
function forEachCurvePoint(
  ranked: RankedScores,
  visit: (i: number, threshold: number, tp: number, fp: number) => void,
): void {
  let tp = 0;
  let fp = 0;
  forEachTieGroup(ranked, undefined, (wp, wn, g, start) => {
    tp += wp;
    fp += wn;
    visit(g + 1, ranked.sortedScores[start] ?? Number.NaN, tp, fp);
  });
}

/** The full ROC curve (one point per distinct score plus the (0, 0) start); see {@link RocCurve}. */
export function rocCurveRanked(ranked: RankedScores): RocCurve {
  const { groupEnds, positives, negatives } = ranked;
  const m = groupEnds.length + 1;
  const curve: RocCurve = {
    thresholds: new Float64Array(m),
    fpr: new Float64Array(m),
    tpr: new Float64Array(m),
    tp: new Float64Array(m),
    fp: new Float64Array(m),
  };
  curve.thresholds[0] = Number.POSITIVE_INFINITY;
  forEachCurvePoint(ranked, (i, threshold, tp, fp) => {
    curve.thresholds[i] = threshold;
    curve.tp[i] = tp;
    curve.fp[i] = fp;
  });
  for (let j = 0; j < m; j++) {
    curve.tpr[j] = positives > 0 ? (curve.tp[j] ?? 0) / positives : Number.NaN;
    curve.fpr[j] = negatives > 0 ? (curve.fp[j] ?? 0) / negatives : Number.NaN;
  }
  return curve;
}

/** The full precision–recall curve (one point per distinct score plus the start); see {@link PrCurve}. */
export function prCurveRanked(ranked: RankedScores): PrCurve {
  const { groupEnds, positives } = ranked;
  const m = groupEnds.length + 1;
  const curve: PrCurve = {
    thresholds: new Float64Array(m),
    recall: new Float64Array(m),
    precision: new Float64Array(m),
  };
  curve.thresholds[0] = Number.POSITIVE_INFINITY;
  curve.recall[0] = positives > 0 ? 0 : Number.NaN;
  curve.precision[0] = 1;
  forEachCurvePoint(ranked, (i, threshold, tp, fp) => {
    curve.thresholds[i] = threshold;
    curve.recall[i] = positives > 0 ? tp / positives : Number.NaN;
    curve.precision[i] = tp / (tp + fp);
  });
  return curve;
}
