import type * as tf from '@tensorflow/tfjs';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import type { ModelFamily, SlotKey, EpochReport } from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';

/** What one family's training of one slot produced, before evaluation. */
export interface FamilyFit {
  family: ModelFamily;
  /** `stopped`: stopped by the user (the best so far is evaluated, not saved); `failed`: nothing usable. */
  status: 'done' | 'stopped' | 'failed';
  reason: string | null;
  /** Per epoch (network) or per boosting round (trees). */
  history: EpochReport[];
  bestEpoch: number;
  trainMs: number;
  /**
   * Scores of the slot's validation rows and of the run's whole test set (NaN outside the slot's own test
   * rows when the family does not feed the cross matrix); null when training failed.
   */
  valScores: Float32Array | null;
  testScores: Float32Array | null;
  network: tf.LayersModel | null;
  trees: GbdtModel | null;
  /** A note for the model card and Compare (e.g. "kept the global network's weights"). */
  note: string | null;
}

/** What a family trainer needs from the run besides the slot's data. */
export interface FamilyHooks {
  onEvent?: (e: TrainingEvent) => void;
  shouldStop: () => boolean;
  yieldNow?: () => Promise<void>;
  clock?: () => number;
}

export function epochEvent(slot: SlotKey, family: ModelFamily, report: EpochReport, epochs: number): TrainingEvent {
  return { type: 'epoch', slot, family, report, epochs };
}
