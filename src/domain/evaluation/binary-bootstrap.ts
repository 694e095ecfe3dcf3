import { sampleLogLoss } from './binary-metrics';
import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { bootstrapCIs, intervalAt } from './bootstrap';
import { metricsFromConfusion } from './confusion-matrix';
import { rankScores } from './ranked-scores';

/** The metrics that `bootstrapBinaryMetrics` returns intervals for. */
export const BINARY_BOOTSTRAP_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'specificity',
  'rocAuc',
  'prAuc',
  'logLoss',
] as const;
export type BinaryBootstrapMetric = (typeof BINARY_BOOTSTRAP_METRICS)[number];

/** Bootstrap options for binary metrics; stratification is by label. */
export interface BinaryBootstrapOptions extends Omit<BootstrapOptions, 'strata'> {
  /** Redraw positives and negatives separately (clusters: by "any positive"); default false. */
  stratified?: boolean;
}

/**
 * 95 % (or `level`) percentile bootstrap intervals for every binary metric at once, over the same replicates.
 * The scores are sorted once; each replicate only counts how often each sample was drawn and makes one
 * O(n) pass over the sorted order (the same sums as `rocAucRanked` and `averagePrecisionRanked`, fused),
 * so no replicate sorts anything: 1000 replicates of 40k samples take about a second in Node.
 */
export function bootstrapBinaryMetrics(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
  options: BinaryBootstrapOptions,
): Record<BinaryBootstrapMetric, BootstrapInterval> {
  const ranked = rankScores(yTrue, score);
  const { n, rankOf, sortedScores, sortedLabels, groupEnds } = ranked;
  const loss = new Float64Array(n);
  for (let k = 0; k < n; k++) loss[k] = sampleLogLoss(sortedLabels[k] ?? 0, sortedScores[k] ?? 0);
  const groupPredicted = new Uint8Array(groupEnds.length);
  let groupStart = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    groupPredicted[g] = (sortedScores[groupStart] ?? 0) >= threshold ? 1 : 0;
    groupStart = groupEnds[g] ?? 0;
  }
  const counts = new Uint32Array(n);

  const { stratified, ...rest } = options;
  const bootstrapOptions: BootstrapOptions = stratified === true ? { ...rest, strata: yTrue } : rest;
  const intervals = bootstrapCIs(
    n,
    BINARY_BOOTSTRAP_METRICS.length,
    (idx, out) => {
      counts.fill(0);
      for (let j = 0; j < idx.length; j++) {
        const k = rankOf[idx[j] ?? 0] ?? 0;
        counts[k] = (counts[k] ?? 0) + 1;
      }
      // One fused pass over tie groups: the decision is constant within a group (equal scores).
      let tp = 0;
      let fp = 0;
      let lossSum = 0;
      let misordered = 0;
      let apSum = 0;
      // Counts at the last group predicted positive: scores descend, so those groups come first.
      let tpAt = 0;
      let fpAt = 0;
      let begin = 0;
      for (let g = 0; g < groupEnds.length; g++) {
        const end = groupEnds[g] ?? 0;
        let wp = 0;
        let wn = 0;
        for (let k = begin; k < end; k++) {
          const w = counts[k] ?? 0;
          if (w === 0) continue;
          lossSum += w * (loss[k] ?? 0);
          if (sortedLabels[k] === 1) wp += w;
          else wn += w;
        }
        misordered += wp * (fp + 0.5 * wn);
        tp += wp;
        fp += wn;
        if (wp > 0) apSum += (wp * tp) / (tp + fp);
        if (groupPredicted[g] === 1) {
          tpAt = tp;
          fpAt = fp;
        }
        begin = end;
      }
      const m = metricsFromConfusion({ tp: tpAt, fp: fpAt, tn: fp - fpAt, fn: tp - tpAt });
      out[0] = m.accuracy;
      out[1] = m.precision;
      out[2] = m.recall;
      out[3] = m.f1;
      out[4] = m.specificity;
      out[5] = tp > 0 && fp > 0 ? 1 - misordered / (tp * fp) : Number.NaN;
      out[6] = tp > 0 ? apSum / tp : Number.NaN;
      out[7] = idx.length > 0 ? lossSum / idx.length : Number.NaN;
    },
    bootstrapOptions,
  );
  const at = (i: number): BootstrapInterval => intervalAt(intervals, i);
  return {
    accuracy: at(0),
    precision: at(1),
    recall: at(2),
    f1: at(3),
    specificity: at(4),
    rocAuc: at(5),
    prAuc: at(6),
    logLoss: at(7),
  };
}

/** Replicate values of one metric out of `keepReplicates`' row-major array. */
export function replicateColumn(replicates: Float64Array, metric: BinaryBootstrapMetric): Float32Array {
  const size = BINARY_BOOTSTRAP_METRICS.length;
  const m = BINARY_BOOTSTRAP_METRICS.indexOf(metric);
  const out = new Float32Array(replicates.length / size);
  for (let r = 0; r < out.length; r++) out[r] = replicates[r * size + m] ?? Number.NaN;
  return out;
}
