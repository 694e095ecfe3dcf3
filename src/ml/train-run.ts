import type * as tf from '@tensorflow/tfjs';
import { balancedClassWeights, sampleWeightsFromClassWeights } from '../domain/evaluation/class-weights';
import { applyStandardizer, fitStandardizer, type Standardizer } from '../domain/evaluation/standardize';
import type { SplitIndices } from '../domain/evaluation/split';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import { deriveSeed } from '../domain/random';
import type { CrossMatrix, MetricSet, RunConfig, SlotKey, SlotResult } from '../storage/records';
import type { TrainingEvent } from '../workers/training.api';
import { buildCrossMatrix, type CrossScores } from './cross-matrix';
import { createDenseNetwork } from './dense-network';
import { fixedSplit, planSlots, type SlotPlan } from './run-plan';
import { baselineMetrics, metricSet, scenarioRecall } from './slot-evaluation';
import { predictProba, trainNetwork, type TrainingSet } from './train-loop';
import { tableLabels, type TrainingTable } from './training-table';

/** Every model is judged at 0.5; the Compare page's threshold control moves it afterwards. */
export const DEFAULT_THRESHOLD = 0.5;

/** A slot's trained model with what inference needs; valid only during `saveModel` (disposed afterwards). */
export interface FinishedModel {
  slot: SlotKey;
  homeType: HomeType | null;
  model: tf.LayersModel;
  standardizer: Standardizer;
  featureNames: string[];
  threshold: number;
  metrics: MetricSet;
}

/** Callbacks and context of `trainRun`; all optional except what names the data. */
export interface TrainRunOptions {
  /** Seeds the fixed test split (with the split kind): same dataset ⇒ same test set. */
  datasetId: string;
  /** The active TF.js backend, recorded in each slot result. */
  backend: string;
  /** Events as they happen (plan, slot-start, epoch, slot-done); must not throw. */
  onEvent?: (e: TrainingEvent) => void;
  /** Persists a finished model and returns its id; awaited before the model is disposed. */
  saveModel?: (m: FinishedModel) => Promise<string>;
  /** Awaited after each slot, so the caller can persist the growing run before the next slot starts. */
  onSlotDone?: (result: SlotResult) => Promise<void>;
  /** True when this slot (or the whole run) should stop; polled between batches. */
  shouldStop?: (slot: SlotKey) => boolean;
  /** Lets messages (a stop) through between batches. */
  yieldNow?: () => Promise<void>;
  clock?: () => number;
}

/** What a run produced: one result per planned slot, in training order, and the cross-home-type matrix. */
export interface RunOutcome {
  slots: SlotResult[];
  crossMatrix: CrossMatrix | null;
  featureNames: string[];
}

interface SlotContext {
  table: TrainingTable;
  labels: Uint8Array;
  split: SplitIndices;
  config: RunConfig;
  options: TrainRunOptions;
}

function emptyResult(plan: SlotPlan, ctx: SlotContext, status: SlotResult['status'], reason: string | null): SlotResult {
  return {
    slot: plan.slot,
    status,
    reason,
    counts: plan.counts,
    baseRate: plan.counts.test > 0 ? plan.counts.testPositives / plan.counts.test : Number.NaN,
    history: [],
    bestEpoch: -1,
    trainMs: 0,
    backend: ctx.options.backend,
    modelId: null,
    threshold: DEFAULT_THRESHOLD,
    metrics: null,
    baselines: null,
    test: null,
    scenarioRecall: [],
  };
}

function trainingSet(ctx: SlotContext, rows: Uint32Array, std: Standardizer, classWeights: Float64Array | null): TrainingSet {
  const { table, labels } = ctx;
  const y = Uint8Array.from(rows, (r) => labels[r] ?? 0);
  const set: TrainingSet = { x: applyStandardizer(table.x, table.d, std, rows), y, n: rows.length, d: table.d };
  if (classWeights !== null) set.w = sampleWeightsFromClassWeights(y, classWeights);
  return set;
}

