import type * as tf from '@tensorflow/tfjs';
import { chartCurves, confusionAt } from '../domain/evaluation/binary-metrics';
import { metricsFromConfusion } from '../domain/evaluation/confusion-matrix';
import { calibrateScores, fitCalibrator, keepsRanking, type Calibrator } from '../domain/evaluation/calibration';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import type { ThresholdRule } from '../domain/evaluation/operating-threshold';
import { rankScores } from '../domain/evaluation/ranked-scores';
import { applyStandardizer, type Standardizer } from '../domain/evaluation/standardize';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import { deriveSeed } from '../domain/random';
import type {
  BaselineName,
  CrossMatrix,
  EvaluationPart,
  MetricSet,
  ModelFamily,
  ReplicateSet,
  RunConfig,
  SlotBaselines,
  SlotKey,
  SlotResult,
} from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';
import { buildCrossMatrix, type CrossScores } from './cross-matrix';
import type { FamilyFit, FamilyHooks } from './family-fit';
import { TREES_BACKEND } from './finished-model-record';
import { fixedSplit, planSlots, type SlotPlan } from './run-plan';
import { prepareSlot, type SlotData } from './slot-data';
import { baselineMetrics, chooseThresholdOrHalf, metricSet, scenarioRecall } from './slot-evaluation';
import { fitNetworkFamily, type BaseNetwork } from './train-slot-network';
import { fitTreesFamily } from './train-slot-trees';
import { tableLabels, type TrainingTable } from './training-table';

/** The threshold of a slot that produced no model (and the original's fixed operating point). */
export const DEFAULT_THRESHOLD = 0.5;

/** A slot's trained model with what inference needs; valid only during `saveModel` (disposed afterwards). */
export interface FinishedModel {
  slot: SlotKey;
  family: ModelFamily;
  homeType: HomeType | null;
  /** The network (family 'network'), else null. */
  model: tf.LayersModel | null;
  /** The trees (family 'trees'), else null. */
  trees: GbdtModel | null;
  standardizer: Standardizer;
  featureNames: string[];
  threshold: number;
  thresholdRule: ThresholdRule;
  /** Applied to the model's output before the threshold; null: none. */
  calibration: Calibrator | null;
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
  /** Awaited after each model, so the caller can persist the growing run before the next starts. */
  onSlotDone?: (result: SlotResult) => Promise<void>;
  /** True when this slot (or the whole run) should stop; polled between batches. */
  shouldStop?: (slot: SlotKey) => boolean;
  /** Lets messages (a stop) through between batches. */
  yieldNow?: () => Promise<void>;
  clock?: () => number;
}

/** What a run produced: one result per planned slot and family, in training order, and the cross-home-type matrix. */
export interface RunOutcome {
  slots: SlotResult[];
  crossMatrix: CrossMatrix | null;
  featureNames: string[];
  /** Table rows of the run's test set, in the order of the global slot's test scores; a home type's test rows are these rows of that type, in this order. */
  testRows: Uint32Array;
}

interface SlotContext {
  table: TrainingTable;
  labels: Uint8Array;
  config: RunConfig;
  options: TrainRunOptions;
  split: SlotData['split'];
  /** The global models per-home-type models start from; shared by every slot of the run (the hidden global slot runs with a copy of the context). */
  base: { network: BaseNetwork | null; trees: GbdtModel | null };
}

function emptyResult(
  plan: SlotPlan,
  family: ModelFamily,
  ctx: SlotContext,
  status: SlotResult['status'],
  reason: string | null,
): SlotResult {
  return {
    slot: plan.slot,
    family,
    status,
    reason,
    counts: plan.counts,
    baseRate: plan.counts.test > 0 ? plan.counts.testPositives / plan.counts.test : Number.NaN,
    history: [],
    bestEpoch: -1,
    trainMs: 0,
    backend: family === 'network' ? ctx.options.backend : TREES_BACKEND,
    modelId: null,
    threshold: DEFAULT_THRESHOLD,
    metrics: null,
    baselines: null,
    test: null,
    scenarioRecall: [],
  };
}

/** A slot's baselines with their bootstrap replicates (for paired intervals against the models). */
interface BaselineOutcome {
  metrics: SlotBaselines;
  replicates: Partial<Record<BaselineName, ReplicateSet>>;
}

