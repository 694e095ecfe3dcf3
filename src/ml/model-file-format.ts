import { z } from 'zod';
import type { DatasetManifest } from '../domain/dataset-manifest';
import type { BootstrapInterval } from '../domain/evaluation/bootstrap';
import { calibratorSchema, type Calibrator } from '../domain/evaluation/calibration';
import { gbdtConfigSchema, type GbdtConfig, type GbdtModel } from '../domain/evaluation/gbdt';
import { thresholdRuleSchema, type ThresholdRule } from '../domain/evaluation/operating-threshold';
import { standardizerSchema, type Standardizer } from '../domain/evaluation/standardize';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import type { ModelKind } from '../domain/models/model-types';
import { networkConfigSchema, type NetworkConfig } from '../domain/training/network-config';
import type { LabelChoice, MetricSet, ModelFamily, SampleCounts, SlotKey } from '../domain/training/run-types';

/** `format` of HomeSynth model files (the single JSON file, and the metadata inside a layers model.json). */
export const MODEL_FILE_FORMAT = 'homesynth-model';
/**
 * Version of the model file layout this app writes and the newest it reads. Raise it when the layout
 * changes incompatibly; older apps then refuse newer files with a clear message instead of misreading them.
 * 2: `model.family` ('network' | 'trees', a trees model as `{ family: 'trees', trees }`), and in the metadata
 * `family`, `thresholdRule` and `standardizer.clip` (a v1 reader would ignore the clip and mispredict).
 * 3: `metadata.calibration`, the Platt or isotonic map applied to the model's output before the threshold.
 * The threshold of a calibrated model was chosen on calibrated validation scores, so a v2 reader, which
 * would ignore the calibrator, would compare a raw probability with a calibrated threshold and mispredict.
 * Version 1 files (networks only, no clip) and version 2 files (no calibration: none) are still read.
 */
export const MODEL_FILE_VERSION = 3;
/** Key of our metadata inside a layers model.json's `userDefinedMetadata` (what `model.getUserDefinedMetadata()` returns). */
export const LAYERS_METADATA_KEY = 'homesynth';

/** What the operating threshold achieved on the validation devices it was chosen on. */
export interface ThresholdValidation {
  precision: number;
  recall: number;
  f1: number;
  /** Null without sample times (classic data). */
  falseAlarmsPer100DeviceMonths: number | null;
  /** Why the rule could not be met exactly; null when it was. */
  note: string | null;
}

/** How a model was trained, from its run; absent for models whose run is gone (e.g. imported ones). */
export interface TrainingProvenance {
  runName: string;
  label: LabelChoice;
  split: 'grouped' | 'time';
  /** The run's network settings (networks; null for trees and in files where it was not recorded). */
  network: NetworkConfig | null;
  /** The run's boosted-trees settings (trees; null for networks and in version 1 files). */
  trees: GbdtConfig | null;
  counts: SampleCounts;
  /** Share of positive test samples (NaN without test samples). */
  baseRate: number;
  /** Epochs (network) or boosting rounds (trees) trained. */
  epochs: number;
  /** 0-based best epoch or round, whose weights or trees were kept. */
  bestEpoch: number;
  /** Null when not recorded (runs made before thresholds were chosen on validation). */
  thresholdValidation: ThresholdValidation | null;
}

/** Everything inference and provenance need besides the network itself. */
export interface ModelFileMetadata {
  format: typeof MODEL_FILE_FORMAT;
  formatVersion: number;
  name: string;
  kind: ModelKind;
  slot: SlotKey;
  /** 'network' (TF.js, standardised inputs) or 'trees' (boosted trees, raw inputs); version 1 files are networks. */
  family: ModelFamily;
  homeType: HomeType | null;
  version: string;
  /** ISO time the model was stored after training. */
  trainedAt: string;
  /** Input columns in the order the model reads them. */
  featureNames: string[];
  /**
   * Per-feature mean and std, fitted on the training rows only: a network reads x' = (x − mean) / std,
   * clipped to ±clip when `clip` is set. Trees read raw values; for them it only describes the training data.
   */
  standardizer: Standardizer;
  /** A device counts as failing when the calibrated P(failure) p' >= threshold. */
  threshold: number;
  /** How the threshold was chosen on validation devices; null when not recorded (older models used a fixed 0.5). */
  thresholdRule: ThresholdRule | null;
  /**
   * Maps the network's or trees' output p to the calibrated probability p' (see `applyCalibrator`); null:
   * none (p' = p; always null in version 1 and 2 files). Fitted on the validation devices.
   */
  calibration: Calibrator | null;
  metrics: MetricSet;
  datasetManifest: DatasetManifest;
  /** TF.js backend it was trained on. */
  backend: string;
  /** The app that wrote this file. */
  appVersion: string;
  trainedWithAppVersion: string;
  sourceModelId: string;
  exportedAt: string;
  training: TrainingProvenance | null;
}

/** One weight tensor of the topology, as TF.js lists it in `weightSpecs` / `weightsManifest[].weights`. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
}

/** The `model` block of a network: TF.js topology and weights in base64 (`family` is absent in version 1 files). */
export interface NetworkModelBlock {
  family: 'network';
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: object;
  weightSpecs: WeightSpec[];
  weightsBase64: string;
}