/** Trains, evaluates and (when done) saves one slot; returns its result and its scores on the whole test set. */
async function runSlot(plan: SlotPlan, ctx: SlotContext): Promise<{ result: SlotResult; testScores: Float32Array | null }> {
  const { table, config, options, split } = ctx;
  const stop = (): boolean => options.shouldStop?.(plan.slot) ?? false;
  if (plan.insufficient !== null) return { result: emptyResult(plan, ctx, 'insufficient', plan.insufficient), testScores: null };
  if (stop()) return { result: emptyResult(plan, ctx, 'stopped', 'Stopped before it started.'), testScores: null };
  options.onEvent?.({ type: 'slot-start', slot: plan.slot });

  const std = fitStandardizer(table.x, table.d, plan.train);
  const yTrainAll = Uint8Array.from(plan.train, (r) => ctx.labels[r] ?? 0);
  const classWeights = config.network.classWeights ? balancedClassWeights(yTrainAll, 2) : null;
  const train = trainingSet(ctx, plan.train, std, classWeights);
  const val = trainingSet(ctx, plan.val, std, classWeights);
  const model = createDenseNetwork(table.d, 1, config.network);
  try {
    const outcome = await trainNetwork(model, train, val, {
      config: config.network,
      outputs: 1,
      onEpoch: (report) => options.onEvent?.({ type: 'epoch', slot: plan.slot, report, epochs: config.network.epochs }),
      shouldStop: stop,
      ...(options.yieldNow ? { yieldNow: options.yieldNow } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const base = emptyResult(plan, ctx, outcome.cancelled ? 'stopped' : 'done', null);
    base.history = outcome.history;
    base.bestEpoch = outcome.bestEpoch;
    base.trainMs = outcome.trainMs;
    if (outcome.bestEpoch < 0) {
      const reason = outcome.cancelled ? 'Stopped before the first epoch ended.' : 'The validation loss was never finite: training diverged.';
      return { result: { ...base, status: outcome.cancelled ? 'stopped' : 'failed', reason }, testScores: null };
    }

    // Scores on the whole test set: the slot's own rows are a subset, the cross matrix uses the rest.
    const allTest = applyStandardizer(table.x, table.d, std, split.test);
    const testScores = predictProba(model, allTest, split.test.length, table.d);
    const position = new Map<number, number>();
    split.test.forEach((r, i) => position.set(r, i));
    const scores = Float32Array.from(plan.test, (r) => testScores[position.get(r) ?? 0] ?? 0);
    const yTest = Uint8Array.from(plan.test, (r) => ctx.labels[r] ?? 0);
    const scenario = Int8Array.from(plan.test, (r) => table.scenario[r] ?? -1);
    const homeType = Uint8Array.from(plan.test, (r) => table.homeType[r] ?? 0);
    const groups = Uint32Array.from(plan.test, (r) => table.group[r] ?? 0);
    const metricOptions = {
      threshold: DEFAULT_THRESHOLD,
      resamples: config.bootstrapResamples,
      seed: deriveSeed(config.network.seed, 'bootstrap', plan.slot),
      groups,
    };
    const metrics = metricSet(yTest, scores, metricOptions);
    const baselines = baselineMetrics(
      {
        table,
        testRows: plan.test,
        yTrain: yTrainAll,
        yTest,
        xTrain: train.x,
        xTest: applyStandardizer(table.x, table.d, std, plan.test),
        classWeights: config.network.classWeights,
      },
      metricOptions,
    );
    const result: SlotResult = {
      ...base,
      reason: outcome.cancelled ? `Stopped by the user; the best of ${outcome.history.length} epochs was kept for these metrics but not saved.` : null,
      metrics,
      baselines,
      test: { labels: yTest, scores, scenario, homeType },
      scenarioRecall: scenarioRecall(yTest, scores, scenario, DEFAULT_THRESHOLD),
    };
    if (outcome.cancelled) return { result, testScores: null };
    if (options.saveModel) {
      result.modelId = await options.saveModel({
        slot: plan.slot,
        homeType: plan.homeTypeCode === null ? null : (HOME_TYPES[plan.homeTypeCode] ?? null),
        model,
        standardizer: std,
        featureNames: table.featureNames,
        threshold: DEFAULT_THRESHOLD,
        metrics,
      });
    }
    return { result, testScores };
  } finally {
    model.dispose();
  }
}

/**
 * Trains a run's models one after another on one table: a fixed, leak-free test split; per slot a
 * standardiser fitted on its own training rows, class weights, early stopping, metrics with bootstrap
 * intervals, baselines and per-scenario recall; then the cross-home-type matrix. A slot that fails is
 * recorded as `failed` and the run goes on. Same table + config + backend ⇒ same metrics.
 */
export async function trainRun(table: TrainingTable, config: RunConfig, options: TrainRunOptions): Promise<RunOutcome> {
  const labels = tableLabels(table, config.label);
  const split = fixedSplit(table, labels, config, options.datasetId);
  const plans = planSlots(table, labels, split, config);
  options.onEvent?.({
    type: 'plan',
    slots: plans.map((p) => ({
      slot: p.slot,
      counts: p.counts,
      status: p.insufficient === null ? 'queued' : 'insufficient',
      reason: p.insufficient,
    })),
  });
  const ctx: SlotContext = { table, labels, split, config, options };
  const slots: SlotResult[] = [];
  const cross: CrossScores[] = [];
  for (const plan of plans) {
    let result: SlotResult;
    try {
      const out = await runSlot(plan, ctx);
      result = out.result;
      if (out.testScores !== null && plan.slot !== 'global' && result.status === 'done') {
        cross.push({ homeType: plan.slot, scores: out.testScores });
      }
    } catch (e) {
      result = emptyResult(plan, ctx, 'failed', e instanceof Error ? e.message : String(e));
    }
    slots.push(result);
    options.onEvent?.({ type: 'slot-done', slot: plan.slot, result });
    await options.onSlotDone?.(result);
  }
  const testLabels = Uint8Array.from(split.test, (r) => labels[r] ?? 0);
  const testHomeType = Uint8Array.from(split.test, (r) => table.homeType[r] ?? 0);
  return {
    slots,
    crossMatrix: buildCrossMatrix(cross, testLabels, testHomeType, DEFAULT_THRESHOLD),
    featureNames: table.featureNames,
  };
}
