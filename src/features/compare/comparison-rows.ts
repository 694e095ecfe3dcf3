import type { TableRow } from '../../ui/DataTable';
import { formatInterval, type MetricName } from '../../domain/evaluation/metric-labels';
import { describeThresholdRule, type ThresholdRule } from '../../domain/evaluation/operating-threshold';
import {
  familyOf,
  MODEL_FAMILIES,
  predictionsKey,
  type MetricSet,
  type ModelFamily,
  type SlotResult,
} from '../../domain/training/run-types';
import type { RunRecord } from '../../workers/training.api';

export { METRIC_LABELS, METRIC_NAMES, formatMetric as fmt } from '../../domain/evaluation/metric-labels';

/** The metrics in the order the comparison shows them: PR-AUC first (it ranks the models), accuracy last. */
export const COMPARE_METRICS: readonly MetricName[] = [
  'prAuc',
  'f1',
  'precision',
  'recall',
  'rocAuc',
  'logLoss',
  'accuracy',
];

export const FAMILY_LABELS: Record<ModelFamily, string> = { network: 'network', trees: 'boosted trees' };

/** Baselines in the order they are tried when looking for the strongest one. */
const BASELINES = ['stump', 'logistic', 'legacyRule', 'majority'] as const;
type BaselineName = (typeof BASELINES)[number];
export const BASELINE_LABELS: Record<BaselineName, string> = {
  stump: 'stump',
  logistic: 'logistic',
  legacyRule: 'legacy rule',
  majority: 'majority',
};

/** One metric of a set with its interval: "0.812 [0.790, 0.833]". */
export function withInterval(m: MetricSet | null | undefined, name: MetricName): string {
  return formatInterval(m?.[name]);
}

/** The families a run trained, in the order it listed them (runs made before trees existed: the network). */
export function runFamilies(run: RunRecord): readonly ModelFamily[] {
  const listed: readonly ModelFamily[] | undefined = run.config.families;
  return listed && listed.length > 0 ? listed : ['network'];
}

/** The rule that chose a result's threshold; results made before rules existed used the fixed 0.5. */
export function ruleOf(s: SlotResult): ThresholdRule {
  return s.thresholdRule ?? { kind: 'fixed', threshold: s.threshold };
}

/** The run's rule in words; runs made before rules existed used the fixed 0.5. */
export function runRuleText(run: RunRecord): string {
  const rule: ThresholdRule | undefined = run.config.thresholdRule;
  return describeThresholdRule(rule ?? { kind: 'fixed', threshold: 0.5 });
}

/** A few words for a table cell: "max F1", "recall ≥ 0.8", "≤ 5 false alarms", "fixed". */
export function shortRuleLabel(rule: ThresholdRule): string {
  switch (rule.kind) {
    case 'max-f1':
      return 'max F1';
    case 'target-recall':
      return `recall ≥ ${rule.recall}`;
    case 'alert-budget':
      return `≤ ${rule.falseAlarms} false alarms`;
    case 'fixed':
      return 'fixed';
  }
}

/** "global · boosted trees" */
export function resultLabel(s: SlotResult): string {
  return `${s.slot.replace(/_/g, ' ')} · ${FAMILY_LABELS[familyOf(s)]}`;
}

/** The run's results with the families of a slot side by side: slots in run order, families network then trees. */
export function orderedResults(run: RunRecord): SlotResult[] {
  const slotIndex = new Map<string, number>();
  run.slots.forEach((s) => {
    if (!slotIndex.has(s.slot)) slotIndex.set(s.slot, slotIndex.size);
  });
  const rank = (s: SlotResult): number =>
    (slotIndex.get(s.slot) ?? 0) * MODEL_FAMILIES.length + MODEL_FAMILIES.indexOf(familyOf(s));
  return [...run.slots].sort((a, b) => rank(a) - rank(b));
}

