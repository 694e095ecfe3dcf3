import type { BackendChoice } from '../ml/backend';
import type { EpochReport } from '../ml/train-loop';
import type { ModelFamily, RunConfig, RunRecord, SampleCounts, SlotKey, SlotResult } from '../storage/records';
import type { ProgressCallback } from './job-types';

/*
 * The run and slot records live in storage/records.ts (storage may not import workers/, and the `runs` and
 * `models` stores hold them); re-exported here so callers keep importing the whole contract from one place.
 */
export type {
  CrossMatrix,
  LabelChoice,
  MetricName,
  MetricSet,
  ModelFamily,
  RunConfig,
  RunRecord,
  SampleCounts,
  SlotKey,
  SlotResult,
} from '../storage/records';

export type TrainingEvent =
  | { type: 'backend'; choice: BackendChoice }
  | { type: 'plan'; slots: { slot: SlotKey; family: ModelFamily; counts: SampleCounts; status: 'queued' | 'insufficient'; reason: string | null }[] }
  | { type: 'slot-start'; slot: SlotKey; family: ModelFamily }
  | { type: 'epoch'; slot: SlotKey; family: ModelFamily; report: EpochReport; epochs: number }
  | { type: 'slot-done'; slot: SlotKey; family: ModelFamily; result: SlotResult };

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
