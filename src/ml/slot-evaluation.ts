import { fitMajorityClass, legacyRuleScores, predictMajorityProba } from '../domain/evaluation/baselines';
import { bootstrapBinaryMetrics } from '../domain/evaluation/binary-bootstrap';
import { fitLogisticRegression, predictLogisticProba } from '../domain/evaluation/logistic-regression';
import { recallByKey, type KeyRecall } from '../domain/evaluation/recall-by-key';
import { FAILURE_SCENARIOS } from '../domain/device-types';
import { createRng } from '../domain/random';
import type { MetricSet } from '../storage/records';
import type { TrainingTable } from './training-table';

/** Options of `metricSet`. */
export interface MetricSetOptions {
  threshold: number;
  resamples: number;
  /** Seed of the replicates: the model and its baselines share it, so their intervals are paired. */
  seed: number;
  /** Cluster of each test sample (device): replicates redraw whole devices. */
  groups: ArrayLike<number>;
}

/** Every reported metric with its bootstrap interval. */
export function metricSet(labels: ArrayLike<number>, scores: ArrayLike<number>, options: MetricSetOptions): MetricSet {
  const all = bootstrapBinaryMetrics(labels, scores, options.threshold, {
    rng: createRng(options.seed),
    resamples: options.resamples,
    groups: options.groups,
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

/** Inputs of `baselineMetrics`: one slot's training and test parts. */
export interface BaselineInputs {
  table: TrainingTable;
  testRows: Uint32Array;
  yTrain: Uint8Array;
  yTest: Uint8Array;
  /** Standardised training and test features (the slot's own standardiser). */
  xTrain: Float32Array;
  xTest: Float32Array;
  classWeights: boolean;
}

/**
 * The three baselines on the slot's test rows: majority class (training base rate), the original
 * three-threshold rule on the raw metrics (or, for derived features, the stored legacy label), and an
 * L2 logistic regression on the standardised features.
 */
export function baselineMetrics(
  input: BaselineInputs,
  options: MetricSetOptions,
): { majority: MetricSet; legacyRule: MetricSet; logistic: MetricSet } {
  const { table, testRows, yTrain, yTest } = input;
  const d = table.d;
  const majority = predictMajorityProba(fitMajorityClass(yTrain), yTest.length);
  const legacy =
    table.legacyColumns !== null
      ? legacyRuleScores(rawRows(table, testRows), d, table.legacyColumns)
      : Uint8Array.from(testRows, (r) => table.labels.legacy[r] ?? 0);
  const logisticModel = fitLogisticRegression(input.xTrain, d, yTrain, {
    ...LOGISTIC_BASELINE_FIT,
    ...(input.classWeights ? { classWeight: 'balanced' as const } : {}),
  });
  const logistic = predictLogisticProba(logisticModel, input.xTest, d);
  return {
    majority: metricSet(yTest, majority, options),
    legacyRule: metricSet(yTest, legacy, options),
    logistic: metricSet(yTest, logistic, options),
  };
}

/**
 * Recall per failure scenario at the threshold. Positives without a known scenario (legacy-rule positives
 * on normal rows) belong to no scenario and are left out.
 */
export function scenarioRecall(yTest: Uint8Array, scores: Float32Array, scenario: Int8Array, threshold: number): KeyRecall[] {
  const keep: number[] = [];
  for (let i = 0; i < scenario.length; i++) if ((scenario[i] ?? -1) >= 0) keep.push(i);
  const y = Uint8Array.from(keep, (i) => yTest[i] ?? 0);
  const s = Float32Array.from(keep, (i) => scores[i] ?? 0);
  const k = Int8Array.from(keep, (i) => scenario[i] ?? 0);
  return recallByKey(y, s, threshold, k, FAILURE_SCENARIOS.length);
}
