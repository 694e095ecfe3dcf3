import type { WorkbenchDb } from '../storage/db';
import type { ClassifierApi } from '../workers/classifier.api';
import type { DatasetQueryApi } from '../workers/dataset-query.api';
import type { EvaluationApi } from '../workers/evaluation.api';
import type { GeneratorApi } from '../workers/generator.api';
import type { HomesApi } from '../workers/homes.api';
import type { ModelsApi } from '../workers/models.api';
import type { RunRecord, TrainingApi } from '../workers/training.api';
import type { WorkerClient } from '../workers/worker-client';

/** What the store needs from the outside world; app/ builds the real ones, tests pass fakes. */
export interface WorkbenchServices {
  db: WorkbenchDb;
  generator: WorkerClient<GeneratorApi>;
  trainer: WorkerClient<TrainingApi>;
  classifier: WorkerClient<ClassifierApi>;
  /** Inference, health checks, export and import of stored models (TF.js stays in this worker). */
  models: WorkerClient<ModelsApi>;
  /** Home synthesis, views and exports; holds the OpenAI key in memory (so it has no idle timeout). */
  homes: WorkerClient<HomesApi>;
  /** Event-level metrics, calibration and paired intervals of stored runs, computed off the main thread. */
  evaluation: WorkerClient<EvaluationApi>;
  /**
   * Sorts, filters, pages and exports every row of one stored dataset (it holds that dataset's columns).
   * Optional so tests of other slices need not fake it; without it the dataset table reports it is unavailable.
   */
  datasetQuery?: WorkerClient<DatasetQueryApi>;
  /** Stored training runs (the repository, behind an interface so the store does not depend on its shape). */
  runs: {
    list(): Promise<RunRecord[]>;
    remove(id: string): Promise<void>;
    withPredictions(run: RunRecord): Promise<RunRecord>;
  };
  /** This tab's id; jobs carry it so a reload can tell its own cut-off jobs from other tabs' live ones. */
  tabId: string;
  /** Whether a tab still runs (Web Locks in the browser). */
  isTabAlive: (tabId: string) => boolean;
  now: () => number;
  newId: () => string;
  appVersion: string;
  storageEstimate: () => Promise<{ usage: number; quota: number } | null>;
  persisted: () => Promise<boolean | null>;
  requestPersistence: () => Promise<boolean | null>;
}
