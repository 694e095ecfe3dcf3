import { createContext, useContext, useMemo } from 'react';
import { FAILURE_SCENARIOS, type Metric } from '../domain/device-types';
import type { DatasetProfiles } from '../domain/explore/profiles';
import type { LabelHistogram } from '../domain/explore/label-histogram';
import { estimateEtaMs } from '../domain/jobs/eta';
import type { JobProgress } from '../domain/jobs/job-types';
import type { HaHistoryFormat } from '../domain/homes/ha-history';
import type { ModelFamily } from '../domain/training/run-types';
import type { HomeClassification } from '../workers/classifier.api';
import type { EvaluationSettings, RunEvaluation } from '../workers/evaluation.api';
import type { DatasetExportFormat, DeviceSeries } from '../workers/generator.api';
import type { TableExportRequest, TableQuery } from '../domain/explore/table-view';
import { columnsToTemporal } from '../storage/temporal-chunks';
import { getChunk, getDataset } from '../storage/datasets-repo';
import type { DatasetQueryApi, DatasetTableInfo, TableQueryResult } from '../workers/dataset-query.api';
import type { ProgressCallback, WorkerProgress } from '../workers/job-types';
import { WorkerCrashedError, workerCallback, type WorkerApi, type WorkerClient } from '../workers/worker-client';
import type { ExportFile, HomesApi, HomeView } from '../workers/homes.api';
import type { FileJob } from './use-file-export';
import type {
  BatchResult,
  ExportFormat,
  ModelHealth,
  ModelSnippets,
  PredictionResult,
  PredictRequest,
} from '../workers/models.api';
import type { WorkbenchServices } from './services';

/**
 * Service calls that never touch the store's state: features reach them through these hooks instead of the
 * store, which keeps view state and the actions that change it. The app provides the services next to the store.
 */
export const ServicesContext = createContext<WorkbenchServices | null>(null);

function useServices(): WorkbenchServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('service hooks must be used inside <ServicesContext.Provider>');
  return services;
}

export interface ModelCalls {
  /** Loads the model afresh in the models worker and runs it on a known row. */
  checkModelHealth(id: string): Promise<ModelHealth>;
  /** The files of one export format, ready to download. */
  exportModelFiles(id: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string }[]>;
  modelSnippets(id: string): Promise<ModelSnippets>;
  predictDevice(req: PredictRequest): Promise<PredictionResult>;
  /**
   * Predicts every row of a CSV file with the newest model of each row's slot (of `family` only, when given);
   * the result CSV comes back as a Blob to download.
   */
  predictCsvFile(file: File, family?: ModelFamily): Promise<BatchResult & { blob: Blob }>;
}

export function modelCalls(services: WorkbenchServices): ModelCalls {
  const { models } = services;
  return {
    checkModelHealth: (id) => models.run((api) => api.checkHealth(id)),
    async exportModelFiles(id, format) {
      const files = await models.run((api) => api.exportModel(id, format, services.appVersion));
      return files.map((f) => ({ blob: new Blob([f.data], { type: f.mime }), fileName: f.name }));
    },
    modelSnippets: (id) => models.run((api) => api.snippets(id)),
    predictDevice: (req) => models.run((api) => api.predict(req)),
    async predictCsvFile(file, family) {
      const csv = await file.text();
      const result = await models.run((api) =>
        api.predictBatch({ csv, fileName: file.name, ...(family !== undefined ? { family } : {}) }),
      );
      return { ...result, blob: new Blob([result.csv], { type: 'text/csv' }) };
    },
  };
}

export interface HomeCalls {
  homeView(id: string): Promise<HomeView | null>;
  exportHome(id: string): Promise<ExportFile>;
  exportHomeHistory(id: string, format: HaHistoryFormat): Promise<ExportFile>;
  /** Every home in one ZIP, with progress per home; `cancel()` stops it. */
  exportAllHomes(onProgress: (p: JobProgress) => void): FileJob;
  exportHomesSummary(): Promise<ExportFile>;
  /** Every home's events as one Parquet file, with progress per home; `cancel()` stops it. */
  exportHomeEventsParquet(onProgress: (p: JobProgress) => void): FileJob;
}

/**
 * An export in a worker with progress and the time left, under a new job id, and its cooperative cancel. A
 * crashed worker becomes a message that says so.
 */
function trackedExport<Api>(
  services: WorkbenchServices,
  client: WorkerClient<Api>,
  call: (api: WorkerApi<Api>, jobId: string, onProgress: ProgressCallback) => Promise<ExportFile>,
  cancel: (api: WorkerApi<Api>, jobId: string) => unknown,
  onProgress: (p: JobProgress) => void,
): FileJob {
  const jobId = services.newId();
  const startedAt = services.now();
  const progress = (p: WorkerProgress): void =>
    onProgress({ ...p, etaMs: estimateEtaMs(p.fraction, services.now() - startedAt) });
  const file = client
    .run((api) => call(api, jobId, workerCallback(progress)))
    .catch((e: unknown) => {
      if (e instanceof WorkerCrashedError) throw new Error(`Export failed: ${e.message}`);
      throw e;
    });
  return { file, cancel: () => client.whenRunning((api) => cancel(api, jobId)) };
}

export function homeCalls(services: WorkbenchServices): HomeCalls {
  const { homes } = services;
  const cancel = (api: WorkerApi<HomesApi>, jobId: string): Promise<void> => api.cancel(jobId);
  return {
    homeView: (id) => homes.run((api) => api.homeView(id)),
    exportHome: (id) => homes.run((api) => api.exportHome(id)),
    exportHomeHistory: (id, format) => homes.run((api) => api.exportHomeHistory(id, format)),
    exportAllHomes: (onProgress) =>
      trackedExport(services, homes, (api, jobId, cb) => api.exportAllHomes(jobId, cb), cancel, onProgress),
    exportHomesSummary: () => homes.run((api) => api.exportSummary()),
    exportHomeEventsParquet: (onProgress) =>
      trackedExport(services, homes, (api, jobId, cb) => api.exportEventsParquet(jobId, cb), cancel, onProgress),
  };
}