/** The `model` block of boosted trees: the trees as flat arrays (see docs/model-format.md). */
export interface TreesModelBlock {
  family: 'trees';
  trees: GbdtModel;
}

/** The single self-contained JSON file: the model (network or trees) and the metadata. */
export interface SingleModelFile {
  format: typeof MODEL_FILE_FORMAT;
  formatVersion: number;
  model: NetworkModelBlock | TreesModelBlock;
  metadata: ModelFileMetadata;
}

/** Bytes per element of each weight dtype TF.js layers models store. */
export const DTYPE_BYTES: Readonly<Record<WeightSpec['dtype'], number>> = { float32: 4, int32: 4, bool: 1 };

/** JSON has no NaN: a metric that was undefined (e.g. AUC without positives) is written as null. */
const jsonNumber = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

const intervalSchema: z.ZodType<BootstrapInterval, unknown> = z.object({
  estimate: jsonNumber,
  low: jsonNumber,
  high: jsonNumber,
  level: z.number(),
  resamples: z.number(),
  valid: z.number(),
});

export const metricSetSchema: z.ZodType<MetricSet, unknown> = z.object({
  accuracy: intervalSchema,
  precision: intervalSchema,
  recall: intervalSchema,
  f1: intervalSchema,
  rocAuc: intervalSchema,
  prAuc: intervalSchema,
  logLoss: intervalSchema,
});

const countsSchema: z.ZodType<SampleCounts, unknown> = z.object({
  train: z.number().int().min(0),
  val: z.number().int().min(0),
  test: z.number().int().min(0),
  trainPositives: z.number().int().min(0),
  testPositives: z.number().int().min(0),
  trainGroups: z.number().int().min(0),
  testGroups: z.number().int().min(0),
});

const thresholdValidationSchema: z.ZodType<ThresholdValidation, unknown> = z.object({
  precision: jsonNumber,
  recall: jsonNumber,
  f1: jsonNumber,
  falseAlarmsPer100DeviceMonths: z.number().nullable(),
  note: z.string().nullable(),
});

const provenanceSchema: z.ZodType<TrainingProvenance, unknown> = z.object({
  runName: z.string(),
  label: z.enum(['horizon', 'injected', 'legacy']),
  split: z.enum(['grouped', 'time']),
  network: networkConfigSchema.nullable().default(null),
  trees: gbdtConfigSchema.nullable().default(null),
  counts: countsSchema,
  baseRate: jsonNumber,
  epochs: z.number().int().min(0),
  bestEpoch: z.number().int(),
  thresholdValidation: thresholdValidationSchema.nullable().default(null),
});

/** Validates the metadata block (format and version are checked first by the importer, for clearer messages). */
export const modelFileMetadataSchema: z.ZodType<ModelFileMetadata, unknown> = z.object({
  format: z.literal(MODEL_FILE_FORMAT),
  formatVersion: z.number().int().min(1),
  name: z.string().min(1),
  kind: z.enum(['failure', 'home-type']),
  slot: z.enum(['global', ...HOME_TYPES]),
  // Version 1 files have no family: they are networks.
  family: z.enum(['network', 'trees'], { message: 'the model family must be "network" or "trees"' }).default('network'),
  homeType: z.enum(HOME_TYPES).nullable(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.2'),
  trainedAt: z.string(),
  featureNames: z.array(z.string()),
  standardizer: standardizerSchema.refine(
    (s) => [...s.mean, ...s.std].every(Number.isFinite),
    'mean and std must be finite numbers',
  ),
  threshold: z
    .number({ message: 'the threshold must be a number' })
    .gt(0, 'the threshold must be above 0 and below 1')
    .lt(1, 'the threshold must be above 0 and below 1'),
  thresholdRule: thresholdRuleSchema.nullable().default(null),
  // Version 1 and 2 files have no calibration: their threshold applies to the model's output itself.
  calibration: calibratorSchema.nullable().default(null),
  metrics: metricSetSchema,
  datasetManifest: z.object({ kind: z.string(), spec: z.record(z.string(), z.unknown()), appVersion: z.string() }),
  backend: z.string(),
  appVersion: z.string(),
  trainedWithAppVersion: z.string(),
  sourceModelId: z.string(),
  exportedAt: z.string(),
  training: provenanceSchema.nullable().default(null),
});

export const weightSpecSchema: z.ZodType<WeightSpec, unknown> = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32', 'bool'], { message: 'dtype must be float32, int32 or bool' }),
});

/** The `model` block of a single-file network, weights still in base64 (`family` is checked by the importer). */
export const singleFileModelSchema = z.object({
  format: z.string(),
  generatedBy: z.string(),
  convertedBy: z.string().nullable().default(null),
  modelTopology: z.record(z.string(), z.unknown()),
  weightSpecs: z.array(weightSpecSchema),
  weightsBase64: z.string({ message: 'the weights (weightsBase64) are missing' }),
});

/** A layers-format model.json as TF.js writes it. */
export const layersModelJsonSchema = z.object({
  format: z.string().default('layers-model'),
  generatedBy: z.string().default('unknown'),
  convertedBy: z.string().nullable().default(null),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()), weights: z.array(weightSpecSchema) }))
    .min(1, 'the weights manifest is empty'),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
});

/** Replaces non-finite numbers by null, deeply, so JSON.stringify keeps the file's meaning explicit. */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}
