import { METRICS } from '../domain/device-types';
import { originalFeatureValue, type DeviceMetrics } from '../domain/evaluation/risk';
import { FEATURE_SETS, type FeatureSetName } from './feature-sets';

/** One device's raw (unstandardised) feature row for a model, and what was missing from the input. */
export interface DeviceRow {
  values: Float32Array;
  /** Features the input did not give (see `deviceRow` for what they become). */
  missing: string[];
  /** The raw metrics the original recommendation rules read. */
  metrics: DeviceMetrics;
}

/** Temporal input if it names any window feature, else a classic row. */
export function inputFeatureSet(source: Readonly<Record<string, unknown>>): FeatureSetName {
  const classic = new Set<string>(FEATURE_SETS.classic);
  return FEATURE_SETS.temporal.some((f) => !classic.has(f) && f in source) ? 'temporal' : 'classic';
}

/**
 * What a missing feature becomes for a network: 0 in classic rows (the original API), NaN in temporal rows
 * (standardised to the training mean); for trees always NaN, which each split routes down its learnt branch.
 */
export type MissingValues = 'network' | 'trees';

/**
 * The feature row of one device, in `featureNames` order. Classic rows follow the original API: numbers
 * as they are, booleans as 0/1, strings as length / 100, anything missing as 0 (NaN for trees, see
 * `MissingValues`). Temporal features must be numbers; a missing (or non-numeric) one becomes NaN, which
 * standardisation turns into the training mean (as training treated gaps) and trees route. Recommendations
 * read the raw metrics (classic) or each metric's last value (temporal).
 */
export function deviceRow(
  featureNames: readonly string[],
  source: Readonly<Record<string, unknown>>,
  set: FeatureSetName,
  missingValues: MissingValues = 'network',
): DeviceRow {
  const values = new Float32Array(featureNames.length);
  const missing: string[] = [];
  featureNames.forEach((name, i) => {
    const v = source[name];
    if (set === 'classic') {
      const absent = v === undefined || v === null || v === '';
      if (absent) missing.push(name);
      values[i] = absent && missingValues === 'trees' ? Number.NaN : originalFeatureValue(v);
    } else {
      const usable = typeof v === 'number' && Number.isFinite(v);
      if (!usable) missing.push(name);
      values[i] = usable ? v : Number.NaN;
    }
  });
  const metrics: DeviceMetrics = {};
  for (const m of METRICS) {
    const v = source[set === 'classic' ? m : `${m}_last`];
    if (typeof v === 'number' && Number.isFinite(v)) metrics[m] = v;
  }
  return { values, missing, metrics };
}
