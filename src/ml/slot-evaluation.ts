import { fitMajorityClass, legacyRuleScores, predictMajorityProba } from '../domain/evaluation/baselines';
import { bootstrapBinaryMetrics, replicateColumn } from '../domain/evaluation/binary-bootstrap';
import { fitLogisticRegression, predictLogisticProba } from '../domain/evaluation/logistic-regression';
import { recallByKey, type KeyRecall } from '../domain/evaluation/recall-by-key';
import {
  chooseThreshold,
  type ChosenThreshold,
  type ThresholdExposure,
  type ThresholdRule,
} from '../domain/evaluation/operating-threshold';
import { fitStump, predictStump } from '../domain/evaluation/stump-baseline';
import { FAILURE_SCENARIOS } from '../domain/device-types';
import { createRng } from '../domain/random';
import type { BaselineName, MetricSet, ReplicateSet, SlotBaselines } from '../domain/training/run-types';
import type { TrainingTable } from './training-table';

/** Options of `metricSet`. */
export interface MetricSetOptions {
  threshold: number;
  resamples: number;
  /** Seed of the replicates: the model and its baselines share it, so their intervals are paired. */
  seed: number;
  /** Cluster of each test sample (its home): replicates redraw whole homes. */
  groups: ArrayLike<number>;
  /** Receives the replicate values of the ranking metrics, F1 and log loss, for paired intervals. */
  keep?: (replicates: ReplicateSet) => void;
}

/** Every reported metric with its bootstrap interval. */
export function metricSet(labels: ArrayLike<number>, scores: ArrayLike<number>, options: MetricSetOptions): MetricSet {
  const { keep } = options;
  const all = bootstrapBinaryMetrics(labels, scores, options.threshold, {
    rng: createRng(options.seed),
    resamples: options.resamples,
    groups: options.groups,
    ...(keep
      ? {
          keepReplicates: (r: Float64Array) =>
            keep({
              prAuc: replicateColumn(r, 'prAuc'),
              rocAuc: replicateColumn(r, 'rocAuc'),
              f1: replicateColumn(r, 'f1'),
              logLoss: replicateColumn(r, 'logLoss'),
            }),
        }
      : {}),
  });
  return {
    accuracy: all.accuracy,
    precision: all.precision,
    recall: all.recall,
    f1: all.f1,
    rocAuc: all.rocAuc,
    prAuc: all.prAuc,
    logLoss: all.logLoss,
  };
}

/**
 * Raw feature rows as float64 at the 7 significant digits Float32 holds, so a threshold rule sees the
 * printed decimal (error_rate 0.1, not 0.10000000149).
 */
function rawRows(table: TrainingTable, rows: Uint32Array): Float64Array {
  const { d, x } = table;
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const base = (rows[i] ?? 0) * d;
    for (let c = 0; c < d; c++) out[i * d + c] = Number((x[base + c] ?? Number.NaN).toPrecision(7));
  }
  return out;
}

/**
 * Stopping rule of the logistic-regression baseline: scikit-learn's LogisticRegression defaults (tol 1e-4,
 * max_iter 100). The fitter's own 1e-6 / 200 spends twice the time on 100,000+ rows for fourth-decimal
 * changes in the AUCs, and the baseline is meant to be the standard off-the-shelf fit.
 */
export const LOGISTIC_BASELINE_FIT = { tolerance: 1e-4, maxIterations: 100 } as const;

const DEFAULT_MAJORITY_THRESHOLD = 0.5;

/** Inputs of `baselineMetrics`: one slot's training, validation and test parts. */
export interface BaselineInputs {
  table: TrainingTable;
  valRows: Uint32Array;
  testRows: Uint32Array;
  yTrain: Uint8Array;
  yVal: Uint8Array;
  yTest: Uint8Array;
  /** Standardised training, validation and test features (the slot's own standardiser). */
  xTrain: Float32Array;
  xVal: Float32Array;
  xTest: Float32Array;
  classWeights: boolean;
  /** How each baseline's threshold is chosen on the validation rows, as the models' are. */
  rule: ThresholdRule;
  exposure: ThresholdExposure | undefined;
  /** Seeds the stump's row sample. */
  seed: number;
}

/** Test metrics of one scorer at the threshold its validation scores choose under `rule`. */
export function metricsAtChosenThreshold(
  val: { labels: ArrayLike<number>; scores: ArrayLike<number> },
  test: { labels: ArrayLike<number>; scores: ArrayLike<number> },
  rule: ThresholdRule,
  exposure: ThresholdExposure | undefined,
  options: Omit<MetricSetOptions, 'threshold'>,
): { metrics: MetricSet; chosen: ChosenThreshold } {
  const chosen = chooseThresholdOrHalf(val.labels, val.scores, rule, exposure);
  return { metrics: metricSet(test.labels, test.scores, { ...options, threshold: chosen.threshold }), chosen };
}

