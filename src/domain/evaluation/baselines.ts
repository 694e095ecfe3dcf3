import { legacyLabel } from '../legacy-label';
import { METRICS } from '../device-types';
import { assertClassLabels } from './class-labels';
import { matrixRows } from './model-weights';

/** Binary majority baseline: it predicts the training base rate as every sample's score. */
export interface MajorityModel {
  baseRate: number;
}

/**
 * Fits the majority-class baseline. Report it at threshold 0.5: with a base rate below one half it predicts
 * "no failure" everywhere (accuracy = 1 − base rate, F1 0), and its constant score gives ROC-AUC 0.5.
 */
export function fitMajorityClass(yTrain: ArrayLike<number>): MajorityModel {
  assertClassLabels(yTrain, 2, 'yTrain');
  if (yTrain.length === 0) throw new RangeError('the majority baseline needs at least one training label');
  let positives = 0;
  for (let i = 0; i < yTrain.length; i++) positives += yTrain[i] ?? 0;
  return { baseRate: positives / yTrain.length };
}

/** The base rate repeated n times (scores for `binaryReport`). */
export function predictMajorityProba(model: MajorityModel, n: number): Float64Array {
  return new Float64Array(n).fill(model.baseRate);
}

/** Multiclass majority baseline: class frequencies as probabilities, the most frequent class as prediction. */
export interface MajorityMulticlassModel {
  classRates: number[];
  /** Most frequent training class (lowest index on ties). */
  majority: number;
}

/** Fits the multiclass majority baseline on training labels in [0, k). */
export function fitMajorityMulticlass(yTrain: ArrayLike<number>, k: number): MajorityMulticlassModel {
  assertClassLabels(yTrain, k, 'yTrain');
  if (yTrain.length === 0) throw new RangeError('the majority baseline needs at least one training label');
  const counts = Array.from({ length: k }, () => 0);
  for (let i = 0; i < yTrain.length; i++) counts[yTrain[i] ?? 0] = (counts[yTrain[i] ?? 0] ?? 0) + 1;
  let majority = 0;
  counts.forEach((c, i) => {
    if (c > (counts[majority] ?? 0)) majority = i;
  });
  return { classRates: counts.map((c) => c / yTrain.length), majority };
}

/** Column indices of the three inputs of the original label rule. */
export interface LegacyRuleColumns {
  responseTime: number;
  errorRate: number;
  batteryLevel: number;
}

/** Their positions in the original 11-feature order (`METRICS`). */
export const LEGACY_RULE_COLUMNS: LegacyRuleColumns = {
  responseTime: METRICS.indexOf('response_time'),
  errorRate: METRICS.indexOf('error_rate'),
  batteryLevel: METRICS.indexOf('battery_level'),
};

/**
 * The original three-threshold rule as a baseline (§2): 1 when error_rate > 0.1 or battery_level < 20 or
 * response_time > 2000, else 0 — on raw (unstandardised) features. A NaN cell never triggers its clause.
 * On classic-mode labels it is the label itself, which is the point: a model scoring 99 % there has
 * only relearned it.
 */
export function legacyRuleScores(
  X: ArrayLike<number>,
  d: number,
  columns: LegacyRuleColumns = LEGACY_RULE_COLUMNS,
): Float64Array {
  const n = matrixRows(X, d);
  for (const c of [columns.responseTime, columns.errorRate, columns.batteryLevel]) {
    if (!Number.isInteger(c) || c < 0 || c >= d) throw new RangeError(`column ${c} is outside 0 … ${d - 1}`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    out[i] = legacyLabel(
      X[base + columns.responseTime] ?? Number.NaN,
      X[base + columns.errorRate] ?? Number.NaN,
      X[base + columns.batteryLevel] ?? Number.NaN,
    );
  }
  return out;
}
