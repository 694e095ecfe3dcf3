import type { ClassicSpec } from '../domain/classic/classic-spec';
import type { Metric } from '../domain/device-types';
import type { DatasetProfiles } from '../domain/explore/profiles';
import type { LabelHistogram } from '../domain/explore/label-histogram';
import type { TemporalSpec } from '../domain/temporal/spec';
import type { DatasetRecord } from '../storage/records';
import type { ProgressCallback } from './job-types';

export interface GenerateClassicRequest {
  jobId: string;
  datasetId: string;
  name: string;
  spec: ClassicSpec;
  appVersion: string;
  createdAt: number;
}

export interface GenerateTemporalRequest {
  jobId: string;
  datasetId: string;
  name: string;
  spec: TemporalSpec;
  appVersion: string;
  createdAt: number;
}

/**
 * original-json: classic rows as `large_training_data.json`; csv: every column; samples-json: temporal
 * samples; snapshot-json: one classic-format row per device of a temporal dataset; manifest: what regenerates it.
 */
export type DatasetExportFormat =
  'original-json' | 'csv' | 'samples-json' | 'snapshot-json' | 'manifest' | 'parquet' | 'series-parquet';

/** One device's raw series, regenerated from (seed, device index) and downsampled for a chart. */
export interface DeviceSeries {
  deviceIndex: number;
  homeIndex: number;
  homeType: string;
  deviceType: string;
  metric: Metric;
  time: Float64Array;
  values: Float32Array;
  rawSteps: number;
  truth: { scenario: string | null; precursorStart: number; failureTime: number };
}

/** The generator worker's whole contract: types only, imported by both sides with `import type`. */
export interface GeneratorApi {
  /** Generates and stores a classic dataset chunk by chunk; resolves with the complete record. */
  generateClassic(req: GenerateClassicRequest, onProgress: ProgressCallback): Promise<DatasetRecord>;
  /** Generates and stores a temporal dataset (whole homes per chunk); resolves with the complete record. */
  generateTemporal(req: GenerateTemporalRequest, onProgress: ProgressCallback): Promise<DatasetRecord>;
  /** A device's raw series for any metric, regenerated exactly and downsampled to `maxPoints`. */
  deviceSeries(datasetId: string, deviceIndex: number, metric: Metric, maxPoints: number): Promise<DeviceSeries>;
  /** Hour-of-day, weekday and monthly profiles of a metric from regenerated devices. */
  profiles(datasetId: string, metric: Metric): Promise<DatasetProfiles>;
  /** Distribution of one sample feature for positive and negative samples. */
  featureHistogram(datasetId: string, featureIndex: number): Promise<LabelHistogram>;
  /** Cooperative cancel: the job stops after its current chunk, removes what it wrote and rejects. */
  cancel(jobId: string): void;
  /**
   * Builds an export file off the main thread, with progress; `cancel(jobId)` stops it at the next stored
   * chunk (or batch of regenerated devices) and it rejects with a cancelled error.
   */
  exportDataset(
    datasetId: string,
    format: DatasetExportFormat,
    jobId: string,
    onProgress: ProgressCallback,
  ): Promise<{ blob: Blob; fileName: string }>;
  /** Liveness check used to notice a worker that died without an error event. */
  ping(): Promise<'pong'>;
}
