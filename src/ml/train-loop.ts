import * as tf from '@tensorflow/tfjs';
import { averagePrecision, logLoss } from '../domain/evaluation/binary-metrics';
import { createEarlyStopping } from '../domain/evaluation/early-stopping';
import { Rng } from '../domain/random';
import type { NetworkConfig } from '../domain/training/network-config';
import type { EpochReport } from '../domain/training/run-types';

/** Rows as a row-major Float32Array (n × d); labels 0/1 (binary) or class indices (multiclass). */
export interface TrainingSet {
  x: Float32Array;
  y: ArrayLike<number>;
  /** Per-sample weights (class weights); all 1 when absent. */
  w?: Float32Array;
  n: number;
  d: number;
}

export interface TrainOutcome {
  history: EpochReport[];
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Stopped by the user: the best weights so far are restored all the same. */
  cancelled: boolean;
  /** Warm start only: no epoch beat the starting weights on validation, so they were kept. */
  keptInitial: boolean;
  trainMs: number;
}

export interface TrainOptions {
  config: NetworkConfig;
  /** Number of classes; 1 = binary with a sigmoid output. */
  outputs: number;
  onEpoch?: (r: EpochReport) => void;
  shouldStop?: () => boolean;
  /** Lets messages (a stop) through between batches in a worker. */
  yieldNow?: () => Promise<void>;
  clock?: () => number;
  /**
   * The model starts from trained weights (a per-home-type network fine-tuned from the global one): they
   * are scored on validation before the first epoch and kept if no epoch beats them.
   */
  warmStart?: boolean;
}

/** Weighted mean cross-entropy: binary on a sigmoid output, categorical on a softmax output. */
function weightedLoss(pred: tf.Tensor, y: tf.Tensor, w: tf.Tensor, outputs: number): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(pred, 1e-7, 1 - 1e-7);
    const perSample =
      outputs === 1
        ? tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))))).reshape([-1])
        : tf.neg(tf.sum(tf.mul(y, tf.log(p)), 1));
    return tf.div(tf.sum(tf.mul(perSample, w)), tf.sum(w)) as tf.Scalar;
  });
}

function targets(y: ArrayLike<number>, idx: Uint32Array | null, outputs: number): tf.Tensor {
  const n = idx ? idx.length : y.length;
  if (outputs === 1) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = y[idx ? (idx[i] ?? 0) : i] ?? 0;
    return tf.tensor2d(out, [n, 1]);
  }
  const classes = new Int32Array(n);
  for (let i = 0; i < n; i++) classes[i] = y[idx ? (idx[i] ?? 0) : i] ?? 0;
  return tf.oneHot(tf.tensor1d(classes, 'int32'), outputs).toFloat();
}

function gatherRows(set: TrainingSet, idx: Uint32Array): Float32Array {
  const out = new Float32Array(idx.length * set.d);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] ?? 0;
    out.set(set.x.subarray(r * set.d, (r + 1) * set.d), i * set.d);
  }
  return out;
}

function withoutWeights(set: TrainingSet): TrainingSet {
  return { x: set.x, y: set.y, n: set.n, d: set.d };
}

function gatherWeights(set: TrainingSet, idx: Uint32Array): Float32Array {
  const out = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = set.w ? (set.w[idx[i] ?? 0] ?? 1) : 1;
  return out;
}

/** Unweighted validation criteria of a binary model: log loss and PR-AUC of its scores. */
function binaryValidation(model: tf.LayersModel, set: TrainingSet): { valLoss: number; valPrAuc: number } {
  const scores = predictProba(model, set.x, set.n, set.d);
  const y = Uint8Array.from({ length: set.n }, (_, i) => set.y[i] ?? 0);
  for (let i = 0; i < scores.length; i++)
    if (Number.isNaN(scores[i])) return { valLoss: Number.NaN, valPrAuc: Number.NaN };
  return { valLoss: logLoss(y, scores), valPrAuc: averagePrecision(y, scores) };
}

/** Mean weighted loss over a whole set, in batches to bound memory. */
export function evaluateLoss(model: tf.LayersModel, set: TrainingSet, outputs: number, batch = 4096): number {
  let total = 0;
  let weight = 0;
  for (let s = 0; s < set.n; s += batch) {
    const e = Math.min(set.n, s + batch);
    const idx = Uint32Array.from({ length: e - s }, (_, i) => s + i);
    const w = gatherWeights(set, idx);
    const sw = w.reduce((a, b) => a + b, 0);
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(set.x.subarray(s * set.d, e * set.d), [e - s, set.d]);
      // One predict batch per chunk: predict's default of 32 rows slices the input 128 times, and on wasm
      // each slice copies the whole chunk to JS (most of the evaluation time).
      const pred = model.predict(x, { batchSize: e - s }) as tf.Tensor;
      return weightedLoss(pred, targets(set.y, idx, outputs), tf.tensor1d(w), outputs).dataSync()[0] ?? Number.NaN;
    });
    total += loss * sw;
    weight += sw;
  }
  return weight > 0 ? total / weight : Number.NaN;
}

