import { Rng, deriveSeed } from '../random';
import type { BootstrapInterval } from './bootstrap';
import type { PlanPredictions, SourcePlan } from './source-plan';
import { scorePredictions, type SourceScore } from './source-scores';

/**
 * Turns one classifier's predictions over a source plan into scores: pooled in-source, the source × source
 * matrix (diagonal: in-source k-fold; cell S → T: trained on all of S, tested on all of T) and
 * leave-one-source-out per source and pooled. Every score bootstraps over homes with its own seed, so a
 * figure does not change when another is added.
 */
export interface ScorerEvaluation {
  /** Every evaluated home predicted by a model trained on other homes of its own source. */
  inSource: SourceScore | null;
  /** matrix[s][t]; null where a source was not evaluated, or off the diagonal with one source. */
  matrix: (SourceScore | null)[][];
  /** Per source: tested by a model trained on every other evaluated source; null with one source. */
  leaveOneOut: (SourceScore | null)[];
  /** All leave-one-source-out predictions together: each home predicted by a model that never saw its source. */
  pooled: SourceScore | null;
}

export interface SummaryOptions {
  y: ArrayLike<number>;
  k: number;
  /** Which input variant's predictions to score (0 = the homes as stored). */
  variant?: number;
  seed: number;
  resamples: number;
  /** Skip the off-diagonal matrix cells (ablations need only in-source and leave-one-source-out). */
  matrix?: boolean;
}

/** Home rows and the class predicted for each. */
export interface Predicted {
  rows: number[];
  pred: number[];
}

function score(p: Predicted, options: SummaryOptions, key: string): SourceScore | null {
  if (p.rows.length === 0) return null;
  const yTrue = Int32Array.from(p.rows, (r) => options.y[r] ?? 0);
  return scorePredictions(yTrue, Int32Array.from(p.pred), options.k, {
    rng: new Rng(deriveSeed(options.seed, key)),
    resamples: options.resamples,
    strata: yTrue,
  });
}

function predictionsOf(predictions: PlanPredictions, id: string, variant: number): Int32Array {
  const p = predictions.get(id)?.[variant];
  if (!p) throw new Error(`no predictions for task ${id} (variant ${variant})`);
  return p;
}

/** Per source (plan order), its homes' in-source predictions, fold after fold. */
export function inSourcePredictions(plan: SourcePlan, predictions: PlanPredictions, variant = 0): Predicted[] {
  const bySource: Predicted[] = plan.sources.map(() => ({ rows: [], pred: [] }));
  plan.inSource.forEach((tasks, s) => {
    for (const task of tasks) {
      const pred = predictionsOf(predictions, task.id, variant);
      task.test.forEach((r, i) => {
        bySource[s]?.rows.push(r);
        bySource[s]?.pred.push(pred[i] ?? 0);
      });
    }
  });
  return bySource;
}

/**
 * Bootstrap seed key of one transfer's predictions on one source: the same predictions (a two-source
 * matrix cell and its leave-one-source-out row) get the same interval.
 */
const transferKey = (trainKey: string, target: number): string => `from:${trainKey}:to:${target}`;

/** Scores one classifier's predictions over a plan. */
export function summarisePlan(
  plan: SourcePlan,
  predictions: PlanPredictions,
  options: SummaryOptions,
): ScorerEvaluation {
  const variant = options.variant ?? 0;
  const sourceOf = new Map<number, number>();
  plan.sources.forEach((s, i) => s.homes.forEach((h) => sourceOf.set(h, i)));

  const inSourceBy = inSourcePredictions(plan, predictions, variant);
  const pooledIn: Predicted = { rows: inSourceBy.flatMap((p) => p.rows), pred: inSourceBy.flatMap((p) => p.pred) };

  // transferTo[key][t]: predictions on source t's homes of the model trained on the sources in key.
  const transferTo = new Map<string, Predicted[]>();
  for (const { trainSources, task } of plan.transfers) {
    const pred = predictionsOf(predictions, task.id, variant);
    const byTarget: Predicted[] = plan.sources.map(() => ({ rows: [], pred: [] }));
    task.test.forEach((r, i) => {
      const t = byTarget[sourceOf.get(r) ?? -1];
      t?.rows.push(r);
      t?.pred.push(pred[i] ?? 0);
    });
    transferTo.set(trainSources.join('+'), byTarget);
  }
  const evaluated = plan.sources.map((s, i) => (s.evaluated ? i : -1)).filter((i) => i >= 0);
  const crossSource = evaluated.length >= 2;

  const matrix = plan.sources.map((from, s) =>
    plan.sources.map((to, t) => {
      if (!from.evaluated || !to.evaluated) return null;
      if (s === t) return score(inSourceBy[s] ?? { rows: [], pred: [] }, options, `in:${from.name}`);
      if (options.matrix === false || !crossSource) return null;
      return score(transferTo.get(String(s))?.[t] ?? { rows: [], pred: [] }, options, transferKey(String(s), t));
    }),
  );
  const looKey = (t: number): string => evaluated.filter((s) => s !== t).join('+');
  const looPredicted = plan.sources.map((source, t): Predicted => {
    if (!crossSource || !source.evaluated) return { rows: [], pred: [] };
    return transferTo.get(looKey(t))?.[t] ?? { rows: [], pred: [] };
  });
  const leaveOneOut = looPredicted.map((p, t) => score(p, options, transferKey(looKey(t), t)));
  const pooled = crossSource
    ? score(
        { rows: looPredicted.flatMap((p) => p.rows), pred: looPredicted.flatMap((p) => p.pred) },
        options,
        'loso:pooled',
      )
    : null;
  return { inSource: score(pooledIn, options, 'in:pooled'), matrix, leaveOneOut, pooled };
}

