import type { StateCreator } from 'zustand/vanilla';
import { parseManifest } from '../domain/dataset-manifest';
import type { ClassicSpec } from '../domain/classic/classic-spec';
import type { TemporalSpec } from '../domain/temporal/spec';
import { deleteDataset, listDatasets } from '../storage/datasets-repo';
import { workerCallback, type WorkerApi } from '../workers/worker-client';
import { cancelledError } from '../workers/job-types';
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
  deleteDatasetById(id: string): Promise<void>;
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
      async deleteDatasetById(id) {
        await deleteDataset(services.db, id);
        services.datasetQuery?.whenRunning((api) => api.forget(id));
        set({ datasets: get().datasets.filter((d) => d.id !== id) });
      },
    };
  };
}
