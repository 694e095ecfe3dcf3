import { z } from 'zod';
import { Rng } from '../random';
import { groupedKFold } from './grouped-k-fold';
import { argmaxRows } from './multiclass-metrics';
import { fitSoftmaxRegression, predictSoftmaxProba, softmaxModelSchema, type SoftmaxModel } from './softmax-regression';
import type { EvaluationTask, FitPredict } from './source-plan';
import {
  applyStandardizer,
  fitSourceStandardizers,
  fitStandardizer,
  standardizerSchema,
  type Standardizer,
} from './standardize';

/**
 * The home-type classifier's main model (issue 12): multinomial (softmax) logistic regression on
 * per-source standardised features, on the smallest union of feature groups that inner cross-validation on
 * the training homes cannot tell apart from the best.
 *
 * Per-source standardisation: each home's features are scaled by its own source's mean and std. For a
 * source among the training homes those come from its training homes; for a source only among the test
 * homes they come from those test homes' features (transductive, never their types). It assumes each source
 * holds a similar mix of types, so that "one std above this maker's mean" means the same thing everywhere.
 *
 * Group selection: for every non-empty union of groups, inner k-fold by home over the training homes only
 * (their labels; test homes never enter), the pooled inner accuracy; the union with the fewest columns whose
 * accuracy is within one standard error (√(p(1 − p)/n) of the best) is picked, then refitted on every
 * training home.
 */

/** A named group of feature columns (structure, household, behaviour…). */
export interface FeatureGroup {
  name: string;
  columns: readonly number[];
}

export interface SourceSoftmaxOptions {
  /** L2 strength of the softmax regression (default 0.01). */
  l2?: number;
  /** Inner folds of the group selection (default 5; fewer when a class has fewer training homes). */
  innerFolds?: number;
  /** Standard errors below the best inner accuracy that a smaller union may score and still be picked (default 1). */
  standardErrors?: number;
}

/** The figures of one group selection: every candidate's inner accuracy and the pick. */
export interface GroupSelection {
  /** The picked groups' names, in the order given. */
  groups: string[];
  /** Columns of the picked groups, ascending. */
  columns: number[];
  candidates: { groups: string[]; columns: number; accuracy: number }[];
  /** The best inner accuracy and its standard error. */
  best: number;
  standardError: number;
}

/** A fitted per-source softmax model: everything classifying a home needs, as plain data. */
export interface SourceSoftmaxModel {
  kind: 'softmax-per-source';
  /** Number of raw feature columns the statistics cover (all features, before the column pick). */
  d: number;
  k: number;
  groups: string[];
  columns: number[];
  /** Per-source mean/std of every raw feature column, fitted on that source's training homes. */
  sourceStandardizers: Record<string, Standardizer>;
  /** Mean/std over all training homes pooled: the fallback for a home whose source was not trained on. */
  pooled: Standardizer;
  /** Applied after the per-source scaling, on the picked columns (fitted on the training homes). */
  standardizer: Standardizer;
  softmax: SoftmaxModel;
  l2: number;
  selection: GroupSelection;
}

export const sourceSoftmaxModelSchema = z.object({
  kind: z.literal('softmax-per-source'),
  d: z.number().int().positive(),
  k: z.number().int().positive(),
  groups: z.array(z.string()),
  columns: z.array(z.number().int().min(0)),
  sourceStandardizers: z.record(z.string(), standardizerSchema),
  pooled: standardizerSchema,
  standardizer: standardizerSchema,
  softmax: softmaxModelSchema,
  l2: z.number().min(0),
  selection: z.object({
    groups: z.array(z.string()),
    columns: z.array(z.number()),
    candidates: z.array(z.object({ groups: z.array(z.string()), columns: z.number(), accuracy: z.number() })),
    best: z.number(),
    standardError: z.number(),
  }),
});

const DEFAULT_L2 = 0.01;

/** Every non-empty union of the groups (groups without columns are skipped), smallest first. */
export function groupUnions(groups: readonly FeatureGroup[]): FeatureGroup[][] {
  const usable = groups.filter((g) => g.columns.length > 0);
  const out: FeatureGroup[][] = [];
  for (let mask = 1; mask < 1 << usable.length; mask++) out.push(usable.filter((_, i) => (mask & (1 << i)) !== 0));
  return out.sort((a, b) => a.length - b.length);
}

const columnsOf = (groups: readonly FeatureGroup[]): number[] =>
  [...new Set(groups.flatMap((g) => g.columns))].sort((a, b) => a - b);

