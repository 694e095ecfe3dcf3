import { assertBinaryInputs } from './binary-input';
import type { ConfusionMatrix, ThresholdMetrics } from './confusion-matrix';
import { metricsFromConfusion } from './confusion-matrix';
import type { PrCurve, RocCurve } from './curves';
import { downsamplePrCurve, downsampleRocCurve } from './curves';
import {
  averagePrecisionRanked,
  prCurveRanked,
  rankScores,
  rocAucRanked,
  rocCurveRanked,
  type RankedScores,
} from './ranked-scores';

/** Probabilities are clipped to [ε, 1 − ε] before the logarithm, as scikit-learn did with ε = 1e-15. */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Confusion matrix of `score >= threshold` against 0/1 labels. `indices` restricts it to a subset (e.g. one
 * failure scenario); omitted means all samples.
 */
export function confusionAt(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
  indices?: ArrayLike<number>,
): ConfusionMatrix {
  assertBinaryInputs(yTrue, score);
  const c: ConfusionMatrix = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const m = indices === undefined ? yTrue.length : indices.length;
  for (let j = 0; j < m; j++) {
    const i = indices === undefined ? j : (indices[j] ?? 0);
    const predicted = (score[i] ?? Number.NaN) >= threshold;
    if (yTrue[i] === 1) {
      if (predicted) c.tp++;
      else c.fn++;
    } else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}

/**
 * Loss of one prediction. The probability given to the true class is clipped (scikit-learn clips each
 * class column), so p = 1 for a negative costs −ln ε exactly like p = 0 for a positive.
 */
export function sampleLogLoss(y: number, p: number): number {
  const q = y === 1 ? p : 1 - p;
  return -Math.log(Math.min(Math.max(q, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON));
}

/** Mean binary cross-entropy (natural log); NaN for no samples. */
export function logLoss(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  assertBinaryInputs(yTrue, score);
  if (yTrue.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += sampleLogLoss(yTrue[i] ?? 0, score[i] ?? 0);
  return sum / yTrue.length;
}

/** Exact ROC-AUC with half credit for ties; NaN when only one class is present. See {@link rocAucRanked}. */
export function rocAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  return rocAucRanked(rankScores(yTrue, score));
}

/** Average precision (scikit-learn's step-wise PR-AUC); NaN without positives. See {@link averagePrecisionRanked}. */
export function averagePrecision(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  return averagePrecisionRanked(rankScores(yTrue, score));
}

/** Full ROC curve; pass it through `downsampleRocCurve` for charts. */
export function rocCurve(yTrue: ArrayLike<number>, score: ArrayLike<number>): RocCurve {
  return rocCurveRanked(rankScores(yTrue, score));
}

/** Full precision–recall curve; pass it through `downsamplePrCurve` for charts. */
export function prCurve(yTrue: ArrayLike<number>, score: ArrayLike<number>): PrCurve {
  return prCurveRanked(rankScores(yTrue, score));
}

/** Everything the evaluation view shows for one binary model on one test set. */
export interface BinaryReport extends ThresholdMetrics {
  n: number;
  positives: number;
  negatives: number;
  /** positives / n (NaN for no samples). */
  positiveRate: number;
  threshold: number;
  confusion: ConfusionMatrix;
  /** NaN when only one class is present. */
  rocAuc: number;
  /** Average precision; NaN when there are no positives. */
  prAuc: number;
  logLoss: number;
  roc: RocCurve;
  pr: PrCurve;
}

/** Options of `binaryReport`. */
export interface BinaryReportOptions {
  /** Curves are downsampled to at most this many points (ends kept). Default 512; Infinity keeps all. */
  maxCurvePoints?: number;
}

/**
 * All binary metrics at once from a single sort. Scores are probabilities of class 1; a sample is predicted
 * positive when `score >= threshold` (the same rule as the curve points).
 */
export function binaryReport(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
  options: BinaryReportOptions = {},
): BinaryReport {
  const ranked = rankScores(yTrue, score);
  const maxPoints = options.maxCurvePoints ?? 512;
  const confusion = confusionAt(yTrue, score, threshold);
  let roc = rocCurveRanked(ranked);
  let pr = prCurveRanked(ranked);
  if (Number.isFinite(maxPoints)) {
    roc = downsampleRocCurve(roc, maxPoints);
    pr = downsamplePrCurve(pr, maxPoints);
  }
  return {
    n: ranked.n,
    positives: ranked.positives,
    negatives: ranked.negatives,
    positiveRate: ranked.n > 0 ? ranked.positives / ranked.n : Number.NaN,
    threshold,
    confusion,
    ...metricsFromConfusion(confusion),
    rocAuc: rocAucRanked(ranked),
    prAuc: averagePrecisionRanked(ranked),
    logLoss: logLoss(yTrue, score),
    roc,
    pr,
  };
}

/** A model's test ROC and precision–recall curves downsampled for charts (stored with a run). */
export interface ChartCurves {
  roc: { fpr: Float32Array; tpr: Float32Array };
  pr: { recall: Float32Array; precision: Float32Array };
}

/**
 * Both curves from one ranking of the scores, downsampled to `maxPoints`: computed where the scores are (the
 * training worker), so a page that shows them never sorts 100,000+ scores on the main thread.
 */
export function chartCurves(ranked: RankedScores, maxPoints = 200): ChartCurves {
  const roc = downsampleRocCurve(rocCurveRanked(ranked), maxPoints);
  const pr = downsamplePrCurve(prCurveRanked(ranked), maxPoints);
  return {
    roc: { fpr: Float32Array.from(roc.fpr), tpr: Float32Array.from(roc.tpr) },
    pr: { recall: Float32Array.from(pr.recall), precision: Float32Array.from(pr.precision) },
  };
}
