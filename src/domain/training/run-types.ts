import type { ChartCurves } from '../evaluation/binary-metrics';
import type { BootstrapInterval } from '../evaluation/bootstrap';
import type { CalibrationMethod, Calibrator } from '../evaluation/calibration';
import type { GbdtConfig } from '../evaluation/gbdt';
import type { MetricName } from '../evaluation/metric-labels';
import type { ThresholdRule } from '../evaluation/operating-threshold';
import type { KeyRecall } from '../evaluation/recall-by-key';
import type { HomeType } from '../home-types';
import type { BackendName } from './backends';
import type { NetworkConfig } from './network-config';

/*
 * The vocabulary of a training run, shared by the ML code that trains it, the storage that keeps it, the
 * workers that run it and the pages that show it: plain, structured-clone-friendly data only.
 */

/**
 * Which label a run learns. `horizon` (temporal datasets): the device fails within H days — the honest task.
 * `injected` (classic datasets): the row had an injected failure scenario. `legacy`: the original
 * three-threshold rule over three inputs — leaks, kept for comparison with the original only.
 */
export type LabelChoice = 'horizon' | 'injected' | 'legacy';

/** A model family: the TF.js dense network, or gradient-boosted decision trees. */
export type ModelFamily = 'network' | 'trees';
export const MODEL_FAMILIES: readonly ModelFamily[] = ['network', 'trees'];

export interface RunConfig {
  network: NetworkConfig;
  /** Which families each slot trains (at least one); older runs trained the network only. */
  families: ModelFamily[];
  trees: GbdtConfig;
  backend: BackendName;
  label: LabelChoice;
  /** grouped: all samples of a device on one side, stratified by label; time: train on earlier, test on later. */
  split: 'grouped' | 'time';
  testFraction: number;
  valFraction: number;
  perHomeType: boolean;
  global: boolean;
  bootstrapResamples: number;
  /** How each model's operating threshold is chosen on its validation devices. */
  thresholdRule: ThresholdRule;
  /**
   * Training rows keep every positive and at most this many negatives per positive (a seeded sample of
   * the rest; null keeps all). Rare labels leave hundreds of near-identical healthy windows per failure.
   */
  negativesPerPositive: number | null;
  /**
   * Calibration fitted on each model's validation devices and applied to its scores (thresholds, metrics,
   * predictions, exports); absent in runs made before calibration existed (none).
   */
  calibration?: CalibrationMethod;
}

/** A model slot: the global model, or one home type's model. */
export type SlotKey = 'global' | HomeType;

/** One epoch of a network's training, as the fit loop reports it. */
export interface EpochReport {
  epoch: number;
  /** Mean training loss (class-weighted when class weights are on). */
  loss: number;
  /** Unweighted validation log loss. */
  valLoss: number;
  /** Validation PR-AUC (binary models; NaN for the multiclass classifier). */
  valPrAuc?: number;
  learningRate?: number;
  samplesPerSecond: number;
  elapsedMs: number;
  bestEpoch: number;
}

/** Every metric on the test set with its 95 % bootstrap interval. */
export type MetricSet = Record<MetricName, BootstrapInterval>;

export interface SampleCounts {
  train: number;
  val: number;
  test: number;
  trainPositives: number;
  testPositives: number;
  /** Devices (or rows, for classic data) in each part: what the grouped split keeps apart. */
  trainGroups: number;
  testGroups: number;
}

/** Baselines of a slot; `stump` (best single feature on training devices) is absent in older runs. */
export interface SlotBaselines {
  majority: MetricSet;
  legacyRule: MetricSet;
  logistic: MetricSet;
  stump?: MetricSet;
  stumpFeature?: string;
}