/** `rows` × `columns` of a row-major n × d matrix. */
function submatrix(x: ArrayLike<number>, d: number, rows: ArrayLike<number>, columns: readonly number[]): Float32Array {
  const m = columns.length;
  const out = new Float32Array(rows.length * m);
  for (let i = 0; i < rows.length; i++) {
    const base = (rows[i] ?? 0) * d;
    for (let j = 0; j < m; j++) out[i * m + j] = x[base + (columns[j] ?? 0)] ?? 0;
  }
  return out;
}

/**
 * The per-source statistics of one task: each source's training homes; a source with test homes but no
 * training home gets its test homes' statistics (transductive, features only).
 */
export function taskSourceStandardizers(
  x: ArrayLike<number>,
  d: number,
  sources: readonly string[],
  task: Pick<EvaluationTask, 'train' | 'test'>,
): Map<string, Standardizer> {
  const stats = fitSourceStandardizers(x, d, sources, task.train);
  const unseen = Array.from(task.test).filter((r) => !stats.has(sources[r] ?? ''));
  for (const [s, st] of fitSourceStandardizers(x, d, sources, unseen)) stats.set(s, st);
  return stats;
}

/**
 * Rows of `x` scaled by their own source's statistics, into a full n × d matrix (rows not listed, or of a
 * source without statistics, stay 0).
 */
export function standardiseBySource(
  x: ArrayLike<number>,
  d: number,
  sources: readonly string[],
  stats: ReadonlyMap<string, Standardizer>,
  rows: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(sources.length * d);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? 0;
    const st = stats.get(sources[r] ?? '');
    if (!st) throw new RangeError(`no standardiser for source "${sources[r] ?? ''}"`);
    out.set(applyStandardizer(x, d, st, [r]), r * d);
  }
  return out;
}

interface Fitted {
  standardizer: Standardizer;
  softmax: SoftmaxModel;
}

function fitOn(
  z: Float32Array,
  d: number,
  y: ArrayLike<number>,
  k: number,
  rows: ArrayLike<number>,
  columns: readonly number[],
  l2: number,
): Fitted {
  const xs = submatrix(z, d, rows, columns);
  const m = columns.length;
  const standardizer = fitStandardizer(xs, m);
  const softmax = fitSoftmaxRegression(
    applyStandardizer(xs, m, standardizer),
    m,
    Int32Array.from(rows, (r) => y[r] ?? 0),
    k,
    { l2, classWeight: 'balanced' },
  );
  return { standardizer, softmax: { k: softmax.k, d: softmax.d, weights: softmax.weights, bias: softmax.bias } };
}

function probaOf(
  f: Fitted,
  z: Float32Array,
  d: number,
  rows: ArrayLike<number>,
  columns: readonly number[],
): Float64Array {
  const m = columns.length;
  return predictSoftmaxProba(f.softmax, applyStandardizer(submatrix(z, d, rows, columns), m, f.standardizer), m);
}

/**
 * Picks the feature groups by inner k-fold by home over `train` only (`z`: features already scaled per
 * source). Folds are stratified by type; `seed` fixes them.
 */
export function selectGroups(
  z: Float32Array,
  d: number,
  y: ArrayLike<number>,
  k: number,
  train: ArrayLike<number>,
  groups: readonly FeatureGroup[],
  seed: number,
  options: SourceSoftmaxOptions = {},
): GroupSelection {
  const l2 = options.l2 ?? DEFAULT_L2;
  const unions = groupUnions(groups);
  if (unions.length === 0) throw new Error('no feature group has a column');
  const trainRows = Array.from(train);
  const labels = Int32Array.from(trainRows, (r) => y[r] ?? 0);
  const folds = groupedKFold({
    groups: Int32Array.from(trainRows.keys()),
    labels,
    k: Math.min(options.innerFolds ?? 5, trainRows.length),
    rng: new Rng(seed),
  });
  const candidates = unions.map((u) => {
    const cols = columnsOf(u);
    let correct = 0;
    for (const f of folds) {
      const tr = Array.from(f.train, (i) => trainRows[i] ?? 0);
      const te = Array.from(f.test, (i) => trainRows[i] ?? 0);
      const pred = argmaxRows(probaOf(fitOn(z, d, y, k, tr, cols, l2), z, d, te, cols), k);
      pred.forEach((p, i) => {
        if (p === (y[te[i] ?? 0] ?? -1)) correct++;
      });
    }
    return { groups: u.map((g) => g.name), columns: cols.length, accuracy: correct / trainRows.length, cols };
  });
  const best = Math.max(...candidates.map((c) => c.accuracy));
  const standardError = Math.sqrt((best * (1 - best)) / trainRows.length);
  const within = best - (options.standardErrors ?? 1) * standardError;
  // Smallest column count first; ties keep the earlier (fewer groups) candidate.
  let pick: (typeof candidates)[number] | undefined;
  for (const c of candidates)
    if (c.accuracy >= within - 1e-12 && (pick === undefined || c.columns < pick.columns)) pick = c;
  if (!pick) throw new Error('no candidate union');
  const order = groups.map((g) => g.name);
  return {
    groups: [...pick.groups].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    columns: pick.cols,
    candidates: candidates.map(({ cols: _c, ...c }) => c),
    best,
    standardError,
  };
}