/** Predicted probabilities (n × outputs, row-major), in batches. */
export function predictProba(model: tf.LayersModel, x: Float32Array, n: number, d: number, batch = 8192): Float32Array {
  const outputs = (model.outputs[0]?.shape.at(-1) as number | undefined) ?? 1;
  const out = new Float32Array(n * outputs);
  for (let s = 0; s < n; s += batch) {
    const e = Math.min(n, s + batch);
    const values = tf.tidy(() =>
      (model.predict(tf.tensor2d(x.subarray(s * d, e * d), [e - s, d]), { batchSize: e - s }) as tf.Tensor).dataSync(),
    );
    out.set(values, s * outputs);
  }
  return out;
}

/**
 * Mini-batch training with seeded shuffling, class weights, a learning rate halved on plateaus, and early
 * stopping on an unweighted validation criterion (PR-AUC or log loss for binary models, log loss for the
 * multiclass classifier) that restores the best weights (TF.js's EarlyStopping callback cannot). Stops
 * cooperatively between batches.
 */
export async function trainNetwork(
  model: tf.LayersModel,
  train: TrainingSet,
  val: TrainingSet,
  options: TrainOptions,
): Promise<TrainOutcome> {
  const { config, outputs } = options;
  const clock = options.clock ?? (() => performance.now());
  const optimizer = tf.train.adam(config.learningRate);
  const rng = new Rng(config.seed ^ 0x9e3779b9);
  const byPrAuc = outputs === 1 && config.stopOn === 'pr-auc';
  const stopping = createEarlyStopping({
    patience: config.patience,
    minDelta: byPrAuc ? 1e-4 : 1e-5,
    mode: byPrAuc ? 'max' : 'min',
  });
  // Adam reads its rate at every step, so lowering the field is a plateau schedule that keeps the moments.
  const rate = optimizer as unknown as { learningRate: number };
  let sinceImproved = 0;
  const history: EpochReport[] = [];
  let best: tf.Tensor[] | null = null;
  let bestEpoch = -1;
  let stoppedEarly = false;
  let cancelled = false;
  const start = clock();
  let lastYield = start;
  const order = Uint32Array.from({ length: train.n }, (_, i) => i);
  // Batch losses add up in the backend and are read once per epoch: a read per step stalls webgl/webgpu.
  let lossSum: tf.Scalar | null = null;
  const validate = (): { valLoss: number; valPrAuc: number } =>
    outputs === 1
      ? binaryValidation(model, val)
      : { valLoss: evaluateLoss(model, withoutWeights(val), outputs), valPrAuc: Number.NaN };
  let keptInitial = false;

  try {
    if (options.warmStart) {
      const initial = validate();
      if (stopping.update(-1, byPrAuc ? initial.valPrAuc : initial.valLoss).improved) {
        best = model.getWeights().map((t) => t.clone());
        keptInitial = true;
      }
    }
    for (let epoch = 0; epoch < config.epochs && !cancelled; epoch++) {
      const epochStart = clock();
      rng.shuffle(order);
      lossSum = tf.scalar(0);
      let batches = 0;
      for (let s = 0; s < train.n; s += config.batchSize) {
        if (options.shouldStop?.()) {
          cancelled = true;
          break;
        }
        const idx = order.subarray(s, Math.min(train.n, s + config.batchSize));
        const xb = gatherRows(train, idx);
        const wb = gatherWeights(train, idx);
        const loss = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const x = tf.tensor2d(xb, [idx.length, train.d]);
              const pred = model.apply(x, { training: true }) as tf.Tensor;
              return weightedLoss(pred, targets(train.y, idx, outputs), tf.tensor1d(wb), outputs);
            }),
          true,
        );
        if (loss) {
          const next: tf.Scalar = tf.add(lossSum, loss);
          tf.dispose([lossSum, loss]);
          lossSum = next;
        }
        batches++;
        if (options.yieldNow && clock() - lastYield > 40) {
          await options.yieldNow();
          lastYield = clock();
        }
      }
      const meanLoss = (lossSum.dataSync()[0] ?? Number.NaN) / Math.max(1, batches);
      lossSum.dispose();
      lossSum = null;
      if (cancelled && batches === 0) break;
      const { valLoss, valPrAuc } = validate();
      const step = stopping.update(epoch, byPrAuc ? valPrAuc : valLoss);
      if (step.improved) {
        best?.forEach((t) => t.dispose());
        best = model.getWeights().map((t) => t.clone());
        bestEpoch = epoch;
        keptInitial = false;
        sinceImproved = 0;
      } else if (config.lrPlateau > 0 && ++sinceImproved >= config.lrPlateau) {
        rate.learningRate /= 2;
        sinceImproved = 0;
      }
      const elapsedMs = clock() - start;
      const report: EpochReport = {
        epoch,
        loss: meanLoss,
        valLoss,
        valPrAuc,
        learningRate: rate.learningRate,
        samplesPerSecond: (Math.min(train.n, batches * config.batchSize) / Math.max(1e-3, clock() - epochStart)) * 1000,
        elapsedMs,
        bestEpoch,
      };
      history.push(report);
      options.onEpoch?.(report);
      if (step.stop) {
        stoppedEarly = true;
        break;
      }
    }
    if (best) model.setWeights(best);
    return { history, bestEpoch, stoppedEarly, cancelled, keptInitial, trainMs: clock() - start };
  } finally {
    best?.forEach((t) => t.dispose());
    lossSum?.dispose();
    optimizer.dispose();
  }
}
