import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { bootstrapCIs, intervalAt } from './bootstrap';
import { multiclassConfusion, reportFromConfusion } from './multiclass-metrics';

/** Intervals of one class's metrics. */
export interface ClassIntervals {
  precision: BootstrapInterval;
  recall: BootstrapInterval;
  f1: BootstrapInterval;
}

/** Intervals returned by `bootstrapMulticlassMetrics`. */
export interface MulticlassIntervals {
  accuracy: BootstrapInterval;
  macroF1: BootstrapInterval;
  weightedF1: BootstrapInterval;
  perClass: ClassIntervals[];
}

/**
 * Percentile bootstrap intervals for accuracy, macro-F1, weighted-F1 and per-class precision, recall and
 * F1, over the same replicates. Each replicate rebuilds the k × k matrix in O(n + k²). `strata` defaults to
 * none; pass `yTrue` to keep class counts fixed, `groups` to resample whole homes or devices.
 */
export function bootstrapMulticlassMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  k: number,
  options: BootstrapOptions,
): MulticlassIntervals {
  const size = 3 + 3 * k;
  const intervals = bootstrapCIs(
    yTrue.length,
    size,
    (idx, out) => {
      const r = reportFromConfusion(multiclassConfusion(yTrue, yPred, k, idx));
      out[0] = r.accuracy;
      out[1] = r.macroF1;
      out[2] = r.weightedF1;
      r.perClass.forEach((c, i) => {
        out[3 + 3 * i] = c.precision;
        out[4 + 3 * i] = c.recall;
        out[5 + 3 * i] = c.f1;
      });
    },
    options,
  );
  const at = (i: number): BootstrapInterval => intervalAt(intervals, i);
  return {
    accuracy: at(0),
    macroF1: at(1),
    weightedF1: at(2),
    perClass: Array.from({ length: k }, (_, i) => ({
      precision: at(3 + 3 * i),
      recall: at(4 + 3 * i),
      f1: at(5 + 3 * i),
    })),
  };
}
