import { balancedClassWeights, sampleWeightsFromClassWeights } from '../domain/evaluation/class-weights';
import { observedDeviceMonths, type ThresholdExposure } from '../domain/evaluation/operating-threshold';
import { applyStandardizer, fitStandardizer, type Standardizer } from '../domain/evaluation/standardize';
import type { SplitIndices } from '../domain/evaluation/split';
import { createRng, deriveSeed } from '../domain/random';
import type { RunConfig } from '../domain/training/run-types';
import type { SlotPlan } from './run-plan';
import type { TrainingSet } from './train-loop';
import type { TrainingTable } from './training-table';

/**
 * The rows a slot trains on: every positive, and at most `perPositive` negatives per positive drawn by a
 * seed of the dataset and slot (so every family and network seed of a run trains on the same rows).
 */
export function sampleTrainingRows(
  rows: Uint32Array,
  labels: Uint8Array,
  perPositive: number | null,
  seed: number,
): Uint32Array {
  if (perPositive === null) return rows;
  let positives = 0;
  for (const r of rows) positives += labels[r] ?? 0;
  const negatives = rows.length - positives;
  const keep = Math.max(1, Math.round(positives * perPositive));
  if (positives === 0 || negatives <= keep) return rows;
  const neg = rows.filter((r) => labels[r] !== 1);
  createRng(seed).shuffle(neg);
  const chosen = new Set(neg.subarray(0, keep));
  return rows.filter((r) => labels[r] === 1 || chosen.has(r));
}

/** Device-months the rows cover, for the alert-budget rule; undefined without sample times. */
export function exposureOf(table: TrainingTable, rows: Uint32Array): ThresholdExposure | undefined {
  if (table.time === null) return undefined;
  const time = table.time;
  return {
    deviceMonths: observedDeviceMonths(
      Uint32Array.from(rows, (r) => table.group[r] ?? 0),
      Float64Array.from(rows, (r) => time[r] ?? 0),
    ),
  };
}

/** Raw (unstandardised) feature rows, NaN kept: what the trees read. */
export function rawRows(table: TrainingTable, rows: Uint32Array): Float32Array {
  const { d, x } = table;
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? 0;
    out.set(x.subarray(r * d, (r + 1) * d), i * d);
  }
  return out;
}

/** Everything both families and the baselines of one slot share: rows, labels, scaled sets, exposure. */
export interface SlotData {
  table: TrainingTable;
  plan: SlotPlan;
  split: SplitIndices;
  labels: Uint8Array;
  /** The rows trained on (negatives sampled) and their labels. */
  trainRows: Uint32Array;
  yTrain: Uint8Array;
  yVal: Uint8Array;
  yTest: Uint8Array;
  standardizer: Standardizer;
  /** Standardised training and validation sets (with class weights when asked for). */
  train: TrainingSet;
  val: TrainingSet;
  exposure: ThresholdExposure | undefined;
}

function scaledSet(
  table: TrainingTable,
  labels: Uint8Array,
  rows: Uint32Array,
  std: Standardizer,
  classWeights: Float64Array | null,
): TrainingSet {
  const y = Uint8Array.from(rows, (r) => labels[r] ?? 0);
  const set: TrainingSet = { x: applyStandardizer(table.x, table.d, std, rows), y, n: rows.length, d: table.d };
  if (classWeights !== null) set.w = sampleWeightsFromClassWeights(y, classWeights);
  return set;
}

/**
 * Prepares a slot: samples its training rows, fits (or reuses, for a warm-started network) the
 * standardiser on the training rows, and builds the scaled sets.
 */
export function prepareSlot(
  table: TrainingTable,
  labels: Uint8Array,
  split: SplitIndices,
  plan: SlotPlan,
  config: RunConfig,
  dataKey: string,
  inherited: Standardizer | null,
): SlotData {
  const clip = config.network.clip;
  const standardizer: Standardizer = inherited ?? {
    ...fitStandardizer(table.x, table.d, plan.train),
    ...(clip > 0 ? { clip } : {}),
  };
  const trainRows = sampleTrainingRows(
    plan.train,
    labels,
    config.negativesPerPositive,
    deriveSeed(0, 'negatives', dataKey, plan.slot),
  );
  const yTrain = Uint8Array.from(trainRows, (r) => labels[r] ?? 0);
  const classWeights = config.network.classWeights ? balancedClassWeights(yTrain, 2) : null;
  return {
    table,
    plan,
    split,
    labels,
    trainRows,
    yTrain,
    yVal: Uint8Array.from(plan.val, (r) => labels[r] ?? 0),
    yTest: Uint8Array.from(plan.test, (r) => labels[r] ?? 0),
    standardizer,
    train: scaledSet(table, labels, trainRows, standardizer, classWeights),
    val: scaledSet(table, labels, plan.val, standardizer, classWeights),
    exposure: exposureOf(table, plan.val),
  };
}
