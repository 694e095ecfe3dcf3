import { datasetContentKey } from '../domain/dataset-manifest';
import { slotLabel } from '../domain/slot-label';
import type { BackendChoice, BackendName } from '../domain/training/backends';
import { predictionsKey, type SlotKey } from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';
import { finishedModelRecord } from '../ml/finished-model-record';
import { parseRunConfig } from '../ml/run-config';
import { trainRun, type FinishedModel } from '../ml/train-run';
import { getDataset } from '../storage/datasets-repo';
import type { WorkbenchDb } from '../storage/db';
import { saveModel } from '../storage/models-repo';
import { estimateBytes } from '../storage/record-size';
import type { RunEvaluationRecord, RunRecord } from '../storage/records';
import { putRun } from '../storage/runs-repo';
import type { ProgressCallback, WorkerProgress } from '../workers/job-types';
import { loadTrainingTable } from './training-table-reader';
import type { TrainRequest } from '../workers/training.api';

export interface TrainingDeps {
  openDb: () => Promise<WorkbenchDb>;
  /** Activates a TF.js backend (with its fallbacks) and says which one runs. */
  selectBackend: (requested: BackendName) => Promise<BackendChoice>;
  now: () => number;
  /** High-resolution clock for timings (performance.now in a worker). */
  clock: () => number;
  /** Lets other messages (a stop) through between batches. */
  yieldToEvents: () => Promise<void>;
}

interface StopState {
  all: boolean;
  slots: Set<SlotKey>;
}

/**
 * Live-view deliveries at most this often. Each delivery re-renders the Training page, and on a two-core
 * machine those renders take CPU from training: small models finish dozens of epochs per second.
 */
export const LIVE_EVENT_INTERVAL_MS = 250;

/**
 * Tracks the share of planned models done: each model (slot × family) is one unit, its epochs or boosting
 * rounds a fraction of it; a model that stops early counts as done.
 */
function createProgress(): (e: TrainingEvent) => WorkerProgress | null {
  let planned = 0;
  let finished = 0;
  let current = 0;
  return (e) => {
    if (e.type === 'plan') {
      planned = e.slots.filter((s) => s.status === 'queued').length;
      return { fraction: 0, phase: 'Training' };
    }
    if (e.type === 'epoch') {
      current = (e.report.epoch + 1) / Math.max(1, e.epochs);
      const fraction = planned > 0 ? Math.min(1, (finished + current) / planned) : 0;
      const unit = e.family === 'trees' ? 'round' : 'epoch';
      return {
        fraction,
        phase: `Training ${slotLabel(e.slot)} ${e.family === 'trees' ? 'trees' : 'network'} · ${unit} ${e.report.epoch + 1} of up to ${e.epochs}`,
      };
    }
    if (e.type === 'slot-done') {
      if (current > 0 || e.result.status === 'done') finished += 1;
      current = 0;
    }
    return null;
  };
}

/**
 * Paces events and progress to the page: epoch events (and the progress they imply) are held and sent
 * together at most every `intervalMs`; any other event first sends what is held, then itself, so the
 * order and every event are kept. The first epoch goes out at once (a stop button waits for it).
 */
export function createLiveOutput(
  onEvent: (e: TrainingEvent) => void,
  onProgress: ProgressCallback,
  clock: () => number,
  intervalMs = LIVE_EVENT_INTERVAL_MS,
): { event(e: TrainingEvent): void; progress(p: WorkerProgress): void; flush(): void } {
  const track = createProgress();
  let events: TrainingEvent[] = [];
  let progress: WorkerProgress | null = null;
  let lastEpochSent = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    const held = events;
    events = [];
    for (const e of held) onEvent(e);
    if (progress !== null) onProgress(progress);
    progress = null;
  };
  return {
    event(e) {
      progress = track(e) ?? progress;
      events.push(e);
      if (e.type !== 'epoch') {
        flush();
        return;
      }
      const now = clock();
      if (now - lastEpochSent >= intervalMs) {
        lastEpochSent = now;
        flush();
      }
    },
    progress(p) {
      progress = p;
      flush();
    },
    flush,
  };
}