/** The four baselines of a slot, shared by its families (they depend on the data only). */
function slotBaselines(data: SlotData, ctx: SlotContext): BaselineOutcome {
  const { table, plan } = data;
  const replicates: Partial<Record<BaselineName, ReplicateSet>> = {};
  const metrics = baselineMetrics(
    {
      table,
      valRows: plan.val,
      testRows: plan.test,
      yTrain: data.yTrain,
      yVal: data.yVal,
      yTest: data.yTest,
      xTrain: data.train.x,
      xVal: data.val.x,
      xTest: applyStandardizer(table.x, table.d, data.standardizer, plan.test),
      classWeights: ctx.config.network.classWeights,
      rule: ctx.config.thresholdRule,
      exposure: data.exposure,
      seed: deriveSeed(0, 'stump', ctx.options.datasetId, plan.slot),
    },
    metricOptions(data, ctx),
    replicates,
  );
  return { metrics, replicates };
}

/** The home of each row: the bootstrap's cluster (a device's own id when the data names no homes). */
function homeOf(table: TrainingTable, rows: Uint32Array): Uint32Array {
  const home = table.home ?? table.group;
  return Uint32Array.from(rows, (r) => home[r] ?? 0);
}

/** One part of a slot's samples for the evaluation worker: labels, scores, homes, devices, times. */
function evaluationPart(
  table: TrainingTable,
  rows: Uint32Array,
  labels: Uint8Array,
  scores: Float32Array,
  rawScores: Float32Array | null,
): EvaluationPart {
  const { time, failureTime } = table;
  return {
    labels,
    scores,
    rawScores,
    home: homeOf(table, rows),
    device: Uint32Array.from(rows, (r) => table.group[r] ?? 0),
    homeType: Uint8Array.from(rows, (r) => table.homeType[r] ?? 0),
    scenario: Int8Array.from(rows, (r) => table.scenario[r] ?? -1),
    time: time === null ? null : Float64Array.from(rows, (r) => time[r] ?? Number.NaN),
    failureTime: failureTime === undefined ? null : Float64Array.from(rows, (r) => failureTime[r] ?? Number.NaN),
  };
}

function metricOptions(data: SlotData, ctx: SlotContext): { resamples: number; seed: number; groups: Uint32Array } {
  return {
    resamples: ctx.config.bootstrapResamples,
    // One seed for a slot's models and baselines: their intervals are paired.
    seed: deriveSeed(ctx.config.network.seed, 'bootstrap', data.plan.slot),
    // Homes, not devices: devices of one home share occupants, weather and habits, so they are not independent.
    groups: homeOf(data.table, data.plan.test),
  };
}

/**
 * Calibration fitted on the slot's validation scores (none when the run does not calibrate, or when the
 * validation devices hold one class only: then it says why).
 */