/**
 * The rule's threshold on the validation rows; 0.5 with a note when the rule cannot be applied there (no
 * positive validation sample, or a budget without sample times), so a run never fails for it.
 */
export function chooseThresholdOrHalf(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  rule: ThresholdRule,
  exposure: ThresholdExposure | undefined,
): ChosenThreshold {
  try {
    return chooseThreshold(labels, scores, rule, exposure);
  } catch (e) {
    const fallback = chooseThreshold(labels, scores, { kind: 'fixed', threshold: 0.5 }, exposure);
    return { ...fallback, rule, note: `${e instanceof Error ? e.message : String(e)} The threshold stays at 0.5.` };
  }
}

/**
 * The four baselines on the slot's test rows, each but the majority class at its own validation-chosen
 * threshold: majority class (training base rate, predicting the majority), the original three-threshold rule on the raw metrics (or, for derived features,
 * the stored legacy label), an L2 logistic regression on the standardised features, and the best
 * single-feature stump found on the training rows.
 */
export function baselineMetrics(
  input: BaselineInputs,
  options: Omit<MetricSetOptions, 'threshold' | 'keep'>,
  replicates?: Partial<Record<BaselineName, ReplicateSet>>,
): SlotBaselines {
  const { table, testRows, valRows, yTrain, yVal, yTest, rule, exposure } = input;
  const d = table.d;
  const legacyScores = (rows: Uint32Array): ArrayLike<number> =>
    table.legacyColumns !== null
      ? legacyRuleScores(rawRows(table, rows), d, table.legacyColumns)
      : Uint8Array.from(rows, (r) => table.labels.legacy[r] ?? 0);
  const majority = fitMajorityClass(yTrain);
  const logisticModel = fitLogisticRegression(input.xTrain, d, yTrain, {
    ...LOGISTIC_BASELINE_FIT,
    ...(input.classWeights ? { classWeight: 'balanced' as const } : {}),
  });
  const stump = fitStump(input.xTrain, d, yTrain, input.seed);
  const kept = (name: BaselineName): Omit<MetricSetOptions, 'threshold'> =>
    replicates ? { ...options, keep: (r) => (replicates[name] = r) } : options;
  const at = (name: BaselineName, valScores: ArrayLike<number>, testScores: ArrayLike<number>): MetricSet =>
    metricsAtChosenThreshold(
      { labels: yVal, scores: valScores },
      { labels: yTest, scores: testScores },
      rule,
      exposure,
      kept(name),
    ).metrics;
  return {
    // The majority class predicts the majority class: a threshold rule would make a constant score alert on
    // every device (max F1 prefers that to alerting on none), which is no longer this baseline.
    majority: metricSet(yTest, predictMajorityProba(majority, yTest.length), {
      ...kept('majority'),
      threshold: DEFAULT_MAJORITY_THRESHOLD,
    }),
    legacyRule: at('legacyRule', legacyScores(valRows), legacyScores(testRows)),
    logistic: at(
      'logistic',
      predictLogisticProba(logisticModel, input.xVal, d),
      predictLogisticProba(logisticModel, input.xTest, d),
    ),
    stump: at('stump', predictStump(stump, input.xVal, d), predictStump(stump, input.xTest, d)),
    stumpFeature: `${table.featureNames[stump.rule.feature] ?? `feature ${stump.rule.feature}`} ${stump.rule.direction === 'below' ? '≤' : '>'} ${stump.rule.threshold.toPrecision(4)} (standardised)`,
  };
}

/**
 * Recall per failure scenario at the threshold. Positives without a known scenario (legacy-rule positives
 * on normal rows) belong to no scenario and are left out.
 */
export function scenarioRecall(
  yTest: Uint8Array,
  scores: Float32Array,
  scenario: Int8Array,
  threshold: number,
): KeyRecall[] {
  const keep: number[] = [];
  for (let i = 0; i < scenario.length; i++) if ((scenario[i] ?? -1) >= 0) keep.push(i);
  const y = Uint8Array.from(keep, (i) => yTest[i] ?? 0);
  const s = Float32Array.from(keep, (i) => scores[i] ?? 0);
  const k = Int8Array.from(keep, (i) => scenario[i] ?? 0);
  return recallByKey(y, s, threshold, k, FAILURE_SCENARIOS.length);
}
