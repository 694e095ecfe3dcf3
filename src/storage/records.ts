import type { ChartCurves } from '../domain/evaluation/binary-metrics';
import type { BootstrapInterval } from '../domain/evaluation/bootstrap';
import type { CalibrationMethod, Calibrator } from '../domain/evaluation/calibration';
import type { GbdtConfig, GbdtModel } from '../domain/evaluation/gbdt';
import type { ThresholdRule } from '../domain/evaluation/operating-threshold';
import type { KeyRecall } from '../domain/evaluation/recall-by-key';
import type { SourceSoftmaxModel } from '../domain/evaluation/source-softmax';
import type { Standardizer } from '../domain/evaluation/standardize';
import type { CrossSourceResult, ModelRow, PerturbationRow } from '../domain/evaluation/home-type-evaluation';
import type { HomeType } from '../domain/home-types';
import type { Home } from '../domain/homes/home-schema';
// Type-only imports from ml/: erased at build time, so storage never loads TF.js.
import type { BackendChoice, BackendName } from '../ml/backend';
import type { ModelArtifacts } from '../ml/model-artifacts';
import type { NetworkConfig } from '../ml/network-config';
import type { EpochReport } from '../ml/train-loop';

/** What a stored column may be: one of the typed arrays IndexedDB can structured-clone. */
export type ColumnArray = Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array;
export type Columns = Record<string, ColumnArray>;

export type DatasetKind = 'classic' | 'temporal';
export type DatasetStatus = 'writing' | 'complete';

/** Counts shown in the dataset list and summary; computed while generating, never assumed. */
export interface DatasetSummary {
  rows: number;
  devices: number;
  homes: number | null;
  /** Share of rows whose label is positive (temporal label, or the legacy rule for classic data). */
  labelRate: number;
  labelName: string;
  byHomeType: Partial<Record<HomeType | 'none', number>>;
  byDeviceType: Record<string, number>;
  byScenario: Record<string, number>;
}

/**
 * Metadata of one dataset. Its rows live in `datasetChunks` so a large dataset never travels as one
 * structured clone; the record says `complete` only after every chunk is written.
 */
export interface DatasetRecord {
  id: string;
  name: string;
  kind: DatasetKind;
  status: DatasetStatus;
  createdAt: number;
  completedAt: number | null;
  /** The generator's full, validated input: with the app version it regenerates the identical dataset. */
  spec: Record<string, unknown>;
  appVersion: string;
  rowCount: number;
  chunkCount: number;
  sizeBytes: number;
  columns: string[];
  summary: DatasetSummary | null;
  jobId: string | null;
  /** Where the time went: pure generation vs writing to IndexedDB (ms), measured in the worker. */
  timings?: { generateMs: number; storeMs: number };
}

export interface DatasetChunkRecord {
  datasetId: string;
  index: number;
  rows: number;
  columns: Columns;
}

