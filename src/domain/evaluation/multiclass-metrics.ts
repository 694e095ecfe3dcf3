import { assertClassLabels } from './class-labels';

/** Per-class precision, recall and F1 (zero_division 0) with support (true count) and predicted count. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  predicted: number;
}

/** Everything the classifier view shows for one test set. */
export interface MulticlassReport {
  k: number;
  n: number;
  accuracy: number;
  /** `confusion[t][p]`: samples of true class t predicted as p. */
  confusion: number[][];
  perClass: ClassMetrics[];
  /**
   * Unweighted means over the classes that occur in yTrue or yPred (scikit-learn's default label set), so a
   * class absent from a small test fold does not count as a 0.
   */
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  /** Support-weighted mean F1 (scikit-learn's "weighted"). */
  weightedF1: number;
}

/** k × k confusion counts (rows true, columns predicted); `indices` restricts it to a subset, repeats allowed. */
export function multiclassConfusion(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  k: number,
  indices?: ArrayLike<number>,
): number[][] {
  assertClassLabels(yTrue, k, 'yTrue');
  assertClassLabels(yPred, k, 'yPred');
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} entries but yPred has ${yPred.length}`);
  }
  const flat = new Float64Array(k * k);
  const m = indices === undefined ? yTrue.length : indices.length;
  for (let j = 0; j < m; j++) {
    const i = indices === undefined ? j : (indices[j] ?? 0);
    const cell = (yTrue[i] ?? 0) * k + (yPred[i] ?? 0);
    flat[cell] = (flat[cell] ?? 0) + 1;
  }
  return Array.from({ length: k }, (_, t) => Array.from(flat.subarray(t * k, t * k + k)));
}

/** Every multiclass metric from a confusion matrix. Accuracy is NaN for an empty matrix. */
export function reportFromConfusion(confusion: readonly (readonly number[])[]): MulticlassReport {
  const k = confusion.length;
  const support = new Float64Array(k);
  const predicted = new Float64Array(k);
  let n = 0;
  let correct = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const c = confusion[t]?.[p] ?? 0;
      support[t] = (support[t] ?? 0) + c;
      predicted[p] = (predicted[p] ?? 0) + c;
      n += c;
      if (t === p) correct += c;
    }
  }
  const perClass: ClassMetrics[] = [];
  let present = 0;
  let sumP = 0;
  let sumR = 0;
  let sumF = 0;
  let weighted = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c]?.[c] ?? 0;
    const s = support[c] ?? 0;
    const q = predicted[c] ?? 0;
    const precision = q > 0 ? tp / q : 0;
    const recall = s > 0 ? tp / s : 0;
    const f1 = s + q > 0 ? (2 * tp) / (s + q) : 0;
    perClass.push({ precision, recall, f1, support: s, predicted: q });
    if (s > 0 || q > 0) {
      present++;
      sumP += precision;
      sumR += recall;
      sumF += f1;
    }
    weighted += s * f1;
  }
  return {
    k,
    n,
    accuracy: n > 0 ? correct / n : Number.NaN,
    confusion: confusion.map((row) => [...row]),
    perClass,
    macroPrecision: present > 0 ? sumP / present : Number.NaN,
    macroRecall: present > 0 ? sumR / present : Number.NaN,
    macroF1: present > 0 ? sumF / present : Number.NaN,
    weightedF1: n > 0 ? weighted / n : Number.NaN,
  };
}

/** Confusion matrix and every metric for class indices in [0, k). */
export function multiclassReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  k: number,
  indices?: ArrayLike<number>,
): MulticlassReport {
  return reportFromConfusion(multiclassConfusion(yTrue, yPred, k, indices));
}

/**
 * Row-wise argmax of a row-major n × k probability matrix; ties go to the lowest class index (as numpy).
 * Throws if a row holds NaN, since no class could honestly be picked.
 */
export function argmaxRows(probabilities: ArrayLike<number>, k: number): Int32Array {
  if (k < 1 || probabilities.length % k !== 0) {
    throw new RangeError(`a probability matrix of ${probabilities.length} values does not have ${k} columns`);
  }
  const n = probabilities.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const v = probabilities[i * k + c] ?? Number.NaN;
      if (Number.isNaN(v)) throw new RangeError(`probability row ${i} holds NaN`);
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Mean multinomial cross-entropy of a row-major n × k probability matrix, the true class's probability
 * clipped to [1e-15, 1 − 1e-15]; NaN for no samples.
 */
export function multiclassLogLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  assertClassLabels(yTrue, k, 'yTrue');
  if (probabilities.length !== yTrue.length * k) {
    throw new RangeError(`expected ${yTrue.length} × ${k} probabilities, got ${probabilities.length}`);
  }
  if (yTrue.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = probabilities[i * k + (yTrue[i] ?? 0)] ?? 0;
    sum -= Math.log(Math.min(Math.max(p, 1e-15), 1 - 1e-15));
  }
  return sum / yTrue.length;
}