export interface SlotResult {
  slot: SlotKey;
  /** Absent in runs made before trees existed: those slots are networks. */
  family?: ModelFamily;
  /** `insufficient`: too few samples or positives to train honestly (an explicit, visible state). */
  status: 'done' | 'insufficient' | 'stopped' | 'failed';
  reason: string | null;
  counts: SampleCounts;
  /** Share of positive test samples. */
  baseRate: number;
  history: EpochReport[];
  bestEpoch: number;
  trainMs: number;
  backend: string;
  modelId: string | null;
  /** Operating threshold, chosen on validation devices by `thresholdRule`; the metrics are taken at it. */
  threshold: number;
  thresholdRule?: ThresholdRule;
  /** What the threshold achieved on the validation devices, and why a rule could not be met (if so). */
  thresholdValidation?: {
    precision: number;
    recall: number;
    f1: number;
    falseAlarmsPer100DeviceMonths: number | null;
    note: string | null;
  };
  /** Test F1 at the fixed 0.5 threshold, for comparison with the original (secondary). */
  f1At05?: number;
  metrics: MetricSet | null;
  /** Baselines on the same test set, each at its own validation-chosen threshold, so the lift is visible. */
  baselines: SlotBaselines | null;
  /** Test labels and scores, so the threshold control recomputes the confusion matrix exactly. */
  test: { labels: Uint8Array; scores: Float32Array; scenario: Int8Array; homeType: Uint8Array } | null;
  /** Test ROC and precision–recall curves, downsampled (absent in older runs: the page computes them). */
  curves?: ChartCurves;
  /** The calibrator fitted on validation devices and applied to `test.scores` and the threshold; null or absent: none. */
  calibration?: Calibrator | null;
  /**
   * What the Compare page's evaluation worker reads (stored in `runEvaluation`, never in the run record):
   * validation and test parts with homes, devices and times, and the bootstrap replicates for paired intervals.
   */
  evaluation?: SlotEvaluation | null;
  /** Recall per failure scenario (FAILURE_SCENARIOS order) at the threshold. */
  scenarioRecall: KeyRecall[];
}

/** One part (validation or test) of a slot's samples with what event-level metrics and home clusters need. */
export interface EvaluationPart {
  labels: Uint8Array;
  /** The model's scores, calibrated when the run calibrates. */
  scores: Float32Array;
  /** Scores before calibration; null when the run does not calibrate (then equal to `scores`). */
  rawScores: Float32Array | null;
  /** Home of each sample: the cluster the bootstrap resamples. */
  home: Uint32Array;
  device: Uint32Array;
  /** Index into HOME_TYPES (per-home-type thresholds of the global model read it). */
  homeType: Uint8Array;
  scenario: Int8Array;
  /** Sample times and device failure times (epoch ms, NaN: never fails); null without time (classic rows). */
  time: Float64Array | null;
  failureTime: Float64Array | null;
}

/** Per-replicate metric values of one scorer (same replicates for every scorer of the slot). */
export type ReplicateSet = Record<'prAuc' | 'rocAuc' | 'f1' | 'logLoss', Float32Array>;

/** Names of the baselines whose replicates are kept. */
export type BaselineName = 'majority' | 'legacyRule' | 'logistic' | 'stump';

export interface SlotEvaluation {
  /** Label horizon in ms (0 for data without time). */
  horizonMs: number;
  val: EvaluationPart | null;
  test: EvaluationPart;
  /** Bootstrap replicates over test homes, the model's and its baselines', drawn with one seed: paired. */
  replicates: { resamples: number; model: ReplicateSet; baselines: Partial<Record<BaselineName, ReplicateSet>> };
}

/** F1 of the model trained on home type `rows[i]`, tested on home type `cols[j]`'s test set. */
export interface CrossMatrix {
  rows: HomeType[];
  cols: HomeType[];
  f1: number[][];
  /** Positive test samples per column: cells over few positives are noise. */
  colPositives: number[];
  /** The family whose per-home-type models fill the matrix (networks in runs made before trees existed). */
  family?: ModelFamily;
}

/** The family of a slot result or model record (records made before trees existed are networks). */
export function familyOf(r: { family?: ModelFamily }): ModelFamily {
  return r.family ?? 'network';
}

/** Key of a slot's stored test predictions: the slot for networks (as before trees existed), `trees:<slot>` for trees. */
export function predictionsKey(r: { slot: SlotKey; family?: ModelFamily }): string {
  return familyOf(r) === 'network' ? r.slot : `${familyOf(r)}:${r.slot}`;
}
