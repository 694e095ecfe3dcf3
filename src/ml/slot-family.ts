import { chartCurves, confusionAt } from '../domain/evaluation/binary-metrics';
import { metricsFromConfusion } from '../domain/evaluation/confusion-matrix';
import { calibrateScores, fitCalibrator, keepsRanking, type Calibrator } from '../domain/evaluation/calibration';
import { rankScores } from '../domain/evaluation/ranked-scores';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { HOME_TYPES } from '../domain/home-types';
import { deriveSeed } from '../domain/random';
import type {
  BaselineName,
  EvaluationPart,
  ModelFamily,
  ReplicateSet,
  RunConfig,
  SlotBaselines,
  SlotResult,
} from '../domain/training/run-types';
import type { FamilyFit } from './family-fit';
import { TREES_BACKEND } from './finished-model-record';
import type { SlotPlan } from './run-plan';
import type { SlotData } from './slot-data';
import { baselineMetrics, chooseThresholdOrHalf, metricSet, scenarioRecall } from './slot-evaluation';
import type { TrainingTable } from './training-table';
import { DEFAULT_THRESHOLD, type SlotContext } from './train-run-types';

export function emptyResult(
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
export interface BaselineOutcome {
  metrics: SlotBaselines;
  replicates: Partial<Record<BaselineName, ReplicateSet>>;
}

/** The four baselines of a slot, shared by its families (they depend on the data only). */
export function slotBaselines(data: SlotData, ctx: SlotContext): BaselineOutcome {
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
      seed: deriveSeed(0, 'stump', ctx.options.dataKey, plan.slot),
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
export interface EvaluatedFamily {
  result: SlotResult;
  testScores: Float32Array | null;
}

/**
 * Calibration and threshold on validation, metrics on test, and the model saved when it finished. With
 * calibration, every score (validation, test, the cross matrix's) is calibrated before anything reads it.
 */
export async function evaluateFamily(
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
