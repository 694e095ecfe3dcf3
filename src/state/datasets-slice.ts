import type { StateCreator } from 'zustand/vanilla';
import { FAILURE_SCENARIOS } from '../domain/device-types';
import { parseManifest } from '../domain/dataset-manifest';
import type { ClassicSpec } from '../domain/classic/classic-spec';
import type { TemporalSpec } from '../domain/temporal/spec';
import { columnsToTemporal } from '../storage/temporal-chunks';
import { deleteDataset, getChunk, getDataset, listDatasets } from '../storage/datasets-repo';
import { WorkerCrashedError, workerCallback, type WorkerApi, type WorkerClient } from '../workers/worker-client';
import { cancelledError } from '../workers/job-types';
import type { DatasetExportFormat } from '../workers/generator.api';
import type { TableExportRequest, TableQuery } from '../domain/explore/table-view';
import type { DatasetQueryApi, DatasetTableInfo, TableQueryResult } from '../workers/dataset-query.api';
import type { DatasetRecord } from '../storage/records';
import type { GeneratorApi } from '../workers/generator.api';
import type { WorkerProgress } from '../workers/job-types';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

export interface DatasetsSlice {
  datasets: DatasetRecord[];
  datasetsLoaded: boolean;
  loadDatasets(): Promise<void>;
  /** Starts a classic generation job; resolves with the new dataset's id, or null if it did not finish. */
  generateClassic(spec: ClassicSpec, name: string): Promise<string | null>;
  /** Starts a temporal generation job; resolves with the new dataset's id, or null if it did not finish. */
  generateTemporal(spec: TemporalSpec, name: string): Promise<string | null>;
  /** Regenerates a dataset from an exported manifest file's text; a bad file is a clear error, nothing stored. */
  importManifest(text: string): Promise<string | null>;
  /** Up to `max` device indices of a temporal dataset with a failure, from its first chunks (for the chart picker). */
  failingDevices(id: string, max: number): Promise<{ index: number; scenario: string }[]>;
  deleteDatasetById(id: string): Promise<void>;
  exportDataset(id: string, format: DatasetExportFormat): Promise<{ blob: Blob; fileName: string }>;
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

export function createDatasetsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], DatasetsSlice> {
  return (set, get) => {
    type Req = { jobId: string; datasetId: string; appVersion: string; createdAt: number };
    const generate = async (
      title: string,
      kind: 'generate-classic' | 'generate-temporal',
      start: (
        api: WorkerApi<GeneratorApi>,
        req: Req,
        onProgress: (p: WorkerProgress) => void,
      ) => Promise<DatasetRecord>,
    ): Promise<string | null> => {
      const datasetId = services.newId();
      const { generator } = services;
      const result = await get().runJob({
        kind,
        title,
        resultId: datasetId,
        run: (jobId, onProgress) =>
          generator.run((api) =>
            start(api, { jobId, datasetId, appVersion: services.appVersion, createdAt: services.now() }, onProgress),
          ),
        cancel: (jobId) => generator.whenRunning((api) => api.cancel(jobId)),
        hardStop: () => generator.terminate(cancelledError('Generation')),
        // After a crash or a hard stop the worker could not remove its partial dataset: do it here.
        cleanUp: () => deleteDataset(services.db, datasetId),
      });
      await get().loadDatasets();
      return result ? datasetId : null;
    };
    return {
      datasets: [],
      datasetsLoaded: false,
      async loadDatasets() {
        set({ datasets: await listDatasets(services.db), datasetsLoaded: true });
      },
      generateClassic(spec, name) {
        return generate(
          `Generate "${name}" (${spec.samples.toLocaleString('en-US')} classic rows)`,
          'generate-classic',
          (api, req, onProgress) => api.generateClassic({ ...req, name, spec }, workerCallback(onProgress)),
        );
      },
      generateTemporal(spec, name) {
        return generate(
          `Generate "${name}" (${spec.homes.toLocaleString('en-US')} homes × ${spec.days} days)`,
          'generate-temporal',
          (api, req, onProgress) => api.generateTemporal({ ...req, name, spec }, workerCallback(onProgress)),
        );
      },
      async importManifest(text) {
        const manifest = parseManifest(text);
        const name = `${manifest.name} (imported)`;
        return manifest.kind === 'classic'
          ? get().generateClassic(manifest.spec, name)
          : get().generateTemporal(manifest.spec, name);
      },
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
      async deleteDatasetById(id) {
        await deleteDataset(services.db, id);
        services.datasetQuery?.whenRunning((api) => api.forget(id));
        set({ datasets: get().datasets.filter((d) => d.id !== id) });
      },
      openDatasetTable(id, priorityColumns, onProgress) {
        const requestId = services.newId();
        const info = tableCall(() =>
          tableWorker(services).run((api) => api.open(id, requestId, { priorityColumns }, workerCallback(onProgress))),
        );
        return { info, close: () => services.datasetQuery?.whenRunning((api) => api.release(requestId)) };
      },
      queryDatasetTable: (query) => tableCall(() => tableWorker(services).run((api) => api.query(query))),
      exportDatasetTable: (request) => tableCall(() => tableWorker(services).run((api) => api.exportCsv(request))),
      async exportDataset(id, format) {
        try {
          return await services.generator.run((api) => api.exportDataset(id, format));
        } catch (e) {
          if (e instanceof WorkerCrashedError) throw new Error(`Export failed: ${e.message}`);
          throw e;
        }
      },
    };
  };
}