/** The training worker's logic, free of Comlink so it is testable with plain calls. */
export function createTrainingService(deps: TrainingDeps) {
  const stops = new Map<string, StopState>();
  let dbPromise: Promise<WorkbenchDb> | null = null;
  const db = (): Promise<WorkbenchDb> => (dbPromise ??= deps.openDb());
  const stopState = (runId: string): StopState => {
    let s = stops.get(runId);
    if (!s) {
      s = { all: false, slots: new Set() };
      stops.set(runId, s);
    }
    return s;
  };

  async function train(
    req: TrainRequest,
    onEvent: (e: TrainingEvent) => void,
    onProgress: ProgressCallback,
  ): Promise<RunRecord> {
    const started = deps.clock();
    const config = parseRunConfig(req.config);
    const database = await db();
    const dataset = await getDataset(database, req.datasetId);
    if (!dataset) throw new Error('This dataset no longer exists or is still being written.');
    const stop = stopState(req.runId);
    const run: RunRecord = {
      id: req.runId,
      name: req.name,
      createdAt: req.createdAt,
      completedAt: null,
      status: 'running',
      datasetId: dataset.id,
      datasetName: dataset.name,
      datasetManifest: { kind: dataset.kind, spec: dataset.spec, appVersion: dataset.appVersion },
      config,
      backend: null,
      featureNames: [],
      slots: [],
      crossMatrix: null,
      error: null,
      totalMs: 0,
      sizeBytes: 0,
    };
    let modelBytes = 0;
    // Each slot's evaluation data is written once, with the run record that first lists the slot.
    let evaluationBytes = 0;
    let pending: RunEvaluationRecord[] = [];
    const persist = async (): Promise<void> => {
      run.totalMs = deps.clock() - started;
      evaluationBytes += pending.reduce((sum, e) => sum + estimateBytes(e), 0);
      run.sizeBytes = estimateBytes({ ...run, sizeBytes: 0 }) + modelBytes + evaluationBytes;
      await putRun(database, run, pending);
      pending = [];
    };
    const save = async (m: FinishedModel): Promise<string> => {
      const record = await finishedModelRecord(m, {
        runId: req.runId,
        runName: req.name,
        datasetId: dataset.id,
        datasetManifest: run.datasetManifest,
        createdAt: deps.now(),
        appVersion: req.appVersion,
        networkBackend: run.backend?.active ?? config.backend,
      });
      record.sizeBytes = estimateBytes(record);
      const saved = await saveModel(database, record);
      modelBytes += saved.sizeBytes;
      return saved.id;
    };

    const live = createLiveOutput(onEvent, onProgress, deps.clock);
    try {
      live.progress({ fraction: 0, phase: 'Starting the backend' });
      run.backend = await deps.selectBackend(config.backend);
      live.event({ type: 'backend', choice: run.backend });
      live.progress({ fraction: 0, phase: 'Loading the dataset' });
      const table = await loadTrainingTable(database, dataset.id);
      run.featureNames = table.featureNames;
      await persist();
      const outcome = await trainRun(table, config, {
        dataKey: datasetContentKey(dataset),
        backend: run.backend.active,
        // The evaluation data stays in this worker and in IndexedDB: the page never needs it whole.
        onEvent: (e) => live.event(e.type === 'slot-done' ? { ...e, result: { ...e.result, evaluation: null } } : e),
        saveModel: save,
        onSlotDone: async (result) => {
          const { evaluation, ...rest } = result;
          if (evaluation) pending.push({ runId: run.id, slot: predictionsKey(result), ...evaluation });
          run.slots.push({ ...rest, evaluation: null });
          await persist();
        },
        shouldStop: (slot) => stop.all || stop.slots.has(slot),
        yieldNow: deps.yieldToEvents,
        clock: deps.clock,
      });
      live.flush();
      run.crossMatrix = outcome.crossMatrix;
      run.status = stop.all ? 'stopped' : 'done';
      run.completedAt = deps.now();
      await persist();
      live.progress({ fraction: 1, phase: run.status === 'stopped' ? 'Stopped' : 'Done' });
      return run;
    } catch (e) {
      live.flush();
      run.status = 'failed';
      run.error = e instanceof Error ? e.message : String(e);
      run.completedAt = deps.now();
      // The finished models and slots stay; the record says why the rest is missing.
      await persist().catch(() => undefined);
      throw e;
    } finally {
      stops.delete(req.runId);
    }
  }

  return {
    train,
    /** Stops one slot, or (slot null) the whole run, at the next batch boundary. */
    stop(runId: string, slot: SlotKey | null): void {
      const s = stopState(runId);
      if (slot === null) s.all = true;
      else s.slots.add(slot);
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