/** One target judged on one figure. */
export interface TargetVerdict {
  target: number;
  /** The judged figure (its estimate) and its interval. */
  score: BootstrapInterval;
  met: boolean;
  /** The held-out source the figure comes from. */
  source: string;
}

export interface CrossSourceVerdict {
  /**
   * What the targets are judged on: for each metric, the held-out source where it is lowest (leave one
   * source out). Stricter than the pooled figure, which a large, easy source could carry; a classifier
   * meant for homes it was not built from should hold on every maker it has not seen.
   */
  basis: 'worst held-out source';
  accuracy: TargetVerdict;
  macroF1: TargetVerdict;
  lowestPrecision: TargetVerdict;
  allMet: boolean;
}

/** The original's targets judged on the worst leave-one-source-out score; null with fewer than two sources. */
export function judgeCrossSource(
  sourceNames: readonly string[],
  leaveOneOut: readonly (SourceScore | null)[],
  targets: { accuracy: number; macroF1: number; perClassPrecision: number },
): CrossSourceVerdict | null {
  if (leaveOneOut.filter((s) => s !== null).length < 2) return null;
  const worst = (metric: 'accuracy' | 'macroF1' | 'lowestPrecision', target: number): TargetVerdict => {
    const i = worstHeldOut(leaveOneOut, metric);
    const pick = leaveOneOut[i];
    if (!pick) throw new Error('no scored source');
    return { target, score: pick[metric], met: pick[metric].estimate >= target, source: sourceNames[i] ?? String(i) };
  };
  const accuracy = worst('accuracy', targets.accuracy);
  const macroF1 = worst('macroF1', targets.macroF1);
  const lowestPrecision = worst('lowestPrecision', targets.perClassPrecision);
  return {
    basis: 'worst held-out source',
    accuracy,
    macroF1,
    lowestPrecision,
    allMet: accuracy.met && macroF1.met && lowestPrecision.met,
  };
}

export interface ConfusionPair {
  trueClass: number;
  predicted: number;
  count: number;
  /** Share of the true class's homes that went to `predicted`. */
  share: number;
}

/** The largest off-diagonal cells of a confusion matrix, largest first (ties: lower true, then predicted class). */
export function topConfusions(confusion: readonly (readonly number[])[], limit: number): ConfusionPair[] {
  const pairs: ConfusionPair[] = [];
  confusion.forEach((row, t) => {
    const support = row.reduce((a, b) => a + b, 0);
    row.forEach((count, p) => {
      if (p !== t && count > 0) pairs.push({ trueClass: t, predicted: p, count, share: count / support });
    });
  });
  return pairs
    .sort((a, b) => b.count - a.count || a.trueClass - b.trueClass || a.predicted - b.predicted)
    .slice(0, limit);
}

/** Index of the held-out source with the lowest value of a metric; −1 when none was scored. */
export function worstHeldOut(
  leaveOneOut: readonly (SourceScore | null)[],
  metric: 'accuracy' | 'macroF1' | 'lowestPrecision',
): number {
  let worst = -1;
  leaveOneOut.forEach((s, i) => {
    if (s && (worst < 0 || s[metric].estimate < (leaveOneOut[worst]?.[metric].estimate ?? Number.POSITIVE_INFINITY)))
      worst = i;
  });
  return worst;
}