export type JobKind = 'generate-classic' | 'generate-temporal' | 'synthesise-homes' | 'train' | 'export';
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface JobProgress {
  /** 0…1 */
  fraction: number;
  phase: string;
  /** Milliseconds left, null while unknown. */
  etaMs: number | null;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  progress: JobProgress;
  createdAt: number;
  updatedAt: number;
  /** The tab that runs it: a job whose tab is gone was cut off (reload, crash, closed tab). */
  ownerTab: string;
  error: string | null;
  /** The record the job produces (dataset id…), so a cut-off job can be cleaned up. */
  resultId: string | null;
  note: string | null;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

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

export type { MetricName } from '../domain/evaluation/metric-labels';
import type { MetricName } from '../domain/evaluation/metric-labels';

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
  thresholdValidation?: { precision: number; recall: number; f1: number; falseAlarmsPer100DeviceMonths: number | null; note: string | null };
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

/**
 * One slot's test predictions (`runPredictions`, key [runId, slot]). Kept out of the run record, so listing
 * runs stays light however many test samples the runs had; the Compare page reads them for one run at a time.
 */
export type RunPredictionsRecord = {
  runId: string;
  /** The slot for networks; `trees:<slot>` for trees (see `predictionsKey`). */
  slot: string;
  labels: Uint8Array;
  scores: Float32Array;
  scenario: Int8Array;
  homeType: Uint8Array;
};

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

/** A slot's evaluation data (`runEvaluation`, key [runId, slot] as `runPredictions`); read by the evaluation worker. */
export type RunEvaluationRecord = { runId: string; slot: string } & SlotEvaluation;

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

/*
 * The two stored records below are type aliases, not interfaces: a type literal stays assignable to the
 * generic `{ id; [k: string]: unknown }` views (Settings › Storage) that an interface would not satisfy.
 */

/** A training run as stored in `runs` and returned by the training worker. */
export type RunRecord = {
  id: string;
  name: string;
  createdAt: number;
  completedAt: number | null;
  status: 'running' | 'done' | 'stopped' | 'failed';
  datasetId: string;
  datasetName: string;
  /** Dataset kind, spec and app version: enough to regenerate the data and retrain identically. */
  datasetManifest: DatasetManifest;
  config: RunConfig;
  backend: BackendChoice | null;
  featureNames: string[];
  slots: SlotResult[];
  crossMatrix: CrossMatrix | null;
  error: string | null;
  totalMs: number;
  /** Bytes this record and its models take, for Settings › Storage. */
  sizeBytes: number;
};

/** What regenerates a dataset exactly: its kind, the generator's validated spec and the app version. */
export interface DatasetManifest {
  kind: string;
  spec: Record<string, unknown>;
  appVersion: string;
}

/** What a stored model predicts: device failure, or (the home-type classifier) a home's type. */
export type ModelKind = 'failure' | 'home-type';

/**
 * A trained model in `models`: the TF.js artifacts plus everything inference needs (feature order, the
 * standardiser fitted on its training rows, the threshold) and where it came from.
 */
export type ModelRecord = {
  id: string;
  name: string;
  createdAt: number;
  kind: ModelKind;
  slot: SlotKey;
  /** Absent for models stored before trees existed: those are networks. */
  family?: ModelFamily;
  homeType: HomeType | null;
  datasetId: string;
  runId: string;
  /** Semver; the patch rises each time the same (kind, slot) is trained again: 1.0.0, 1.0.1, … */
  version: string;
  featureNames: string[];
  standardizer: Standardizer;
  threshold: number;
  /** How the threshold was chosen (absent for models trained before thresholds were chosen on validation: 0.5). */
  thresholdRule?: ThresholdRule;
  metrics: MetricSet;
  datasetManifest: DatasetManifest;
  /** Active TF.js backend it was trained on (same backend + config + data ⇒ same weights). */
  backend: string;
  /** TF.js artifacts of a network; null for trees. */
  artifacts: ModelArtifacts | null;
  /** The boosted trees (family 'trees'); they read raw features, so `standardizer` is unused for them. */
  trees?: GbdtModel;
  sizeBytes: number;
  appVersion: string;
  /** Calibrator applied to the model's output before the threshold (absent or null: none). */
  calibration?: Calibrator | null;
  /** Home-type classifiers only: how the model did on homes it never saw (by home, k-fold or holdout). */
  homeTypeEvaluation?: HomeTypeEvaluation;
  /**
   * Home-type classifiers trained since per-source standardisation: softmax regression on the picked
   * feature groups with each training source's statistics and the pooled ones (plain data, no TF.js;
   * `artifacts` is null). Absent in older home-type records, which are TF.js networks on all features
   * scaled by `standardizer`.
   */
  homeTypeModel?: SourceSoftmaxModel;
};

/** Out-of-sample evaluation of a home-type classifier, stored with it. */
export interface HomeTypeEvaluation {
  evaluation: 'holdout' | 'kfold';
  homes: number;
  accuracy: BootstrapInterval;
  macroF1: BootstrapInterval;
  perClass: { precision: BootstrapInterval; recall: BootstrapInterval; support: number }[];
  /** 8 × 8, rows = true home type, columns = predicted (HOME_TYPES order). */
  confusion: number[][];
  baseline: { feature: string; accuracy: number; macroF1: number };
  targets: { accuracy: boolean; macroF1: boolean; perClassPrecision: boolean; lowestPrecision: number };
  /** Per home type, the mean and sd of every feature (for the distribution view). */
  featureStats: { mean: number[]; sd: number[] }[];
  /** Evaluation (every fold's model and the bootstrap) plus the final model. */
  trainMs: number;
  /** The final model alone, trained on every home. */
  finalTrainMs: number;
  /**
   * Issue 12, within and across home sources: the source × source matrix, leave-one-source-out with the
   * targets' verdict, the ablations and baselines, the perturbation checks. Optional: records saved
   * before it lack them and stay readable (the page then asks for a retrain to see them).
   */
  crossSource?: CrossSourceResult;
  models?: ModelRow[];
  perturbations?: PerturbationRow[];
}

/**
 * A stored home (`homes`): the domain Home plus where it came from and how its events were made. A type
 * literal built from Home by a mapped type, so it stays assignable to the generic storage views.
 * Never holds the API key: `llm` carries only the model, request id and token counts.
 */
export type HomeRecord = { [K in keyof Home]: Home[K] } & {
  /** Epoch ms; the store's `by-created` index. */
  createdAt: number;
  /** The synthesis run that made it, and its position in that run's plan. */
  runId: string;
  planIndex: number;
  /** Inputs of its event simulation: with `seed` and `id` they regenerate the identical events. */
  timeZone: string;
  startDate: string;
  days: number;
  eventCount: number;
  chunkCount: number;
  /** Estimated cost of the LLM calls that made it (US dollars); null for templates or unknown prices. */
  costUsd: number | null;
  /** The home record plus its event chunks, for Settings › Storage. */
  sizeBytes: number;
};

/**
 * One chunk of a home's events (`homeEvents`, key [homeId, index]), columnar and self-contained: `state`
 * indexes this chunk's own `states` table.
 */
export type HomeEventsChunkRecord = {
  homeId: string;
  index: number;
  entityIndex: Uint16Array;
  /** UTC epoch ms, ascending across the chunks of a home. */
  time: Float64Array;
  state: Uint16Array;
  states: string[];
};

/** The family of a slot result or model record (records made before trees existed are networks). */
export function familyOf(r: { family?: ModelFamily }): ModelFamily {
  return r.family ?? 'network';
}

/** Key of a slot's stored test predictions: the slot for networks (as before trees existed), `trees:<slot>` for trees. */
export function predictionsKey(r: { slot: SlotKey; family?: ModelFamily }): string {
  return familyOf(r) === 'network' ? r.slot : `${familyOf(r)}:${r.slot}`;
}
