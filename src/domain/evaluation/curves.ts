import type { ConfusionMatrix } from './confusion-matrix';

/**
 * ROC curve as parallel arrays, one point per distinct score (descending threshold), starting at the
 * (0, 0) point whose threshold is +Infinity. A sample is predicted positive when `score >= threshold`.
 * `tp` and `fp` are the counts behind each point so a threshold control can rebuild the confusion matrix.
 * `fpr` is NaN throughout when there are no negatives, `tpr` when there are no positives.
 * Note: +Infinity survives structured clone (IndexedDB) but becomes null in JSON.
 */
export interface RocCurve {
  thresholds: Float64Array;
  fpr: Float64Array;
  tpr: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
}

/**
 * Precision–recall curve in descending threshold order (recall rising), starting at recall 0, precision 1
 * (threshold +Infinity), as scikit-learn's end point. `recall` is NaN when there are no positives.
 */
export interface PrCurve {
  thresholds: Float64Array;
  recall: Float64Array;
  precision: Float64Array;
}

/**
 * At most `maxPoints` indices spread evenly over `0 … length − 1`, always keeping both ends, ascending and
 * without duplicates.
 */
export function downsampleIndices(length: number, maxPoints: number): Uint32Array {
  if (maxPoints < 2) throw new RangeError('maxPoints must be at least 2 to keep both ends of a curve');
  if (length <= maxPoints) return Uint32Array.from({ length }, (_, i) => i);
  const out = new Uint32Array(maxPoints);
  for (let i = 0; i < maxPoints; i++) out[i] = Math.round((i * (length - 1)) / (maxPoints - 1));
  return out;
}

function pick(values: Float64Array, indices: Uint32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i] ?? 0] ?? Number.NaN;
  return out;
}

/**
 * Keeps the points `downsampleIndices` chooses in every listed column of a curve; the columns come out
 * in the order listed, so stored and exported curves keep their key order.
 */
function downsampleColumns<K extends string>(
  curve: Readonly<Record<K | 'thresholds', Float64Array>>,
  columns: readonly K[],
  maxPoints: number,
): Record<K, Float64Array> {
  const idx = downsampleIndices(curve.thresholds.length, maxPoints);
  // Complete once the loop has filled every listed column.
  const out = {} as Record<K, Float64Array>;
  for (const column of columns) out[column] = pick(curve[column], idx);
  return out;
}

const ROC_COLUMNS = ['thresholds', 'fpr', 'tpr', 'tp', 'fp'] as const;
const PR_COLUMNS = ['thresholds', 'recall', 'precision'] as const;

/** Keeps at most `maxPoints` points of a ROC curve, including its first and last point. */
export function downsampleRocCurve(curve: RocCurve, maxPoints: number): RocCurve {
  return downsampleColumns(curve, ROC_COLUMNS, maxPoints);
}

/** Keeps at most `maxPoints` points of a precision–recall curve, including its first and last point. */
export function downsamplePrCurve(curve: PrCurve, maxPoints: number): PrCurve {
  return downsampleColumns(curve, PR_COLUMNS, maxPoints);
}

/**
 * The confusion matrix at `threshold` read from a stored ROC curve (the rule `score >= threshold`): it uses
 * the last point whose threshold is at or above the requested one. Exact on a full curve; on a downsampled
 * curve it snaps to the nearest kept point at or above the threshold.
 */
export function confusionFromRocCurve(
  curve: RocCurve,
  positives: number,
  negatives: number,
  threshold: number,
): ConfusionMatrix {
  // Thresholds descend, so binary-search the last index with thresholds[i] >= threshold.
  let lo = 0;
  let hi = curve.thresholds.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((curve.thresholds[mid] ?? Number.NaN) >= threshold) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const tp = found < 0 ? 0 : (curve.tp[found] ?? 0);
  const fp = found < 0 ? 0 : (curve.fp[found] ?? 0);
  return { tp, fp, tn: negatives - fp, fn: positives - tp };
}
