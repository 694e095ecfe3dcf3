import { assertClassLabels } from './class-labels';

/**
 * scikit-learn's `class_weight='balanced'`: n / (k · count_c), so every class carries the same total weight.
 * k counts only the classes present in `labels` (scikit-learn rejects absent classes); an absent class gets
 * weight 0, which never matters since no sample carries it.
 */
export function balancedClassWeights(labels: ArrayLike<number>, k: number): Float64Array {
  assertClassLabels(labels, k);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] ?? 0;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  let present = 0;
  for (const c of counts) if (c > 0) present++;
  return counts.map((c) => (c > 0 ? labels.length / (present * c) : 0));
}

/** Per-sample weights from per-class weights (e.g. for a weighted loss or TF.js `sampleWeight`). */
export function sampleWeightsFromClassWeights(
  labels: ArrayLike<number>,
  classWeights: ArrayLike<number>,
): Float32Array {
  assertClassLabels(labels, classWeights.length);
  return Float32Array.from({ length: labels.length }, (_, i) => classWeights[labels[i] ?? 0] ?? 0);
}
