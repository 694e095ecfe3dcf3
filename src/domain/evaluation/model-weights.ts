import { balancedClassWeights } from './class-weights';

/** `'balanced'` (scikit-learn's rule), explicit per-class weights, or none. */
export type ClassWeightOption = 'balanced' | readonly number[] | undefined;

/**
 * Per-sample weights from a class-weight option and optional sample weights, plus their sum (the loss is
 * the weighted mean, so its scale does not depend on n).
 */
export function resolveSampleWeights(
  labels: ArrayLike<number>,
  k: number,
  classWeight: ClassWeightOption,
  sampleWeight?: ArrayLike<number>,
): { weights: Float64Array; total: number } {
  if (sampleWeight !== undefined && sampleWeight.length !== labels.length) {
    throw new RangeError(`sampleWeight has ${sampleWeight.length} entries for ${labels.length} samples`);
  }
  let perClass: ArrayLike<number> | undefined;
  if (classWeight === 'balanced') perClass = balancedClassWeights(labels, k);
  else if (classWeight !== undefined) {
    if (classWeight.length !== k) throw new RangeError(`classWeight needs ${k} entries, got ${classWeight.length}`);
    perClass = classWeight;
  }
  const weights = new Float64Array(labels.length);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = (perClass === undefined ? 1 : (perClass[labels[i] ?? 0] ?? 0)) * (sampleWeight?.[i] ?? 1);
    if (!(w >= 0)) throw new RangeError(`weight of sample ${i} is negative or NaN`);
    weights[i] = w;
    total += w;
  }
  if (!(total > 0)) throw new RangeError('the sample weights sum to 0: nothing to fit');
  return { weights, total };
}

/** Rows of a row-major matrix; throws when the length is not a multiple of d. */
export function matrixRows(data: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (data.length % d !== 0) throw new RangeError(`${data.length} values are not rows of ${d} columns`);
  return data.length / d;
}
