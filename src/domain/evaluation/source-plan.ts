import type { Rng } from '../random';
import { groupedKFold } from './grouped-k-fold';
import { groupedStratifiedSplit } from './split';

/**
 * Which models to fit, on which homes, to evaluate a classifier within and across home sources (issue 12):
 * - in-source: per source, k folds by home (or one 80/20 holdout), every home tested once by a model
 *   trained on other homes of its own source;
 * - transfers: one model per training set of sources, tested on every home outside it. Training on one
 *   source S gives row S of the source × source matrix; training on every source but T gives T's
 *   leave-one-source-out score. With two sources those are the same models, so they are fitted once.
 * Sources come from the homes themselves (any set of names); a source with fewer homes than folds is
 * listed but neither evaluated nor trained on.
 */

/** One model to fit: train on `train`, predict `test` (home row indices, ascending). */
export interface EvaluationTask {
  id: string;
  train: Uint32Array;
  test: Uint32Array;
}

export interface PlannedSource {
  name: string;
  /** Home rows of this source, ascending. */
  homes: Uint32Array;
  /** Enough homes to evaluate in-source and to train on. */
  evaluated: boolean;
}

export interface SourcePlan {
  sources: PlannedSource[];
  /** Per source (same order): its in-source folds; empty when the source is not evaluated. */
  inSource: EvaluationTask[][];
  /** Per transfer task: the sources it trains on (indices into `sources`). */
  transfers: { trainSources: number[]; task: EvaluationTask }[];
}

export interface SourcePlanOptions {
  /** Source name per home. */
  sources: readonly string[];
  /** Class per home (stratifies the folds). */
  labels: ArrayLike<number>;
  evaluation: 'kfold' | 'holdout';
  folds: number;
  rng: Rng;
}

/** Distinct source names, sorted, and each home's index into them. */
export function groupBySource(sources: readonly string[]): { names: string[]; of: Int32Array } {
  const names = [...new Set(sources)].sort();
  const index = new Map(names.map((s, i) => [s, i]));
  return { names, of: Int32Array.from(sources, (s) => index.get(s) ?? 0) };
}

function union(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.sort();
}

/** Builds the plan; the same rng state gives the same folds. */
export function planSourceEvaluation(options: SourcePlanOptions): SourcePlan {
  const { labels, evaluation, folds, rng } = options;
  if (options.sources.length !== labels.length)
    throw new RangeError(`${options.sources.length} sources for ${labels.length} labels`);
  const grouped = groupBySource(options.sources);
  const sources: PlannedSource[] = grouped.names.map((name, s) => {
    const homes = Uint32Array.from(grouped.of.keys()).filter((i) => grouped.of[i] === s);
    return { name, homes, evaluated: homes.length >= Math.max(2, folds) };
  });

  const inSource = sources.map((source) => {
    if (!source.evaluated) return [];
    const local = Int32Array.from(source.homes.keys());
    const localLabels = Int32Array.from(source.homes, (h) => labels[h] ?? 0);
    const parts =
      evaluation === 'kfold'
        ? groupedKFold({ groups: local, labels: localLabels, k: folds, rng })
        : [groupedStratifiedSplit({ groups: local, labels: localLabels, testFraction: 0.2, rng })];
    const toGlobal = (rows: Uint32Array): Uint32Array => Uint32Array.from(rows, (i) => source.homes[i] ?? 0);
    return parts.map((p, f) => ({ id: `in:${source.name}:${f}`, train: toGlobal(p.train), test: toGlobal(p.test) }));
  });

  const usable = sources.map((s, i) => (s.evaluated ? i : -1)).filter((i) => i >= 0);
  const trainSets = new Map<string, number[]>();
  if (usable.length >= 2) {
    for (const s of usable) trainSets.set(String(s), [s]);
    for (const t of usable) {
      const rest = usable.filter((s) => s !== t);
      trainSets.set(rest.join('+'), rest);
    }
  }
  const transfers = [...trainSets.values()].map((trainSources) => {
    const name = trainSources.map((s) => sources[s]?.name ?? '').join('+');
    return {
      trainSources,
      task: {
        id: `from:${name}`,
        train: union(trainSources.map((s) => sources[s]?.homes ?? new Uint32Array(0))),
        test: union(
          usable.filter((s) => !trainSources.includes(s)).map((s) => sources[s]?.homes ?? new Uint32Array(0)),
        ),
      },
    };
  });
  return { sources, inSource, transfers };
}

/** Every task of a plan, in-source folds first. */
export function planTasks(plan: SourcePlan): EvaluationTask[] {
  return [...plan.inSource.flat(), ...plan.transfers.map((t) => t.task)];
}

/**
 * Fits on a task's training rows and predicts its test rows, once per variant of the inputs (variant 0
 * is the homes as stored; others are perturbed copies): one Int32Array of classes per variant, aligned
 * with `task.test`.
 */
export type FitPredict = (task: EvaluationTask) => Promise<Int32Array[]>;

/** Predictions per task id, per variant. */
export type PlanPredictions = ReadonlyMap<string, readonly Int32Array[]>;

/** Runs every task of a plan in order, reporting after each one. */
export async function runSourcePlan(
  plan: SourcePlan,
  fitPredict: FitPredict,
  onTask: (done: number, total: number) => void = () => undefined,
): Promise<PlanPredictions> {
  const tasks = planTasks(plan);
  const out = new Map<string, Int32Array[]>();
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    if (!task) continue;
    out.set(task.id, await fitPredict(task));
    onTask(i + 1, tasks.length);
  }
  return out;
}
