import { describeCalibrator } from '../../domain/evaluation/calibration';
import { describeThresholdRule } from '../../domain/evaluation/operating-threshold';
import type { MetricSet, ModelFamily } from '../../domain/training/run-types';
import type { ModelSummary } from '../../workers/models.api';

export {
  METRIC_LABELS,
  METRIC_NAMES,
  formatMetric as fmt,
  formatInterval as withInterval,
} from '../../domain/evaluation/metric-labels';

/** "global", "single family house". */
export { slotLabel } from '../../domain/slot-label';

/** What a model's inputs are: failure models read the 11 classic metrics or a temporal window summary. */
export function featureSetLabel(m: Pick<ModelSummary, 'featureNames' | 'kind'>): string {
  const n = m.featureNames.length;
  if (m.kind === 'home-type') return `${n} home features`;
  return n === 11 ? 'classic (11 metrics)' : `temporal (${n} window features)`;
}

/** The original `/models/*` answers carried `model_performance` with these four names. */
export function modelPerformance(metrics: MetricSet): {
  accuracy: number;
  precision: number;
  recall: number;
  f1_score: number;
} {
  return {
    accuracy: metrics.accuracy.estimate,
    precision: metrics.precision.estimate,
    recall: metrics.recall.estimate,
    f1_score: metrics.f1.estimate,
  };
}

/** "Network" or "Trees", as the list and overview show a model's family. */
export function familyLabel(family: ModelFamily): string {
  return family === 'trees' ? 'Trees' : 'Network';
}

type Labelled = Pick<ModelSummary, 'family' | 'homeTypeModel'>;

/** The family as shown for a stored model: home-type classifiers trained since per-source scaling are linear. */
export function modelFamilyLabel(m: Labelled): string {
  return m.homeTypeModel !== undefined ? 'Softmax regression' : familyLabel(m.family);
}

/** What the model is, in words, for the overview and the model API panels. */
export function modelTypeOf(m: Labelled): string {
  const linear = m.homeTypeModel;
  if (linear !== undefined)
    return `softmax regression on ${linear.groups.join(' + ')} features, each home scaled by its source's statistics`;
  return modelType(m.family);
}

/** What the model is, in a few words: "dense network (TF.js layers)" or "gradient-boosted trees". */
export function modelType(family: ModelFamily): string {
  return family === 'trees' ? 'gradient-boosted decision trees' : 'dense network (TF.js layers)';
}

/**
 * A model's version line: each family numbers its own versions, so versions of one slot are compared
 * within kind, slot, family and input layout.
 */
export function slotKey(m: Pick<ModelSummary, 'kind' | 'slot' | 'featureNames' | 'family'>): string {
  return `${m.kind}|${m.slot}|${m.family}|${m.featureNames.length}`;
}

/** How the threshold was chosen, in words; models stored before thresholds were chosen on validation used a fixed 0.5. */
export function thresholdRuleText(m: Pick<ModelSummary, 'threshold' | 'thresholdRule'>): string {
  if (m.thresholdRule !== undefined) return describeThresholdRule(m.thresholdRule);
  return m.threshold === 0.5 ? 'fixed at 0.5 (trained before thresholds were chosen on validation)' : 'not recorded';
}

/**
 * How the model's output becomes the probability its threshold applies to: "Platt scaling (a = 1.20,
 * b = −0.40), fitted on validation devices", or that it is not calibrated.
 */
export function calibrationText(m: Pick<ModelSummary, 'calibration'>): string {
  const c = m.calibration ?? null;
  return c === null ? "none: the threshold applies to the model's output itself" : describeCalibrator(c);
}

/** The calibration method in a word, for tables: "Platt", "isotonic" or "none". */
export function calibrationMethodLabel(m: Pick<ModelSummary, 'calibration'>): string {
  const c = m.calibration ?? null;
  return c === null ? 'none' : c.method === 'platt' ? 'Platt' : 'isotonic';
}

/** "0.31 · highest F1 on validation devices". */
export function thresholdText(m: Pick<ModelSummary, 'threshold' | 'thresholdRule'>): string {
  return `${fmtThreshold(m.threshold)} · ${thresholdRuleText(m)}`;
}

/** Thresholds chosen on validation fall between two scores: 3 significant decimals are enough to read them. */
export function fmtThreshold(t: number): string {
  return Number.isFinite(t) ? String(Math.round(t * 1000) / 1000) : '—';
}

/** What the model is made of: the layers of a network, or the trees' count, leaves and depth. */
export function architectureText(
  m: Pick<ModelSummary, 'family' | 'layers' | 'trees'> & Partial<Pick<ModelSummary, 'homeTypeModel'>>,
): string {
  const linear = m.homeTypeModel;
  if (linear !== undefined)
    return `${linear.columns.length} inputs (${linear.groups.join(' + ')}) → softmax over ${linear.k} home types`;
  if (m.family === 'trees') {
    const t = m.trees;
    return t === null
      ? 'trees missing from the record'
      : `${t.trees} ${t.trees === 1 ? 'tree' : 'trees'}, ${t.leaves.toLocaleString('en-US')} leaves, depth ≤ ${t.maxDepth}`;
  }
  return m.layers.join(' → ') || '—';
}

/** One-line description of the data a model was trained on, from its dataset manifest. */
export function manifestSummary(m: Pick<ModelSummary, 'datasetManifest'>): string {
  const { kind, spec } = m.datasetManifest;
  const parts = [kind];
  if (typeof spec.samples === 'number') parts.push(`${spec.samples.toLocaleString('en-US')} rows`);
  if (typeof spec.homes === 'number') parts.push(`${spec.homes.toLocaleString('en-US')} homes`);
  if (typeof spec.days === 'number') parts.push(`${spec.days} days`);
  if (typeof spec.seed === 'number') parts.push(`seed ${spec.seed}`);
  return parts.join(' · ');
}

/** JSON for display: NaN and infinities shown as null, as an API would send them. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
