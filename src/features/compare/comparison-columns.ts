import type { DataColumn } from '../../ui/DataTable';
import { predictionsKey } from '../../domain/training/run-types';
import type { RunRecord } from '../../workers/training.api';
import { COMPARE_METRICS, fmt, METRIC_LABELS, orderedResults, withInterval } from './comparison-rows';

const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');
const count = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('en-US') : '');
const num = (v: unknown): string => fmt(typeof v === 'number' ? v : null);
const signed = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(3)}` : '—';

/** Columns hidden until the user shows them (Columns menu). */
export const INITIALLY_HIDDEN = [
  'status',
  'epochs',
  'f1Majority',
  'stumpFeature',
  'bestBaselinePrAuc',
  'bestBaselineF1',
];

/** The comparison table's columns: counts, PR-AUC first, then the metrics at the chosen threshold, the threshold, baselines and lift. */
export function comparisonColumns(run: RunRecord): DataColumn[] {
  const byKey = new Map(orderedResults(run).map((s) => [predictionsKey(s), s]));
  const resultOf = (row: Record<string, unknown>) => byKey.get(String(row.key));
  return [
    { id: 'model', header: 'Model', format: (v) => (v === 'global' ? 'global' : String(v).replace(/_/g, ' ')) },
    { id: 'family', header: 'Family' },
    { id: 'status', header: 'Status' },
    { id: 'trainSamples', header: 'Train samples', numeric: true, format: count },
    { id: 'testSamples', header: 'Test samples', numeric: true, format: count },
    { id: 'testPositives', header: 'Test positives', numeric: true },
    { id: 'baseRate', header: 'Base rate', numeric: true, format: pct },
    ...COMPARE_METRICS.map((m): DataColumn => ({
      id: m,
      header: METRIC_LABELS[m],
      numeric: true,
      format: (_v, row) => withInterval(resultOf(row)?.metrics, m),
    })),
    {
      id: 'threshold',
      header: 'Threshold',
      numeric: true,
      format: (v, row) => (typeof v === 'number' ? `${fmt(v)} (${String(row.thresholdRule)})` : '—'),
    },
    { id: 'f1At05', header: 'F1 @ 0.5', numeric: true, format: num },
    { id: 'f1Stump', header: 'F1 stump', numeric: true, format: num },
    { id: 'stumpFeature', header: 'Stump feature', format: (v) => (v === null ? '—' : String(v)) },
    { id: 'f1Logistic', header: 'F1 logistic', numeric: true, format: num },
    { id: 'f1Legacy', header: 'F1 legacy rule', numeric: true, format: num },
    { id: 'f1Majority', header: 'F1 majority', numeric: true, format: num },
    { id: 'prAucLogistic', header: 'PR-AUC logistic', numeric: true, format: num },
    { id: 'prAucStump', header: 'PR-AUC stump', numeric: true, format: num },
    { id: 'bestBaselinePrAuc', header: 'Best baseline (PR-AUC)', format: (v) => (v === null ? '—' : String(v)) },
    { id: 'liftPrAuc', header: 'PR-AUC lift vs best baseline', numeric: true, format: signed },
    { id: 'bestBaselineF1', header: 'Best baseline (F1)', format: (v) => (v === null ? '—' : String(v)) },
    { id: 'liftF1', header: 'F1 lift vs best baseline', numeric: true, format: signed },
    {
      id: 'trainSeconds',
      header: 'Training s',
      numeric: true,
      format: (v) => (typeof v === 'number' ? v.toFixed(2) : ''),
    },
    { id: 'epochs', header: 'Epochs / rounds', numeric: true },
    { id: 'backend', header: 'Backend' },
  ];
}
