import type { Metric } from '../domain/device-types';
import type { FailurePrediction, RiskLevel } from '../domain/evaluation/risk';
import type { HomeType } from '../domain/home-types';
import type { ModelFamily, SlotKey } from '../domain/training/run-types';
import type { FeatureSetName } from '../ml/feature-sets';
import type { TreesShape } from '../ml/model-body';
import type { ModelHealth } from '../ml/model-health';
import type { ModelFileInput } from '../ml/model-import';
import type { ModelSnippets } from '../ml/model-snippet';
import type { ModelRecord } from '../storage/records';

export type { FeatureSetName } from '../ml/feature-sets';
export type { HealthCheck, ModelHealth } from '../ml/model-health';
export type { ModelFileInput } from '../ml/model-import';
export type { ModelSnippets } from '../ml/model-snippet';

/** `runId` and `datasetId` of imported models: they have no run or dataset in this browser. */
export type ImportedMarker = 'imported';

/** A stored model as the UI lists it: the record without its weights or trees, plus what they amount to. */
export type ModelSummary = Omit<ModelRecord, 'artifacts' | 'trees' | 'family'> & {
  /** Always set here (records stored before trees existed are networks). */
  family: ModelFamily;
  /** A network's weights; a trees model's JSON. */
  weightBytes: number;
  /** A network's weights; a trees model's split thresholds and leaf values. */
  parameters: number;
  /** e.g. ["Dense 32 relu", "Dropout 0.1", "Dense 1 sigmoid"]; empty for trees. */
  layers: string[];
  /** Trees only: how many, their leaves and depth. */
  trees: TreesShape | null;
  generatedBy: string;
  imported: boolean;
};

/**
 * single: one self-contained JSON file (the default, and the only model file of trees); layers: model.json
 * + weights.bin (networks only); card: Markdown.
 */
export type ExportFormat = 'single' | 'layers' | 'card';

/** A file to download; binary data arrives as an ArrayBuffer. */
export interface ExportedFile {
  name: string;
  mime: string;
  data: string | ArrayBuffer;
}

/** What an import stored. */
export interface ImportOutcome {
  id: string;
  name: string;
  /** The version it got here (its slot's next version in this browser). */
  version: string;
  /** The version it had where it was exported. */
  originalVersion: string;
  slot: SlotKey;
  family: ModelFamily;
  source: 'single-file' | 'layers';
}

/** One device, from the form (the 11 metrics of a classic row) or as pasted JSON. */
export type DeviceInput =
  | { kind: 'form'; values: Partial<Record<Metric, number>> }
  /**
   * The original `/predict` body `{"device_id", "metrics": {…}}`, or a flat object of features (classic
   * metrics or temporal window features); a `home_type` or `device_id` in it overrides the form's.
   */
  | { kind: 'json'; text: string };

export interface PredictRequest {
  deviceId: string;
  homeType: HomeType | null;
  input: DeviceInput;
  /**
   * The model to use, as the user picked it; absent: routed to the newest model of the device's home type,
   * else the newest global model (of either family).
   */
  modelId?: string;
}

/** Which model answered one prediction: its family and threshold say how the probability became a decision. */
export interface UsedModel {
  id: string;
  name: string;
  version: string;
  slot: SlotKey;
  family: ModelFamily;
}

/** The original prediction object plus how it was routed and what the input lacked. */
export interface PredictionResult {
  prediction: FailurePrediction;
  /** Unrounded P(failure) in [0, 1]: calibrated when the model has a calibrator, as its threshold is. */
  probability: number;
  /** The model's operating threshold: predicted to fail when probability >= threshold. */
  threshold: number;
  predictedFailure: boolean;
  model: UsedModel;
  /** `chosen`: the model the request named. */
  routedTo: 'home-type' | 'global' | 'chosen';
  /** Set when the device's home type had no model and the global model answered. */
  note: string | null;
  homeType: HomeType | null;
  featureSet: FeatureSetName;
  /**
   * Features the input did not give: for a network 0 in classic rows (as the original) and the training mean
   * in temporal ones; for trees missing (NaN), routed down each split's missing-value branch.
   */
  missing: string[];
}

export interface BatchRequest {
  /** CSV text: the model's feature columns, optionally home_type and device_id; other columns are ignored. */
  csv: string;
  fileName: string;
  /** Only this family's models answer; absent: the newest model of each slot, whatever its family. */
  family?: ModelFamily;
}

/** One output row (also a line of the result CSV). */
export interface BatchRow {
  device_id: string;
  home_type: string;
  model_slot: string;
  model_version: string;
  model_family: ModelFamily;
  routed_to: 'home-type' | 'global';
  /** A percent rounded to 2 decimals, as the original API returned it. */
  failure_probability: number;
  /** The unrounded P(failure) in [0, 1]: calibrated when the model has a calibrator, as its threshold is. */
  probability: number;
  /** The model's operating threshold: predicted_failure = probability >= threshold. */
  threshold: number;
  risk_level: RiskLevel;
  predicted_failure: 0 | 1;
  recommendations: string;
}

export interface BatchResult {
  csv: string;
  fileName: string;
  rows: number;
  featureSet: FeatureSetName;
  byRisk: Record<RiskLevel, number>;
  byModel: (UsedModel & { threshold: number; rows: number })[];
  /** Fallbacks and defaults that applied, each with its row count. */
  notes: string[];
  preview: BatchRow[];
}

/** The models worker's whole contract: types only, imported by both sides with `import type`. */
export interface ModelsApi {
  /** Loads the stored model afresh, runs it on a known row and reports the checks with latencies. */
  checkHealth(modelId: string): Promise<ModelHealth>;
  /** The files of one export format (two for `layers`). */
  exportModel(modelId: string, format: ExportFormat, appVersion: string): Promise<ExportedFile[]>;
  /** Copy-paste code that loads the exported model in a web page and in Node. */
  snippets(modelId: string): Promise<ModelSnippets>;
  /** Validates model files and stores the model under a new id; rejects (storing nothing) with a clear message. */
  importModel(files: ModelFileInput[], appVersion: string): Promise<ImportOutcome>;
  /** Predicts one device with the model it names, else its home type's model, else the global model with a note. */
  predict(req: PredictRequest): Promise<PredictionResult>;
  /** Predicts every row of a CSV, each routed by its home_type; returns the result CSV. */
  predictBatch(req: BatchRequest): Promise<BatchResult>;
  ping(): Promise<'pong'>;
}
