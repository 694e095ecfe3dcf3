import type { ClassicSpec } from '../domain/classic/classic-spec';
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

export type DatasetExportFormat = 'original-json' | 'csv';

/** The generator worker's whole contract: types only, imported by both sides with `import type`. */
export interface GeneratorApi {
  /** Generates and stores a classic dataset chunk by chunk; resolves with the complete record. */
  generateClassic(req: GenerateClassicRequest, onProgress: ProgressCallback): Promise<DatasetRecord>;
  /** Cooperative cancel: the job stops after its current chunk, removes what it wrote and rejects. */
  cancel(jobId: string): void;
  /** Builds an export file from the stored chunks, off the main thread. */
  exportDataset(datasetId: string, format: DatasetExportFormat): Promise<{ blob: Blob; fileName: string }>;
  /** Liveness check used to notice a worker that died without an error event. */
  ping(): Promise<'pong'>;
}
