import type { DatasetKind, DatasetManifest } from '../domain/dataset-manifest';
import type { HomeType } from '../domain/home-types';
import type { Home } from '../domain/homes/home-schema';
import type { JobKind, JobProgress, JobStatus } from '../domain/jobs/job-types';
import type { TrainedModel } from '../domain/models/model-types';
import type { BackendChoice } from '../domain/training/backends';
import type { CrossMatrix, RunConfig, SlotEvaluation, SlotResult } from '../domain/training/run-types';

/** What a stored column may be: one of the typed arrays IndexedDB can structured-clone. */
export type ColumnArray = Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array;
export type Columns = Record<string, ColumnArray>;

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

/** A slot's evaluation data (`runEvaluation`, key [runId, slot] as `runPredictions`); read by the evaluation worker. */
export type RunEvaluationRecord = { runId: string; slot: string } & SlotEvaluation;

/**
 * A training run as stored in `runs` and returned by the training worker. A type alias, not an interface: a
 * type literal stays assignable to the generic `{ id; [k: string]: unknown }` views (Settings › Storage) that
 * an interface would not satisfy.
 */
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

/** A trained model as stored in `models`. */
export type ModelRecord = TrainedModel;

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
