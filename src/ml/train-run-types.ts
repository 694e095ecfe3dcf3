import type * as tf from '@tensorflow/tfjs';
import type { Calibrator } from '../domain/evaluation/calibration';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import type { ThresholdRule } from '../domain/evaluation/operating-threshold';
import type { Standardizer } from '../domain/evaluation/standardize';
import type { HomeType } from '../domain/home-types';
import type { CrossMatrix, MetricSet, ModelFamily, RunConfig, SlotKey, SlotResult } from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';
import type { SlotData } from './slot-data';
import type { BaseNetwork } from './train-slot-network';
import type { TrainingTable } from './training-table';

/** The threshold of a slot that produced no model (and the original's fixed operating point). */
export const DEFAULT_THRESHOLD = 0.5;

/** A slot's trained model with what inference needs; valid only during `saveModel` (disposed afterwards). */
export interface FinishedModel {
  slot: SlotKey;
  family: ModelFamily;
  homeType: HomeType | null;
  /** The network (family 'network'), else null. */
  model: tf.LayersModel | null;
  /** The trees (family 'trees'), else null. */
  trees: GbdtModel | null;
  standardizer: Standardizer;
  featureNames: string[];
  threshold: number;
  thresholdRule: ThresholdRule;
  /** Applied to the model's output before the threshold; null: none. */
  calibration: Calibrator | null;
  metrics: MetricSet;
}

/** Callbacks and context of `trainRun`; all optional except what names the data. */
export interface TrainRunOptions {
  /**
   * Seeds the fixed split, the negative sampling and the encodings (`datasetContentKey` of the dataset):
   * the same data gets the same split and metrics whatever its record's id, so regenerating a dataset
   * from its manifest, or generating it again with the same settings, reproduces a run's numbers.
   */
  dataKey: string;
  /** The active TF.js backend, recorded in each slot result. */
  backend: string;
  /** Events as they happen (plan, slot-start, epoch, slot-done); must not throw. */
  onEvent?: (e: TrainingEvent) => void;
  /** Persists a finished model and returns its id; awaited before the model is disposed. */
  saveModel?: (m: FinishedModel) => Promise<string>;
  /** Awaited after each model, so the caller can persist the growing run before the next starts. */
  onSlotDone?: (result: SlotResult) => Promise<void>;
  /** True when this slot (or the whole run) should stop; polled between batches. */
  shouldStop?: (slot: SlotKey) => boolean;
  /** Lets messages (a stop) through between batches. */
  yieldNow?: () => Promise<void>;
  clock?: () => number;
}

/** What a run produced: one result per planned slot and family, in training order, and the cross-home-type matrix. */
export interface RunOutcome {
  slots: SlotResult[];
  crossMatrix: CrossMatrix | null;
  featureNames: string[];
  /** Table rows of the run's test set, in the order of the global slot's test scores; a home type's test rows are these rows of that type, in this order. */
  testRows: Uint32Array;
}

/** What every slot of a run shares. */
export interface SlotContext {
  table: TrainingTable;
  labels: Uint8Array;
  config: RunConfig;
  options: TrainRunOptions;
  split: SlotData['split'];
  /** The global models per-home-type models start from; shared by every slot of the run (the hidden global slot runs with a copy of the context). */
  base: { network: BaseNetwork | null; trees: GbdtModel | null };
}