export interface DatasetCalls {
  deviceSeries(id: string, deviceIndex: number, metric: Metric, maxPoints: number): Promise<DeviceSeries>;
  profiles(id: string, metric: Metric): Promise<DatasetProfiles>;
  featureHistogram(id: string, feature: number): Promise<LabelHistogram>;
  /** Up to `max` device indices of a temporal dataset with a failure, from its first chunks (for the chart picker). */
  failingDevices(id: string, max: number): Promise<{ index: number; scenario: string }[]>;
  /**
   * Builds an export file in the generator worker, with progress and the time left; `cancel()` stops it (the
   * file then rejects as cancelled).
   */
  exportDataset(id: string, format: DatasetExportFormat, onProgress: (p: JobProgress) => void): FileJob;
  /**
   * Loads every row of a dataset into the query worker (progress as it reads). `close()` says the page no
   * longer waits: a load nobody waits for stops; finished columns stay held for the next visit.
   */
  openDatasetTable(
    id: string,
    priorityColumns: string[],
    onProgress: (p: WorkerProgress) => void,
  ): { info: Promise<DatasetTableInfo>; close(): void };
  /** One window of the dataset's rows under a sort and filters computed over all rows. */
  queryDatasetTable(query: TableQuery): Promise<TableQueryResult>;
  /** The rows of a view, in its order, as CSV in the dataset's export format. */
  exportDatasetTable(request: TableExportRequest): Promise<{ blob: Blob; fileName: string; rows: number }>;
}

function tableWorker(services: WorkbenchServices): WorkerClient<DatasetQueryApi> {
  if (!services.datasetQuery) throw new Error('The dataset table is not available here.');
  return services.datasetQuery;
}

/** A crashed table worker (out of memory, most likely) as a message that says what to do. */
async function tableCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof WorkerCrashedError)
      throw new Error(`The dataset table stopped: ${e.message} Reload the page to try again.`);
    throw e;
  }
}

export function datasetCalls(services: WorkbenchServices): DatasetCalls {
  const { generator } = services;
  return {
    deviceSeries: (id, deviceIndex, metric, maxPoints) =>
      generator.run((api) => api.deviceSeries(id, deviceIndex, metric, maxPoints)),
    profiles: (id, metric) => generator.run((api) => api.profiles(id, metric)),
    featureHistogram: (id, feature) => generator.run((api) => api.featureHistogram(id, feature)),
    async failingDevices(id, max) {
      const rec = await getDataset(services.db, id);
      const out: { index: number; scenario: string }[] = [];
      for (let i = 0; rec && i < rec.chunkCount && out.length < max; i++) {
        const chunk = await getChunk(services.db, id, i);
        if (!chunk) break;
        const { devices } = columnsToTemporal(chunk.columns);
        devices.scenario.forEach((sc, k) => {
          if (sc >= 0 && out.length < max)
            out.push({ index: devices.deviceIndex[k] ?? 0, scenario: FAILURE_SCENARIOS[sc] ?? '' });
        });
      }
      return out;
    },
    exportDataset: (id, format, onProgress) =>
      trackedExport(
        services,
        generator,
        (api, jobId, cb) => api.exportDataset(id, format, jobId, cb),
        (api, jobId) => api.cancel(jobId),
        onProgress,
      ),
    openDatasetTable(id, priorityColumns, onProgress) {
      const requestId = services.newId();
      const info = tableCall(() =>
        tableWorker(services).run((api) => api.open(id, requestId, { priorityColumns }, workerCallback(onProgress))),
      );
      return { info, close: () => services.datasetQuery?.whenRunning((api) => api.release(requestId)) };
    },
    queryDatasetTable: (query) => tableCall(() => tableWorker(services).run((api) => api.query(query))),
    exportDatasetTable: (request) => tableCall(() => tableWorker(services).run((api) => api.exportCsv(request))),
  };
}

export interface ClassifierCalls {
  classifyHome(homeId: string): Promise<HomeClassification>;
}

export function classifierCalls({ classifier }: WorkbenchServices): ClassifierCalls {
  return { classifyHome: (homeId) => classifier.run((api) => api.classifyHome(homeId)) };
}

export interface EvaluationCalls {
  /** Event-level metrics, calibration and paired verdicts of a stored run (null: the run predates them), in the evaluation worker. */
  evaluateRun(runId: string, settings: EvaluationSettings): Promise<RunEvaluation | null>;
}

export function evaluationCalls({ evaluation }: WorkbenchServices): EvaluationCalls {
  return { evaluateRun: (runId, settings) => evaluation.run((api) => api.evaluateRun(runId, settings)) };
}

// Each hook returns the same object for the same services, so its functions are stable effect dependencies.

export function useModelCalls(): ModelCalls {
  const services = useServices();
  return useMemo(() => modelCalls(services), [services]);
}

export function useHomeCalls(): HomeCalls {
  const services = useServices();
  return useMemo(() => homeCalls(services), [services]);
}

export function useDatasetCalls(): DatasetCalls {
  const services = useServices();
  return useMemo(() => datasetCalls(services), [services]);
}

export function useClassifierCalls(): ClassifierCalls {
  const services = useServices();
  return useMemo(() => classifierCalls(services), [services]);
}

export function useEvaluationCalls(): EvaluationCalls {
  const services = useServices();
  return useMemo(() => evaluationCalls(services), [services]);
}
