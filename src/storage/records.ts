import type { HomeType } from '../domain/home-types';

/** What a stored column may be: any typed array IndexedDB can structured-clone. */
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