function slotCalibration(
  config: RunConfig,
  yVal: Uint8Array,
  valScores: Float32Array,
): { calibrator: Calibrator | null; note: string | null } {
  const method = config.calibration ?? 'none';
  try {
    const calibrator = fitCalibrator(method, yVal, valScores);
    if (calibrator !== null && !keepsRanking(calibrator)) {
      return {
        calibrator: null,
        note: 'Not calibrated: on the validation devices the failure rate does not rise with the score, so a calibrator would reverse or flatten the ranking; the raw scores are kept.',
      };
    }
    return { calibrator, note: null };
  } catch (e) {
    return { calibrator: null, note: `Not calibrated: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** What `evaluateFamily` produced: the result, and the run's whole test set scored (calibrated) for the cross matrix. */
interface EvaluatedFamily {
  result: SlotResult;
  testScores: Float32Array | null;
}

/**
 * Calibration and threshold on validation, metrics on test, and the model saved when it finished. With
 * calibration, every score (validation, test, the cross matrix's) is calibrated before anything reads it.
 */
async function evaluateFamily(
  data: SlotData,
  fit: FamilyFit,
  baselines: BaselineOutcome,
  ctx: SlotContext,
): Promise<EvaluatedFamily> {
  const { table, plan, split } = data;
  const result: SlotResult = {
    ...emptyResult(plan, fit.family, ctx, fit.status, fit.reason),
    history: fit.history,
    bestEpoch: fit.bestEpoch,
    trainMs: fit.trainMs,
  };
  if (fit.valScores === null || fit.testScores === null) return { result, testScores: null };
  const { calibrator, note: calibrationNote } = slotCalibration(ctx.config, data.yVal, fit.valScores);
  const valScores = calibrator === null ? fit.valScores : calibrateScores(calibrator, fit.valScores);
  const allTest = calibrator === null ? fit.testScores : calibrateScores(calibrator, fit.testScores);
  const chosen = chooseThresholdOrHalf(data.yVal, valScores, ctx.config.thresholdRule, data.exposure);
  const threshold = chosen.threshold;
  const position = new Map<number, number>();
  split.test.forEach((r, i) => position.set(r, i));
  const pick = (all: Float32Array): Float32Array => Float32Array.from(plan.test, (r) => all[position.get(r) ?? 0] ?? 0);
  const scores = pick(allTest);
  const scenario = Int8Array.from(plan.test, (r) => table.scenario[r] ?? -1);
  const kept: { replicates?: ReplicateSet } = {};
  const metrics = metricSet(data.yTest, scores, {
    ...metricOptions(data, ctx),
    threshold,
    keep: (r) => (kept.replicates = r),
  });
  const baseReason =
    fit.status === 'stopped'
      ? `Stopped by the user; the best of ${fit.history.length} ${fit.family === 'trees' ? 'rounds' : 'epochs'} was kept for these metrics but not saved.`
      : fit.note;
  Object.assign(result, {
    reason: [baseReason, calibrationNote].filter((r) => r !== null).join(' ') || null,
    threshold,
    thresholdRule: ctx.config.thresholdRule,
    thresholdValidation: { ...chosen.validation, note: chosen.note },
    f1At05: metricsFromConfusion(confusionAt(data.yTest, scores, DEFAULT_THRESHOLD)).f1,
    metrics,
    baselines: baselines.metrics,
    test: { labels: data.yTest, scores, scenario, homeType: Uint8Array.from(plan.test, (r) => table.homeType[r] ?? 0) },
    scenarioRecall: scenarioRecall(data.yTest, scores, scenario, threshold),
    curves: chartCurves(rankScores(data.yTest, scores)),
    calibration: calibrator,
    evaluation:
      kept.replicates === undefined
        ? null
        : {
            horizonMs: table.horizon,
            val: evaluationPart(table, plan.val, data.yVal, valScores, calibrator === null ? null : fit.valScores),
            test: evaluationPart(
              table,
              plan.test,
              data.yTest,
              scores,
              calibrator === null ? null : pick(fit.testScores),
            ),
            replicates: {
              resamples: ctx.config.bootstrapResamples,
              model: kept.replicates,
              baselines: baselines.replicates,
            },
          },
  } satisfies Partial<SlotResult>);
  if (fit.status === 'done' && ctx.options.saveModel) {
    result.modelId = await ctx.options.saveModel({
      slot: plan.slot,
      family: fit.family,
      homeType: plan.homeTypeCode === null ? null : (HOME_TYPES[plan.homeTypeCode] ?? null),
      model: fit.network,
      trees: fit.trees,
      standardizer: data.standardizer,
      featureNames: table.featureNames,
      threshold,
      thresholdRule: ctx.config.thresholdRule,
      calibration: calibrator,
      metrics,
    });
  }
  return { result, testScores: allTest };
}

/** Scores of a finished per-home-type model on the whole test set, for the cross matrix. */
interface SlotOutput {
  result: SlotResult;
  testScores: Float32Array | null;
}

/**
 * Trains, evaluates and (when done) saves one slot's families, one after the other; reports each model as
 * it finishes. A family that throws is recorded as failed and the next one still runs.
 */
async function runSlot(plan: SlotPlan, ctx: SlotContext, report: (out: SlotOutput) => Promise<void>): Promise<void> {
  const { config, options } = ctx;
  const families = config.families;
  const stop = (): boolean => options.shouldStop?.(plan.slot) ?? false;
  if (plan.insufficient !== null) {
    for (const f of families)
      await report({ result: emptyResult(plan, f, ctx, 'insufficient', plan.insufficient), testScores: null });
    return;
  }
  const start = plan.slot === 'global' ? null : ctx.base.network;
  const data = prepareSlot(
    ctx.table,
    ctx.labels,
    ctx.split,
    plan,
    config,
    options.datasetId,
    start?.standardizer ?? null,
  );
  const warm = plan.slot === 'global' && config.perHomeType && config.network.warmStart;
  let baselines: BaselineOutcome | null = null;
  const hooks: FamilyHooks = { shouldStop: stop };
  if (options.onEvent) hooks.onEvent = options.onEvent;
  if (options.yieldNow) hooks.yieldNow = options.yieldNow;
  if (options.clock) hooks.clock = options.clock;
  for (const family of families) {
    if (stop()) {
      await report({
        result: emptyResult(plan, family, ctx, 'stopped', 'Stopped before it started.'),
        testScores: null,
      });
      continue;
    }
    options.onEvent?.({ type: 'slot-start', slot: plan.slot, family });
    let fit: FamilyFit | null = null;
    try {
      if (family === 'network') {
        const out = await fitNetworkFamily(data, config.network, options.datasetId, start, hooks);
        fit = out.fit;
        if (warm && fit.network && fit.status === 'done') {
          ctx.base.network = {
            weights: fit.network.getWeights().map((t) => t.clone()),
            standardizer: data.standardizer,
            edges: out.edges,
          };
        }
      } else {
        // Only the cross matrix's family needs a home type's model scored on the other home types' test rows.
        fit = await fitTreesFamily(
          data,
          config.trees,
          hooks,
          config.families[0] === 'trees',
          plan.slot === 'global' ? null : ctx.base.trees,
        );
        if (warm && fit.trees && fit.status === 'done') ctx.base.trees = fit.trees;
      }
      baselines ??= slotBaselines(data, ctx);
      const evaluated = await evaluateFamily(data, fit, baselines, ctx);
      await report({
        result: evaluated.result,
        testScores: evaluated.result.status === 'done' ? evaluated.testScores : null,
      });
    } catch (e) {
      await report({
        result: emptyResult(plan, family, ctx, 'failed', e instanceof Error ? e.message : String(e)),
        testScores: null,
      });
    } finally {
      fit?.network?.dispose();
    }
  }
}

/**
 * Trains a run's models one after another on one table: a fixed, leak-free test split; per slot its own
 * training rows (negatives sampled), standardiser, the four baselines, and each asked-for family (network,
 * trees) with early stopping on validation, a threshold chosen on validation devices, metrics with
 * bootstrap intervals and per-scenario recall; then the cross-home-type matrix. Per-home-type networks
 * start from the global network. A model that fails is recorded as `failed` and the run goes on. Same
 * table + config + backend ⇒ same metrics.
 */
export async function trainRun(table: TrainingTable, config: RunConfig, options: TrainRunOptions): Promise<RunOutcome> {
  const labels = tableLabels(table, config.label);
  const split = fixedSplit(table, labels, config, options.datasetId);
  // Warm-started per-home-type models need the global models even when they are not asked for: they are
  // then trained first, kept out of the results and never saved.
  const needBase = config.perHomeType && config.network.warmStart;
  const plans = planSlots(table, labels, split, { perHomeType: config.perHomeType, global: config.global || needBase });
  const hidden = (plan: SlotPlan): boolean => plan.slot === 'global' && !config.global;
  options.onEvent?.({
    type: 'plan',
    slots: plans
      .filter((p) => !hidden(p))
      .flatMap((p) =>
        config.families.map((family) => ({
          slot: p.slot,
          family,
          counts: p.counts,
          status: p.insufficient === null ? ('queued' as const) : ('insufficient' as const),
          reason: p.insufficient,
        })),
      ),
  });
  const ctx: SlotContext = { table, labels, config, options, split, base: { network: null, trees: null } };
  const slots: SlotResult[] = [];
  const cross: CrossScores[] = [];
  try {
    for (const plan of plans) {
      if (hidden(plan)) {
        const quiet: TrainRunOptions = { datasetId: options.datasetId, backend: options.backend };
        if (options.shouldStop) quiet.shouldStop = options.shouldStop;
        if (options.yieldNow) quiet.yieldNow = options.yieldNow;
        if (options.clock) quiet.clock = options.clock;
        await runSlot(plan, { ...ctx, options: quiet }, async () => undefined);
        continue;
      }
      await runSlot(plan, ctx, async ({ result, testScores }) => {
        if (testScores !== null && plan.slot !== 'global' && result.family === config.families[0]) {
          cross.push({
            homeType: plan.slot,
            family: result.family ?? 'network',
            scores: testScores,
            threshold: result.threshold,
          });
        }
        slots.push(result);
        options.onEvent?.({ type: 'slot-done', slot: plan.slot, family: result.family ?? 'network', result });
        await options.onSlotDone?.(result);
      });
    }
  } finally {
    ctx.base.network?.weights.forEach((t) => t.dispose());
  }
  const testLabels = Uint8Array.from(split.test, (r) => labels[r] ?? 0);
  const testHomeType = Uint8Array.from(split.test, (r) => table.homeType[r] ?? 0);
  return {
    slots,
    crossMatrix: buildCrossMatrix(cross, testLabels, testHomeType),
    featureNames: table.featureNames,
    testRows: split.test,
  };
}
