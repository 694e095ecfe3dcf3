import type { TableRow } from '../../ui/DataTable';
import { formatInterval, METRIC_NAMES } from '../../domain/evaluation/metric-labels';
import type { MetricName, MetricSet, RunRecord, SlotResult } from '../../workers/training.api';

export { METRIC_LABELS, METRIC_NAMES, formatMetric as fmt } from '../../domain/evaluation/metric-labels';

/** One metric of a set with its interval: "0.812 [0.790, 0.833]". */
export function withInterval(m: MetricSet | null | undefined, name: MetricName): string {
  return formatInterval(m?.[name]);
}

/** One table row per trained model: counts, base rate, metrics with intervals, baselines and lift. */
export function comparisonRows(run: RunRecord): TableRow[] {
  return run.slots.map((s: SlotResult) => {
    const row: TableRow = {
      model: s.slot,
      status: s.status,
      trainSamples: s.counts.train,
      testSamples: s.counts.test,
      testPositives: s.counts.testPositives,
      baseRate: s.baseRate,
      trainSeconds: s.trainMs / 1000,
      epochs: s.history.length,
      backend: s.backend,
    };
    for (const m of METRIC_NAMES) row[m] = s.metrics?.[m].estimate ?? null;
    row.f1Majority = s.baselines?.majority.f1.estimate ?? null;
    row.f1Legacy = s.baselines?.legacyRule.f1.estimate ?? null;
    row.f1Logistic = s.baselines?.logistic.f1.estimate ?? null;
    row.liftF1 = s.metrics && s.baselines ? s.metrics.f1.estimate - s.baselines.logistic.f1.estimate : null;
    return row;
  });
}

export const COMPARISON_CSV_COLUMNS = [
  'model', 'status', 'trainSamples', 'testSamples', 'testPositives', 'baseRate',
  ...METRIC_NAMES.flatMap((m) => [m, `${m}Low`, `${m}High`]),
  'f1Majority', 'f1Legacy', 'f1Logistic', 'liftF1', 'trainSeconds', 'epochs', 'backend',
] as const;

export function comparisonCsvRows(run: RunRecord): (string | number | null)[][] {
  return run.slots.map((s) => {
    const base = comparisonRows({ ...run, slots: [s] })[0] ?? {};
    return COMPARISON_CSV_COLUMNS.map((c) => {
      const m = /^(\w+?)(Low|High)$/.exec(c);
      if (m && m[1] && METRIC_NAMES.includes(m[1] as MetricName)) {
        const i = s.metrics?.[m[1] as MetricName];
        return i ? (m[2] === 'Low' ? i.low : i.high) : null;
      }
      return base[c] ?? null;
    });
  });
}
