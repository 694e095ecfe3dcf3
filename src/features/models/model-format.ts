import type { MetricSet } from '../../storage/records';
import type { ModelSummary } from '../../workers/models.api';

export { METRIC_LABELS, METRIC_NAMES, formatMetric as fmt, formatInterval as withInterval } from '../../domain/evaluation/metric-labels';

/** "global", "single family house". */
export function slotLabel(slot: string): string {
  return slot.replace(/_/g, ' ');
}

/** What a model's inputs are: failure models read the 11 classic metrics or a temporal window summary. */
export function featureSetLabel(m: Pick<ModelSummary, 'featureNames' | 'kind'>): string {
  const n = m.featureNames.length;
  if (m.kind === 'home-type') return `${n} home features`;
  return n === 11 ? 'classic (11 metrics)' : `temporal (${n} window features)`;
}

/** The original `/models/*` answers carried `model_performance` with these four names. */
export function modelPerformance(metrics: MetricSet): { accuracy: number; precision: number; recall: number; f1_score: number } {
  return { accuracy: metrics.accuracy.estimate, precision: metrics.precision.estimate, recall: metrics.recall.estimate, f1_score: metrics.f1.estimate };
}

/** A slot's identity: kind, slot and input layout; versions of one slot are compared with each other. */
export function slotKey(m: Pick<ModelSummary, 'kind' | 'slot' | 'featureNames'>): string {
  return `${m.kind}|${m.slot}|${m.featureNames.length}`;
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
