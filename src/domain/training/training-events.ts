import type { BackendChoice } from './backends';
import type { EpochReport, ModelFamily, SampleCounts, SlotKey, SlotResult } from './run-types';

/** What a training run reports as it goes: the backend, the plan, each slot's start, epochs and result. */
export type TrainingEvent =
  | { type: 'backend'; choice: BackendChoice }
  | {
      type: 'plan';
      slots: {
        slot: SlotKey;
        family: ModelFamily;
        counts: SampleCounts;
        status: 'queued' | 'insufficient';
        reason: string | null;
      }[];
    }
  | { type: 'slot-start'; slot: SlotKey; family: ModelFamily }
  | { type: 'epoch'; slot: SlotKey; family: ModelFamily; report: EpochReport; epochs: number }
  | { type: 'slot-done'; slot: SlotKey; family: ModelFamily; result: SlotResult };
