import type { StateCreator } from 'zustand/vanilla';
import type {
  EpochReport,
  ModelFamily,
  RunConfig,
  SampleCounts,
  SlotKey,
  SlotResult,
} from '../domain/training/run-types';
import type { BackendChoice } from '../domain/training/backends';
import { cancelledError } from '../workers/job-types';
import type { RunRecord } from '../workers/training.api';
import type { TrainingEvent } from '../domain/training/training-events';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';
import { workerCallback } from '../workers/worker-client';

/** What the Training page shows of a run while it trains; curves arrive epoch by epoch. */
export interface LiveSlot {
  slot: SlotKey;
  family: ModelFamily;
  status: 'queued' | 'training' | 'done' | 'insufficient' | 'stopped' | 'failed';
  reason: string | null;
  counts: SampleCounts;
  epochs: EpochReport[];
  plannedEpochs: number;
  result: SlotResult | null;
}

export interface LiveRun {
  runId: string;
  jobId: string | null;
  startedAt: number;
  backend: BackendChoice | null;
  slots: LiveSlot[];
}

export interface TrainingSlice {
  runs: RunRecord[];
  runsLoaded: boolean;
  liveRun: LiveRun | null;
  loadRuns(): Promise<void>;
  /** Trains on a stored dataset in the training worker; resolves with the run id, or null if it failed. */
  startRun(datasetId: string, name: string, config: RunConfig): Promise<string | null>;
  stopSlot(runId: string, slot: SlotKey | null): void;
  deleteRun(runId: string): Promise<void>;
  /** The run with its test predictions (stored apart from the run record), for the Compare page. */
  runWithPredictions(run: RunRecord): Promise<RunRecord>;
}

function same(s: LiveSlot, e: { slot: SlotKey; family: ModelFamily }): boolean {
  return s.slot === e.slot && s.family === e.family;
}

function applyEvent(live: LiveRun, e: TrainingEvent): LiveRun {
  switch (e.type) {
    case 'backend':
      return { ...live, backend: e.choice };
    case 'plan':
      return {
        ...live,
        slots: e.slots.map((s) => ({
          slot: s.slot,
          family: s.family,
          status: s.status,
          reason: s.reason,
          counts: s.counts,
          epochs: [],
          plannedEpochs: 0,
          result: null,
        })),
      };
    case 'slot-start':
      return { ...live, slots: live.slots.map((s) => (same(s, e) ? { ...s, status: 'training' } : s)) };
    case 'epoch':
      return {
        ...live,
        slots: live.slots.map((s) =>
          same(s, e) ? { ...s, epochs: [...s.epochs, e.report], plannedEpochs: e.epochs } : s,
        ),
      };
    case 'slot-done':
      return {
        ...live,
        slots: live.slots.map((s) =>
          same(s, e) ? { ...s, status: e.result.status, reason: e.result.reason, result: e.result } : s,
        ),
      };
  }
}

export function createTrainingSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], TrainingSlice> {
  return (set, get) => ({
    runs: [],
    runsLoaded: false,
    liveRun: null,
    async loadRuns() {
      set({ runs: await services.runs.list(), runsLoaded: true });
    },
    async startRun(datasetId, name, config) {
      const runId = services.newId();
      const { trainer } = services;
      set({ liveRun: { runId, jobId: null, startedAt: services.now(), backend: null, slots: [] } });
      // Epoch events can come fast; batch them into one store update per animation frame-ish tick.
      let pending: TrainingEvent[] = [];
      let scheduled = false;
      const flush = (): void => {
        scheduled = false;
        const live = get().liveRun;
        if (!live || live.runId !== runId) return;
        set({ liveRun: pending.reduce(applyEvent, live) });
        pending = [];
      };
      const onEvent = (e: TrainingEvent): void => {
        pending.push(e);
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, 50);
        }
      };
      const record = await get().runJob({
        kind: 'train',
        title: `Train "${name}"`,
        resultId: runId,
        run: (jobId, onProgress) => {
          const live = get().liveRun;
          if (live) set({ liveRun: { ...live, jobId } });
          return trainer.run((api) =>
            api.train(
              { runId, name, datasetId, config, createdAt: services.now(), appVersion: services.appVersion },
              workerCallback(onEvent),
              workerCallback(onProgress),
            ),
          );
        },
        cancel: () => trainer.whenRunning((api) => api.stop(runId, null)),
        hardStop: () => trainer.terminate(cancelledError('Training')),
      });
      flush();
      // The finished run came back from the worker already: add it rather than re-reading every stored run
      // (with their test predictions) from IndexedDB on the main thread. Stopped or failed runs are re-read.
      if (record) set({ runs: [record, ...get().runs.filter((r) => r.id !== record.id)] });
      else await get().loadRuns();
      return record ? runId : null;
    },
    stopSlot(runId, slot) {
      services.trainer.whenRunning((api) => api.stop(runId, slot));
    },
    runWithPredictions: (run) =>
      run.slots.every((s) => s.status !== 'done' || s.test !== null)
        ? Promise.resolve(run)
        : services.runs.withPredictions(run),
    async deleteRun(runId) {
      await services.runs.remove(runId);
      set({ runs: get().runs.filter((r) => r.id !== runId) });
    },
  });
}