/** Fits the whole recipe on `train` rows with the given per-source statistics (already fitted for the task). */
function fitWithStats(
  x: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  sources: readonly string[],
  train: ArrayLike<number>,
  stats: ReadonlyMap<string, Standardizer>,
  groups: readonly FeatureGroup[],
  seed: number,
  options: SourceSoftmaxOptions,
): { z: Float32Array; selection: GroupSelection; fitted: Fitted } {
  const z = standardiseBySource(x, d, sources, stats, train);
  const selection = selectGroups(z, d, y, k, train, groups, seed, options);
  return { z, selection, fitted: fitOn(z, d, y, k, train, selection.columns, options.l2 ?? DEFAULT_L2) };
}

/**
 * The model "classify this home" uses: the recipe fitted on `train` (every home, by default), with each
 * training source's statistics and the pooled ones stored for classifying.
 */
export function fitSourceSoftmax(
  x: ArrayLike<number>,
  d: number,
  y: ArrayLike<number>,
  k: number,
  sources: readonly string[],
  groups: readonly FeatureGroup[],
  seed: number,
  options: SourceSoftmaxOptions & { rows?: ArrayLike<number> } = {},
): SourceSoftmaxModel {
  const train = options.rows ?? Uint32Array.from(sources.keys());
  const stats = fitSourceStandardizers(x, d, sources, train);
  const { selection, fitted } = fitWithStats(x, d, y, k, sources, train, stats, groups, seed, options);
  return {
    kind: 'softmax-per-source',
    d,
    k,
    groups: selection.groups,
    columns: selection.columns,
    sourceStandardizers: Object.fromEntries(stats),
    pooled: fitStandardizer(x, d, train),
    standardizer: fitted.standardizer,
    softmax: fitted.softmax,
    l2: options.l2 ?? DEFAULT_L2,
    selection,
  };
}

/** Class probabilities of one home (raw features, all d columns) and which statistics scaled it. */
export function predictSourceSoftmax(
  model: SourceSoftmaxModel,
  features: ArrayLike<number>,
  source: string,
): { probabilities: number[]; standardisedBy: string | null } {
  if (features.length !== model.d) throw new RangeError(`the model reads ${model.d} features, got ${features.length}`);
  const own = Object.hasOwn(model.sourceStandardizers, source) ? model.sourceStandardizers[source] : undefined;
  const z = applyStandardizer(features, model.d, own ?? model.pooled);
  const m = model.columns.length;
  const p = predictSoftmaxProba(
    model.softmax,
    applyStandardizer(submatrix(z, model.d, [0], model.columns), m, model.standardizer),
    m,
  );
  return { probabilities: Array.from(p), standardisedBy: own ? source : null };
}

/** What a task's fit picked, reported to the caller (the page lists the picks). */
export interface TaskPick {
  task: string;
  groups: string[];
}

/**
 * The recipe as a FitPredict over a source plan: per task, the per-source statistics (training homes;
 * test homes of a source never trained on), the group selection on the training homes, the fit; then the
 * test homes predicted in every variant (perturbed copies, scaled by the task's own statistics).
 */
export function sourceSoftmaxScorer(
  data: { x: Float32Array; d: number; y: ArrayLike<number>; k: number },
  sources: readonly string[],
  variants: readonly Float32Array[],
  groups: readonly FeatureGroup[],
  seedOf: (task: EvaluationTask) => number,
  options: SourceSoftmaxOptions = {},
  onPicked: (pick: TaskPick) => void = () => undefined,
): FitPredict {
  const { x, d, y, k } = data;
  return async (task) => {
    const stats = taskSourceStandardizers(x, d, sources, task);
    const { selection, fitted } = fitWithStats(x, d, y, k, sources, task.train, stats, groups, seedOf(task), options);
    onPicked({ task: task.id, groups: selection.groups });
    return [x, ...variants].map((v) => {
      const z = standardiseBySource(v, d, sources, stats, task.test);
      return argmaxRows(probaOf(fitted, z, d, task.test, selection.columns), k);
    });
  };
}
