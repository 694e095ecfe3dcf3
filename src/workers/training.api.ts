import type { RunConfig, SlotKey } from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';
import type { RunRecord } from '../storage/records';
import type { ProgressCallback } from './job-types';

/** The stored run record is what `train` resolves with; re-exported so callers import the contract from one place. */
export type { RunRecord } from '../storage/records';

export interface TrainRequest {
  runId: string;
  name: string;
  datasetId: string;
  config: RunConfig;
  createdAt: number;
  appVersion: string;
}

/** The training worker's whole contract: types only, imported by both sides with `import type`. */
export interface TrainingApi {
  /**
   * Trains the run's models one after another on a stored dataset; streams events, persists each model and
   * the run record as each model finishes; resolves with the final run record.
   */
  train(req: TrainRequest, onEvent: (e: TrainingEvent) => void, onProgress: ProgressCallback): Promise<RunRecord>;
  /** Stops one model (slot) or, with null, the whole run, cooperatively between batches. */
  stop(runId: string, slot: SlotKey | null): void;
  ping(): Promise<'pong'>;
}
