import type * as tf from '@tensorflow/tfjs';
import { balancedClassWeights, sampleWeightsFromClassWeights } from '../domain/evaluation/class-weights';
import { argmaxRows } from '../domain/evaluation/multiclass-metrics';
import type { EvaluationTask, FitPredict } from '../domain/evaluation/source-plan';
import { standardiseBySource, taskSourceStandardizers } from '../domain/evaluation/source-softmax';
import { groupedStratifiedSplit } from '../domain/evaluation/split';
import { applyStandardizer, fitStandardizer, type Standardizer } from '../domain/evaluation/standardize';
import { Rng } from '../domain/random';
import type { NetworkConfig } from '../domain/training/network-config';
import { createDenseNetwork } from './dense-network';
import { predictProba, trainNetwork, type TrainOutcome } from './train-loop';

/** Home features (row-major n × d) and a class per home. */
export interface HomeMatrix {
  x: Float32Array;
  d: number;
  y: Int32Array;
  k: number;
}

/** Rows of a row-major matrix, copied in the given order. */
export function takeRows(x: Float32Array, d: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? 0;
    out.set(x.subarray(r * d, (r + 1) * d), i * d);
  }
  return out;
}

/** The given columns of every row (an ablation's view of the features). */
export function selectColumns(x: Float32Array, d: number, columns: readonly number[]): Float32Array {
  const n = x.length / d;
  const m = columns.length;
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = x[i * d + (columns[j] ?? 0)] ?? 0;
  return out;
}

export interface FittedNetwork {
  model: tf.LayersModel;
  standardizer: Standardizer;
  outcome: TrainOutcome;
}

/**
 * Trains the classifier network on `train` rows, with a validation part carved from them by home
 * (stratified) for early stopping; the standardiser is fitted on the training part only. The caller owns
 * (and disposes) the returned model.
 */
export async function fitHomeNetwork(
  data: HomeMatrix,
  train: ArrayLike<number>,
  network: NetworkConfig,
  seed: number,
  clock: () => number,
): Promise<FittedNetwork> {
  const { x, d, y, k } = data;
  const inner = groupedStratifiedSplit({
    groups: Int32Array.from(train),
    labels: Int32Array.from(train, (r) => y[r] ?? 0),
    testFraction: 0.15,
    rng: new Rng(seed),
  });
  const trainRows = Array.from(inner.train, (i) => train[i] ?? 0);
  const valRows = Array.from(inner.test, (i) => train[i] ?? 0);
  const standardizer = fitStandardizer(x, d, trainRows);
  const xs = applyStandardizer(x, d, standardizer);
  const yTrain = Int32Array.from(trainRows, (r) => y[r] ?? 0);
  const w = network.classWeights ? sampleWeightsFromClassWeights(yTrain, balancedClassWeights(yTrain, k)) : undefined;
  const model = createDenseNetwork(d, k, { ...network, seed });
  try {
    const outcome = await trainNetwork(
      model,
      { x: takeRows(xs, d, trainRows), y: yTrain, n: trainRows.length, d, ...(w ? { w } : {}) },
      { x: takeRows(xs, d, valRows), y: Int32Array.from(valRows, (r) => y[r] ?? 0), n: valRows.length, d },
      { config: { ...network, seed }, outputs: k, clock },
    );
    return { model, standardizer, outcome };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** Classes of `rows` of a raw feature matrix, through a fitted network and its standardiser. */
export function predictHomeClasses(
  fitted: FittedNetwork,
  x: Float32Array,
  d: number,
  k: number,
  rows: ArrayLike<number>,
): Int32Array {
  if (rows.length === 0) return new Int32Array(0);
  const xs = applyStandardizer(takeRows(x, d, rows), d, fitted.standardizer);
  return argmaxRows(predictProba(fitted.model, xs, rows.length, d), k);
}

/**
 * The network as a FitPredict over a source plan: trains on each task's training homes and predicts its
 * test homes in every variant matrix (variant 0 is `data.x`; the others are perturbed copies, same shape),
 * always training on the homes as stored. `seedOf` gives each task its own seed, so a task's model does
 * not depend on which tasks ran before it. With `sources`, inputs are first scaled per source (see
 * source-softmax.ts), then by the network's own standardiser.
 */
export function networkScorer(
  data: HomeMatrix,
  variants: readonly Float32Array[],
  network: NetworkConfig,
  seedOf: (task: EvaluationTask) => number,
  clock: () => number,
  onFitted: () => void = () => undefined,
  sources?: readonly string[],
): FitPredict {
  return async (task) => {
    // Per-source standardisation (when `sources` is given): each home scaled by its own source's statistics
    // from this task (training homes; test homes of a source never trained on), perturbed copies too.
    const stats = sources ? taskSourceStandardizers(data.x, data.d, sources, task) : null;
    const rows = Uint32Array.from([...task.train, ...task.test]);
    const scaled = (x: Float32Array, of: ArrayLike<number>): Float32Array =>
      sources && stats ? standardiseBySource(x, data.d, sources, stats, of) : x;
    const fitted = await fitHomeNetwork({ ...data, x: scaled(data.x, rows) }, task.train, network, seedOf(task), clock);
    try {
      return [data.x, ...variants].map((x) =>
        predictHomeClasses(fitted, scaled(x, task.test), data.d, data.k, task.test),
      );
    } finally {
      fitted.model.dispose();
      onFitted();
    }
  };
}