/** The strongest baseline on one metric (higher is better), or null when the slot has none. */
export function bestBaseline(s: SlotResult, metric: 'f1' | 'prAuc'): { name: BaselineName; value: number } | null {
  let best: { name: BaselineName; value: number } | null = null;
  for (const name of BASELINES) {
    const v = s.baselines?.[name]?.[metric].estimate;
    if (v !== undefined && Number.isFinite(v) && (best === null || v > best.value)) best = { name, value: v };
  }
  return best;
}

const estimate = (set: MetricSet | null | undefined, m: MetricName): number | null => set?.[m].estimate ?? null;

/** One table row per (slot, family): counts, base rate, metrics at the chosen threshold, the threshold, baselines, lift. */
export function comparisonRows(run: RunRecord): TableRow[] {
  return orderedResults(run).map((s) => {
    const b = s.baselines;
    const bestF1 = bestBaseline(s, 'f1');
    const bestPr = bestBaseline(s, 'prAuc');
    const f1 = estimate(s.metrics, 'f1');
    const prAuc = estimate(s.metrics, 'prAuc');
    const row: TableRow = {
      key: predictionsKey(s),
      model: s.slot,
      family: FAMILY_LABELS[familyOf(s)],
      status: s.status,
      trainSamples: s.counts.train,
      testSamples: s.counts.test,
      testPositives: s.counts.testPositives,
      baseRate: s.baseRate,
    };
    for (const m of COMPARE_METRICS) row[m] = estimate(s.metrics, m);
    Object.assign(row, {
      threshold: s.metrics ? s.threshold : null,
      thresholdRule: shortRuleLabel(ruleOf(s)),
      f1At05: s.f1At05 ?? null,
      f1Stump: estimate(b?.stump, 'f1'),
      f1Logistic: estimate(b?.logistic, 'f1'),
      f1Legacy: estimate(b?.legacyRule, 'f1'),
      f1Majority: estimate(b?.majority, 'f1'),
      prAucStump: estimate(b?.stump, 'prAuc'),
      prAucLogistic: estimate(b?.logistic, 'prAuc'),
      stumpFeature: b?.stumpFeature ?? null,
      bestBaselinePrAuc: bestPr ? BASELINE_LABELS[bestPr.name] : null,
      liftPrAuc: prAuc !== null && bestPr ? prAuc - bestPr.value : null,
      bestBaselineF1: bestF1 ? BASELINE_LABELS[bestF1.name] : null,
      liftF1: f1 !== null && bestF1 ? f1 - bestF1.value : null,
      trainSeconds: s.trainMs / 1000,
      epochs: s.history.length,
      backend: s.backend,
    } satisfies TableRow);
    return row;
  });
}

export const COMPARISON_CSV_COLUMNS = [
  'model',
  'family',
  'status',
  'trainSamples',
  'testSamples',
  'testPositives',
  'baseRate',
  ...COMPARE_METRICS.flatMap((m) => [m, `${m}Low`, `${m}High`]),
  'threshold',
  'thresholdRule',
  'f1At05',
  'f1Stump',
  'f1Logistic',
  'f1Legacy',
  'f1Majority',
  'prAucStump',
  'prAucLogistic',
  'stumpFeature',
  'bestBaselinePrAuc',
  'liftPrAuc',
  'bestBaselineF1',
  'liftF1',
  'trainSeconds',
  'epochs',
  'backend',
] as const;

/** The comparison as CSV rows (COMPARISON_CSV_COLUMNS order), with the full rule text and the metrics' intervals. */
export function comparisonCsvRows(run: RunRecord): (string | number | null)[][] {
  const rows = comparisonRows(run);
  return orderedResults(run).map((s, i) => {
    const base = rows[i] ?? {};
    return COMPARISON_CSV_COLUMNS.map((c) => {
      if (c === 'thresholdRule') return describeThresholdRule(ruleOf(s));
      const m = /^(\w+?)(Low|High)$/.exec(c);
      if (m && m[1] && COMPARE_METRICS.includes(m[1] as MetricName)) {
        const iv = s.metrics?.[m[1] as MetricName];
        return iv ? (m[2] === 'Low' ? iv.low : iv.high) : null;
      }
      return base[c] ?? null;
    });
  });
}
