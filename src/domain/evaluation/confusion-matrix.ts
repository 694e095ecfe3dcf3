/** Counts of a binary decision. Fractional values appear only for weighted (bootstrap) counts. */
export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Metrics that depend only on the decision at one threshold. */
export interface ThresholdMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  specificity: number;
}

/**
 * Accuracy, precision, recall, F1 and specificity as scikit-learn computes them with `zero_division=0`:
 * a ratio whose denominator is 0 is reported as 0 (e.g. precision when nothing is predicted positive).
 * Accuracy of an empty matrix is NaN, since there is nothing it could be.
 */
export function metricsFromConfusion(c: ConfusionMatrix): ThresholdMetrics {
  const total = c.tp + c.fp + c.tn + c.fn;
  return {
    accuracy: total > 0 ? (c.tp + c.tn) / total : Number.NaN,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    specificity: ratio(c.tn, c.tn + c.fp),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
