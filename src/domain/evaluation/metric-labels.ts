import type { BootstrapInterval } from './bootstrap';

/** Display names of the binary metrics, in the order tables show them. */
export const METRIC_LABELS = {
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  rocAuc: 'ROC-AUC',
  prAuc: 'PR-AUC',
  logLoss: 'Log loss',
} as const;
export type MetricName = keyof typeof METRIC_LABELS;
export const METRIC_NAMES = Object.keys(METRIC_LABELS) as MetricName[];

/** A metric for display: fixed digits, or "—" when it is undefined (NaN, e.g. an AUC with one class). */
export function formatMetric(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** "0.812 [0.790, 0.833]" */
export function formatInterval(i: BootstrapInterval | null | undefined): string {
  if (!i || !Number.isFinite(i.estimate)) return '—';
  return `${formatMetric(i.estimate)} [${formatMetric(i.low)}, ${formatMetric(i.high)}]`;
}
