import type { DatasetManifest } from '../dataset-manifest';
import type { BootstrapInterval } from '../evaluation/bootstrap';
import type { Calibrator } from '../evaluation/calibration';
import type { GbdtModel } from '../evaluation/gbdt';
import type { CrossSourceResult, ModelRow, PerturbationRow } from '../evaluation/home-type-evaluation';
import type { ThresholdRule } from '../evaluation/operating-threshold';
import type { SourceSoftmaxModel } from '../evaluation/source-softmax';
import type { Standardizer } from '../evaluation/standardize';
import type { HomeType } from '../home-types';
import type { MetricSet, ModelFamily, SlotKey } from '../training/run-types';

/** One weight of a layers model: name, shape and type (the shape of TF.js's weights-manifest entry, as plain data). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  group?: 'model' | 'optimizer';
  quantization?: { scale?: number; min?: number; dtype: 'uint16' | 'uint8' | 'float16' };
}

/** A layers model as plain, structured-clone-friendly data: what IndexedDB stores and exports carry. */
export interface ModelArtifacts {
  modelTopology: object;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
  format: string;
  generatedBy: string;
  convertedBy: string | null;
}

/** What a stored model predicts: device failure, or (the home-type classifier) a home's type. */
export type ModelKind = 'failure' | 'home-type';

/**
 * A trained model (what `models` stores): the TF.js artifacts plus everything inference needs (feature order,
 * the standardiser fitted on its training rows, the threshold) and where it came from. A type alias, not an
 * interface: a type literal stays assignable to the generic `{ id; [k: string]: unknown }` views (Settings ›
 * Storage) that an interface would not satisfy.
 */
export type TrainedModel = {
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
