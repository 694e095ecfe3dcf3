import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { bootstrapCIs } from './bootstrap';
import { multiclassConfusion, reportFromConfusion, type MulticlassReport } from './multiclass-metrics';

/**
 * The three figures the original judged the home-type classifier on — accuracy, macro-F1 and the lowest
 * per-class precision — for one set of test homes, with percentile bootstrap intervals over homes. All
 * three come from the same replicates; the lowest precision is bootstrapped as the minimum itself (not the
 * minimum of per-class intervals), over the classes present among the test homes.
 */
export interface SourceScore {
  homes: number;
  accuracy: BootstrapInterval;
  macroF1: BootstrapInterval;
  lowestPrecision: BootstrapInterval;
  /** The class whose precision is lowest on the full sample. */
  lowestPrecisionClass: number;
  /** k × k, rows true, columns predicted. */
  confusion: number[][];
}

/**
 * Lowest precision over the classes with test homes; a class never predicted has precision 0 (as
 * scikit-learn's zero_division=0), since no home of it was recognised. NaN without test homes.
 */
export function lowestPrecision(report: MulticlassReport): { value: number; cls: number } {
  let value = Number.POSITIVE_INFINITY;
  let cls = -1;
  report.perClass.forEach((c, i) => {
    if (c.support > 0 && c.precision < value) {
      value = c.precision;
      cls = i;
    }
  });
  return cls < 0 ? { value: Number.NaN, cls: 0 } : { value, cls };
}

/**
 * Scores predictions against true classes. Pass `strata: yTrue` in the options to keep each class's
 * count fixed in every replicate, so the set of classes (and so the lowest precision's meaning) does not
 * change between replicates.
 */
export function scorePredictions(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  k: number,
  options: BootstrapOptions,
): SourceScore {
  const confusion = multiclassConfusion(yTrue, yPred, k);
  const full = reportFromConfusion(confusion);
  const present = full.perClass.map((c) => c.support > 0);
  const [accuracy, macroF1, lowest] = bootstrapCIs(
    yTrue.length,
    3,
    (idx, out) => {
      const r = reportFromConfusion(multiclassConfusion(yTrue, yPred, k, idx));
      out[0] = r.accuracy;
      out[1] = r.macroF1;
      let min = Number.POSITIVE_INFINITY;
      r.perClass.forEach((c, i) => {
        // Classes of the full sample only: an unstratified replicate may lose one.
        if (present[i] === true && c.support > 0) min = Math.min(min, c.precision);
      });
      out[2] = Number.isFinite(min) ? min : Number.NaN;
    },
    options,
  );
  if (!accuracy || !macroF1 || !lowest) throw new Error('bootstrap returned fewer intervals than metrics');
  const low = lowestPrecision(full);
  return {
    homes: yTrue.length,
    accuracy,
    macroF1,
    lowestPrecision: lowest,
    lowestPrecisionClass: low.cls,
    confusion,
  };
}
